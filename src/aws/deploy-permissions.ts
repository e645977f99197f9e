import { Statement, policyDocument } from './policy-documents';
import { globMatches } from '../compliance/rule';

/**
 * What the deploy role may do is declared by the domains (`src/constructs/<domain>/permissions.ts`),
 * each for the Terraform types its constructs create; the deploy role attaches one customer-managed
 * policy per domain. These are the shared types and the IAM limits the assembly checks.
 */

/** What a domain's statements are built from: one deployment's account, partition and names. */
export interface DeployContext {
  readonly account: string;
  readonly partition: string;
  /** Name prefix of everything the foundation creates (roles, buckets, trails, log groups, policies). */
  readonly project: string;
  /** Region of the global stacks, where every secret and its resource policy live. */
  readonly primaryRegion: string;
  /** Every configured Region (the primary included): where the secrets have replicas. */
  readonly regions: readonly string[];
  /** Names of the configured secrets (`security.secrets[].name`); no other secret is reachable. */
  readonly secretNames: readonly string[];
  /**
   * `security.iam.permissionsBoundaryArn`, or undefined when none is configured. When set, every
   * role the deploy role creates or changes must carry it (the identity domain's guardrails).
   */
  readonly permissionsBoundaryArn: string | undefined;
  /**
   * AWS Managed Microsoft AD is deployed (`security.directoryService.enable`). Directory Service then
   * creates, opens and deletes its domain controllers' security group and network interfaces with
   * the deploy role's own credentials, which needs EC2 calls that no tag can scope; without a
   * directory the role does not get them.
   */
  readonly managedDirectory: boolean;
  /**
   * Keys of the tags the providers' default_tags put on every resource (the configured tags and the
   * project's own); a tagging request of the deploy role may carry no other key.
   */
  readonly tagKeys: readonly string[];
  /** What the edge layer's Route 53, Global Accelerator and ARC parts deploy. @default no domain, neither GA nor ARC */
  readonly traffic?: TrafficDeployOptions;
}

/** The config values the traffic part's statements depend on. */
export interface TrafficDeployOptions {
  /** `edge.domainName`: without it there is no zone and no record, only health checks. */
  readonly domainName?: string;
  /** `edge.hostedZoneId` is set: the zone is read, never created. */
  readonly existingZone?: boolean;
  /** `edge.globalAccelerator.enable`. @default false */
  readonly globalAccelerator?: boolean;
  /** `edge.recoveryControl.enable`. @default false */
  readonly recoveryControl?: boolean;
}

/** A Terraform resource type ("aws_vpc") or data source ("data.aws_subnet"). */
export type TerraformType = string;

/** One statement of a domain's deploy policy and the Terraform types whose lifecycle needs it. */
export interface DeployGrant {
  /**
   * Types that need this statement to be planned, created, updated or destroyed. Every Allow covers
   * at least one; a Deny (a guardrail on the Allows beside it) may cover none.
   */
  readonly covers: readonly TerraformType[];
  readonly statement: Statement;
}

export interface DomainPermissions {
  /**
   * Names the managed policy `<project>-deploy-<domain>`; up to its first "-", the folder under
   * src/constructs/ whose permissions.ts declares it (compute declares three: a policy holds 6,144 characters).
   */
  readonly domain: string;
  /** What the domain deploys; the managed policy's description. */
  readonly description: string;
  /** The statements of one deployment, in policy order. */
  readonly grants: (context: DeployContext) => readonly DeployGrant[];
}

/**
 * Types that need no statement of any domain, and why. Whatever a stack synthesizes must be covered
 * by a domain or listed here (the deploy-role tests walk every stack of several configs).
 */
export const COVERED_WITHOUT_DOMAIN: Readonly<Record<TerraformType, string>> = {
  'data.aws_partition': 'answered from the provider configuration, no API call',
  'data.aws_region': 'answered from the provider configuration, no API call',
  'data.terraform_remote_state': 'reads state objects under the key prefix: the deploy role\'s own state access',
  'data.aws_elb_service_account': 'answered from the provider\'s table of Regional ELB accounts, no API call',
};

/** IAM quota: characters of a customer-managed policy, whitespace excluded. */
export const MANAGED_POLICY_MAX_CHARS = 6144;
/** IAM default quota of managed policies attached to one role (raisable to 20 through Service Quotas). */
export const MANAGED_POLICIES_PER_ROLE = 10;

/**
 * The context with the longest values a deployment can have ("aws-us-gov" is the longest partition
 * name, an account id is 12 digits), to size a policy before Terraform knows the real ones.
 */
export function worstCaseContext(context: DeployContext): DeployContext {
  return { ...context, partition: 'aws-us-gov', account: '123456789012' };
}

/** Size of a policy document as IAM counts it against its quotas: whitespace excluded. */
export function policySize(statements: readonly Statement[]): number {
  return policyDocument(statements).replace(/\s/g, '').length;
}

/**
 * Reads that return data rather than configuration: a read-only role built from the deploy
 * statements (the pull-request plan role) never gets them, whatever a domain declares.
 */
export const DATA_READ_ACTIONS = [
  'secretsmanager:GetSecretValue',
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectAcl',
  's3:GetObjectAttributes',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'logs:GetLogEvents',
  'logs:FilterLogEvents',
  'ec2:GetPasswordData',
  'ec2:GetConsoleOutput',
  'ec2:GetConsoleScreenshot',
] as const;

/** Configuration reads by verb: what `terraform plan` calls to refresh a resource. */
const READ_VERB = /^[a-z0-9-]+:(Describe|Get|List|Search|BatchGet|Lookup)/i;

/** Whether the action (a pattern, e.g. "s3:GetBucket*") is a configuration read that can never match a data read. */
export function isConfigurationRead(action: string): boolean {
  if (!READ_VERB.test(action)) return false;
  return !DATA_READ_ACTIONS.some((data) => globMatches(action, data, true) || globMatches(data, action, true));
}

/**
 * The configuration reads of a domain's Allow statements, each with its resources and conditions:
 * what a read-only role needs to plan what the deploy role deploys. Denies are dropped (they
 * guard writes), and so is every statement left without an action.
 */
export function readOnlyStatements(statements: readonly Statement[]): Statement[] {
  return statements.flatMap((s) => {
    if (s.Effect !== 'Allow') return [];
    const reads = (Array.isArray(s.Action) ? s.Action : [s.Action]).filter(isConfigurationRead);
    if (reads.length === 0) return [];
    return [{ ...s, Action: reads.length === 1 ? reads[0] : reads }];
  });
}
