import { InspectedResource } from './rule';

/**
 * Ways other resources of the same stack name an aws_s3_bucket: a reference to its id or bucket
 * attribute, or its literal name.
 */
export function bucketNames(bucket: InspectedResource): string[] {
  const names = [`\${aws_s3_bucket.${bucket.logicalId}.id}`, `\${aws_s3_bucket.${bucket.logicalId}.bucket}`];
  const literal = bucket.attributes.bucket;
  if (typeof literal === 'string' && !literal.includes('${')) names.push(literal);
  return names;
}

/** True when `value` (e.g. the `bucket` argument of a public access block) names `bucket`. */
export function namesBucket(value: unknown, bucket: InspectedResource): boolean {
  return typeof value === 'string' && bucketNames(bucket).includes(value);
}

const ARN_PREFIX = /^arn:(\$\{[^}]+\}|aws[a-z-]*):s3:::/;

/** Writes an S3 ARN with the partition "aws", whatever expression held the partition. */
export function normalizeS3Arn(arn: string): string {
  return arn.replace(ARN_PREFIX, 'arn:aws:s3:::');
}

/** The bucket's ARN in every spelling a policy may use (normalized with normalizeS3Arn). */
export function bucketArns(bucket: InspectedResource): string[] {
  return [`\${aws_s3_bucket.${bucket.logicalId}.arn}`, ...bucketNames(bucket).map((name) => `arn:aws:s3:::${name}`)];
}

/** The buckets of a stack. */
export function buckets(resources: readonly InspectedResource[]): InspectedResource[] {
  return resources.filter((r) => r.type === 'aws_s3_bucket');
}
