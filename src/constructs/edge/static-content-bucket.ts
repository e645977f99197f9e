import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { privateBucket } from '../../aws/private-bucket';
import { checkKeyArnInRegion, checkRegion } from '../compute/ecr-key-check';
import { checkStaticBucketName } from './static-content-names';

/** Days S3 keeps a replaced or deleted version of a static object unless the config says otherwise. */
export const DEFAULT_NONCURRENT_VERSION_DAYS = 30;
/** Upper bound of `noncurrentVersionExpirationDays`: ten years, far beyond any rollback need. */
export const MAX_NONCURRENT_VERSION_DAYS = 3650;

export interface StaticContentBucketProps {
  /** Provider of the bucket's Region. */
  readonly provider?: TerraformProvider;
  /** The bucket's Region (the provider's). */
  readonly region: string;
  /** `staticBucketName(project, region, account)`; the account may be a Terraform reference. */
  readonly bucketName: string;
  /** This Region's copy of the multi-Region key (its ARN): SSE-KMS of every object. */
  readonly kmsKeyArn: string;
  /**
   * Days a noncurrent version is kept before S3 expires it: how far back a bad upload can be rolled
   * back. Replication needs versioning, so without this rule every overwrite would be kept forever.
   * @default 30
   */
  readonly noncurrentVersionExpirationDays?: number;
}

/**
 * One Region's bucket of static content for CloudFront: the private-bucket baseline (owner-enforced,
 * public access blocked, versioned, protected from destroy), SSE-KMS with this Region's copy of the
 * multi-Region key and an S3 bucket key, and a lifecycle that expires noncurrent versions and
 * removes the delete markers left without versions.
 *
 * No bucket policy here: the one policy of the bucket holds the TLS-only statements and CloudFront's
 * read, and is `StaticContentBucketPolicy`, created in the same stack (see there for the ARN it names).
 */
export class StaticContentBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioningA;
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  readonly lifecycle: S3BucketLifecycleConfiguration;
  readonly bucketName: string;
  readonly bucketArn: string;
  /** `<bucket>.s3.<region>.amazonaws.com`: the domain of the CloudFront origin (never the website endpoint). */
  readonly regionalDomainName: string;
  readonly region: string;
  /** The key that encrypts the objects: with the fields above, what `StaticContentReplication` takes for either side. */
  readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: StaticContentBucketProps) {
    super(scope, id);
    const owner = `StaticContentBucket ${id}`;
    const days = props.noncurrentVersionExpirationDays ?? DEFAULT_NONCURRENT_VERSION_DAYS;
    validate(owner, props, days);
    const base = privateBucket(this, props.bucketName);
    // privateBucket creates its resources without a provider: give them this Region's.
    if (props.provider) {
      for (const r of [base.bucket, base.ownership, base.publicAccessBlock, base.versioning]) r.provider = props.provider;
    }
    this.bucket = base.bucket;
    this.versioning = base.versioning;
    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider: props.provider,
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
          // One KMS call per bucket key period instead of one per object read through CloudFront.
          bucketKeyEnabled: true,
        },
      ],
    });
    this.lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider: props.provider,
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-noncurrent-versions',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: days }],
          // A delete marker whose versions have all expired only slows listings.
          expiration: [{ expiredObjectDeleteMarker: true }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [this.versioning],
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.regionalDomainName = this.bucket.bucketRegionalDomainName;
    this.region = props.region;
    this.kmsKeyArn = props.kmsKeyArn;
  }
}

function validate(owner: string, props: StaticContentBucketProps, days: number): void {
  if (props.provider) checkRegion(owner, props.provider, props.region);
  checkStaticBucketName(owner, props.bucketName);
  checkKeyArnInRegion(owner, 'kmsKeyArn', props.kmsKeyArn, props.region, "this Region's copy of the multi-Region key");
  if (!Number.isInteger(days) || days < 1 || days > MAX_NONCURRENT_VERSION_DAYS) {
    throw new Error(`${owner} noncurrentVersionExpirationDays: received ${JSON.stringify(days)}; expected an integer from 1 to ${MAX_NONCURRENT_VERSION_DAYS} (days)`);
  }
}
