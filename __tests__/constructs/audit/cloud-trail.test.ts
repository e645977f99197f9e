import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { CloudTrail, CloudTrailProps } from '../../../src/constructs/audit/cloud-trail';
import { AuditLogBucket } from '../../../src/constructs/audit/audit-log-bucket';
import { accountFacts } from '../../../src/stacks/account-facts';
import { synthConstruct } from '../../helpers/synth';
import { only, overlyBroadAllows, policyDocuments, ref, statementBySid, wildcardPrincipalAllows } from '../../helpers/inspect';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef';
const LOGS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const PROPS: Omit<CloudTrailProps, 'facts'> = { name: 'acme-trail', bucketName: 'acme-audit-logs', kmsKeyArn: KEY };

describe('CloudTrail defaults', () => {
  const stack = synthConstruct((scope) => {
    const trail = new CloudTrail(scope, 'trail', { ...PROPS, facts: accountFacts(scope) });
    new TerraformOutput(scope, 'trail_arn', { value: trail.trailArn });
  });
  const [trailId, trail] = only(stack, 'aws_cloudtrail');

  test('one multi-Region trail with global service events, log file validation and SSE-KMS, logging on', () => {
    expect(trail).toEqual({
      name: 'acme-trail',
      s3_bucket_name: 'acme-audit-logs',
      kms_key_id: KEY,
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      is_organization_trail: false,
      enable_logging: true,
    });
  });

  test('trailArn is the trail resource ARN', () => {
    expect(stack.output?.trail_arn.value).toBe(ref('aws_cloudtrail', trailId, 'arn'));
  });

  test('without cloudWatchLogs there is no log group, role or data source', () => {
    expect(Object.keys(stack.resource ?? {})).toEqual(['aws_cloudtrail']);
    expect(stack.data).toBeUndefined();
  });
});

describe('CloudTrail with CloudWatch Logs, organization trail and a bucket to wait for', () => {
  const stack = synthConstruct((scope) => {
    const bucket = new AuditLogBucket(scope, 'audit', {
      bucketName: 'acme-audit-logs',
      kmsKeyArn: KEY,
      trailName: 'acme-trail',
      logReaderArns: ['arn:aws:iam::123456789012:role/security-audit'],
      bucketManagerArns: ['arn:aws:iam::123456789012:role/acme-deploy'],
      accessLogBucket: { bucketName: 'acme-access-logs' },
      facts: accountFacts(scope),
    });
    new CloudTrail(scope, 'trail', {
      name: 'acme-trail',
      bucketName: bucket.bucket.bucket,
      kmsKeyArn: KEY,
      isOrganizationTrail: true,
      cloudWatchLogs: { retentionDays: 400, kmsKeyArn: LOGS_KEY },
      dependsOn: [bucket.policy],
      facts: accountFacts(scope),
    });
  });
  const [, trail] = only(stack, 'aws_cloudtrail');
  const [groupId, group] = only(stack, 'aws_cloudwatch_log_group');
  const [roleId, role] = only(stack, 'aws_iam_role');
  const [rolePolicyId, rolePolicy] = only(stack, 'aws_iam_role_policy');
  const [bucketPolicyId] = only(stack, 'aws_s3_bucket_policy');
  const [bucketId] = only(stack, 'aws_s3_bucket');
  const groupArn = ref('aws_cloudwatch_log_group', groupId, 'arn');
  const dataIdOf = (type: string) => Object.keys(stack.data?.[type] ?? {}).find((id) => id.startsWith('trail_'))!;
  // Account and partition are the stack's shared facts (accountFacts), the Region the trail's own lookup.
  const trailArn =
    `arn:\${data.aws_partition.partition.partition}:cloudtrail:\${data.aws_region.${dataIdOf('aws_region')}.name}:` +
    `\${data.aws_caller_identity.account.account_id}:trail/acme-trail`;

  test('trail delivers to the bucket, as an organization trail, and to the log group through the role', () => {
    expect(trail).toMatchObject({
      s3_bucket_name: ref('aws_s3_bucket', bucketId, 'bucket'),
      is_organization_trail: true,
      is_multi_region_trail: true,
      enable_log_file_validation: true,
      cloud_watch_logs_group_arn: `${groupArn}:*`,
      cloud_watch_logs_role_arn: ref('aws_iam_role', roleId, 'arn'),
    });
  });

  test('trail waits for the bucket policy and for the role permissions CloudTrail tests on creation', () => {
    expect(trail.depends_on).toEqual([`aws_s3_bucket_policy.${bucketPolicyId}`, `aws_iam_role_policy.${rolePolicyId}`]);
  });

  test('log group is named after the trail, KMS-encrypted, with the configured retention', () => {
    expect(group).toEqual({ name: '/aws/cloudtrail/acme-trail', retention_in_days: 400, kms_key_id: LOGS_KEY });
  });

  test('role can be assumed only by CloudTrail on behalf of this trail (ARN from data sources, no cycle)', () => {
    expect(role.name).toBe('acme-trail-cloudwatch-logs');
    const document = JSON.parse(role.assume_role_policy);
    expect(document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'OnlyThisTrail',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
        },
      ],
    });
  });

  test('role may only create streams and put events in this one log group', () => {
    expect(rolePolicy.role).toBe(ref('aws_iam_role', roleId, 'id'));
    const document = JSON.parse(rolePolicy.policy);
    expect(document.Statement).toHaveLength(1);
    expect(statementBySid(document, 'WriteTrailLogStreams')).toEqual({
      Sid: 'WriteTrailLogStreams',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${groupArn}:log-stream:*`,
    });
  });

  test('every policy document parses; no Allow has a wildcard principal or a wildcard action on everything', () => {
    const documents = policyDocuments(stack);
    expect(documents.map((d) => `${d.address.split('.')[0]}.${d.attribute}`).sort()).toEqual(
      ['aws_iam_role.assume_role_policy', 'aws_iam_role_policy.policy', 'aws_s3_bucket_policy.policy'].sort(),
    );
    for (const { document } of documents) {
      expect(wildcardPrincipalAllows(document)).toEqual([]);
      expect(overlyBroadAllows(document)).toEqual([]);
    }
  });

  test('the bucket policy admits exactly the trail ARN the role trusts', () => {
    const bucketPolicy = JSON.parse(only(stack, 'aws_s3_bucket_policy')[1].policy);
    const bucketTrailArn = statementBySid(bucketPolicy, 'AWSCloudTrailWrite').Condition?.StringEquals?.['aws:SourceArn'] as string;
    // Each construct reads its own data sources; both must spell the same ARN for the same trail name.
    const normalize = (arn: string) => arn.replace(/\$\{data\.(\w+)\.[^.}]+\.(\w+)\}/g, '<$1.$2>');
    expect(normalize(bucketTrailArn)).toBe(normalize(trailArn));
  });
});

describe('CloudTrail input checks', () => {
  const build = (overrides: Partial<CloudTrailProps>) => () => {
    const stack = new TerraformStack(Testing.app(), 'bad');
    return new CloudTrail(stack, 'trail', { ...PROPS, facts: accountFacts(stack), ...overrides });
  };

  test.each(['ab', 'my--trail', 'trail name', 'trail-'])('rejects name %p', (name) => {
    expect(build({ name })).toThrow(`CloudTrail name: received "${name}"; expected 3-128 letters`);
  });

  test('rejects bucketName "Audit_Logs"', () => {
    expect(build({ bucketName: 'Audit_Logs' })).toThrow('CloudTrail bucketName: received "Audit_Logs"; expected 3-63 lowercase letters');
  });

  test('rejects two dots in a row with the specific rule', () => {
    expect(build({ bucketName: 'acme..logs' })).toThrow('CloudTrail bucketName: received "acme..logs"; must not contain ".."; expected 3-63 lowercase letters');
  });

  test.each(['alias/acme', 'arn:aws:kms:us-east-1:123456789012:alias/acme'])('rejects kmsKeyArn %p', (kmsKeyArn) => {
    expect(build({ kmsKeyArn })).toThrow(`CloudTrail kmsKeyArn: received "${kmsKeyArn}"; expected a KMS key ARN`);
  });

  test.each([0, 2, 366, 1.5])('rejects cloudWatchLogs.retentionDays %p, listing the allowed periods', (retentionDays) => {
    expect(build({ cloudWatchLogs: { retentionDays, kmsKeyArn: LOGS_KEY } })).toThrow(
      `CloudTrail cloudWatchLogs.retentionDays: received ${retentionDays}; expected one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400`,
    );
  });

  test('rejects a cloudWatchLogs.kmsKeyArn that is not a key ARN', () => {
    expect(build({ cloudWatchLogs: { retentionDays: 365, kmsKeyArn: 'alias/logs' } })).toThrow(
      'CloudTrail cloudWatchLogs.kmsKeyArn: received "alias/logs"; expected a KMS key ARN',
    );
  });

  test('rejects a name too long for the delivery role name, but only when that role is created', () => {
    const name = 'a'.repeat(49);
    expect(build({ name })).not.toThrow();
    expect(build({ name, cloudWatchLogs: { retentionDays: 365, kmsKeyArn: LOGS_KEY } })).toThrow(
      `CloudTrail name: received "${name}" (49 characters); with cloudWatchLogs expected at most 48 characters`,
    );
    expect(build({ name: 'a'.repeat(48), cloudWatchLogs: { retentionDays: 365, kmsKeyArn: LOGS_KEY } })).not.toThrow();
  });
});
