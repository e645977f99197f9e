/** What the audit bucket's policy and the deploy role's policy deny; shared so the two never drift apart. */

/**
 * Deleting, hiding (a delete marker) or unlocking a log object. Retention and legal holds count:
 * whoever may change them may shorten what Object Lock protects, or lock objects for decades.
 */
export const LOG_TAMPER_ACTIONS: readonly string[] = [
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:BypassGovernanceRetention',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
];

/**
 * Changing what protects the logs, or deleting the bucket. Each IAM action also covers its Delete*
 * API (DeleteBucketLifecycle needs s3:PutLifecycleConfiguration, and so on). Replication and
 * ownership are here because a replication rule copies the logs past the read deny, and ACLs would
 * let a writer keep ownership of what it wrote.
 */
export const BUCKET_PROTECTION_ACTIONS: readonly string[] = [
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketVersioning',
  's3:PutLifecycleConfiguration',
  's3:PutBucketLogging',
  's3:PutEncryptionConfiguration',
  's3:PutReplicationConfiguration',
  's3:PutBucketOwnershipControls',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketAcl',
  's3:DeleteBucket',
];
