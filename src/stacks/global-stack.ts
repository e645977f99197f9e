import { Construct } from 'constructs';
import { FoundationConfig } from '../config/validate';
import { FlowLogsDeliveryRole } from '../constructs/identity/flow-logs-delivery-role';
import { MultiRegionKey } from '../constructs/security/multi-region-key';
import { AccessLogBucket } from '../constructs/audit/access-log-bucket';
import { AuditLogBucket } from '../constructs/audit/audit-log-bucket';
import { CloudTrail } from '../constructs/audit/cloud-trail';
import { AuditAlerts } from '../constructs/audit/audit-alerts';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { CONFIG_SERVICE } from '../constructs/security/permissions';
import { FoundationStack } from './foundation-stack';
import { writeOutputs } from './outputs';
import { GLOBAL_STACK } from './stack-names';
import {
  accessLogBucketName,
  auditBucketEnabled,
  auditBucketName,
  CONFIG_DELIVERY_PREFIX,
  flowLogGroupPrefix,
  resourceNames,
  roleArn,
} from '../aws/resource-names';
import { AccountFacts } from '../aws/account-facts';
import { accountFacts } from './account-facts';
import { multiRegionKeyProps } from './key-props';
import { OutputValues } from './contracts/contract';
import { GLOBAL_OUTPUTS } from './contracts/global-outputs';

type Outputs = OutputValues<typeof GLOBAL_OUTPUTS>;
type AuditOutputs = Pick<Outputs, 'cloudtrail_arn' | 'audit_log_bucket_name' | 'access_log_bucket_name' | 'audit_alert_topic_arn'>;

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
    const audit = auditBucketEnabled(config) ? this.auditLogs(key.keyArn) : {};
    // One per account, used by every Region's recorder; AWS names it AWSServiceRoleForConfig.
    const configRole = config.security.config.enable
      ? new IamServiceLinkedRole(this, 'config_service_linked_role', { awsServiceName: CONFIG_SERVICE })
      : undefined;

    writeOutputs(this, GLOBAL_OUTPUTS, {
      flow_logs_role_arn: flowLogs.role.arn,
      kms_primary_key_arn: key.keyArn,
      kms_key_id: key.keyId,
      kms_key_alias: config.security.kms.alias,
      ...audit,
      config_service_linked_role_arn: configRole?.arn,
    });
  }

  /**
   * The central audit bucket (CloudTrail and AWS Config deliver there) with its access-log bucket,
   * the multi-Region trail, and the alerts on tampering with either. Only the deploy role (by
   * computed ARN, so the bucket does not wait for it) and the break-glass principals may change what
   * protects the bucket; only the break-glass principals may delete or unlock a log object.
   */
  private auditLogs(kmsKeyArn: string): AuditOutputs {
    const { config, facts } = this;
    const trail = config.security.cloudTrail;
    const names = resourceNames(config);
    const { account, partition } = facts;
    const auditBucket = auditBucketName(config, account);
    const access = new AccessLogBucket(this, 'access_logs', {
      bucketName: accessLogBucketName(config, account),
      sourceBucketArn: `arn:${partition}:s3:::${auditBucket}`,
      facts,
    });
    const audit = new AuditLogBucket(this, 'audit_logs', {
      bucketName: auditBucket,
      kmsKeyArn,
      trailName: trail.enable ? names.trail : undefined,
      organizationId: trail.enable && trail.organizationTrail ? trail.organizationId : undefined,
      configKeyPrefix: config.security.config.enable ? CONFIG_DELIVERY_PREFIX : undefined,
      logReaderArns: [roleArn(partition, account, names.securityAuditRole), ...trail.logReaderArns],
      bucketManagerArns: [roleArn(partition, account, names.deployRole)],
      breakGlassArns: trail.breakGlassArns,
      accessLogBucket: access,
      objectLockRetentionDays: trail.objectLockRetentionDays,
      objectLockMode: trail.objectLockMode,
      archiveAfterDays: trail.archiveAfterDays,
      facts,
    });
    const outputs: AuditOutputs = { audit_log_bucket_name: audit.bucket.bucket, access_log_bucket_name: access.bucket.bucket };
    if (!trail.enable) return outputs;

    const cloudTrail = new CloudTrail(this, 'trail', {
      name: names.trail,
      bucketName: audit.bucket.bucket,
      kmsKeyArn,
      isOrganizationTrail: trail.organizationTrail,
      cloudWatchLogs: trail.enableCloudWatchLogs ? { retentionDays: trail.cloudWatchLogsRetentionDays, kmsKeyArn } : undefined,
      dependsOn: [audit.policy],
      facts,
    });
    // The alerts come from the trail's management events, so they exist with the trail.
    const alerts = new AuditAlerts(this, 'audit_alerts', {
      topicName: names.auditAlertTopic,
      ruleName: names.auditAlertRule,
      kmsKeyArn,
      auditBucketName: auditBucket,
      trail: { name: names.trail, arn: cloudTrail.trailArn },
      emails: trail.alertEmails,
    });
    return { ...outputs, cloudtrail_arn: cloudTrail.trailArn, audit_alert_topic_arn: alerts.topic.arn };
  }
}
