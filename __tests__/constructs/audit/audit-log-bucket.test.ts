import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AuditLogBucket, AuditLogBucketProps } from '../../../src/constructs/audit/audit-log-bucket';
import { AccessLogBucket } from '../../../src/constructs/audit/access-log-bucket';
import { accountFacts } from '../../../src/stacks/account-facts';
import { resources, synthConstruct } from '../../helpers/synth';
import { dataRef, only, overlyBroadAllows, policyDocuments, ref, statementBySid, wildcardPrincipalAllows } from '../../helpers/inspect';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef';
const AUDITOR = 'arn:aws:iam::123456789012:role/security-audit';
const RESPONDER = 'arn:aws:iam::123456789012:role/incident-response';

const DEPLOYER = 'arn:aws:iam::123456789012:role/acme-deploy';
const BREAK_GLASS = 'arn:aws:iam::123456789012:role/break-glass';
const ROOT = 'arn:aws:iam::123456789012:root';

const PROPS: Omit<AuditLogBucketProps, 'facts'> = {
  bucketName: 'acme-audit-logs',
  kmsKeyArn: KEY,
  trailName: 'acme-trail',
  logReaderArns: [AUDITOR],
  bucketManagerArns: [DEPLOYER],
  accessLogBucket: { bucketName: 'acme-access-logs' },
};

describe('AuditLogBucket defaults', () => {
  const stack = synthConstruct((scope) => {
    const audit = new AuditLogBucket(scope, 'audit', { ...PROPS, facts: accountFacts(scope) });
    new TerraformOutput(scope, 'trail_arn', { value: audit.trailArn });
    new TerraformOutput(scope, 'policy_id', { value: audit.policy.id });
    new TerraformOutput(scope, 'bucket_arn', { value: audit.bucket.arn });
  });
  const [bucketId, bucket] = only(stack, 'aws_s3_bucket');
  const bucketRef = ref('aws_s3_bucket', bucketId, 'id');
  const arn = ref('aws_s3_bucket', bucketId, 'arn');
  const [versioningId] = only(stack, 'aws_s3_bucket_versioning');
  const account = dataRef(stack, 'aws_caller_identity', 'account_id');
  const trailArn = `arn:${dataRef(stack, 'aws_partition', 'partition')}:cloudtrail:${dataRef(stack, 'aws_region', 'name')}:${account}:trail/acme-trail`;

  test('bucket has the configured name, object lock on, and is protected from destroy', () => {
    expect(bucket).toEqual({ bucket: 'acme-audit-logs', object_lock_enabled: true, lifecycle: { prevent_destroy: true } });
  });

  test('exposes the bucket, its policy and the trail ARN built from data sources (no cycle with the trail)', () => {
    expect(stack.output?.bucket_arn.value).toBe(arn);
    expect(stack.output?.policy_id.value).toBe(ref('aws_s3_bucket_policy', only(stack, 'aws_s3_bucket_policy')[0], 'id'));
    expect(stack.output?.trail_arn.value).toBe(trailArn);
    expect(resources(stack, 'aws_cloudtrail')).toEqual({});
  });

  test('versioning is enabled', () => {
    expect(only(stack, 'aws_s3_bucket_versioning')[1]).toEqual({ bucket: bucketRef, versioning_configuration: { status: 'Enabled' } });
  });

  test('Object Lock keeps every object 365 days in governance mode by default', () => {
    const [, lock] = only(stack, 'aws_s3_bucket_object_lock_configuration');
    expect(lock.bucket).toBe(bucketRef);
    expect(lock.rule).toEqual({ default_retention: { mode: 'GOVERNANCE', days: 365 } });
    expect(lock.depends_on).toEqual([`aws_s3_bucket_versioning.${versioningId}`]);
  });

  test('default encryption is SSE-KMS with the customer key and a bucket key', () => {
    const [, sse] = only(stack, 'aws_s3_bucket_server_side_encryption_configuration');
    expect(sse).toEqual({
      bucket: bucketRef,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY }, bucket_key_enabled: true }],
    });
  });

  test('public access block sets all four flags', () => {
    expect(only(stack, 'aws_s3_bucket_public_access_block')[1]).toEqual({
      bucket: bucketRef,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('ACLs are disabled (bucket owner enforced)', () => {
    expect(only(stack, 'aws_s3_bucket_ownership_controls')[1]).toEqual({ bucket: bucketRef, rule: { object_ownership: 'BucketOwnerEnforced' } });
  });

  test('server access logs go to the separate bucket under "<bucketName>/"', () => {
    expect(only(stack, 'aws_s3_bucket_logging')[1]).toEqual({ bucket: bucketRef, target_bucket: 'acme-access-logs', target_prefix: 'acme-audit-logs/' });
  });

  test('lifecycle archives current and noncurrent versions to Glacier after 90 days and aborts stale uploads', () => {
    const [, lifecycle] = only(stack, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.bucket).toBe(bucketRef);
    expect(lifecycle.rule).toHaveLength(1);
    expect(lifecycle.rule[0]).toMatchObject({
      status: 'Enabled',
      transition: [{ days: 90, storage_class: 'GLACIER' }],
      noncurrent_version_transition: [{ noncurrent_days: 90, storage_class: 'GLACIER' }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
    // Audit logs are never expired by lifecycle: retention beyond object lock is a deliberate decision.
    expect(lifecycle.rule[0].expiration).toBeUndefined();
    expect(lifecycle.rule[0].noncurrent_version_expiration).toBeUndefined();
    expect(lifecycle.rule[0].filter).toHaveLength(1);
    const filter = lifecycle.rule[0].filter[0];
    expect(filter.prefix ?? '').toBe('');
    expect(Object.keys(filter).filter((k) => k !== 'prefix')).toEqual([]);
    expect(lifecycle.depends_on).toEqual([`aws_s3_bucket_versioning.${versioningId}`]);
  });

  describe('bucket policy', () => {
    const [, policy] = only(stack, 'aws_s3_bucket_policy');
    const document = JSON.parse(policy.policy);

    test('is one document attached to this bucket with exactly these statements', () => {
      expect(policy.bucket).toBe(bucketRef);
      expect(document.Version).toBe('2012-10-17');
      expect(document.Statement.map((s: any) => s.Sid)).toEqual([
        'DenyInsecureTransport',
        'DenyOutdatedTls',
        'AWSCloudTrailAclCheck',
        'AWSCloudTrailWrite',
        'AllowLogReaders',
        'DenyReadToEveryoneElse',
        'DenyLogTampering',
        'DenyProtectionChangesOutsideTerraform',
      ]);
    });

    test('without break-glass principals nobody at all, the account root included, may delete, hide or unlock a log object', () => {
      expect(statementBySid(document, 'DenyLogTampering')).toEqual({
        Sid: 'DenyLogTampering',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention', 's3:PutObjectRetention', 's3:PutObjectLegalHold'],
        Resource: `${arn}/*`,
      });
    });

    test('only the bucket managers may change the policy, lock, versioning, lifecycle, logging, encryption, replication, ownership, or delete the bucket', () => {
      expect(statementBySid(document, 'DenyProtectionChangesOutsideTerraform')).toEqual({
        Sid: 'DenyProtectionChangesOutsideTerraform',
        Effect: 'Deny',
        Principal: '*',
        Action: [
          's3:PutBucketPolicy',
          's3:DeleteBucketPolicy',
          's3:PutBucketObjectLockConfiguration',
          's3:PutBucketVersioning',
          's3:PutLifecycleConfiguration',
          's3:PutBucketLogging',
          's3:PutEncryptionConfiguration',
          's3:PutReplicationConfiguration',
          's3:PutBucketOwnershipControls',
          's3:PutBucketPublicAccessBlock',
          's3:PutBucketAcl',
          's3:DeleteBucket',
        ],
        Resource: arn,
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': [DEPLOYER] } },
      });
    });

    test('no deny excepts the account root, and none is written with NotPrincipal', () => {
      expect(JSON.stringify(document)).not.toContain(':root');
      expect(JSON.stringify(document)).not.toContain('NotPrincipal');
    });

    test('comes after every setting it protects, so the first apply sets them and a destroy removes it first', () => {
      const ids = (type: string) => Object.keys(resources(stack, type)).map((id) => `${type}.${id}`);
      expect([...policy.depends_on].sort()).toEqual(
        [
          ...ids('aws_s3_bucket_versioning'),
          ...ids('aws_s3_bucket_object_lock_configuration'),
          ...ids('aws_s3_bucket_server_side_encryption_configuration'),
          ...ids('aws_s3_bucket_logging'),
          ...ids('aws_s3_bucket_lifecycle_configuration'),
          ...ids('aws_s3_bucket_ownership_controls'),
          ...ids('aws_s3_bucket_public_access_block'),
        ].sort(),
      );
    });

    test('denies requests without TLS and with TLS older than 1.2', () => {
      expect(statementBySid(document, 'DenyInsecureTransport')).toEqual({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
      expect(statementBySid(document, 'DenyOutdatedTls')).toEqual({
        Sid: 'DenyOutdatedTls',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn, `${arn}/*`],
        Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
      });
    });

    test('CloudTrail may check the bucket ACL only on behalf of our trail', () => {
      expect(statementBySid(document, 'AWSCloudTrailAclCheck')).toEqual({
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: arn,
        Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
      });
    });

    test('CloudTrail may write only under AWSLogs/<account>/, only for our trail, handing ownership to the bucket owner', () => {
      expect(statementBySid(document, 'AWSCloudTrailWrite')).toEqual({
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${arn}/AWSLogs/${account}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
      });
    });

    test('only the configured readers may read and list', () => {
      expect(statementBySid(document, 'AllowLogReaders')).toEqual({
        Sid: 'AllowLogReaders',
        Effect: 'Allow',
        Principal: { AWS: [AUDITOR] },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [arn, `${arn}/*`],
      });
    });

    test('every other principal, the deploy role included, is denied reading any object version', () => {
      expect(statementBySid(document, 'DenyReadToEveryoneElse')).toEqual({
        Sid: 'DenyReadToEveryoneElse',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: `${arn}/*`,
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': [AUDITOR] } },
      });
    });

    test('no Allow has a wildcard principal, and nothing but CloudTrail may write (never AWS Config: it does not deliver to a bucket with Object Lock)', () => {
      expect(wildcardPrincipalAllows(document)).toEqual([]);
      const writers = document.Statement.filter((s: any) => s.Effect === 'Allow' && [s.Action].flat().includes('s3:PutObject'));
      expect(writers.map((s: any) => s.Principal)).toEqual([{ Service: 'cloudtrail.amazonaws.com' }]);
    });
  });

  test('every policy document parses and has no wildcard Allow', () => {
    const documents = policyDocuments(stack);
    expect(documents).toHaveLength(1);
    for (const { document } of documents) {
      expect(wildcardPrincipalAllows(document)).toEqual([]);
      expect(overlyBroadAllows(document)).toEqual([]);
    }
  });

  test('creates nothing but the bucket and its settings', () => {
    expect(Object.keys(stack.resource ?? {}).sort()).toEqual(
      [
        'aws_s3_bucket',
        'aws_s3_bucket_lifecycle_configuration',
        'aws_s3_bucket_logging',
        'aws_s3_bucket_object_lock_configuration',
        'aws_s3_bucket_ownership_controls',
        'aws_s3_bucket_policy',
        'aws_s3_bucket_public_access_block',
        'aws_s3_bucket_server_side_encryption_configuration',
        'aws_s3_bucket_versioning',
      ].sort(),
    );
  });
});

describe('AuditLogBucket options', () => {
  const stack = synthConstruct((scope) => {
    const accessLogs = new AccessLogBucket(scope, 'access_logs', { bucketName: 'acme-access-logs', sourceBucketArns: ['arn:aws:s3:::acme-audit-logs'], facts: accountFacts(scope) });
    const reader = new IamRole(scope, 'reader', { name: 'log-reader', assumeRolePolicy: '{}' });
    new AuditLogBucket(scope, 'audit', {
      ...PROPS,
      logReaderArns: [AUDITOR, RESPONDER, reader.arn],
      accessLogBucket: accessLogs,
      objectLockRetentionDays: 2555,
      objectLockMode: 'COMPLIANCE',
      archiveAfterDays: 30,
      organizationId: 'o-a1b2c3d4e5',
      breakGlassArns: [BREAK_GLASS],
      facts: accountFacts(scope),
    });
  });
  const auditId = Object.keys(resources(stack, 'aws_s3_bucket')).find((id) => id.startsWith('audit'))!;
  const accessId = Object.keys(resources(stack, 'aws_s3_bucket')).find((id) => id.startsWith('access_logs'))!;
  const arn = ref('aws_s3_bucket', auditId, 'arn');
  const readerArn = ref('aws_iam_role', only(stack, 'aws_iam_role')[0], 'arn');
  const policy = Object.values(resources(stack, 'aws_s3_bucket_policy')).find((p) => p.bucket === ref('aws_s3_bucket', auditId, 'id'))!;
  const document = JSON.parse(policy.policy);
  const trailArn = statementBySid(document, 'AWSCloudTrailWrite').Condition?.StringEquals?.['aws:SourceArn'];

  test('retention, lock mode and archive days are honoured', () => {
    expect(only(stack, 'aws_s3_bucket_object_lock_configuration')[1].rule).toEqual({ default_retention: { mode: 'COMPLIANCE', days: 2555 } });
    const lifecycle = Object.values(resources(stack, 'aws_s3_bucket_lifecycle_configuration')).find((l) => l.bucket === ref('aws_s3_bucket', auditId, 'id'))!;
    expect(lifecycle.rule[0].transition).toEqual([{ days: 30, storage_class: 'GLACIER' }]);
    expect(lifecycle.rule[0].noncurrent_version_transition).toEqual([{ noncurrent_days: 30, storage_class: 'GLACIER' }]);
  });

  test('an AccessLogBucket can be passed as the logging target, which orders logging after it', () => {
    expect(only(stack, 'aws_s3_bucket_logging')[1].target_bucket).toBe(ref('aws_s3_bucket', accessId, 'bucket'));
  });

  test('every reader, references included, is allowed and exempted from the deny', () => {
    expect(statementBySid(document, 'AllowLogReaders').Principal).toEqual({ AWS: [AUDITOR, RESPONDER, readerArn] });
    expect(statementBySid(document, 'DenyReadToEveryoneElse').Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [AUDITOR, RESPONDER, readerArn] } });
  });

  test('an organization trail may also write under AWSLogs/<organizationId>/, only for our trail', () => {
    expect(trailArn).toMatch(/:trail\/acme-trail$/);
    expect(statementBySid(document, 'AWSCloudTrailOrganizationWrite')).toEqual({
      Sid: 'AWSCloudTrailOrganizationWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${arn}/AWSLogs/o-a1b2c3d4e5/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
    });
  });

  test('the break-glass principals alone are excepted from the tamper deny, and join the managers for the protection deny', () => {
    expect(statementBySid(document, 'DenyLogTampering').Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [BREAK_GLASS] } });
    expect(statementBySid(document, 'DenyProtectionChangesOutsideTerraform').Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [DEPLOYER, BREAK_GLASS] } });
  });

  test('every policy document in the stack parses and no Allow has a wildcard principal', () => {
    for (const { document: d } of policyDocuments(stack).filter((p) => p.attribute === 'policy')) {
      expect(wildcardPrincipalAllows(d)).toEqual([]);
      expect(overlyBroadAllows(d)).toEqual([]);
    }
  });
});

describe('AuditLogBucket without a trail', () => {
  const stack = synthConstruct((scope) => {
    const { trailName: _trail, ...withoutTrail } = PROPS;
    const audit = new AuditLogBucket(scope, 'audit', { ...withoutTrail, facts: accountFacts(scope) });
    new TerraformOutput(scope, 'trail_arn', { value: audit.trailArn ?? 'none' });
  });
  const document = JSON.parse(only(stack, 'aws_s3_bucket_policy')[1].policy);

  test('no writer at all (AWS Config never: it does not deliver to a bucket with Object Lock) and no trail ARN; the readers read, the denies stay', () => {
    expect(document.Statement.map((s: any) => s.Sid)).toEqual([
      'DenyInsecureTransport',
      'DenyOutdatedTls',
      'AllowLogReaders',
      'DenyReadToEveryoneElse',
      'DenyLogTampering',
      'DenyProtectionChangesOutsideTerraform',
    ]);
    expect(JSON.stringify(document)).not.toContain('config.amazonaws.com');
    expect(stack.output?.trail_arn.value).toBe('none');
    expect(dataSourceTypes(stack)).not.toContain('aws_region');
  });
});

const dataSourceTypes = (stack: ReturnType<typeof synthConstruct>) => Object.keys(stack.data ?? {});

describe('AuditLogBucket input checks', () => {
  const build = (overrides: Partial<AuditLogBucketProps>) => () => {
    const stack = new TerraformStack(Testing.app(), 'bad');
    return new AuditLogBucket(stack, 'audit', { ...PROPS, facts: accountFacts(stack), ...overrides });
  };

  test('rejects an empty reader list, saying why readers are required', () => {
    expect(build({ logReaderArns: [] })).toThrow('AuditLogBucket logReaderArns: received []; expected at least one of IAM principal ARNs');
  });

  test('rejects reader ARNs that are not IAM principals, listing each one', () => {
    expect(build({ logReaderArns: [AUDITOR, '*', 'arn:aws:s3:::bucket'] })).toThrow(
      'AuditLogBucket logReaderArns: received ["*","arn:aws:s3:::bucket"]; expected IAM principal ARNs',
    );
  });

  test.each(['Audit_Logs', 'ab'])('rejects bucketName %p', (bucketName) => {
    expect(build({ bucketName })).toThrow(`AuditLogBucket bucketName: received "${bucketName}"; expected 3-63 lowercase letters`);
  });

  test('rejects two dots in a row with the specific rule', () => {
    expect(build({ bucketName: 'acme..logs' })).toThrow('AuditLogBucket bucketName: received "acme..logs"; must not contain ".."; expected 3-63 lowercase letters');
  });

  test.each(['alias/acme', 'mrk-1234', 'arn:aws:kms:us-east-1:123456789012:alias/acme'])('rejects kmsKeyArn %p', (kmsKeyArn) => {
    expect(build({ kmsKeyArn })).toThrow(`AuditLogBucket kmsKeyArn: received "${kmsKeyArn}"; expected a KMS key ARN`);
  });

  test.each(['ab', 'my--trail', 'trail name', '-trail'])('rejects trailName %p', (trailName) => {
    expect(build({ trailName })).toThrow(`AuditLogBucket trailName: received "${trailName}"; expected 3-128 letters`);
  });

  test.each([0, 36501, 1.5])('rejects objectLockRetentionDays %p', (objectLockRetentionDays) => {
    expect(build({ objectLockRetentionDays })).toThrow(
      `AuditLogBucket objectLockRetentionDays: received ${objectLockRetentionDays}; expected an integer from 1 to 36500`,
    );
  });

  test.each([0, -30, 2.5])('rejects archiveAfterDays %p', (archiveAfterDays) => {
    expect(build({ archiveAfterDays })).toThrow(`AuditLogBucket archiveAfterDays: received ${archiveAfterDays}; expected a positive integer`);
  });

  test.each(['123456789012', 'o-short', 'O-A1B2C3D4E5'])('rejects organizationId %p', (organizationId) => {
    expect(build({ organizationId })).toThrow(`AuditLogBucket organizationId: received "${organizationId}"; expected an AWS Organizations id`);
  });

  test('rejects an organization id without a trail', () => {
    expect(build({ trailName: undefined, organizationId: 'o-a1b2c3d4e5' })).toThrow(
      'AuditLogBucket organizationId: received "o-a1b2c3d4e5"; expected only with trailName (an organization trail writes here)',
    );
  });

  test('rejects an empty manager list: nobody could change the bucket through Terraform', () => {
    expect(build({ bucketManagerArns: [] })).toThrow('AuditLogBucket bucketManagerArns: received []; expected at least one of IAM principal ARNs');
  });

  test.each([
    ['bucketManagerArns', { bucketManagerArns: ['*'] }],
    ['breakGlassArns', { breakGlassArns: [ROOT, 'arn:aws:iam::123456789012:group/admins'] }],
  ] as const)('rejects %s that are not IAM principals, listing each one', (name, overrides) => {
    expect(build(overrides)).toThrow(`AuditLogBucket ${name}: received`);
    expect(build(overrides)).toThrow('expected IAM principal ARNs');
  });

  test('rejects an Object Lock mode other than GOVERNANCE or COMPLIANCE', () => {
    expect(build({ objectLockMode: 'governance' as never })).toThrow('AuditLogBucket objectLockMode: received "governance"; expected one of GOVERNANCE, COMPLIANCE');
  });
});
