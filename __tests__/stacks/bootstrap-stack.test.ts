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
    expect(json.resource!.aws_s3_bucket).toEqual({ state_bucket: { bucket: 'acme-tfstate', lifecycle: { prevent_destroy: true } } });
    expect(json.resource!.aws_kms_key.state_key.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('state bucket: versioning, SSE-KMS with the customer key, all public access blocked', () => {
    expect(only(json, 'aws_s3_bucket_versioning')[1].versioning_configuration.status).toBe('Enabled');
    expect(only(json, 'aws_s3_bucket_server_side_encryption_configuration')[1].rule[0].apply_server_side_encryption_by_default).toEqual({
      sse_algorithm: 'aws:kms',
      kms_master_key_id: ref('aws_kms_key', 'state_key', 'arn'),
    });
    expect(only(json, 'aws_s3_bucket_public_access_block')[1]).toMatchObject({
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
    expect(only(json, 'aws_s3_bucket_lifecycle_configuration')[1].rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 45 }]);
  });

  test('bucket policy is TLS-only and no policy allows a wildcard', () => {
    const documents = policyDocuments(json);
    expect(documents).toHaveLength(1);
    const [{ document }] = documents;
    expect(document.Statement.every((s) => s.Effect === 'Deny')).toBe(true);
    expect(document.Statement.map((s) => s.Condition)).toContainEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    expect(overlyBroadAllows(document)).toEqual([]);
  });

  test('exports the bucket and key under named outputs with descriptions', () => {
    expect(json.output).toEqual({
      state_bucket_name: { value: ref('aws_s3_bucket', 'state_bucket', 'bucket'), description: expect.any(String) },
      state_bucket_arn: { value: ref('aws_s3_bucket', 'state_bucket', 'arn'), description: expect.any(String) },
      state_kms_key_arn: { value: ref('aws_kms_key', 'state_key', 'arn'), description: expect.any(String) },
    });
  });

  test('default config: 90-day expiration and alias/terraform-state', () => {
    const defaults = synthStack(new BootstrapStack(Testing.app(), testConfig()));
    expect(only(defaults, 'aws_s3_bucket_lifecycle_configuration')[1].rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
    expect(only(defaults, 'aws_kms_alias')[1].name).toBe('alias/terraform-state');
    expect(only(defaults, 'aws_s3_bucket')[1].bucket).toBe('example-tfstate');
  });
});
