import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { DescribeSecretCommand, GetResourcePolicyCommand, ListSecretVersionIdsCommand } from '@aws-sdk/client-secrets-manager';
import { DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeHubCommand } from '@aws-sdk/client-securityhub';
import { GetBucketEncryptionCommand, GetBucketLoggingCommand, GetObjectLockConfigurationCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { FoundationConfig } from '../../../src/config/validate';
import { auditBucketEnabled, configBucketEnabled, logBucketsEnabled } from '../../../src/aws/resource-names';
import { EmulatorAws } from '../aws';
import { Checklist } from '../checklist';
import { DeployedOutputs } from '../outputs';

/** The security layer read back with the SDK: keys and replicas, secrets and replicas, the trail. */
export async function checkSecurityDeployed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const primaryArn = outputs.global.get('kms_primary_key_arn');
  const primary = (await aws.kms(config.primaryRegion).send(new DescribeKeyCommand({ KeyId: primaryArn }))).KeyMetadata;
  c.expect(primary?.MultiRegion === true && primary?.MultiRegionConfiguration?.MultiRegionKeyType === 'PRIMARY', `primary key ${primaryArn} is a multi-Region primary`);
  const rotation = await aws.kms(config.primaryRegion).send(new GetKeyRotationStatusCommand({ KeyId: primaryArn }));
  c.expect(rotation.KeyRotationEnabled === true, 'primary key rotation is on');
  for (const region of config.regions) {
    const kms = aws.kms(region.name);
    const arn = outputs.region(region.name).get('kms_key_arn');
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: arn }))).KeyMetadata;
    c.expect(meta?.KeyId === primary?.KeyId, `${region.name}: key ${arn} has the primary's key id ${primary?.KeyId}`);
    if (!region.isPrimary) c.expect(meta?.MultiRegionConfiguration?.MultiRegionKeyType === 'REPLICA', `${region.name}: key is a replica`);
    const aliases = (await kms.send(new ListAliasesCommand({}))).Aliases ?? [];
    c.expect(
      aliases.some((a) => a.AliasName === config.security.kms.alias && a.TargetKeyId === meta?.KeyId),
      `${region.name}: ${config.security.kms.alias} points at the key`,
    );
  }

  const secrets = aws.secrets(config.primaryRegion);
  for (const { name, readerArns } of config.security.secrets) {
    const secret = await secrets.send(new DescribeSecretCommand({ SecretId: name })).catch(() => undefined);
    c.expect(secret?.KmsKeyId === primaryArn, `secret ${name} is encrypted with the primary key (got ${secret?.KmsKeyId})`);
    for (const region of config.regions.filter((r) => !r.isPrimary)) {
      const replica = secret?.ReplicationStatus?.find((r) => r.Region === region.name);
      const keyArn = outputs.region(region.name).get('kms_key_arn');
      c.expect(replica?.KmsKeyId === keyArn, `secret ${name} has a replica in ${region.name} on ${keyArn} (got ${replica?.KmsKeyId})`);
      const copy = await aws.secrets(region.name).send(new DescribeSecretCommand({ SecretId: name })).catch(() => undefined);
      c.expect(Boolean(copy), `secret ${name} can be described in ${region.name}`);
    }
    const versions = await secrets.send(new ListSecretVersionIdsCommand({ SecretId: name })).catch(() => undefined);
    c.expect((versions?.Versions ?? []).length === 0, `secret ${name} holds no value (none was ever written by Terraform)`);
    // In the primary Region only: a replica takes the primary's policy and refuses PutResourcePolicy.
    const policy = await secrets.send(new GetResourcePolicyCommand({ SecretId: name })).catch(() => undefined);
    const denied = readersOnlyDeny(policy?.ResourcePolicy);
    c.expect(
      denied !== undefined && JSON.stringify(denied) === JSON.stringify(readerArns),
      `secret ${name} has a resource policy denying GetSecretValue to all but ${readerArns.length ? readerArns.join(', ') : 'nobody'} (got readers ${JSON.stringify(denied)}, policy ${policy?.ResourcePolicy ?? 'none'})`,
    );
  }

  if (config.security.securityHub.enable) {
    for (const region of config.regions) {
      const hub = await aws.securityhub(region.name).send(new DescribeHubCommand({})).catch(() => undefined);
      const expected = outputs.region(region.name).get('security_hub_arn');
      c.expect(Boolean(hub?.HubArn) && hub?.HubArn === expected, `${region.name}: Security Hub is enabled (${expected}, got ${hub?.HubArn})`);
    }
  }

  if (config.security.cloudTrail.enable) {
    const cloudtrail = aws.cloudtrail(config.primaryRegion);
    const trailArn = outputs.global.get('cloudtrail_arn');
    const trail = (await cloudtrail.send(new DescribeTrailsCommand({ trailNameList: [trailArn] }))).trailList?.[0];
    c.expect(trail?.IsMultiRegionTrail === true, 'trail is multi-Region');
    c.expect(trail?.LogFileValidationEnabled === true, 'trail validates log files');
    c.expect(trail?.KmsKeyId === primaryArn, `trail encrypts with the primary key (got ${trail?.KmsKeyId})`);
    c.expect(trail?.S3BucketName === outputs.global.get('audit_log_bucket_name'), 'trail writes to the audit log bucket');
    const status = await cloudtrail.send(new GetTrailStatusCommand({ Name: trailArn }));
    c.expect(status.IsLogging === true, 'trail is logging');
    const s3 = aws.s3(config.primaryRegion);
    const bucket = outputs.global.get('audit_log_bucket_name');
    const lock = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket })).catch(() => undefined);
    const retention = lock?.ObjectLockConfiguration?.Rule?.DefaultRetention;
    const { objectLockMode, objectLockRetentionDays } = config.security.cloudTrail;
    c.expect(
      retention?.Mode === objectLockMode && retention?.Days === objectLockRetentionDays,
      `audit bucket has Object Lock ${objectLockMode} ${objectLockRetentionDays} days (got ${retention?.Mode} ${retention?.Days})`,
    );
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
    const sse = encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
    c.expect(sse?.SSEAlgorithm === 'aws:kms' && sse?.KMSMasterKeyID === primaryArn, 'audit bucket is SSE-KMS with the primary key');
    const logging = await s3.send(new GetBucketLoggingCommand({ Bucket: bucket }));
    c.expect(logging.LoggingEnabled?.TargetBucket === outputs.global.get('access_log_bucket_name'), 'audit bucket logs access to the access-log bucket');
  }
}

/**
 * The readers a secret's resource policy exempts from its one statement, a Deny of GetSecretValue to
 * Principal "*" (none: nobody reads); undefined when the policy is missing or is anything else.
 */
function readersOnlyDeny(document: string | undefined): string[] | undefined {
  if (!document) return undefined;
  const statements: unknown = JSON.parse(document).Statement;
  if (!Array.isArray(statements) || statements.length !== 1) return undefined;
  const [deny] = statements as Array<Record<string, any>>;
  if (deny.Effect !== 'Deny' || deny.Principal !== '*' || deny.Action !== 'secretsmanager:GetSecretValue' || deny.Resource !== '*') return undefined;
  const condition = deny.Condition as Record<string, Record<string, string[]>> | undefined;
  if (condition === undefined) return [];
  if (Object.keys(condition).join() !== 'ArnNotEquals' || Object.keys(condition.ArnNotEquals).join() !== 'aws:PrincipalArn') return undefined;
  return [condition.ArnNotEquals['aws:PrincipalArn']].flat();
}

/** After destroy: protected keys and log buckets remain; secrets are scheduled for deletion; the trail is gone. */
export async function checkSecurityDestroyed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  for (const region of config.regions) {
    const arn = outputs.region(region.name).get('kms_key_arn');
    const meta = (await aws.kms(region.name).send(new DescribeKeyCommand({ KeyId: arn })).catch(() => undefined))?.KeyMetadata;
    c.expect(meta?.KeyState === 'Enabled', `${region.name}: protected key ${arn} is kept and enabled (got ${meta?.KeyState})`);
  }
  for (const { name } of config.security.secrets) {
    const secret = await aws.secrets(config.primaryRegion).send(new DescribeSecretCommand({ SecretId: name })).catch(() => undefined);
    c.expect(!secret || Boolean(secret.DeletedDate), `secret ${name} is deleted or scheduled for deletion`);
  }
  if (config.security.cloudTrail.enable) {
    const trails = (await aws.cloudtrail(config.primaryRegion).send(new DescribeTrailsCommand({}))).trailList ?? [];
    c.expect(trails.length === 0, `no trail left (found ${trails.map((t) => t.Name).join(', ')})`);
  }
  const logBuckets = [
    ...(auditBucketEnabled(config) ? [outputs.global.get('audit_log_bucket_name')] : []),
    ...(configBucketEnabled(config) ? [outputs.global.get('config_bucket_name')] : []),
    ...(logBucketsEnabled(config) ? [outputs.global.get('access_log_bucket_name')] : []),
  ];
  for (const bucket of logBuckets) {
    const head = await aws.s3(config.primaryRegion).send(new HeadBucketCommand({ Bucket: bucket })).catch(() => undefined);
    c.expect(Boolean(head), `protected bucket ${bucket} is kept`);
  }
}
