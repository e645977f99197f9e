import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';

export interface PrivateBucket {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioningA;
  readonly ownership: S3BucketOwnershipControls;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
}

/**
 * The baseline every bucket of the foundation shares, created as children of `scope` ("bucket",
 * "ownership", "public_access_block", "versioning"): protected from destroy, owner-enforced (no
 * ACLs), every public-access setting blocked, versioned. Encryption, policy and lifecycle differ
 * per bucket and stay with the caller.
 */
export function privateBucket(scope: Construct, bucketName: string, options: { objectLockEnabled?: boolean } = {}): PrivateBucket {
  const bucket = new S3Bucket(scope, 'bucket', {
    bucket: bucketName,
    objectLockEnabled: options.objectLockEnabled,
    lifecycle: { preventDestroy: true },
  });
  const ownership = new S3BucketOwnershipControls(scope, 'ownership', {
    bucket: bucket.id,
    rule: { objectOwnership: 'BucketOwnerEnforced' },
  });
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, 'public_access_block', {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  const versioning = new S3BucketVersioningA(scope, 'versioning', {
    bucket: bucket.id,
    versioningConfiguration: { status: 'Enabled' },
  });
  return { bucket, versioning, ownership, publicAccessBlock };
}
