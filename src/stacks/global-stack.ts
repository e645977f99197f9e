import { Construct } from 'constructs';
import { FoundationConfig } from '../config/validate';
import { FlowLogsDeliveryRole } from '../constructs/identity/flow-logs-delivery-role';
import { MultiRegionKey } from '../constructs/security/multi-region-key';
import { AccessLogBucket } from '../constructs/audit/access-log-bucket';
import { AuditLogBucket } from '../constructs/audit/audit-log-bucket';
import { CloudTrail } from '../constructs/audit/cloud-trail';
import { FoundationStack } from './foundation-stack';
import { writeOutputs } from './outputs';
import { GLOBAL_STACK } from './stack-names';
import { auditBucketName, flowLogGroupPrefix, resourceNames, roleArn } from '../aws/resource-names';
import { AccountFacts } from '../aws/account-facts';
import { accountFacts } from './account-facts';
import { multiRegionKeyProps } from './key-props';
import { OutputValues } from './contracts/contract';
import { GLOBAL_OUTPUTS } from './contracts/global-outputs';

type Outputs = OutputValues<typeof GLOBAL_OUTPUTS>;

/** Account-wide resources in the primary Region that every Region stack builds on. */
export class GlobalStack extends FoundationStack {
  /** Account id and partition, one data source each for the whole stack. */
  private readonly facts: AccountFacts;

  constructor(scope: Construct, config: FoundationConfig) {
    super(scope, GLOBAL_STACK, config, { region: config.primaryRegion });
    this.facts = accountFacts(this);

    const names = resourceNames(config);
    const flowLogs = new FlowLogsDeliveryRole(this, 'flow_logs_delivery', {
      roleName: names.flowLogsRole,
      logGroupPrefix: flowLogGroupPrefix(config),
      facts: this.facts,
    });
    const key = new MultiRegionKey(this, 'kms', multiRegionKeyProps(config, this.facts));

    // The key and bucket policies name the security-audit role, which bootstrap created before.
    const trail = config.security.cloudTrail.enable ? this.auditTrail(key.keyArn) : {};

    writeOutputs(this, GLOBAL_OUTPUTS, {
      flow_logs_role_arn: flowLogs.role.arn,
      kms_primary_key_arn: key.keyArn,
      kms_key_id: key.keyId,
      kms_key_alias: config.security.kms.alias,
      ...trail,
    });
  }

  /** One multi-Region trail into a locked, encrypted bucket that only the security principals read. */
  private auditTrail(kmsKeyArn: string): Pick<Outputs, 'cloudtrail_arn' | 'audit_log_bucket_name' | 'access_log_bucket_name'> {
    const { config, facts } = this;
    const trail = config.security.cloudTrail;
    const names = resourceNames(config);
    const { account, partition } = facts;
    const auditBucket = auditBucketName(config, account);
    const access = new AccessLogBucket(this, 'access_logs', {
      bucketName: `${config.project}-access-logs-${account}`,
      sourceBucketArn: `arn:${partition}:s3:::${auditBucket}`,
      facts,
    });
    const audit = new AuditLogBucket(this, 'audit_logs', {
      bucketName: auditBucket,
      kmsKeyArn,
      trailName: names.trail,
      logReaderArns: [roleArn(partition, account, names.securityAuditRole), ...trail.logReaderArns],
      accessLogBucket: access,
      objectLockRetentionDays: trail.objectLockRetentionDays,
      archiveAfterDays: trail.archiveAfterDays,
      facts,
    });
    const cloudTrail = new CloudTrail(this, 'trail', {
      name: names.trail,
      bucketName: audit.bucket.bucket,
      kmsKeyArn,
      isOrganizationTrail: trail.organizationTrail,
      cloudWatchLogs: trail.enableCloudWatchLogs ? { retentionDays: trail.cloudWatchLogsRetentionDays, kmsKeyArn } : undefined,
      dependsOn: [audit.policy],
      facts,
    });
    return {
      cloudtrail_arn: cloudTrail.trailArn,
      audit_log_bucket_name: audit.bucket.bucket,
      access_log_bucket_name: access.bucket.bucket,
    };
  }
}
