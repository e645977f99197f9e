import { InspectedResource, PolicyRule, PolicyViolation, asList, globMatches, violation } from './rule';
import { IamStatement, conditionValues, isWildcardPrincipal, policiesOf } from './iam-documents';
import { bucketArns, buckets, namesBucket, normalizeS3Arn } from './s3-buckets';

const EXPECTED =
  'expected a bucket policy (aws_s3_bucket_policy in this stack) with a Deny of "s3:*" for Principal "*" on the bucket and its objects when aws:SecureTransport is false';

/** A Deny of all S3 actions to everyone over plain HTTP that covers the bucket and its objects. */
function deniesInsecureTransport(statement: IamStatement, bucket: InspectedResource): boolean {
  if (statement.Effect !== 'Deny' || !isWildcardPrincipal(statement.Principal)) return false;
  if (!asList(statement.Action).some((a) => a === '*' || String(a).toLowerCase() === 's3:*')) return false;
  const secure = conditionValues(statement, ['Bool', 'BoolIfExists'], 'aws:SecureTransport');
  if (!secure.some((v) => v === false || v === 'false')) return false;
  const patterns = asList(statement.Resource).map((r) => normalizeS3Arn(String(r)));
  const arns = bucketArns(bucket);
  const covers = (value: string) => patterns.some((p) => globMatches(p, value));
  return arns.some(covers) && arns.some((arn) => covers(`${arn}/any/object`));
}

/**
 * Every aws_s3_bucket has a bucket policy in the same stack (aws_s3_bucket_policy naming the
 * bucket, or the bucket's own legacy `policy` argument) that denies requests without TLS
 * (aws:SecureTransport false) on the bucket and its objects.
 */
export const S3BucketTlsOnly: PolicyRule = {
  name: 'S3BucketTlsOnly',
  description: 'Every aws_s3_bucket has a bucket policy in the same stack that denies "s3:*" to everyone when aws:SecureTransport is false',
  evaluate(resources) {
    const out: PolicyViolation[] = [];
    const policies = resources.filter((r) => r.type === 'aws_s3_bucket_policy');
    for (const bucket of buckets(resources)) {
      const holders = [bucket, ...policies.filter((p) => namesBucket(p.attributes.bucket, bucket))];
      const statements = holders.flatMap((holder) =>
        policiesOf(holder)
          .filter((p) => p.attribute === 'policy')
          .flatMap((p) => p.statements ?? []),
      );
      if (holders.length === 1 && bucket.attributes.policy === undefined) {
        out.push(violation(this, bucket, `has no bucket policy; ${EXPECTED}`));
      } else if (!statements.some((s) => deniesInsecureTransport(s, bucket))) {
        out.push(violation(this, bucket, `bucket policy does not deny insecure transport; ${EXPECTED}`));
      }
    }
    return out;
  },
};
