import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { AccessLogBucket, AccessLogBucketProps } from '../../../src/constructs/audit/access-log-bucket';
import { accountFacts } from '../../../src/stacks/account-facts';
import { resources, synthConstruct } from '../../helpers/synth';
import { dataRef, only, overlyBroadAllows, policyDocuments, ref, statementBySid, wildcardPrincipalAllows } from '../../helpers/inspect';

const SOURCE = 'arn:aws:s3:::acme-audit-logs';

describe('AccessLogBucket defaults', () => {
  const stack = synthConstruct((scope) => {
    const logs = new AccessLogBucket(scope, 'access_logs', { bucketName: 'acme-access-logs', sourceBucketArns: [SOURCE], facts: accountFacts(scope) });
    new TerraformOutput(scope, 'bucket_name', { value: logs.bucketName });
  });
  const [bucketId, bucket] = only(stack, 'aws_s3_bucket');
  const bucketRef = ref('aws_s3_bucket', bucketId, 'id');
  const arn = ref('aws_s3_bucket', bucketId, 'arn');

  test('bucket has the configured name, is protected from destroy and has no object lock', () => {
    expect(bucket).toEqual({ bucket: 'acme-access-logs', lifecycle: { prevent_destroy: true } });
  });

  test('bucketName refers to the bucket, so a logging target set from it waits for the bucket', () => {
    expect(stack.output?.bucket_name.value).toBe(ref('aws_s3_bucket', bucketId, 'bucket'));
  });

  test('versioning is enabled', () => {
    const [, versioning] = only(stack, 'aws_s3_bucket_versioning');
    expect(versioning).toEqual({ bucket: bucketRef, versioning_configuration: { status: 'Enabled' } });
  });

  test('default encryption is SSE-S3, since server access logging cannot deliver to SSE-KMS buckets', () => {
    const [, sse] = only(stack, 'aws_s3_bucket_server_side_encryption_configuration');
    expect(sse).toEqual({ bucket: bucketRef, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] });
  });

  test('public access block sets all four flags', () => {
    const [, pab] = only(stack, 'aws_s3_bucket_public_access_block');
    expect(pab).toEqual({ bucket: bucketRef, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
  });

  test('ACLs are disabled (bucket owner enforced)', () => {
    const [, ownership] = only(stack, 'aws_s3_bucket_ownership_controls');
    expect(ownership).toEqual({ bucket: bucketRef, rule: { object_ownership: 'BucketOwnerEnforced' } });
  });

  describe('bucket policy', () => {
    const [, policy] = only(stack, 'aws_s3_bucket_policy');
    const document = JSON.parse(policy.policy);

    test('is one document attached to this bucket', () => {
      expect(policy.bucket).toBe(bucketRef);
      expect(document.Version).toBe('2012-10-17');
      expect(document.Statement.map((s: any) => s.Sid)).toEqual(['DenyInsecureTransport', 'DenyOutdatedTls', 'S3ServerAccessLogsFromSourceBucket']);
    });

    test('denies requests without TLS and with TLS older than 1.2 on the bucket and its objects', () => {
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

    test('lets only the S3 logging service write objects, for the source bucket of this account', () => {
      expect(statementBySid(document, 'S3ServerAccessLogsFromSourceBucket')).toEqual({
        Sid: 'S3ServerAccessLogsFromSourceBucket',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${arn}/*`,
        Condition: {
          StringEquals: { 'aws:SourceAccount': dataRef(stack, 'aws_caller_identity', 'account_id') },
          ArnLike: { 'aws:SourceArn': SOURCE },
        },
      });
    });
  });

  test('every policy document parses, no Allow has a wildcard principal or a wildcard action on everything', () => {
    const documents = policyDocuments(stack);
    expect(documents).toHaveLength(1);
    for (const { document } of documents) {
      expect(wildcardPrincipalAllows(document)).toEqual([]);
      expect(overlyBroadAllows(document)).toEqual([]);
    }
  });

  test('lifecycle expires logs after 365 days, removes expired versions and aborts stale uploads, after versioning exists', () => {
    const [, lifecycle] = only(stack, 'aws_s3_bucket_lifecycle_configuration');
    const [versioningId] = only(stack, 'aws_s3_bucket_versioning');
    expect(lifecycle.bucket).toBe(bucketRef);
    expect(lifecycle.rule).toHaveLength(1);
    expect(lifecycle.rule[0]).toMatchObject({
      status: 'Enabled',
      expiration: [{ days: 365 }],
      noncurrent_version_expiration: [{ noncurrent_days: 30 }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
    // The rule covers every object: a filter block is present but narrows nothing.
    expect(lifecycle.rule[0].filter).toHaveLength(1);
    const filter = lifecycle.rule[0].filter[0];
    expect(filter.prefix ?? '').toBe('');
    expect(Object.keys(filter).filter((k) => k !== 'prefix')).toEqual([]);
    expect(lifecycle.depends_on).toEqual([`aws_s3_bucket_versioning.${versioningId}`]);
  });

  test('creates nothing but the bucket and its settings', () => {
    expect(Object.keys(stack.resource ?? {}).sort()).toEqual(
      [
        'aws_s3_bucket',
        'aws_s3_bucket_lifecycle_configuration',
        'aws_s3_bucket_ownership_controls',
        'aws_s3_bucket_policy',
        'aws_s3_bucket_public_access_block',
        'aws_s3_bucket_server_side_encryption_configuration',
        'aws_s3_bucket_versioning',
      ].sort(),
    );
    expect(Object.keys(stack.data ?? {})).toEqual(['aws_caller_identity']);
  });
});

describe('AccessLogBucket options', () => {
  const stack = synthConstruct((scope) => {
    const source = new S3Bucket(scope, 'source', { bucket: 'acme-source' });
    new AccessLogBucket(scope, 'access_logs', { bucketName: 'acme-access-logs', sourceBucketArns: [source.arn], expireAfterDays: 30, facts: accountFacts(scope) });
  });
  const sourceId = Object.keys(resources(stack, 'aws_s3_bucket')).find((id) => id.startsWith('source'))!;

  test('expireAfterDays is honoured', () => {
    expect(only(stack, 'aws_s3_bucket_lifecycle_configuration')[1].rule[0].expiration).toEqual([{ days: 30 }]);
  });

  test('the source bucket ARN may be a reference', () => {
    const document = JSON.parse(only(stack, 'aws_s3_bucket_policy')[1].policy);
    expect(statementBySid(document, 'S3ServerAccessLogsFromSourceBucket').Condition?.ArnLike).toEqual({
      'aws:SourceArn': ref('aws_s3_bucket', sourceId, 'arn'),
    });
  });
});

describe('AccessLogBucket for several source buckets (the audit and Config buckets)', () => {
  const CONFIG_SOURCE = 'arn:aws:s3:::acme-config';
  const stack = synthConstruct((scope) => {
    new AccessLogBucket(scope, 'access_logs', { bucketName: 'acme-access-logs', sourceBucketArns: [SOURCE, CONFIG_SOURCE], facts: accountFacts(scope) });
  });

  test('S3 logging may deliver on behalf of each of them, and of no other bucket', () => {
    const document = JSON.parse(only(stack, 'aws_s3_bucket_policy')[1].policy);
    expect(statementBySid(document, 'S3ServerAccessLogsFromSourceBucket').Condition?.ArnLike).toEqual({ 'aws:SourceArn': [SOURCE, CONFIG_SOURCE] });
  });
});

describe('AccessLogBucket additionalStatements', () => {
  const guard = {
    Sid: 'DenyDeployRoleBucketChanges',
    Effect: 'Deny' as const,
    Principal: '*' as const,
    Action: ['s3:PutBucket*'],
    Resource: 'arn:aws:s3:::acme-access-logs',
    Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/acme-deploy' } },
  };
  const stack = synthConstruct((scope) => {
    new AccessLogBucket(scope, 'access_logs', { bucketName: 'acme-access-logs', sourceBucketArns: [SOURCE], additionalStatements: [guard], facts: accountFacts(scope) });
  });

  test('are appended to the policy after its own statements, unchanged', () => {
    const statements = JSON.parse(only(stack, 'aws_s3_bucket_policy')[1].policy).Statement;
    expect(statements.map((s: { Sid: string }) => s.Sid)).toEqual(['DenyInsecureTransport', 'DenyOutdatedTls', 'S3ServerAccessLogsFromSourceBucket', 'DenyDeployRoleBucketChanges']);
    expect(statements[3]).toEqual(guard);
  });
});

describe('AccessLogBucket input checks', () => {
  const build = (overrides: Partial<AccessLogBucketProps>) => () => {
    const stack = new TerraformStack(Testing.app(), 'bad');
    return new AccessLogBucket(stack, 'logs', { bucketName: 'acme-access-logs', sourceBucketArns: [SOURCE], facts: accountFacts(stack), ...overrides });
  };

  test.each(['Acme_Logs', 'ab', '-acme', 'a'.repeat(64)])('rejects bucketName %p, naming the value and the rule', (bucketName) => {
    expect(build({ bucketName })).toThrow(`AccessLogBucket bucketName: received "${bucketName}"; expected 3-63 lowercase letters`);
  });

  test('rejects two dots in a row with the specific rule', () => {
    expect(build({ bucketName: 'acme..logs' })).toThrow('AccessLogBucket bucketName: received "acme..logs"; must not contain ".."; expected 3-63 lowercase letters');
  });

  test.each(['acme-audit-logs', 'arn:aws:s3:::acme/logs/*', 'arn:aws:iam::123456789012:role/x'])('rejects sourceBucketArns entry %p', (source) => {
    expect(build({ sourceBucketArns: [SOURCE, source] })).toThrow(`AccessLogBucket sourceBucketArns: received "${source}"; expected an S3 bucket ARN`);
  });

  test('rejects an empty source list: a log bucket nobody logs to', () => {
    expect(build({ sourceBucketArns: [] })).toThrow('AccessLogBucket sourceBucketArns: received []; expected at least one S3 bucket ARN');
  });

  test.each([0, -1, 1.5])('rejects expireAfterDays %p', (expireAfterDays) => {
    expect(build({ expireAfterDays })).toThrow(`AccessLogBucket expireAfterDays: received ${expireAfterDays}; expected a positive integer`);
  });

  test('accepts a GovCloud source bucket ARN', () => {
    expect(build({ sourceBucketArns: ['arn:aws-us-gov:s3:::acme-audit'] })).not.toThrow();
  });
});
