import { FoundationConfig } from '../config/validate';

/**
 * Names of account-wide resources that more than one stack refers to. Stacks that need another
 * stack's ARN before it exists (a key policy naming the audit role) build it from these names.
 */
export function resourceNames(config: Pick<FoundationConfig, 'project'>) {
  const p = config.project;
  return {
    ...roleNames(p),
    trail: `${p}-trail`,
    auditAlertTopic: `${p}-audit-alerts`,
    auditAlertRule: `${p}-audit-tampering`,
    /** AWS Config recorder and delivery channel, the same name in every Region. */
    configRecorder: p,
  };
}

/**
 * Every IAM role name of the project. Bootstrap creates the first three and the state replication role (`bootstrapRoleNames`);
 * the deploy role creates and edits only the others (`deployableRoleNames`).
 */
export function roleNames(project: string) {
  return {
    deployRole: `${project}-deploy`,
    securityAuditRole: `${project}-security-audit`,
    /** Read-only role GitHub Actions assumes to plan pull requests (security.iam.githubOidc.pullRequests). */
    planRole: `${project}-plan`,
    flowLogsRole: `${project}-vpc-flow-logs`,
    /** Named by the CloudTrail construct after the trail: `<trail>-cloudwatch-logs`. */
    trailLogsRole: `${project}-trail-cloudwatch-logs`,
    /** ECR assumes it to create replicated repositories from the creation templates (KMS and tags need one). */
    ecrTemplateRole: `${project}-ecr-templates`,
    /** Role (and instance profile) of the golden AMI's build and test instances. */
    imageBuildRole: `${project}-imagebuilder-build`,
    /** Role Image Builder assumes to run the golden AMI lifecycle policy. */
    imageLifecycleRole: `${project}-imagebuilder-lifecycle`,
    /** Role every Region's snapshot policy runs as (one per account: IAM is global). */
    dlmRole: `${project}-dlm`,
    /** Role S3 assumes to replicate the primary static content bucket to the failover one. */
    staticReplicationRole: `${project}-static-replication`,
    /** Role S3 assumes to replicate the state bucket to its replica in state.replicaRegion (bootstrap). */
    stateReplicationRole: `${project}-state-replication`,
  };
}

/** Roles the bootstrap stack creates with administrator credentials; the deploy role may never change them. */
export function bootstrapRoleNames(project: string): string[] {
  const names = roleNames(project);
  return [names.deployRole, names.securityAuditRole, names.planRole, names.stateReplicationRole];
}

/**
 * The only roles the deploy role may create, edit and pass: every role a stack other than
 * bootstrap declares. A test synthesizes every config and fails on a role missing here.
 */
export function deployableRoleNames(project: string): string[] {
  const names = roleNames(project);
  return [names.flowLogsRole, names.trailLogsRole, names.ecrTemplateRole, names.imageBuildRole, names.imageLifecycleRole, names.dlmRole, names.staticReplicationRole];
}

/** Name prefixes of the managed policies bootstrap attaches to its roles: `<project>-deploy-<domain>`, `<project>-plan-<domain>`. */
export function bootstrapPolicyPrefixes(project: string): string[] {
  return [`${project}-deploy-`, `${project}-plan-`];
}

export function roleArn(partition: string, account: string, roleName: string): string {
  return `arn:${partition}:iam::${account}:role/${roleName}`;
}

export function policyArn(partition: string, account: string, policyName: string): string {
  return `arn:${partition}:iam::${account}:policy/${policyName}`;
}

/** Path under which every Region's flow-log group lives; the delivery role may write only there. */
export function flowLogGroupPrefix(config: FoundationConfig): string {
  return `/${config.project}/vpc-flow-logs/`;
}

/** The CloudWatch Logs group a trail copies its events to. */
export function trailLogGroupName(trailName: string): string {
  return `/aws/cloudtrail/${trailName}`;
}

/** The project's trail, which lives in the primary Region; built from names so a key policy can name it before it exists. */
export function projectTrailArn(config: FoundationConfig, partition: string, account: string): string {
  return `arn:${partition}:cloudtrail:${config.primaryRegion}:${account}:trail/${resourceNames(config).trail}`;
}

/** The SNS topic (primary Region) that receives the audit-tampering alerts; built from names for the key policy. */
export function auditAlertTopicArn(config: FoundationConfig, partition: string, account: string): string {
  return `arn:${partition}:sns:${config.primaryRegion}:${account}:${resourceNames(config).auditAlertTopic}`;
}

/** The central CloudTrail bucket (Object Lock); the account id keeps the name globally unique. */
export function auditBucketName(config: Pick<FoundationConfig, 'project'>, account: string): string {
  return `${config.project}-audit-logs-${account}`;
}

/**
 * AWS Config's bucket in the primary Region, which every Region's delivery channel names. Its own
 * bucket because AWS Config does not deliver to a bucket with Object Lock enabled. At most 52
 * characters (a 32-character project, "-config-", a 12-digit account).
 */
export function configBucketName(config: Pick<FoundationConfig, 'project'>, account: string): string {
  return `${config.project}-config-${account}`;
}

/** The bucket that receives the server access logs of the audit and Config buckets. */
export function accessLogBucketName(config: Pick<FoundationConfig, 'project'>, account: string): string {
  return `${config.project}-access-logs-${account}`;
}

/** Key prefix of AWS Config deliveries in the Config bucket (objects land under config/AWSLogs/<account>/Config/). */
export const CONFIG_DELIVERY_PREFIX = 'config';

/** The audit bucket holds the trail's logs only: it exists when CloudTrail is on. */
export function auditBucketEnabled(config: FoundationConfig): boolean {
  return config.security.cloudTrail.enable;
}

/** The Config bucket holds AWS Config's deliveries: it exists when AWS Config is on. */
export function configBucketEnabled(config: FoundationConfig): boolean {
  return config.security.config.enable;
}

/** Whether any log bucket (audit, Config), and so the access-log bucket, exists. */
export function logBucketsEnabled(config: FoundationConfig): boolean {
  return auditBucketEnabled(config) || configBucketEnabled(config);
}

/**
 * The project's log buckets (audit and Config) that the configuration creates, by name: the ones the
 * log readers read, nobody deletes from, and whose server access logs go to the access-log bucket,
 * which exists whenever this list is not empty.
 */
export function logBucketNames(config: FoundationConfig, account: string): string[] {
  return [...(auditBucketEnabled(config) ? [auditBucketName(config, account)] : []), ...(configBucketEnabled(config) ? [configBucketName(config, account)] : [])];
}
