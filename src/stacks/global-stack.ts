import { Construct } from 'constructs';
import { FoundationConfig } from '../config/validate';
import { FlowLogsDeliveryRole } from '../constructs/identity/flow-logs-delivery-role';
import { MultiRegionKey } from '../constructs/security/multi-region-key';
import { AccessLogBucket } from '../constructs/audit/access-log-bucket';
import { AuditLogBucket } from '../constructs/audit/audit-log-bucket';
import { ConfigLogBucket } from '../constructs/audit/config-log-bucket';
import { CloudTrail } from '../constructs/audit/cloud-trail';
import { AuditAlerts } from '../constructs/audit/audit-alerts';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { CONFIG_SERVICE } from '../constructs/security/permissions';
import { DlmExecutionRole } from '../constructs/compute/dlm-execution-role';
import { IMAGE_BUILDER_SERVICE } from '../constructs/compute/image-builder-names';
import { PublicHostedZone } from '../constructs/edge/public-hosted-zone';
import { FoundationStack } from './foundation-stack';
import { writeOutputs } from './outputs';
import { GLOBAL_STACK } from './stack-names';
import {
  accessLogBucketName,
  auditBucketEnabled,
  auditBucketName,
  CONFIG_DELIVERY_PREFIX,
  configBucketEnabled,
  configBucketName,
  flowLogGroupPrefix,
  logBucketNames,
  logBucketsEnabled,
  resourceNames,
  roleArn,
} from '../aws/resource-names';
import { AccountFacts } from '../aws/account-facts';
import { accountFacts } from './account-facts';
import { ComputeKeyPrincipals, multiRegionKeyProps } from './key-props';
import { OutputValues } from './contracts/contract';
import { GLOBAL_OUTPUTS } from './contracts/global-outputs';

type Outputs = OutputValues<typeof GLOBAL_OUTPUTS>;
type LogOutputs = Pick<Outputs, 'cloudtrail_arn' | 'audit_log_bucket_name' | 'config_bucket_name' | 'access_log_bucket_name' | 'audit_alert_topic_arn'>;
type ComputeOutputs = Pick<Outputs, 'dlm_role_arn' | 'image_builder_service_linked_role_arn'>;
type ZoneOutputs = Pick<Outputs, 'hosted_zone_id' | 'hosted_zone_name_servers'>;

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
    // Created before the key: its policy names them (by reference, which orders the key after them).
    const compute = this.computeRoles();
    const principals: ComputeKeyPrincipals = { dlmRoleArn: compute.dlm_role_arn, imageBuilderServiceLinkedRoleArn: compute.image_builder_service_linked_role_arn };
    const key = new MultiRegionKey(this, 'kms', multiRegionKeyProps(config, this.facts, config.primaryRegion, principals));

    // The key and bucket policies name the security-audit role, which bootstrap created before.
    const logs = logBucketsEnabled(config) ? this.logs(key.keyArn, key.keyId) : {};
    // One per account, used by every Region's recorder; AWS names it AWSServiceRoleForConfig.
    const configRole = config.security.config.enable
      ? new IamServiceLinkedRole(this, 'config_service_linked_role', { awsServiceName: CONFIG_SERVICE })
      : undefined;

    writeOutputs(this, GLOBAL_OUTPUTS, {
      flow_logs_role_arn: flowLogs.role.arn,
      kms_primary_key_arn: key.keyArn,
      kms_key_id: key.keyId,
      kms_key_alias: config.security.kms.alias,
      ...logs,
      config_service_linked_role_arn: configRole?.arn,
      ...compute,
      ...this.zone(),
    });
  }

  /**
   * The public hosted zone of `edge.domainName`, here rather than in global-edge: every region stack
   * validates its certificate in it, so it must exist before them.
   */
  private zone(): ZoneOutputs {
    const { edge } = this.config;
    if (!edge.enable || edge.domainName === undefined) return {};
    const zone = new PublicHostedZone(this, 'zone', { domainName: edge.domainName, hostedZoneId: edge.hostedZoneId });
    return { hosted_zone_id: zone.zoneId, hosted_zone_name_servers: zone.zone ? zone.nameServers : undefined };
  }

  /**
   * The account-wide roles of the compute supply chain: the DLM role every Region's snapshot policy
   * runs as, and Image Builder's service-linked role (which the key policies name, so it is created
   * here rather than by Image Builder on the first build).
   */
  private computeRoles(): ComputeOutputs {
    const { snapshots, imageBuilder } = this.config.compute;
    const dlm = snapshots.enable ? new DlmExecutionRole(this, 'dlm', { roleName: resourceNames(this.config).dlmRole, facts: this.facts }) : undefined;
    const imageBuilderRole = imageBuilder.enable ? new IamServiceLinkedRole(this, 'image_builder_service_linked_role', { awsServiceName: IMAGE_BUILDER_SERVICE }) : undefined;
    return { dlm_role_arn: dlm?.roleArn, image_builder_service_linked_role_arn: imageBuilderRole?.arn };
  }

  /**
   * The log buckets with their access-log bucket: the audit bucket (Object Lock) with the
   * multi-Region trail, and AWS Config's bucket (no Object Lock: Config does not deliver to a bucket
   * with Object Lock), each when its service is on; and the alerts on tampering with either. Only the
   * deploy role (by computed ARN, so the buckets do not wait for it) and the break-glass principals
   * may change what protects a bucket; only the break-glass principals may delete a log object.
   */
  private logs(kmsKeyArn: string, keyId: string): LogOutputs {
    const { config, facts } = this;
    const trail = config.security.cloudTrail;
    const names = resourceNames(config);
    const { account, partition } = facts;
    const access = new AccessLogBucket(this, 'access_logs', {
      bucketName: accessLogBucketName(config, account),
      sourceBucketArns: logBucketNames(config, account).map((name) => `arn:${partition}:s3:::${name}`),
      facts,
    });
    const protection = {
      logReaderArns: [roleArn(partition, account, names.securityAuditRole), ...trail.logReaderArns],
      bucketManagerArns: [roleArn(partition, account, names.deployRole)],
      breakGlassArns: trail.breakGlassArns,
      accessLogBucket: access,
      archiveAfterDays: trail.archiveAfterDays,
      kmsKeyArn,
      facts,
    };
    const configBucket = configBucketEnabled(config)
      ? new ConfigLogBucket(this, 'config_logs', { ...protection, bucketName: configBucketName(config, account), keyPrefix: CONFIG_DELIVERY_PREFIX })
      : undefined;
    const outputs: LogOutputs = { access_log_bucket_name: access.bucket.bucket, config_bucket_name: configBucket?.bucket.bucket };
    if (!auditBucketEnabled(config)) return outputs;

    const auditBucket = auditBucketName(config, account);
    const audit = new AuditLogBucket(this, 'audit_logs', {
      ...protection,
      bucketName: auditBucket,
      trailName: names.trail,
      organizationId: trail.organizationTrail ? trail.organizationId : undefined,
      objectLockRetentionDays: trail.objectLockRetentionDays,
      objectLockMode: trail.objectLockMode,
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
    // The alerts come from the trail's management events, so they exist with the trail; EventBridge
    // sees this Region's events only, so only the primary Region's Config recorder is watched.
    const alerts = new AuditAlerts(this, 'audit_alerts', {
      topicName: names.auditAlertTopic,
      ruleName: names.auditAlertRule,
      kmsKeyArn,
      bucketNames: logBucketNames(config, account),
      trail: { name: names.trail, arn: cloudTrail.trailArn },
      configRecorder: configBucketEnabled(config),
      key: { id: keyId, arn: kmsKeyArn },
      emails: trail.alertEmails,
    });
    return {
      ...outputs,
      audit_log_bucket_name: audit.bucket.bucket,
      cloudtrail_arn: cloudTrail.trailArn,
      audit_alert_topic_arn: alerts.topic.arn,
    };
  }
}
