import { Construct } from 'constructs';
import { privateBucket } from '../../aws/private-bucket';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { tlsOnlyBucketPolicy } from '../../aws/policy-documents';

export interface StateBucketProps {
  /** Name of the bucket that holds every stack's state. */
  readonly bucketName: string;
  /** Alias of the customer managed key that encrypts state objects, e.g. "alias/terraform-state". */
  readonly kmsKeyAlias: string;
  /** Days to keep superseded state versions. @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
}

/**
 * The remote-state bucket: versioned, SSE-KMS with a customer key, public access blocked,
 * TLS-only, old versions expired. Bucket and key are protected from `terraform destroy`.
 */
export class StateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const days = props.noncurrentVersionExpirationDays ?? 90;
    if (!Number.isInteger(days) || days < 1) {
      throw new Error(`StateBucket noncurrentVersionExpirationDays: received ${days}; expected a positive integer`);
    }

    this.key = new KmsKey(this, 'key', {
      description: `Encrypts Terraform state in s3://${props.bucketName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, 'key_alias', { name: props.kmsKeyAlias, targetKeyId: this.key.keyId });

    const { bucket, versioning } = privateBucket(this, props.bucketName);
    this.bucket = bucket;
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.arn },
          bucketKeyEnabled: true,
        },
      ],
    });
    new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: tlsOnlyBucketPolicy(this.bucket.arn),
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-noncurrent-state-versions',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: days }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [versioning],
    });
  }
}
