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
import { useS3Backend } from './backend';
import { homeProvider } from './providers';
import { namedOutput } from './outputs';
import { GLOBAL_STACK } from './stack-names';
import { resourceNames, roleArn } from '../aws/resource-names';
import { accountFacts } from './account-facts';

/** Path under which every Region's flow-log group lives; the delivery role may write only there. */
export function flowLogGroupPrefix(config: FoundationConfig): string {
  return `/${config.project}/vpc-flow-logs/`;
}

/** Account-wide resources in the primary Region that every Region stack builds on. */
export class GlobalStack extends FoundationStack {
  constructor(scope: Construct, config: FoundationConfig) {
    super(scope, GLOBAL_STACK, config);
    useS3Backend(this, config.state, GLOBAL_STACK);
    homeProvider(this, config, GLOBAL_STACK, config.primaryRegion);

    const names = resourceNames(config);
    const flowLogs = new FlowLogsDeliveryRole(this, 'flow_logs_delivery', {
      roleName: names.flowLogsRole,
      logGroupPrefix: flowLogGroupPrefix(config),
    });
    namedOutput(this, 'flow_logs_role_arn', flowLogs.role.arn, 'Role VPC Flow Logs assumes in every Region (read by region-* stacks)');

    const key = new MultiRegionKey(this, 'kms', keyProps(this, config));
    namedOutput(this, 'kms_primary_key_arn', key.keyArn, 'Multi-Region primary key (read by region-* for replicas and by global-replication)');
    namedOutput(this, 'kms_key_id', key.keyId, 'Key id, the same in every Region (mrk-...)');
    namedOutput(this, 'kms_key_alias', config.security.kms.alias, 'Alias of the key in every Region');

    const trailEnabled = config.security.cloudTrail.enable;
    const audit = this.roles(key.keyArn, trailEnabled);
    // KMS and S3 reject a policy that names a principal that does not exist yet.
    key.resource.addOverride('depends_on', [`${audit.terraformResourceType}.${audit.friendlyUniqueId}`]);
    if (trailEnabled) this.auditTrail(key.keyArn, audit);
  }

  /** The CI deploy role and the read-only security-audit role (returned); trust defaults to this account. */
  private roles(kmsKeyArn: string, trailEnabled: boolean): IamRole {
    const { iam, directoryService } = this.config.security;
    const names = resourceNames(this.config);
    const { account, partition } = accountFacts(this);
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
      facts: accountFacts(this),
    });
    const audit = new SecurityAuditRole(this, 'security_audit_role', {
      roleName: names.securityAuditRole,
      trustedPrincipalArns: iam.auditRoleTrustedArns.length ? iam.auditRoleTrustedArns : accountRoot,
      permissionsBoundaryArn: iam.permissionsBoundaryArn,
      auditLogBucketArn: trailEnabled ? `arn:${partition}:s3:::${auditBucketName(this.config, account)}` : undefined,
      kmsKeyArn: trailEnabled ? kmsKeyArn : undefined,
    });
    namedOutput(this, 'deploy_role_arn', deploy.role.arn, 'Role CI assumes to deploy the foundation');
    namedOutput(this, 'security_audit_role_arn', audit.role.arn, 'Read-only security audit role; the only default reader of the audit logs');
    return audit.role;
  }

  /** One multi-Region trail into a locked, encrypted bucket that only the security principals read. */
  private auditTrail(kmsKeyArn: string, auditRole: IamRole): void {
    const { config } = this;
    const trail = config.security.cloudTrail;
    const names = resourceNames(config);
    const { account, partition } = accountFacts(this);
    const auditBucket = auditBucketName(config, account);
    const access = new AccessLogBucket(this, 'access_logs', {
      bucketName: `${config.project}-access-logs-${account}`,
      sourceBucketArn: `arn:${partition}:s3:::${auditBucket}`,
    });
    const audit = new AuditLogBucket(this, 'audit_logs', {
      bucketName: auditBucket,
      kmsKeyArn,
      trailName: names.trail,
      logReaderArns: [auditRole.arn, ...trail.logReaderArns],
      accessLogBucket: access,
      objectLockRetentionDays: trail.objectLockRetentionDays,
      archiveAfterDays: trail.archiveAfterDays,
    });
    const cloudTrail = new CloudTrail(this, 'trail', {
      name: names.trail,
      bucketName: audit.bucket.bucket,
      kmsKeyArn,
      isOrganizationTrail: trail.organizationTrail,
      cloudWatchLogs: trail.enableCloudWatchLogs ? { retentionDays: trail.cloudWatchLogsRetentionDays, kmsKeyArn } : undefined,
      dependsOn: [audit.policy],
    });
    namedOutput(this, 'cloudtrail_arn', cloudTrail.trailArn, 'The multi-Region trail');
    namedOutput(this, 'audit_log_bucket_name', audit.bucket.bucket, 'Central CloudTrail log bucket (Object Lock, SSE-KMS)');
    namedOutput(this, 'access_log_bucket_name', access.bucket.bucket, 'Server access logs of the audit log bucket');
  }
}

export function auditBucketName(config: FoundationConfig, account: string): string {
  return `${config.project}-audit-logs-${account}`;
}

/** Key policy principals, identical for the primary key and every replica. */
export function keyProps(scope: Construct, config: FoundationConfig) {
  const { account, partition } = accountFacts(scope);
  const { kms, cloudTrail } = config.security;
  const auditReaders = [roleArn(partition, account, resourceNames(config).securityAuditRole), ...cloudTrail.logReaderArns];
  return {
    alias: kms.alias,
    administratorArns: kms.administratorArns,
    userArns: kms.userArns,
    s3ReaderArns: cloudTrail.enable ? auditReaders : [],
  };
}
