import { Construct } from 'constructs';
import { FoundationConfig } from '../config/validate';
import { FlowLogsDeliveryRole } from '../constructs/identity/flow-logs-delivery-role';
import { MultiRegionKey } from '../constructs/security/multi-region-key';
import { AccessLogBucket } from '../constructs/audit/access-log-bucket';
import { AuditLogBucket } from '../constructs/audit/audit-log-bucket';
import { CloudTrail } from '../constructs/audit/cloud-trail';
import { AuditAlerts } from '../constructs/audit/audit-alerts';
import { DeployRole } from '../constructs/identity/deploy-role';
import { SecurityAuditRole } from '../constructs/identity/security-audit-role';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
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
import { defaultTagKeys } from './providers';
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

    const bucketEnabled = auditBucketEnabled(config);
    const roles = this.roles(key.keyArn, bucketEnabled);
    // KMS and S3 reject a policy that names a principal that does not exist yet.
    key.resource.addOverride('depends_on', [`${roles.audit.terraformResourceType}.${roles.audit.friendlyUniqueId}`]);
    const audit = bucketEnabled ? this.auditLogs(key.keyArn, roles.audit) : {};

    writeOutputs(this, GLOBAL_OUTPUTS, {
      flow_logs_role_arn: flowLogs.role.arn,
      kms_primary_key_arn: key.keyArn,
      kms_key_id: key.keyId,
      kms_key_alias: config.security.kms.alias,
      ...roles.outputs,
      ...audit,
    });
  }

  /** The CI deploy role and the read-only security-audit role; trust defaults to this account. */
  private roles(kmsKeyArn: string, hasAuditBucket: boolean): { audit: IamRole; outputs: Pick<Outputs, 'deploy_role_arn' | 'security_audit_role_arn'> } {
    const { iam, secrets } = this.config.security;
    const names = resourceNames(this.config);
    const { account, partition } = this.facts;
    const accountRoot = [`arn:${partition}:iam::${account}:root`];
    const deploy = new DeployRole(this, 'deploy_role', {
      roleName: names.deployRole,
      trustedPrincipalArns: iam.deployRoleTrustedArns.length ? iam.deployRoleTrustedArns : accountRoot,
      permissionsBoundaryArn: iam.permissionsBoundaryArn,
      project: this.config.project,
      stateBucketName: this.config.state.bucket,
      stateKeyPrefix: this.config.state.keyPrefix,
      primaryRegion: this.config.primaryRegion,
      regions: this.config.regions.map((r) => r.name),
      secretNames: secrets.map((s) => s.name),
      tagKeys: defaultTagKeys(this.config),
      facts: this.facts,
    });
    const audit = new SecurityAuditRole(this, 'security_audit_role', {
      roleName: names.securityAuditRole,
      trustedPrincipalArns: iam.auditRoleTrustedArns.length ? iam.auditRoleTrustedArns : accountRoot,
      permissionsBoundaryArn: iam.permissionsBoundaryArn,
      auditLogBucketArn: hasAuditBucket ? `arn:${partition}:s3:::${auditBucketName(this.config, account)}` : undefined,
      kmsKeyArn: hasAuditBucket ? kmsKeyArn : undefined,
    });
    return { audit: audit.role, outputs: { deploy_role_arn: deploy.role.arn, security_audit_role_arn: audit.role.arn } };
  }

  /**
   * The central audit bucket (CloudTrail and AWS Config deliver there) with its access-log bucket,
   * the multi-Region trail, and the alerts on tampering with either. Only the deploy role (by
   * computed ARN, so the bucket does not wait for it) and the break-glass principals may change what
   * protects the bucket; only the break-glass principals may delete or unlock a log object.
   */
  private auditLogs(kmsKeyArn: string, auditRole: IamRole): AuditOutputs {
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
      logReaderArns: [auditRole.arn, ...trail.logReaderArns],
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
