import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { KEY_PREFIX_PATTERN, PROJECT_PATTERN } from '../../config/patterns';
import { REGION_NAME_PATTERN } from '../../aws/regions';
import { attachedPolicy, checkTrustedPrincipals, inlinePolicies, principalTrust, trustedRole } from '../../aws/trusted-role';
import { githubActionsTrust } from '../../aws/github-oidc';
import {
  DeployContext,
  DeployGrant,
  DomainPermissions,
  MANAGED_POLICIES_PER_ROLE,
  MANAGED_POLICY_MAX_CHARS,
  policySize,
  TrafficDeployOptions,
  worstCaseContext,
} from '../../aws/deploy-permissions';
import type { AccountFacts } from '../../aws/account-facts';
import { PROJECT_TAG_KEY } from '../../aws/tags';
import { NETWORK_PERMISSIONS } from '../network/permissions';
import { SECURITY_PERMISSIONS } from '../security/permissions';
import { AUDIT_PERMISSIONS } from '../audit/permissions';
import { IDENTITY_PERMISSIONS } from './permissions';
import { COMPUTE_IMAGES_PERMISSIONS, COMPUTE_REGISTRY_PERMISSIONS, COMPUTE_SNAPSHOTS_PERMISSIONS } from '../compute/permissions';
import { EDGE_DELIVERY_PERMISSIONS, EDGE_TRAFFIC_PERMISSIONS } from '../edge/permissions';
import { OPERATIONS_PERMISSIONS } from '../operations/permissions';

/**
 * Every domain whose resources the deploy role deploys. compute and edge join when their constructs
 * land; state has none (its bucket is deployed by bootstrap, with administrator credentials).
 */
export const DEPLOY_DOMAINS: readonly DomainPermissions[] = [
  NETWORK_PERMISSIONS,
  SECURITY_PERMISSIONS,
  AUDIT_PERMISSIONS,
  IDENTITY_PERMISSIONS,
  COMPUTE_REGISTRY_PERMISSIONS,
  COMPUTE_IMAGES_PERMISSIONS,
  COMPUTE_SNAPSHOTS_PERMISSIONS,
  EDGE_DELIVERY_PERMISSIONS,
  EDGE_TRAFFIC_PERMISSIONS,
  // The tenth: IAM's default quota of managed policies per role (MANAGED_POLICIES_PER_ROLE) is reached.
  OPERATIONS_PERMISSIONS,
];

/** Characters a secret name may use (security.secrets[].name); none is an IAM wildcard. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

/** Characters a domain name may use: it becomes part of an IAM policy name and a Terraform id. */
const DOMAIN_NAME = /^[a-z][a-z0-9-]{0,39}$/;

export interface DeployRoleProps {
  /** Role name. */
  readonly roleName: string;
  /**
   * IAM principals (roles, users, account roots) that may assume the role; at least one. An
   * account root stands for every principal of that account and is trusted only with MFA.
   */
  readonly trustedPrincipalArns: readonly string[];
  /** GitHub Actions workflow runs that may assume the role through the account's OIDC provider. @default none */
  readonly githubActions?: GithubActionsTrust;
  /**
   * Managed policy set as the role's permissions boundary; every role the deploy role creates or
   * changes must then carry it too. @default no boundary
   */
  readonly permissionsBoundaryArn?: string;
  /** Name prefix of everything the foundation creates (roles, buckets, trails, log groups, policies). */
  readonly project: string;
  /** Bucket that holds every stack's Terraform state. */
  readonly stateBucketName: string;
  /** The state bucket's replica (`stateReplicaBucketName`): the same access, for after a failover to it. @default none */
  readonly stateReplicaBucketName?: string;
  /** Prefix of every state key, without leading or trailing "/", e.g. "example/prod". */
  readonly stateKeyPrefix: string;
  /** Region of the global stacks, where the secrets and their resource policies live. */
  readonly primaryRegion: string;
  /** Every Region of the foundation, the primary included. */
  readonly regions: readonly string[];
  /** Names of the secrets the role manages (never their values). @default none */
  readonly secretNames?: readonly string[];
  /**
   * AWS Managed Microsoft AD is deployed: the role gets the EC2 calls Directory Service makes with
   * the caller's credentials (see DeployContext.managedDirectory). @default false
   */
  readonly managedDirectory?: boolean;
  /** What the edge layer's traffic part deploys (see DeployContext.traffic). @default no domain, neither GA nor ARC */
  readonly traffic?: TrafficDeployOptions;
  /**
   * Keys of the tags the providers put on every resource (`defaultTagKeys(config)`); must include
   * the project tag, which scopes the role's KMS permissions to the project's keys.
   */
  readonly tagKeys: readonly string[];
  /** The stack's account id and partition (`accountFacts(stack)`). */
  readonly facts: AccountFacts;
  /** The domains whose declared actions the role gets, one managed policy each. @default DEPLOY_DOMAINS */
  readonly domains?: readonly DomainPermissions[];
}

/** GitHub Actions trust: the OIDC provider and the exact token subjects (`githubBranchSubject`). */
export interface GithubActionsTrust {
  readonly providerArn: string;
  readonly subjects: readonly string[];
}

/**
 * The role CI assumes to run `cdktf deploy` of the foundation (everything but bootstrap, which an
 * administrator applies and which creates this role). Its own state access is one inline policy; everything it deploys comes
 * from the domains' declarations (`src/constructs/<domain>/permissions.ts`), one customer-managed
 * policy `<project>-deploy-<domain>` each, so that no single policy nears an IAM size quota.
 * No "*" action, no "<service>:*", never a secret value.
 */
export class DeployRole extends Construct {
  readonly role: IamRole;
  /** Inline policies by name: only the state access. */
  readonly inlinePolicies: Readonly<Record<string, IamRolePolicy>>;
  /** Managed policies by domain. */
  readonly domainPolicies: Readonly<Record<string, IamPolicy>>;
  /** What each domain's policy holds, with the Terraform types each statement covers, by domain. */
  readonly grants: Readonly<Record<string, readonly DeployGrant[]>>;

  constructor(scope: Construct, id: string, props: DeployRoleProps) {
    super(scope, id);
    checkTrustedPrincipals('DeployRole', props.trustedPrincipalArns, 'arn:aws:iam::123456789012:role/ci');
    if (!PROJECT_PATTERN.test(props.project)) {
      throw new Error(`DeployRole project: received "${props.project}"; expected 3-32 lowercase letters, digits or "-", starting with a letter`);
    }
    if (!KEY_PREFIX_PATTERN.test(props.stateKeyPrefix)) {
      throw new Error(
        `DeployRole stateKeyPrefix: received "${props.stateKeyPrefix}"; expected path segments of letters, digits, ".", "_" or "-" joined by "/", without leading or trailing "/"`,
      );
    }
    if (!props.regions.includes(props.primaryRegion) || ![...props.regions].every((r) => REGION_NAME_PATTERN.test(r))) {
      throw new Error(
        `DeployRole regions: received ${JSON.stringify(props.regions)} with primaryRegion ${JSON.stringify(props.primaryRegion)}; expected Region names such as "eu-west-1", the primary among them`,
      );
    }
    const secretNames = props.secretNames ?? [];
    // A wildcard in a name would widen the role's secret ARNs beyond the configured secrets.
    const badName = secretNames.find((name) => typeof name !== 'string' || !SECRET_NAME.test(name));
    if (badName !== undefined) {
      throw new Error(`DeployRole secretNames: received ${JSON.stringify(badName)}; expected a secret name of 1-512 letters, digits or /_+=.@- (no wildcards)`);
    }
    if (props.stateBucketName.trim() === '' || /[*?/]/.test(props.stateBucketName)) {
      throw new Error(`DeployRole stateBucketName: received "${props.stateBucketName}"; expected an S3 bucket name`);
    }
    if (!props.tagKeys.includes(PROJECT_TAG_KEY)) {
      throw new Error(`DeployRole tagKeys: received ${JSON.stringify(props.tagKeys)}; expected the keys of the providers' default tags, ${PROJECT_TAG_KEY} among them`);
    }
    const { account, partition } = props.facts;
    const project = props.project;
    const context: DeployContext = { account, partition, project, primaryRegion: props.primaryRegion, regions: props.regions, secretNames, permissionsBoundaryArn: props.permissionsBoundaryArn, managedDirectory: props.managedDirectory ?? false, tagKeys: props.tagKeys, traffic: props.traffic };
    const domains = props.domains ?? DEPLOY_DOMAINS;
    checkDomains(domains, worstCaseContext(context));

    this.role = trustedRole(this, {
      roleName: props.roleName,
      description: `Deploys the ${project} foundation from CI (cdktf deploy)`,
      trust: [
        ...principalTrust('TrustedDeployers', props.trustedPrincipalArns, 'account-roots'),
        ...(props.githubActions ? [githubActionsTrust('GitHubActionsDeployBranches', props.githubActions.providerArn, props.githubActions.subjects)] : []),
      ],
      permissionsBoundaryArn: props.permissionsBoundaryArn,
    });

    // Inline, not a domain policy: the role's own access to the backend, which no resource type needs.
    const stateBuckets = [props.stateBucketName, ...(props.stateReplicaBucketName ? [props.stateReplicaBucketName] : [])].map((name) => `arn:${partition}:s3:::${name}`);
    const stateBucket = stateBuckets.length === 1 ? stateBuckets[0] : stateBuckets;
    const stateObjects = stateBuckets.length === 1 ? `${stateBuckets[0]}/${props.stateKeyPrefix}/*` : stateBuckets.map((arn) => `${arn}/${props.stateKeyPrefix}/*`);
    this.inlinePolicies = inlinePolicies(this, this.role, {
      'terraform-state': [
        { Sid: 'ListStateBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: stateBucket },
        {
          Sid: 'ReadWriteStateAndLockFiles',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          Resource: stateObjects,
        },
        {
          Sid: 'UseKeysThroughS3AndSecretsManager',
          Effect: 'Allow',
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
          Condition: { StringLike: { 'kms:ViaService': ['s3.*.amazonaws.com', 'secretsmanager.*.amazonaws.com'] } },
        },
      ],
    });

    const policies: Record<string, IamPolicy> = {};
    const grants: Record<string, readonly DeployGrant[]> = {};
    for (const domain of domains) {
      grants[domain.domain] = domain.grants(context);
      const statements = grants[domain.domain].map((g) => g.statement);
      policies[domain.domain] = attachedPolicy(this, this.role, domain.domain.replace(/-/g, '_'), `${project}-deploy-${domain.domain}`, statements);
    }
    this.domainPolicies = policies;
    this.grants = grants;
  }
}

/** Domain names, the managed-policy quota of a role and each policy's size, measured at its longest. */
function checkDomains(domains: readonly DomainPermissions[], longest: DeployContext): void {
  const names = domains.map((d) => d.domain);
  const badName = names.find((name) => typeof name !== 'string' || !DOMAIN_NAME.test(name));
  if (badName !== undefined) {
    throw new Error(`DeployRole domains: received domain name ${JSON.stringify(badName)}; expected 1-40 lowercase letters, digits or "-", starting with a letter`);
  }
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) {
    throw new Error(`DeployRole domains: received domain "${repeated}" twice; expected each domain once (one managed policy per domain)`);
  }
  if (domains.length > MANAGED_POLICIES_PER_ROLE) {
    throw new Error(
      `DeployRole domains: received ${domains.length} domains (${names.join(', ')}); a role takes at most ${MANAGED_POLICIES_PER_ROLE} managed policies (IAM default quota): merge domains`,
    );
  }
  for (const domain of domains) {
    const statements = domain.grants(longest).map((g) => g.statement);
    const sids = statements.map((s) => s.Sid);
    const sameSid = sids.find((sid, i) => sids.indexOf(sid) !== i);
    if (sameSid !== undefined) {
      throw new Error(`DeployRole domains: the ${domain.domain} policy has two statements with Sid "${sameSid}"; expected unique Sids within a policy`);
    }
    const size = policySize(statements);
    if (size > MANAGED_POLICY_MAX_CHARS) {
      throw new Error(
        `DeployRole domains: the ${domain.domain} policy is ${size} characters (whitespace excluded, partition aws-us-gov); a managed policy allows at most ${MANAGED_POLICY_MAX_CHARS}: split the domain's statements or shorten them`,
      );
    }
  }
}
