import { Construct } from 'constructs';
import { bucketNameProblem } from '../../aws/bucket-name';
import { privateBucket } from '../../aws/private-bucket';
import { Token } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { AccountFacts } from '../../aws/account-facts';
import { policyDocument, Statement, tlsOnlyStatements } from '../../aws/policy-documents';

export interface AccessLogBucketProps {
  /** Name of the bucket that receives the server access logs. */
  readonly bucketName: string;
  /** ARNs of the buckets whose server access logs land here (same account and Region); at least one. */
  readonly sourceBucketArns: readonly string[];
  /** Days to keep each access log object. @default 365 */
  readonly expireAfterDays?: number;
  /** Account of the stack (`accountFacts` in src/stacks); only `account` is read. */
  readonly facts: AccountFacts;
  /** Statements added to the bucket policy, e.g. a Deny for a principal that must never change the bucket. @default none */
  readonly additionalStatements?: readonly Statement[];
}

/** Days a deleted or expired log version stays recoverable before it is removed for good. */
const NONCURRENT_RETENTION_DAYS = 30;

const BUCKET_ARN_RULE = 'an S3 bucket ARN such as arn:aws:s3:::audit-logs';

/**
 * Target of S3 server access logging for the given source buckets: versioned, SSE-S3, public access
 * blocked, TLS-only, and writable only by the S3 logging service on behalf of those buckets.
 * Protected from `terraform destroy`.
 */
export class AccessLogBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly policy: S3BucketPolicy;
  /**
   * The bucket's name as a reference, so that an `aws_s3_bucket_logging` that targets it is
   * created after the bucket. Lets the construct itself be passed where `{ bucketName }` is expected.
   */
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const days = props.expireAfterDays ?? 365;
    const bucketProblem = Token.isUnresolved(props.bucketName) ? undefined : bucketNameProblem(props.bucketName);
    if (bucketProblem) {
      throw new Error(`AccessLogBucket bucketName: received "${props.bucketName}"; ${bucketProblem}`);
    }
    const sources = [...props.sourceBucketArns];
    if (sources.length === 0) {
      throw new Error(`AccessLogBucket sourceBucketArns: received []; expected at least one S3 bucket ARN such as arn:aws:s3:::audit-logs (a log bucket nobody logs to)`);
    }
    for (const source of sources) {
      if (!Token.isUnresolved(source) && !/^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(source)) {
        throw new Error(`AccessLogBucket sourceBucketArns: received "${source}"; expected ${BUCKET_ARN_RULE}`);
      }
    }
    if (!Number.isInteger(days) || days < 1) {
      throw new Error(`AccessLogBucket expireAfterDays: received ${days}; expected a positive integer`);
    }
    const { account } = props.facts;

    const { bucket, versioning } = privateBucket(this, props.bucketName);
    this.bucket = bucket;
    this.bucketName = this.bucket.bucket;
    // Server access logging cannot deliver into a bucket whose default encryption is SSE-KMS.
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });

      this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policyDocument([
        ...tlsOnlyStatements(this.bucket.arn),
        {
          // Logging delivers as the service principal; the conditions stop any other bucket or
          // account from using this one as its log target (confused deputy).
          Sid: 'S3ServerAccessLogsFromSourceBucket',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${this.bucket.arn}/*`,
          Condition: {
            StringEquals: { 'aws:SourceAccount': account },
            ArnLike: { 'aws:SourceArn': sources.length === 1 ? sources[0] : sources },
          },
        },
        ...(props.additionalStatements ?? []),
      ]),
    });

    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ days }],
          // Expiring a current version of a versioned bucket only hides it behind a delete marker.
          noncurrentVersionExpiration: [{ noncurrentDays: NONCURRENT_RETENTION_DAYS }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [versioning],
    });
  }
}
