import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { privateBucket } from '../../aws/private-bucket';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { AccountFacts } from '../../aws/account-facts';
import { StateAccess, stateBucketPolicy, stateKeyPolicy } from '../../aws/state-policies';

export interface StateBucketProps {
  /** Name of the bucket that holds every stack's state. */
  readonly bucketName: string;
  /** Alias of the customer managed key that encrypts state objects, e.g. "alias/terraform-state". */
  readonly kmsKeyAlias: string;
  /** Days to keep superseded state versions. @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
  /** Who reads and writes state (deploy role, operators, break-glass); nobody else may. */
  readonly access: StateAccess;
  /** Principals that administer the key (never use it). @default the account root */
  readonly keyAdministratorArns?: readonly string[];
  /** Target of the bucket's server access logging (same account and Region); an `AccessLogBucket` fits. */
  readonly accessLogBucket: { readonly bucketName: string; readonly policy?: ITerraformDependable };
  /** Account id and partition of the stack (`accountFacts` in src/stacks). */
  readonly facts: AccountFacts;
  /** ARN of the role S3 replication assumes (`StateReplica`): the key lets it decrypt, through S3 here. @default none */
  readonly replicationRoleArn?: string;
}

/**
 * The remote-state bucket: versioned, SSE-KMS with a customer key, public access blocked,
 * TLS-only, old versions expired, server access logs to a separate bucket. Only the state
 * principals read and write objects, and only they use the key, through S3. Bucket and key are
 * protected from `terraform destroy`.
 */
export class StateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly key: KmsKey;
  /** S3 accepts a replication configuration only once the bucket is versioned. */
  readonly versioning: S3BucketVersioningA;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const days = props.noncurrentVersionExpirationDays ?? 90;
    if (!Number.isInteger(days) || days < 1) {
      throw new Error(`StateBucket noncurrentVersionExpirationDays: received ${days}; expected a positive integer`);
    }
    const { account, partition } = props.facts;

    this.key = new KmsKey(this, 'key', {
      description: `Encrypts Terraform state in s3://${props.bucketName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: stateKeyPolicy({
        account,
        partition,
        region: new DataAwsRegion(this, 'region').name,
        administratorArns: props.keyAdministratorArns ?? [],
        access: props.access,
        replication: props.replicationRoleArn ? { roleArn: props.replicationRoleArn, actions: ['kms:Decrypt'] } : undefined,
      }),
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, 'key_alias', { name: props.kmsKeyAlias, targetKeyId: this.key.keyId });

    const { bucket, versioning } = privateBucket(this, props.bucketName);
    this.bucket = bucket;
    this.versioning = versioning;
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
      policy: stateBucketPolicy(this.bucket.arn, props.access),
    });
    new S3BucketLoggingA(this, 'logging', {
      bucket: this.bucket.id,
      targetBucket: props.accessLogBucket.bucketName,
      targetPrefix: `${props.bucketName}/`,
      // S3 checks the target's bucket policy when logging is switched on: it must exist first.
      dependsOn: props.accessLogBucket.policy ? [props.accessLogBucket.policy] : undefined,
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: stateLifecycleRules(days),
      dependsOn: [versioning],
    });
  }
}

/** The lifecycle rule of a state bucket: superseded versions expire, abandoned uploads are cleaned. */
export function stateLifecycleRules(days: number) {
  return [
    {
      id: 'expire-noncurrent-state-versions',
      status: 'Enabled',
      filter: [{}],
      noncurrentVersionExpiration: [{ noncurrentDays: days }],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
    },
  ];
}
