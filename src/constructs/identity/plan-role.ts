import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KEY_PREFIX_PATTERN, PROJECT_PATTERN } from '../../config/patterns';
import { attachedPolicy, inlinePolicies, trustedRole } from '../../aws/trusted-role';
import { githubActionsTrust } from '../../aws/github-oidc';
import { DeployContext, DomainPermissions, TrafficDeployOptions, readOnlyStatements } from '../../aws/deploy-permissions';
import { Statement } from '../../aws/policy-documents';
import type { AccountFacts } from '../../aws/account-facts';
import { DEPLOY_DOMAINS, GithubActionsTrust } from './deploy-role';

export interface PlanRoleProps {
  /** Role name. */
  readonly roleName: string;
  /** The pull-request workflow runs that may assume the role (`githubPullRequestSubject`); nobody else. */
  readonly githubActions: GithubActionsTrust;
  /** Name prefix of the project; the managed policies are `<project>-plan-<domain>`. */
  readonly project: string;
  /** Bucket that holds every stack's Terraform state. */
  readonly stateBucketName: string;
  /** The state bucket's replica (`stateReplicaBucketName`): the same access, for after a failover to it. @default none */
  readonly stateReplicaBucketName?: string;
  /** Prefix of every state key, without leading or trailing "/". */
  readonly stateKeyPrefix: string;
  /** Managed policy set as the role's permissions boundary. @default no boundary */
  readonly permissionsBoundaryArn?: string;
  /** The deployment's primary Region, every configured Region and the configured secrets, as the deploy role gets them: the reads are scoped alike. */
  readonly primaryRegion: string;
  readonly regions: readonly string[];
  readonly secretNames: readonly string[];
  /** AWS Managed Microsoft AD is deployed: its domain controllers' EC2 reads are part of the configuration. */
  readonly managedDirectory: boolean;
  /** What the edge layer's traffic part deploys, as the deploy role gets it. @default no domain, neither GA nor ARC */
  readonly traffic?: TrafficDeployOptions;
  /** Keys of the tags the providers put on every resource (`defaultTagKeys(config)`). */
  readonly tagKeys: readonly string[];
  /** The stack's account id and partition (`accountFacts(stack)`). */
  readonly facts: AccountFacts;
  /** Domains whose configuration reads the role gets, one managed policy each. @default DEPLOY_DOMAINS */
  readonly domains?: readonly DomainPermissions[];
}

/**
 * The role pull-request workflows assume to run `terraform plan -lock=false`: it reads the state
 * and the configuration of everything the deploy role deploys (the Describe/Get/List actions of the
 * same domain declarations, `readOnlyStatements`), and writes nothing, not even a lock file. Code
 * of a pull request runs with it, so it never reads a secret value or an object other than state.
 */
export class PlanRole extends Construct {
  readonly role: IamRole;
  readonly inlinePolicies: Readonly<Record<string, IamRolePolicy>>;
  /** Managed policies by domain; a domain without reads has none. */
  readonly domainPolicies: Readonly<Record<string, IamPolicy>>;

  constructor(scope: Construct, id: string, props: PlanRoleProps) {
    super(scope, id);
    if (!PROJECT_PATTERN.test(props.project)) {
      throw new Error(`PlanRole project: received "${props.project}"; expected 3-32 lowercase letters, digits or "-", starting with a letter`);
    }
    if (!KEY_PREFIX_PATTERN.test(props.stateKeyPrefix)) {
      throw new Error(`PlanRole stateKeyPrefix: received "${props.stateKeyPrefix}"; expected path segments joined by "/", without leading or trailing "/"`);
    }
    const { account, partition } = props.facts;
    this.role = trustedRole(this, {
      roleName: props.roleName,
      description: `Plans the ${props.project} foundation for pull requests (read-only)`,
      trust: [githubActionsTrust('GitHubActionsPullRequests', props.githubActions.providerArn, props.githubActions.subjects)],
      permissionsBoundaryArn: props.permissionsBoundaryArn,
    });

    const stateBuckets = [props.stateBucketName, ...(props.stateReplicaBucketName ? [props.stateReplicaBucketName] : [])].map((name) => `arn:${partition}:s3:::${name}`);
    const stateBucket = stateBuckets.length === 1 ? stateBuckets[0] : stateBuckets;
    const stateObjects = stateBuckets.length === 1 ? `${stateBuckets[0]}/${props.stateKeyPrefix}/*` : stateBuckets.map((arn) => `${arn}/${props.stateKeyPrefix}/*`);
    this.inlinePolicies = inlinePolicies(this, this.role, {
      'terraform-state-read': [
        { Sid: 'ListStateBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: stateBucket },
        { Sid: 'ReadState', Effect: 'Allow', Action: 's3:GetObject', Resource: stateObjects },
        {
          Sid: 'DecryptStateThroughS3',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } },
        },
        { Sid: 'NeverReadSecretValues', Effect: 'Deny', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
      ],
    });

    const context: DeployContext = {
      account,
      partition,
      project: props.project,
      primaryRegion: props.primaryRegion,
      regions: props.regions,
      secretNames: props.secretNames,
      managedDirectory: props.managedDirectory,
      tagKeys: props.tagKeys,
      traffic: props.traffic,
      permissionsBoundaryArn: props.permissionsBoundaryArn,
    };
    const policies: Record<string, IamPolicy> = {};
    for (const domain of props.domains ?? DEPLOY_DOMAINS) {
      const reads: Statement[] = readOnlyStatements(domain.grants(context).map((g) => g.statement));
      if (reads.length === 0) continue;
      policies[domain.domain] = attachedPolicy(this, this.role, domain.domain.replace(/-/g, '_'), `${props.project}-plan-${domain.domain}`, reads);
    }
    this.domainPolicies = policies;
  }
}
