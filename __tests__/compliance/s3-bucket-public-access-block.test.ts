import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock, S3BucketPublicAccessBlockConfig } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { tlsOnlyBucketPolicy } from '../../src/aws/policy-documents';
import { S3BucketPublicAccessBlock as Rule } from '../../src/compliance/s3-bucket-public-access-block';
import { policyFixture } from '../helpers/inspect';

const RULE = Rule.name;
const ALL = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

/** A TLS-only bucket, so only the public access block decides the outcome. */
function bucket(scope: Construct, id: string, name: string): S3Bucket {
  const b = new S3Bucket(scope, id, { bucket: name });
  new S3BucketPolicy(scope, `${id}_policy`, { bucket: b.id, policy: tlsOnlyBucketPolicy(b.arn) });
  return b;
}

function block(scope: Construct, id: string, config: Omit<S3BucketPublicAccessBlockConfig, 'bucket'> & { bucket: string }): void {
  new S3BucketPublicAccessBlock(scope, id, config);
}

describe('S3BucketPublicAccessBlock', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('S3BucketPublicAccessBlock');
  });

  test('compliant: blocks that name the bucket by reference or by literal name, all four flags true', () => {
    const fixture = policyFixture((scope) => {
      const byId = bucket(scope, 'by_id', 'acme-one');
      block(scope, 'by_id_pab', { bucket: byId.id, ...ALL });
      const byName = bucket(scope, 'by_name', 'acme-two');
      block(scope, 'by_name_pab', { bucket: byName.bucket, ...ALL });
      bucket(scope, 'literal', 'acme-three');
      block(scope, 'literal_pab', { bucket: 'acme-three', ...ALL });
    });
    expect(fixture.synthError()).toBeUndefined();
  });

  test('non-compliant: a bucket without a block fails synth, naming the rule, the bucket and what is expected', () => {
    const fixture = policyFixture((scope) => bucket(scope, 'bucket', 'acme-open'));
    expect(fixture.synthError()).toContain(
      `${RULE}: fixture/bucket (aws_s3_bucket.bucket): has no aws_s3_bucket_public_access_block in this stack; expected one with block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets all true`,
    );
    expect(fixture.violations().map((v) => v.rule)).toEqual([RULE]);
  });

  test('non-compliant: a block with a flag off or unset names the flags', () => {
    const fixture = policyFixture((scope) => {
      const b = bucket(scope, 'bucket', 'acme-half');
      block(scope, 'pab', { bucket: b.id, blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true });
    });
    expect(fixture.synthError()).toContain(
      `${RULE}: fixture/bucket (aws_s3_bucket.bucket): public access block aws_s3_bucket_public_access_block.pab leaves block_public_policy, restrict_public_buckets unset or false; expected all four flags true`,
    );
  });

  test('non-compliant: a block of another bucket does not count', () => {
    const fixture = policyFixture((scope) => {
      const covered = bucket(scope, 'covered', 'acme-covered');
      block(scope, 'pab', { bucket: covered.id, ...ALL });
      bucket(scope, 'uncovered', 'acme-uncovered');
    });
    expect(fixture.violations().map((v) => v.address)).toEqual(['aws_s3_bucket.uncovered']);
  });
});
