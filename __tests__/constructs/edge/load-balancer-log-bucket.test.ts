import { ELB_ACCOUNT_REGIONS, LoadBalancerLogBucket, LoadBalancerLogBucketProps } from '../../../src/constructs/edge/load-balancer-log-bucket';
import { REGION_NAMES } from '../../../src/aws/regions';
import { synthConstruct } from '../../helpers/synth';
import { only, policyFixture, ref } from '../../helpers/inspect';

const PROPS: LoadBalancerLogBucketProps = {
  bucketName: 'acme-lb-us-east-1-123456789012',
  region: 'us-east-1',
  prefix: 'entry',
  facts: { account: '123456789012', partition: 'aws' },
};

describe('LoadBalancerLogBucket', () => {
  const stack = synthConstruct((scope) => new LoadBalancerLogBucket(scope, 'logs', PROPS));
  const [bucketId, bucket] = only(stack, 'aws_s3_bucket');
  const arn = ref('aws_s3_bucket', bucketId, 'arn');
  const policy = JSON.parse(only(stack, 'aws_s3_bucket_policy')[1].policy);

  test('the private-bucket baseline: protected from destroy, owner-enforced, public access blocked, versioned', () => {
    expect(bucket.bucket).toBe(PROPS.bucketName);
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    expect(only(stack, 'aws_s3_bucket_ownership_controls')[1].rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(only(stack, 'aws_s3_bucket_versioning')[1].versioning_configuration).toEqual({ status: 'Enabled' });
    const [, block] = only(stack, 'aws_s3_bucket_public_access_block');
    expect([block.block_public_acls, block.block_public_policy, block.ignore_public_acls, block.restrict_public_buckets]).toEqual([true, true, true, true]);
  });

  test('SSE-S3, since ELB access logs cannot be delivered into an SSE-KMS bucket', () => {
    expect(only(stack, 'aws_s3_bucket_server_side_encryption_configuration')[1].rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
  });

  test('TLS-only, and only ELB log delivery may write, only under <prefix>/AWSLogs/<account>/', () => {
    expect(policy.Statement.map((s: any) => s.Sid)).toEqual(['DenyInsecureTransport', 'DenyOutdatedTls', 'ElbAccessLogDelivery']);
    const delivery = policy.Statement[2];
    expect(delivery.Effect).toBe('Allow');
    expect(delivery.Action).toBe('s3:PutObject');
    expect(delivery.Resource).toBe(`${arn}/entry/AWSLogs/123456789012/*`);
    expect(Object.keys(delivery.Principal).sort()).toEqual(['AWS', 'Service']);
  });

  test('log objects expire after 90 days by default; deleted versions 30 days later', () => {
    const [, lifecycle] = only(stack, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule[0]).toMatchObject({ status: 'Enabled', expiration: [{ days: 90 }], noncurrent_version_expiration: [{ noncurrent_days: 30 }] });
  });

  test('passes every foundation compliance rule (TLS-only, public access block)', () => {
    expect(policyFixture((scope) => new LoadBalancerLogBucket(scope, 'logs', PROPS)).violations()).toEqual([]);
  });

  test('the Regions with a Regional ELB account are known to the project, and the newer ones are the rest', () => {
    expect(ELB_ACCOUNT_REGIONS.filter((r) => !REGION_NAMES.includes(r))).toEqual([]);
    expect(REGION_NAMES.filter((r) => !ELB_ACCOUNT_REGIONS.includes(r)).sort()).toEqual(
      ['ap-south-2', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ca-west-1', 'eu-central-2', 'eu-south-2', 'il-central-1', 'me-central-1', 'mx-central-1'].sort(),
    );
  });

  test.each([
    [{ bucketName: `acme-lb-ap-southeast-4-123456789012-${'x'.repeat(30)}` }, 'bucketName: received "acme-lb-ap-southeast-4-123456789012-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" (66 characters); expected 3-63 lowercase'],
    [{ prefix: 'logs/AWSLogs' }, 'prefix: received "logs/AWSLogs"; expected a key prefix'],
    [{ prefix: '/entry' }, 'prefix: received "/entry"'],
    [{ expireAfterDays: 0 }, 'expireAfterDays: received 0; expected an integer from 1 to 3650'],
  ])('refuses %j with a clear error', (props, message) => {
    expect(() => synthConstruct((scope) => new LoadBalancerLogBucket(scope, 'logs', { ...PROPS, ...props }))).toThrow(message);
  });
});
