import { FoundationConfig } from '../config/validate';

/**
 * Names of account-wide resources that more than one stack refers to. Stacks that need another
 * stack's ARN before it exists (a key policy naming the audit role) build it from these names.
 */
export function resourceNames(config: FoundationConfig) {
  const p = config.project;
  return {
    deployRole: `${p}-deploy`,
    securityAuditRole: `${p}-security-audit`,
    flowLogsRole: `${p}-vpc-flow-logs`,
    trail: `${p}-trail`,
    /** AWS Config recorder and delivery channel, the same name in every Region. */
    configRecorder: p,
  };
}

export function roleArn(partition: string, account: string, roleName: string): string {
  return `arn:${partition}:iam::${account}:role/${roleName}`;
}

/** Path under which every Region's flow-log group lives; the delivery role may write only there. */
export function flowLogGroupPrefix(config: FoundationConfig): string {
  return `/${config.project}/vpc-flow-logs/`;
}

/** The central CloudTrail bucket; the account id keeps the name globally unique. */
export function auditBucketName(config: FoundationConfig, account: string): string {
  return `${config.project}-audit-logs-${account}`;
}
