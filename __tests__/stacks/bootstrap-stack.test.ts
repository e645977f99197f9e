import { Testing } from 'cdktf';
import { BootstrapStack } from '../../src/stacks/bootstrap-stack';
import { testConfig } from '../helpers/synth';
import { only, overlyBroadAllows, policyDocuments, ref, synthStack } from '../helpers/inspect';

describe('BootstrapStack', () => {
  const config = testConfig({
    state: {
      bucket: 'acme-tfstate',
      region: 'eu-west-1',
      keyPrefix: 'acme/prod',
      kmsKeyAlias: 'alias/acme-state',
      noncurrentVersionExpirationDays: 45,
    },
  });
  const stack = new BootstrapStack(Testing.app(), config);
  const json = synthStack(stack);

  test('is named bootstrap and keeps its own state locally, not in the bucket it creates', () => {
    expect(stack.stackName).toBe('bootstrap');
    expect(json.terraform.backend).toEqual({ local: { path: 'terraform.bootstrap.tfstate' } });
    expect(json.data?.terraform_remote_state).toBeUndefined();
  });

  test('runs in the state bucket\'s Region, not the primary Region', () => {
    expect(json.provider!.aws).toHaveLength(1);
    expect(json.provider!.aws[0].region).toBe('eu-west-1');
  });

  test('creates the configured bucket with readable logical ids, protected from destroy', () => {
    expect(json.resource!.aws_s3_bucket.state_bucket).toEqual({ bucket: 'acme-tfstate', lifecycle: { prevent_destroy: true } });
    expect(json.resource!.aws_kms_key.state_key.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('state bucket: versioning, SSE-KMS with the customer key, all public access blocked', () => {
    expect(json.resource!.aws_s3_bucket_versioning.state_versioning.versioning_configuration.status).toBe('Enabled');
    expect(json.resource!.aws_s3_bucket_server_side_encryption_configuration.state_encryption.rule[0].apply_server_side_encryption_by_default).toEqual({
      sse_algorithm: 'aws:kms',
      kms_master_key_id: ref('aws_kms_key', 'state_key', 'arn'),
    });
    expect(json.resource!.aws_s3_bucket_public_access_block.state_public_access_block).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('the key alias is the one every S3 backend names', () => {
    expect(only(json, 'aws_kms_alias')[1].name).toBe(config.state.kmsKeyAlias);
  });

  test('noncurrent state versions expire after the configured days', () => {
    expect(json.resource!.aws_s3_bucket_lifecycle_configuration.state_lifecycle.rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 45 }]);
  });

  test('state bucket policy grants nothing, is TLS-only, and no policy allows a wildcard', () => {
    const statements = JSON.parse(json.resource!.aws_s3_bucket_policy.state_policy.policy).Statement as Array<Record<string, any>>;
    expect(statements.every((s) => s.Effect === 'Deny')).toBe(true);
    expect(statements.map((s) => s.Condition)).toContainEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    for (const { document } of policyDocuments(json)) expect(overlyBroadAllows(document)).toEqual([]);
  });

  describe('who reads and writes state', () => {
    const deployRole = `arn:\${data.aws_partition.partition.partition}:iam::\${data.aws_caller_identity.account.account_id}:role/${config.project}-deploy`;
    const operator = 'arn:aws:iam::123456789012:role/platform-admins';
    const breakGlass = 'arn:aws:iam::123456789012:role/break-glass';
    const withOperators = synthStack(
      new BootstrapStack(Testing.app(), testConfig({ state: { ...config.state, operatorArns: [operator] }, security: { cloudTrail: { breakGlassArns: [breakGlass] } } })),
    );
    const statement = (stack: typeof json, sid: string) =>
      JSON.parse(stack.resource!.aws_s3_bucket_policy.state_policy.policy).Statement.find((s: any) => s.Sid === sid);
    const keyStatement = (stack: typeof json, sid: string) => JSON.parse(stack.resource!.aws_kms_key.state_key.policy).Statement.find((s: any) => s.Sid === sid);

    test('default: only the deploy role (by its computed ARN: it need not exist yet), on the bucket and the key', () => {
      expect(statement(json, 'DenyStateAccessToOthers').Condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': [deployRole] } });
      expect(keyStatement(json, 'StatePrincipalsThroughS3').Condition.ArnLike).toEqual({ 'aws:PrincipalArn': [deployRole] });
    });

    test('state.operatorArns and security.cloudTrail.breakGlassArns join the deploy role', () => {
      expect(statement(withOperators, 'DenyStateAccessToOthers').Condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': [deployRole, operator, breakGlass] } });
      expect(keyStatement(withOperators, 'StatePrincipalsThroughS3').Condition.ArnLike).toEqual({ 'aws:PrincipalArn': [deployRole, operator, breakGlass] });
    });

    test('the key is usable only through S3 in the state Region; security.kms.administratorArns administer it', () => {
      expect(json.data!.aws_region.state_region).toEqual({});
      expect(keyStatement(json, 'StatePrincipalsThroughS3').Condition.StringEquals['kms:ViaService']).toBe('s3.${data.aws_region.state_region.name}.amazonaws.com');
      const admins = synthStack(new BootstrapStack(Testing.app(), testConfig({ security: { kms: { administratorArns: ['arn:aws:iam::123456789012:role/key-admins'] } } })));
      expect(keyStatement(admins, 'KeyAdministrators').Principal).toEqual({ AWS: ['arn:aws:iam::123456789012:role/key-admins'] });
    });
  });

  describe('server access logging', () => {
    const logBucket = `${config.state.bucket}-access-logs`;

    test('the state bucket logs to <bucket>-access-logs, after that bucket\'s policy exists', () => {
      expect(json.resource!.aws_s3_bucket_logging).toEqual({
        state_logging: {
          bucket: ref('aws_s3_bucket', 'state_bucket', 'id'),
          target_bucket: ref('aws_s3_bucket', 'state_access_logs_bucket', 'bucket'),
          target_prefix: `${config.state.bucket}/`,
          depends_on: ['aws_s3_bucket_policy.state_access_logs_policy'],
        },
      });
    });

    test('the log bucket: protected, versioned, SSE-S3 (logging cannot deliver to SSE-KMS), private, lifecycle', () => {
      expect(json.resource!.aws_s3_bucket.state_access_logs_bucket).toEqual({ bucket: logBucket, lifecycle: { prevent_destroy: true } });
      const bucketRef = ref('aws_s3_bucket', 'state_access_logs_bucket', 'id');
      const of = (type: string) => Object.values(json.resource![type]).find((r: any) => r.bucket === bucketRef) as Record<string, any>;
      expect(of('aws_s3_bucket_versioning').versioning_configuration.status).toBe('Enabled');
      expect(of('aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'AES256' });
      expect(of('aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
      expect(of('aws_s3_bucket_lifecycle_configuration').rule[0].expiration).toEqual([{ days: 365 }]);
    });

    test('the log bucket accepts only S3 logging from the state bucket of this account, TLS only; the deploy role may not change it', () => {
      const statements = JSON.parse(json.resource!.aws_s3_bucket_policy.state_access_logs_policy.policy).Statement as Array<Record<string, any>>;
      expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([
        {
          Sid: 'S3ServerAccessLogsFromSourceBucket',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${ref('aws_s3_bucket', 'state_access_logs_bucket', 'arn')}/*`,
          Condition: {
            StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.account.account_id}' },
            ArnLike: { 'aws:SourceArn': `arn:\${data.aws_partition.partition.partition}:s3:::${config.state.bucket}` },
          },
        },
      ]);
      expect(statements.map((s) => s.Condition)).toContainEqual({ Bool: { 'aws:SecureTransport': 'false' } });
      expect(statements.find((s) => s.Sid === 'DenyDeployRoleBucketChanges')).toMatchObject({
        Effect: 'Deny',
        Resource: `arn:\${data.aws_partition.partition.partition}:s3:::${logBucket}`,
      });
    });
  });

  test('exports the buckets and key under named outputs with descriptions', () => {
    expect(json.output).toEqual({
      state_bucket_name: { value: ref('aws_s3_bucket', 'state_bucket', 'bucket'), description: expect.any(String) },
      state_bucket_arn: { value: ref('aws_s3_bucket', 'state_bucket', 'arn'), description: expect.any(String) },
      state_kms_key_arn: { value: ref('aws_kms_key', 'state_key', 'arn'), description: expect.any(String) },
      state_access_log_bucket_name: { value: ref('aws_s3_bucket', 'state_access_logs_bucket', 'bucket'), description: expect.any(String) },
    });
  });

  test('default config: 90-day expiration and alias/terraform-state', () => {
    const defaults = synthStack(new BootstrapStack(Testing.app(), testConfig()));
    expect(defaults.resource!.aws_s3_bucket_lifecycle_configuration.state_lifecycle.rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
    expect(only(defaults, 'aws_kms_alias')[1].name).toBe('alias/terraform-state');
    expect(defaults.resource!.aws_s3_bucket.state_bucket.bucket).toBe('example-tfstate');
  });
});
