import { Construct } from 'constructs';
import { FoundationConfig } from '../config/validate';
import { FlowLogsDeliveryRole } from '../constructs/identity/flow-logs-delivery-role';
import { MultiRegionKey } from '../constructs/security/multi-region-key';
import { AccessLogBucket } from '../constructs/audit/access-log-bucket';
import { AuditLogBucket } from '../constructs/audit/audit-log-bucket';
import { CloudTrail } from '../constructs/audit/cloud-trail';
import { DeployRole } from '../constructs/identity/deploy-role';
import { SecurityAuditRole } from '../constructs/identity/security-audit-role';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { FoundationStack } from './foundation-stack';
import { writeOutputs } from './outputs';
import { GLOBAL_STACK } from './stack-names';
import { auditBucketName, flowLogGroupPrefix, resourceNames } from '../aws/resource-names';
import { AccountFacts } from '../aws/account-facts';
import { accountFacts } from './account-facts';
import { multiRegionKeyProps } from './key-props';
import { defaultTagKeys } from './providers';
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

    const trailEnabled = config.security.cloudTrail.enable;
    const roles = this.roles(key.keyArn, trailEnabled);
    // KMS and S3 reject a policy that names a principal that does not exist yet.
    key.resource.addOverride('depends_on', [`${roles.audit.terraformResourceType}.${roles.audit.friendlyUniqueId}`]);
    const trail = trailEnabled ? this.auditTrail(key.keyArn, roles.audit) : {};

    writeOutputs(this, GLOBAL_OUTPUTS, {
      flow_logs_role_arn: flowLogs.role.arn,
      kms_primary_key_arn: key.keyArn,
      kms_key_id: key.keyId,
      kms_key_alias: config.security.kms.alias,
      ...roles.outputs,
      ...trail,
    });
  }

  /** The CI deploy role and the read-only security-audit role; trust defaults to this account. */
  private roles(kmsKeyArn: string, trailEnabled: boolean): { audit: IamRole; outputs: Pick<Outputs, 'deploy_role_arn' | 'security_audit_role_arn'> } {
    const { iam, directoryService } = this.config.security;
    const names = resourceNames(this.config);
    const { account, partition } = this.facts;
    const accountRoot = [`arn:${partition}:iam::${account}:root`];
    // Directory Service reads its admin password at plan time, so the deploy role may read that one secret.
    const readableSecretArns = directoryService.enable
      ? [`arn:${partition}:secretsmanager:${this.config.primaryRegion}:${account}:secret:${directoryService.adminPasswordSecretName}-*`]
      : [];
    const deploy = new DeployRole(this, 'deploy_role', {
      roleName: names.deployRole,
      trustedPrincipalArns: iam.deployRoleTrustedArns.length ? iam.deployRoleTrustedArns : accountRoot,
      permissionsBoundaryArn: iam.permissionsBoundaryArn,
      project: this.config.project,
      stateBucketName: this.config.state.bucket,
      stateKeyPrefix: this.config.state.keyPrefix,
      readableSecretArns,
      tagKeys: defaultTagKeys(this.config),
      facts: this.facts,
    });
    const audit = new SecurityAuditRole(this, 'security_audit_role', {
      roleName: names.securityAuditRole,
      trustedPrincipalArns: iam.auditRoleTrustedArns.length ? iam.auditRoleTrustedArns : accountRoot,
      permissionsBoundaryArn: iam.permissionsBoundaryArn,
      auditLogBucketArn: trailEnabled ? `arn:${partition}:s3:::${auditBucketName(this.config, account)}` : undefined,
      kmsKeyArn: trailEnabled ? kmsKeyArn : undefined,
    });
    return { audit: audit.role, outputs: { deploy_role_arn: deploy.role.arn, security_audit_role_arn: audit.role.arn } };
  }

  /** One multi-Region trail into a locked, encrypted bucket that only the security principals read. */
  private auditTrail(kmsKeyArn: string, auditRole: IamRole): Pick<Outputs, 'cloudtrail_arn' | 'audit_log_bucket_name' | 'access_log_bucket_name'> {
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
      logReaderArns: [auditRole.arn, ...trail.logReaderArns],
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
