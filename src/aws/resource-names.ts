import { FoundationConfig } from '../config/validate';

/**
 * Names of account-wide resources that more than one stack refers to. Stacks that need another
 * stack's ARN before it exists (a key policy naming the audit role) build it from these names.
 */
export function resourceNames(config: Pick<FoundationConfig, 'project'>) {
  const p = config.project;
  return {
    deployRole: `${p}-deploy`,
    securityAuditRole: `${p}-security-audit`,
    flowLogsRole: `${p}-vpc-flow-logs`,
    trail: `${p}-trail`,
    auditAlertTopic: `${p}-audit-alerts`,
    auditAlertRule: `${p}-audit-tampering`,
  };
}

export function roleArn(partition: string, account: string, roleName: string): string {
  return `arn:${partition}:iam::${account}:role/${roleName}`;
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

/** The central CloudTrail and AWS Config bucket; the account id keeps the name globally unique. */
export function auditBucketName(config: Pick<FoundationConfig, 'project'>, account: string): string {
  return `${config.project}-audit-logs-${account}`;
}

/** The bucket that receives the audit bucket's server access logs. */
export function accessLogBucketName(config: Pick<FoundationConfig, 'project'>, account: string): string {
  return `${config.project}-access-logs-${account}`;
}

/** Key prefix of AWS Config deliveries in the audit bucket (objects land under config/AWSLogs/<account>/Config/). */
export const CONFIG_DELIVERY_PREFIX = 'config';

/** The audit bucket holds the trail's logs and AWS Config's deliveries: it exists when either is on. */
export function auditBucketEnabled(config: FoundationConfig): boolean {
  return config.security.cloudTrail.enable || config.security.config.enable;
}
