import { StateBucket, StateBucketProps } from '../../../src/constructs/state/state-bucket';
import { KEY_ADMIN_ACTIONS } from '../../../src/aws/kms-key-policy';
import { resources, synthConstruct } from '../../helpers/synth';
import { asList, only, onlyData, overlyBroadAllows, policyDocuments, ref } from '../../helpers/inspect';
import { Testing, TerraformStack } from 'cdktf';

const DEPLOY = 'arn:aws:iam::123456789012:role/acme-deploy';
const OPERATOR = 'arn:aws:iam::123456789012:role/platform-admins';
const BREAK_GLASS = 'arn:aws:iam::123456789012:user/break-glass';
const PROPS: StateBucketProps = {
  bucketName: 'acme-tfstate',
  kmsKeyAlias: 'alias/acme-state',
  access: { deployRoleArn: DEPLOY, operatorArns: [OPERATOR], breakGlassArns: [BREAK_GLASS] },
  accessLogBucket: { bucketName: 'acme-tfstate-access-logs' },
  facts: { account: '123456789012', partition: 'aws' },
};

describe('StateBucket', () => {
  const stack = synthConstruct((scope) => new StateBucket(scope, 'state', PROPS));
  const [bucketId, bucket] = only(stack, 'aws_s3_bucket');
  const [keyId, key] = only(stack, 'aws_kms_key');
  const bucketRef = ref('aws_s3_bucket', bucketId, 'id');

  test('bucket has the configured name and is protected from destroy', () => {
    expect(bucket.bucket).toBe('acme-tfstate');
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('customer managed key: rotation on, 30-day deletion window, protected from destroy', () => {
    expect(key.enable_key_rotation).toBe(true);
    expect(key.deletion_window_in_days).toBe(30);
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('key alias carries the configured name and targets the key', () => {
    const [, alias] = only(stack, 'aws_kms_alias');
    expect(alias.name).toBe('alias/acme-state');
    expect(alias.target_key_id).toBe(ref('aws_kms_key', keyId, 'key_id'));
  });

  test('versioning is enabled on the bucket', () => {
    const [, versioning] = only(stack, 'aws_s3_bucket_versioning');
    expect(versioning.bucket).toBe(bucketRef);
    expect(versioning.versioning_configuration).toEqual({ status: 'Enabled' });
  });

  test('default encryption is SSE-KMS with the customer key (not an AWS managed key)', () => {
    const [, sse] = only(stack, 'aws_s3_bucket_server_side_encryption_configuration');
    expect(sse.bucket).toBe(bucketRef);
    expect(sse.rule).toHaveLength(1);
    expect(sse.rule[0].apply_server_side_encryption_by_default).toEqual({
      sse_algorithm: 'aws:kms',
      kms_master_key_id: ref('aws_kms_key', keyId, 'arn'),
    });
    expect(sse.rule[0].bucket_key_enabled).toBe(true);
  });

  test('public access block sets all four flags', () => {
    const [, pab] = only(stack, 'aws_s3_bucket_public_access_block');
    expect(pab.bucket).toBe(bucketRef);
    expect(pab).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
  });

  test('ACLs are disabled (bucket owner enforced)', () => {
    const [, ownership] = only(stack, 'aws_s3_bucket_ownership_controls');
    expect(ownership.bucket).toBe(bucketRef);
    expect(ownership.rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  describe('bucket policy', () => {
    const [, policy] = only(stack, 'aws_s3_bucket_policy');
    const document = JSON.parse(policy.policy);
    const arn = ref('aws_s3_bucket', bucketId, 'arn');

    test('is attached to the state bucket', () => {
      expect(policy.bucket).toBe(bucketRef);
      expect(document.Version).toBe('2012-10-17');
    });

    test('denies every S3 action without TLS on the bucket and its objects', () => {
      const deny = document.Statement.find((s: any) => s.Condition?.Bool?.['aws:SecureTransport'] === 'false');
      expect(deny).toMatchObject({ Effect: 'Deny', Principal: '*', Action: 's3:*' });
      expect(asList(deny.Resource).sort()).toEqual([arn, `${arn}/*`].sort());
    });

    test('denies TLS older than 1.2', () => {
      const deny = document.Statement.find((s: any) => s.Condition?.NumericLessThan?.['s3:TlsVersion'] !== undefined);
      expect(deny).toMatchObject({ Effect: 'Deny', Principal: '*', Action: 's3:*' });
      expect(deny.Condition.NumericLessThan['s3:TlsVersion']).toBe('1.2');
      expect(asList(deny.Resource).sort()).toEqual([arn, `${arn}/*`].sort());
    });

    test('grants nothing', () => {
      expect(document.Statement.filter((s: any) => s.Effect !== 'Deny')).toEqual([]);
    });

    test('denies reading, writing and deleting state objects and versions to everyone but the deploy role, operators and break-glass', () => {
      const deny = document.Statement.find((s: any) => s.Sid === 'DenyStateAccessToOthers');
      expect(deny).toEqual({
        Sid: 'DenyStateAccessToOthers',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:ListBucketVersions'],
        Resource: [arn, `${arn}/*`],
        // By principal ARN, not by Principal: the account root and administrators are denied too.
        Condition: { ArnNotLike: { 'aws:PrincipalArn': [DEPLOY, OPERATOR, BREAK_GLASS] } },
      });
    });

    test('the deploy role may never change the bucket; administrators may (they apply bootstrap)', () => {
      const deny = document.Statement.find((s: any) => s.Sid === 'DenyDeployRoleBucketChanges');
      expect(deny).toMatchObject({ Effect: 'Deny', Resource: arn, Condition: { ArnEquals: { 'aws:PrincipalArn': DEPLOY } } });
      expect(deny.Action).toEqual(expect.arrayContaining(['s3:PutBucket*', 's3:DeleteBucketPolicy', 's3:DeleteBucket']));
      // Nothing denies bucket configuration to anyone else.
      const others = document.Statement.filter((s: any) => s.Sid !== 'DenyDeployRoleBucketChanges' && !s.Condition?.Bool && !s.Condition?.NumericLessThan);
      expect(others.flatMap((s: any) => asList(s.Action)).filter((a: string) => /Bucket(Policy|\*)?$|^s3:PutBucket/.test(a))).toEqual([]);
    });

    test('with no operators and no break-glass, only the deploy role', () => {
      const alone = synthConstruct((scope) => new StateBucket(scope, 'state', { ...PROPS, access: { deployRoleArn: DEPLOY, operatorArns: [], breakGlassArns: [] } }));
      const statements = JSON.parse(only(alone, 'aws_s3_bucket_policy')[1].policy).Statement;
      expect(statements.find((s: any) => s.Sid === 'DenyStateAccessToOthers').Condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': [DEPLOY] } });
    });
  });

  describe('key policy', () => {
    const policy = JSON.parse(key.policy);
    const sid = (name: string) => policy.Statement.find((s: any) => s.Sid === name);

    test('administrators administer and never use the key; the account root by default', () => {
      expect(sid('KeyAdministrators')).toEqual({
        Sid: 'KeyAdministrators',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::123456789012:root'] },
        Action: KEY_ADMIN_ACTIONS,
        Resource: '*',
      });
      const custom = synthConstruct((scope) => new StateBucket(scope, 'state', { ...PROPS, keyAdministratorArns: ['arn:aws:iam::123456789012:role/key-admins'] }));
      const customPolicy = JSON.parse(only(custom, 'aws_kms_key')[1].policy);
      expect(customPolicy.Statement[0].Principal).toEqual({ AWS: ['arn:aws:iam::123456789012:role/key-admins'] });
    });

    test('only the state principals use the key, and only through S3 in the bucket\'s Region', () => {
      const [regionId] = onlyData(stack, 'aws_region');
      expect(sid('StatePrincipalsThroughS3')).toEqual({
        Sid: 'StatePrincipalsThroughS3',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:CallerAccount': '123456789012', 'kms:ViaService': `s3.\${data.aws_region.${regionId}.name}.amazonaws.com` },
          ArnLike: { 'aws:PrincipalArn': [DEPLOY, OPERATOR, BREAK_GLASS] },
        },
      });
      const crypto = policy.Statement.filter((s: any) => s.Effect === 'Allow' && asList(s.Action).some((a: string) => /Decrypt|Encrypt|GenerateDataKey/.test(a)));
      expect(crypto.map((s: any) => s.Sid)).toEqual(['StatePrincipalsThroughS3']);
    });

    test('the deploy role may never change the key, its policy or its grants', () => {
      const deny = sid('DenyDeployRoleKeyChanges');
      expect(deny).toMatchObject({ Effect: 'Deny', Principal: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': DEPLOY } } });
      for (const action of ['kms:Put*', 'kms:ScheduleKeyDeletion', 'kms:Disable*', 'kms:CreateGrant', 'kms:UntagResource', 'kms:Delete*']) {
        expect(deny.Action).toContain(action);
      }
      expect(deny.Action.filter((a: string) => /^kms:(Describe|Get|List)/.test(a))).toEqual([]);
    });
  });

  test('server access logs go to the access-log bucket, under the bucket\'s name, once its policy exists', () => {
    const [, logging] = only(stack, 'aws_s3_bucket_logging');
    expect(logging).toMatchObject({ bucket: bucketRef, target_bucket: 'acme-tfstate-access-logs', target_prefix: 'acme-tfstate/' });
  });

  test('every policy document parses and has no wildcard Allow', () => {
    const documents = policyDocuments(stack);
    expect(documents.length).toBeGreaterThan(0);
    for (const { document } of documents) expect(overlyBroadAllows(document)).toEqual([]);
  });

  test('lifecycle expires noncurrent versions after 90 days by default, after versioning exists', () => {
    const [, lifecycle] = only(stack, 'aws_s3_bucket_lifecycle_configuration');
    const [versioningId] = only(stack, 'aws_s3_bucket_versioning');
    expect(lifecycle.bucket).toBe(bucketRef);
    expect(lifecycle.rule).toHaveLength(1);
    expect(lifecycle.rule[0]).toMatchObject({
      status: 'Enabled',
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
    // The rule covers every object: a filter block is present but narrows nothing.
    expect(lifecycle.rule[0].filter).toHaveLength(1);
    const filter = lifecycle.rule[0].filter[0];
    expect(filter.prefix ?? '').toBe('');
    expect(Object.keys(filter).filter((k) => k !== 'prefix')).toEqual([]);
    expect(lifecycle.depends_on).toContain(`aws_s3_bucket_versioning.${versioningId}`);
  });

  test('noncurrentVersionExpirationDays is honoured', () => {
    const custom = synthConstruct((scope) =>
      new StateBucket(scope, 'state', { ...PROPS, noncurrentVersionExpirationDays: 30 }),
    );
    const [, lifecycle] = only(custom, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
  });

  test.each([0, -5, 2.5])('rejects noncurrentVersionExpirationDays %p, naming the value and what is allowed', (days) => {
    const stack2 = new TerraformStack(Testing.app(), 'bad');
    expect(() => new StateBucket(stack2, 'state', { ...PROPS, noncurrentVersionExpirationDays: days })).toThrow(
      new RegExp(`received ${String(days).replace('.', '\\.')}; expected a positive integer`),
    );
  });

  test('creates nothing but the bucket, its settings, logging and the key', () => {
    expect(Object.keys(stack.resource ?? {}).sort()).toEqual(
      [
        'aws_kms_alias',
        'aws_kms_key',
        'aws_s3_bucket',
        'aws_s3_bucket_lifecycle_configuration',
        'aws_s3_bucket_logging',
        'aws_s3_bucket_ownership_controls',
        'aws_s3_bucket_policy',
        'aws_s3_bucket_public_access_block',
        'aws_s3_bucket_server_side_encryption_configuration',
        'aws_s3_bucket_versioning',
      ].sort(),
    );
    expect(Object.keys(resources(stack, 'aws_s3_bucket'))).toHaveLength(1);
  });
});
