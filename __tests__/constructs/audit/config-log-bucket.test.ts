import { Testing, TerraformStack } from 'cdktf';
import { ConfigLogBucket, ConfigLogBucketProps } from '../../../src/constructs/audit/config-log-bucket';
import { AuditLogBucket } from '../../../src/constructs/audit/audit-log-bucket';
import { AccessLogBucket } from '../../../src/constructs/audit/access-log-bucket';
import { accountFacts } from '../../../src/stacks/account-facts';
import { resources, synthConstruct } from '../../helpers/synth';
import { dataRef, only, overlyBroadAllows, policyDocuments, policyFixture, ref, statementBySid, wildcardPrincipalAllows } from '../../helpers/inspect';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef';
const AUDITOR = 'arn:aws:iam::123456789012:role/security-audit';
const DEPLOYER = 'arn:aws:iam::123456789012:role/acme-deploy';
const BREAK_GLASS = 'arn:aws:iam::123456789012:role/break-glass';

const PROPS: Omit<ConfigLogBucketProps, 'facts'> = {
  bucketName: 'acme-config',
  kmsKeyArn: KEY,
  logReaderArns: [AUDITOR],
  bucketManagerArns: [DEPLOYER],
  accessLogBucket: { bucketName: 'acme-access-logs' },
};

describe('ConfigLogBucket defaults', () => {
  const stack = synthConstruct((scope) => new ConfigLogBucket(scope, 'config_logs', { ...PROPS, facts: accountFacts(scope) }));
  const [bucketId, bucket] = only(stack, 'aws_s3_bucket');
  const bucketRef = ref('aws_s3_bucket', bucketId, 'id');
  const arn = ref('aws_s3_bucket', bucketId, 'arn');
  const account = dataRef(stack, 'aws_caller_identity', 'account_id');
  const [, policy] = only(stack, 'aws_s3_bucket_policy');
  const document = JSON.parse(policy.policy);

  test('no Object Lock (AWS Config does not deliver to a bucket with it), protected from destroy', () => {
    expect(bucket).toEqual({ bucket: 'acme-config', lifecycle: { prevent_destroy: true } });
    expect(resources(stack, 'aws_s3_bucket_object_lock_configuration')).toEqual({});
  });

  test('versioned, owner-enforced, every public-access setting blocked', () => {
    expect(only(stack, 'aws_s3_bucket_versioning')[1]).toEqual({ bucket: bucketRef, versioning_configuration: { status: 'Enabled' } });
    expect(only(stack, 'aws_s3_bucket_ownership_controls')[1]).toEqual({ bucket: bucketRef, rule: { object_ownership: 'BucketOwnerEnforced' } });
    expect(only(stack, 'aws_s3_bucket_public_access_block')[1]).toEqual({
      bucket: bucketRef,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('SSE-KMS with the customer key and a bucket key', () => {
    expect(only(stack, 'aws_s3_bucket_server_side_encryption_configuration')[1]).toEqual({
      bucket: bucketRef,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY }, bucket_key_enabled: true }],
    });
  });

  test('server access logs go to the access-log bucket under "<bucketName>/"', () => {
    expect(only(stack, 'aws_s3_bucket_logging')[1]).toEqual({ bucket: bucketRef, target_bucket: 'acme-access-logs', target_prefix: 'acme-config/' });
  });

  test('current and noncurrent versions move to Glacier after 90 days; nothing expires', () => {
    const [, lifecycle] = only(stack, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule).toHaveLength(1);
    expect(lifecycle.rule[0]).toMatchObject({
      id: 'archive-config-logs',
      status: 'Enabled',
      transition: [{ days: 90, storage_class: 'GLACIER' }],
      noncurrent_version_transition: [{ noncurrent_days: 90, storage_class: 'GLACIER' }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
    expect(lifecycle.rule[0].expiration).toBeUndefined();
    expect(lifecycle.rule[0].noncurrent_version_expiration).toBeUndefined();
  });

  test('the policy: TLS only, AWS Config writes, the readers read, and the audit bucket\'s Denies', () => {
    expect(policy.bucket).toBe(bucketRef);
    expect(document.Statement.map((s: any) => s.Sid)).toEqual([
      'DenyInsecureTransport',
      'DenyOutdatedTls',
      'AWSConfigBucketPermissionsCheck',
      'AWSConfigBucketExistenceCheck',
      'AWSConfigBucketDelivery',
      'AllowLogReaders',
      'DenyReadToEveryoneElse',
      'DenyLogTampering',
      'DenyProtectionChangesOutsideTerraform',
    ]);
  });

  test('AWS Config of this account checks the bucket and writes only under config/AWSLogs/<account>/Config/', () => {
    const config = { Service: 'config.amazonaws.com' };
    const thisAccount = { 'aws:SourceAccount': account };
    expect(statementBySid(document, 'AWSConfigBucketPermissionsCheck')).toEqual({
      Sid: 'AWSConfigBucketPermissionsCheck',
      Effect: 'Allow',
      Principal: config,
      Action: 's3:GetBucketAcl',
      Resource: arn,
      Condition: { StringEquals: thisAccount },
    });
    expect(statementBySid(document, 'AWSConfigBucketExistenceCheck')).toEqual({
      Sid: 'AWSConfigBucketExistenceCheck',
      Effect: 'Allow',
      Principal: config,
      Action: 's3:ListBucket',
      Resource: arn,
      Condition: { StringEquals: thisAccount },
    });
    expect(statementBySid(document, 'AWSConfigBucketDelivery')).toEqual({
      Sid: 'AWSConfigBucketDelivery',
      Effect: 'Allow',
      Principal: config,
      Action: 's3:PutObject',
      Resource: `${arn}/config/AWSLogs/${account}/Config/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...thisAccount } },
    });
    const writers = document.Statement.filter((s: any) => s.Effect === 'Allow' && [s.Action].flat().includes('s3:PutObject'));
    expect(writers.map((s: any) => s.Principal)).toEqual([config]);
  });

  test('nobody, the root included, deletes an object or version; only the deploy role changes the protection, Object Lock included', () => {
    expect(statementBySid(document, 'DenyLogTampering')).toMatchObject({ Effect: 'Deny', Principal: '*', Resource: `${arn}/*` });
    expect(statementBySid(document, 'DenyLogTampering').Action).toEqual(expect.arrayContaining(['s3:DeleteObject', 's3:DeleteObjectVersion']));
    expect(statementBySid(document, 'DenyLogTampering').Condition).toBeUndefined();
    const protection = statementBySid(document, 'DenyProtectionChangesOutsideTerraform');
    expect(protection).toMatchObject({ Effect: 'Deny', Principal: '*', Resource: arn, Condition: { ArnNotEquals: { 'aws:PrincipalArn': [DEPLOYER] } } });
    // Switched on later, Object Lock would stop every delivery.
    expect(protection.Action).toEqual(expect.arrayContaining(['s3:PutBucketObjectLockConfiguration', 's3:PutBucketPolicy', 's3:PutBucketVersioning', 's3:DeleteBucket']));
  });

  test('the readers, and nobody else, read', () => {
    expect(statementBySid(document, 'AllowLogReaders').Principal).toEqual({ AWS: [AUDITOR] });
    expect(statementBySid(document, 'DenyReadToEveryoneElse').Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [AUDITOR] } });
  });

  test('the policy comes after every setting it protects', () => {
    const ids = (type: string) => Object.keys(resources(stack, type)).map((id) => `${type}.${id}`);
    expect([...policy.depends_on].sort()).toEqual(
      [
        ...ids('aws_s3_bucket_versioning'),
        ...ids('aws_s3_bucket_server_side_encryption_configuration'),
        ...ids('aws_s3_bucket_logging'),
        ...ids('aws_s3_bucket_lifecycle_configuration'),
        ...ids('aws_s3_bucket_ownership_controls'),
        ...ids('aws_s3_bucket_public_access_block'),
      ].sort(),
    );
  });

  test('every policy parses; no wildcard principal Allow or wildcard admin', () => {
    for (const { document: d } of policyDocuments(stack)) {
      expect(wildcardPrincipalAllows(d)).toEqual([]);
      expect(overlyBroadAllows(d)).toEqual([]);
    }
  });
});

describe('ConfigLogBucket shares the audit bucket\'s protection', () => {
  const options = { breakGlassArns: [BREAK_GLASS], logReaderArns: [AUDITOR, 'arn:aws:iam::123456789012:role/siem'], archiveAfterDays: 30 };
  const stack = synthConstruct((scope) => {
    const facts = accountFacts(scope);
    const accessLogBucket = new AccessLogBucket(scope, 'access_logs', {
      bucketName: 'acme-access-logs',
      sourceBucketArns: ['arn:aws:s3:::acme-audit-logs', 'arn:aws:s3:::acme-config'],
      facts,
    });
    new ConfigLogBucket(scope, 'config_logs', { ...PROPS, ...options, accessLogBucket, facts });
    new AuditLogBucket(scope, 'audit_logs', { ...PROPS, ...options, bucketName: 'acme-audit-logs', trailName: 'acme-trail', accessLogBucket, facts });
  });
  /** Logical id of the construct's resource of that type (synthConstruct keeps cdktf's hash suffixes). */
  const idOf = (type: string, construct: string) => Object.keys(resources(stack, type)).find((id) => id.startsWith(`${construct}_`))!;
  const policyOf = (construct: string) => JSON.parse(resources(stack, 'aws_s3_bucket_policy')[idOf('aws_s3_bucket_policy', construct)].policy);
  /** A statement with its bucket's ARN replaced, so that two buckets' statements compare. */
  const generic = (construct: string, sid: string) =>
    JSON.parse(JSON.stringify(statementBySid(policyOf(construct), sid)).split(ref('aws_s3_bucket', idOf('aws_s3_bucket', construct), 'arn')).join('BUCKET'));

  test.each(['AllowLogReaders', 'DenyReadToEveryoneElse', 'DenyLogTampering', 'DenyProtectionChangesOutsideTerraform', 'DenyInsecureTransport', 'DenyOutdatedTls'])(
    '%s is the same statement on both buckets',
    (sid) => {
      expect(generic('config_logs', sid)).toEqual(generic('audit_logs', sid));
    },
  );

  test('the break-glass principals are the one exception to the tamper Deny, and join the deploy role for the protection Deny', () => {
    expect(statementBySid(policyOf('config_logs'), 'DenyLogTampering').Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [BREAK_GLASS] } });
    expect(statementBySid(policyOf('config_logs'), 'DenyProtectionChangesOutsideTerraform').Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [DEPLOYER, BREAK_GLASS] } });
  });

  test('the same archive days, and logging waits for the access-log bucket\'s policy', () => {
    expect(resources(stack, 'aws_s3_bucket_lifecycle_configuration')[idOf('aws_s3_bucket_lifecycle_configuration', 'config_logs')].rule[0].transition).toEqual([
      { days: 30, storage_class: 'GLACIER' },
    ]);
    expect(resources(stack, 'aws_s3_bucket_logging')[idOf('aws_s3_bucket_logging', 'config_logs')]).toMatchObject({
      target_bucket: ref('aws_s3_bucket', idOf('aws_s3_bucket', 'access_logs'), 'bucket'),
      depends_on: [`aws_s3_bucket_policy.${idOf('aws_s3_bucket_policy', 'access_logs')}`],
    });
  });

  test('only the audit bucket has Object Lock', () => {
    expect(resources(stack, 'aws_s3_bucket')[idOf('aws_s3_bucket', 'audit_logs')].object_lock_enabled).toBe(true);
    expect(resources(stack, 'aws_s3_bucket')[idOf('aws_s3_bucket', 'config_logs')].object_lock_enabled).toBeUndefined();
  });
});

describe('ConfigLogBucket and the compliance rules', () => {
  test('passes every rule, S3BucketLogTamperDeny included, with and without break-glass principals', () => {
    for (const breakGlassArns of [[], [BREAK_GLASS]]) {
      const fixture = policyFixture((scope) => new ConfigLogBucket(scope, 'config_logs', { ...PROPS, breakGlassArns, facts: accountFacts(scope) }));
      expect(fixture.synthError()).toBeUndefined();
    }
  });
});

describe('ConfigLogBucket input checks', () => {
  const build = (overrides: Partial<ConfigLogBucketProps>) => () => {
    const stack = new TerraformStack(Testing.app(), 'bad');
    return new ConfigLogBucket(stack, 'config_logs', { ...PROPS, facts: accountFacts(stack), ...overrides });
  };

  test('a key prefix other than "config" is honoured', () => {
    const stack = synthConstruct((scope) => new ConfigLogBucket(scope, 'config_logs', { ...PROPS, keyPrefix: 'audit/config', facts: accountFacts(scope) }));
    const document = JSON.parse(only(stack, 'aws_s3_bucket_policy')[1].policy);
    expect(statementBySid(document, 'AWSConfigBucketDelivery').Resource).toMatch(/\/audit\/config\/AWSLogs\/\$\{data\.aws_caller_identity\.[a-z_]+\.account_id\}\/Config\/\*$/);
  });

  test.each(['/config', 'config/', 'a//b', 'config/AWSLogs'])('rejects keyPrefix %p', (keyPrefix) => {
    expect(build({ keyPrefix })).toThrow(`ConfigLogBucket keyPrefix: received "${keyPrefix}"; expected path segments joined by "/"`);
  });

  test.each([
    [{ bucketName: 'Acme_Config' }, 'ConfigLogBucket bucketName: received "Acme_Config"; expected 3-63 lowercase letters'],
    [{ kmsKeyArn: 'alias/acme' }, 'ConfigLogBucket kmsKeyArn: received "alias/acme"; expected a KMS key ARN'],
    [{ archiveAfterDays: 0 }, 'ConfigLogBucket archiveAfterDays: received 0; expected a positive integer'],
    [{ logReaderArns: [] }, 'ConfigLogBucket logReaderArns: received []; expected at least one of IAM principal ARNs'],
    [{ bucketManagerArns: [] }, 'ConfigLogBucket bucketManagerArns: received []; expected at least one of IAM principal ARNs'],
    [{ breakGlassArns: ['arn:aws:iam::123456789012:group/admins'] }, 'ConfigLogBucket breakGlassArns: received ["arn:aws:iam::123456789012:group/admins"]; expected IAM principal ARNs'],
  ] as const)('rejects %p', (overrides, message) => {
    expect(build(overrides as Partial<ConfigLogBucketProps>)).toThrow(message);
  });
});
