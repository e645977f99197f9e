import { PolicyRule, PolicyViolation, violation } from './rule';
import { buckets, namesBucket } from './s3-buckets';

export const PUBLIC_ACCESS_BLOCK_FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

/**
 * Every aws_s3_bucket has an aws_s3_bucket_public_access_block in the same stack that names it
 * (by reference or literal name) and sets all four flags to true.
 */
export const S3BucketPublicAccessBlock: PolicyRule = {
  name: 'S3BucketPublicAccessBlock',
  description: 'Every aws_s3_bucket has an aws_s3_bucket_public_access_block in the same stack with all four flags true',
  evaluate(resources) {
    const out: PolicyViolation[] = [];
    const blocks = resources.filter((r) => r.type === 'aws_s3_bucket_public_access_block');
    for (const bucket of buckets(resources)) {
      const mine = blocks.filter((b) => namesBucket(b.attributes.bucket, bucket));
      if (mine.length === 0) {
        out.push(violation(this, bucket, `has no aws_s3_bucket_public_access_block in this stack; expected one with ${PUBLIC_ACCESS_BLOCK_FLAGS.join(', ')} all true`));
        continue;
      }
      const complete = mine.find((b) => PUBLIC_ACCESS_BLOCK_FLAGS.every((f) => b.attributes[f] === true || b.attributes[f] === 'true'));
      if (complete) continue;
      for (const block of mine) {
        const off = PUBLIC_ACCESS_BLOCK_FLAGS.filter((f) => !(block.attributes[f] === true || block.attributes[f] === 'true'));
        out.push(violation(this, bucket, `public access block ${block.address} leaves ${off.join(', ')} unset or false; expected all four flags true`));
      }
    }
    return out;
  },
};
