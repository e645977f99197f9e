import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Statement, policyDocument, tlsOnlyStatements } from '../../aws/policy-documents';
import { isReference } from '../compute/regional-key-arn';

/** Service principal CloudFront signs origin requests as when it uses an origin access control. */
export const CLOUDFRONT_SERVICE = 'cloudfront.amazonaws.com';

const DISTRIBUTION_ARN = /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/([A-Z0-9]+|\*)$/;

export interface StaticContentBucketPolicyProps {
  readonly provider?: TerraformProvider;
  /** The bucket (`StaticContentBucket`) of this stack: its id or name and its ARN. */
  readonly bucket: { readonly bucketName: string; readonly bucketArn: string };
  /** Account of the bucket and the distribution (the confused-deputy check). */
  readonly account: string;
  /**
   * Who may read through CloudFront: the distribution's ARN (a reference, in the stack that creates
   * the distribution), or `accountDistributionsArn(partition, account)` when the policy is applied
   * before the distribution exists (any distribution of this account, each still needing this
   * bucket as an origin with the origin access control).
   */
  readonly distributionArn: string;
}

/** The OAC read statement of a static bucket: objects only, only for the named distribution(s) of this account. */
export function cloudFrontReadStatement(bucketArn: string, account: string, distributionArn: string): Statement {
  const pattern = !isReference(distributionArn) && distributionArn.includes('*');
  return {
    Sid: 'CloudFrontReadsThroughOriginAccessControl',
    Effect: 'Allow',
    Principal: { Service: CLOUDFRONT_SERVICE },
    // No s3:ListBucket: a missing key answers 403 rather than 404, and nobody can list the content
    // through the distribution. Add 403 to the failover codes to fail over on a missing object.
    Action: 's3:GetObject',
    Resource: `${bucketArn}/*`,
    Condition: pattern
      ? { ArnLike: { 'aws:SourceArn': distributionArn }, StringEquals: { 'aws:SourceAccount': account } }
      : { StringEquals: { 'aws:SourceArn': distributionArn, 'aws:SourceAccount': account } },
  };
}

/**
 * The one bucket policy of a static content bucket: TLS 1.2+ only for everyone, then CloudFront's
 * read through the origin access control. A bucket has one policy, so this construct must be the
 * only aws_s3_bucket_policy of the bucket, in the stack that creates the bucket (S3BucketTlsOnly
 * looks for it there, and a bucket must never exist without its TLS-only Deny).
 */
export class StaticContentBucketPolicy extends Construct {
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: StaticContentBucketPolicyProps) {
    super(scope, id);
    const arn = props.distributionArn;
    if (!isReference(arn) && !DISTRIBUTION_ARN.test(arn)) {
      throw new Error(
        `StaticContentBucketPolicy ${id} distributionArn: received ${JSON.stringify(arn)}; expected a CloudFront distribution ARN (arn:<partition>:cloudfront::<account>:distribution/<id>) or the account's pattern arn:<partition>:cloudfront::<account>:distribution/*`,
      );
    }
    this.policy = new S3BucketPolicy(this, 'policy', {
      provider: props.provider,
      bucket: props.bucket.bucketName,
      policy: policyDocument([...tlsOnlyStatements(props.bucket.bucketArn), cloudFrontReadStatement(props.bucket.bucketArn, props.account, arn)]),
    });
  }
}
