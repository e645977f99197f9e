import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { StaticContentBucket } from '../../../src/constructs/edge/static-content-bucket';
import { StaticContentBucketPolicy } from '../../../src/constructs/edge/static-content-bucket-policy';
import { accountDistributionsArn, staticBucketName } from '../../../src/constructs/edge/static-content-names';
import { synthConstruct } from '../../helpers/synth';
import { only, policyFixture } from '../../helpers/inspect';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd';
const ACCOUNT = '123456789012';
const NAME = staticBucketName('acme', 'eu-west-1', ACCOUNT);

function build(scope: import('constructs').Construct, props: Partial<ConstructorParameters<typeof StaticContentBucket>[2]> = {}) {
  const provider = new AwsProvider(scope, 'eu', { region: 'eu-west-1', alias: 'eu_west_1' });
  return new StaticContentBucket(scope, 'static', { provider, region: 'eu-west-1', bucketName: NAME, kmsKeyArn: KEY, ...props });
}

describe('StaticContentBucket', () => {
  const stack = synthConstruct((scope) => build(scope));

  test('named <project>-static-<region>-<account>, protected from destroy, in its Region', () => {
    const [, bucket] = only(stack, 'aws_s3_bucket');
    expect(bucket.bucket).toBe('acme-static-eu-west-1-123456789012');
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    expect(bucket.provider).toBe('aws.eu_west_1');
    for (const type of ['aws_s3_bucket_versioning', 'aws_s3_bucket_ownership_controls', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_lifecycle_configuration']) {
      expect(only(stack, type)[1].provider).toBe('aws.eu_west_1');
    }
  });

  test('private baseline: versioned (replication needs it), owner enforced, every public access blocked', () => {
    expect(only(stack, 'aws_s3_bucket_versioning')[1].versioning_configuration).toEqual({ status: 'Enabled' });
    expect(only(stack, 'aws_s3_bucket_ownership_controls')[1].rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(only(stack, 'aws_s3_bucket_public_access_block')[1]).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
  });

  test('SSE-KMS with the Region\'s key and a bucket key', () => {
    expect(only(stack, 'aws_s3_bucket_server_side_encryption_configuration')[1].rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY }, bucket_key_enabled: true },
    ]);
  });

  test('noncurrent versions expire after 30 days by default, or the configured days', () => {
    const rule = only(stack, 'aws_s3_bucket_lifecycle_configuration')[1].rule[0];
    expect(rule.noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
    expect(rule.expiration).toEqual([{ expired_object_delete_marker: true }]);
    const custom = synthConstruct((scope) => build(scope, { noncurrentVersionExpirationDays: 7 }));
    expect(only(custom, 'aws_s3_bucket_lifecycle_configuration')[1].rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 7 }]);
  });

  test('no bucket policy of its own', () => {
    expect(stack.resource?.aws_s3_bucket_policy).toBeUndefined();
  });

  test('with its StaticContentBucketPolicy, passes every compliance rule', () => {
    const fixture = policyFixture((scope) => {
      const b = build(scope);
      new StaticContentBucketPolicy(scope, 'policy', { bucket: b, account: ACCOUNT, distributionArn: accountDistributionsArn('aws', ACCOUNT) });
    });
    expect(fixture.violations()).toEqual([]);
  });

  describe('clear errors', () => {
    const attempt = (props: Partial<ConstructorParameters<typeof StaticContentBucket>[2]>) => () => synthConstruct((scope) => build(scope, props));
    test('a name longer than 63 characters with the account id', () => {
      expect(attempt({ bucketName: staticBucketName('a-project-name-of-thirty-two-chr', 'ap-southeast-2', '${data.aws_caller_identity.x.account_id}') })).toThrow(
        /StaticContentBucket static bucketName: received .*; expected 3-63 .* \(67 characters with a 12-digit account id; S3 allows 63: shorten the project name\)/,
      );
    });
    test('a key of another Region', () => {
      expect(attempt({ kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1' })).toThrow('StaticContentBucket static kmsKeyArn: received "arn:aws:kms:us-east-1:123456789012:key/mrk-1"; a key of us-east-1; expected a key in eu-west-1');
    });
    test('a provider of another Region', () => {
      expect(attempt({ region: 'us-west-2', kmsKeyArn: 'arn:aws:kms:us-west-2:123456789012:key/mrk-1' })).toThrow('provider: received a provider for "eu-west-1"; expected the provider of "us-west-2"');
    });
    test('noncurrent days out of range', () => {
      expect(attempt({ noncurrentVersionExpirationDays: 0 })).toThrow('StaticContentBucket static noncurrentVersionExpirationDays: received 0; expected an integer from 1 to 3650 (days)');
    });
  });
});
