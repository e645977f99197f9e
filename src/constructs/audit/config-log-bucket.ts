import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { AccountFacts } from '../../aws/account-facts';
import { KEY_PREFIX_PATTERN } from '../../config/patterns';
import { LogBucketAccess, LogBucketSettingsProps, configDeliveryStatements, logBucketPolicy, logBucketSettings, validateLogBucket } from './log-bucket';

export interface ConfigLogBucketProps extends LogBucketAccess {
  /** Name of the bucket every Region's delivery channel names. */
  readonly bucketName: string;
  /** ARN of the customer managed key for SSE-KMS (the multi-Region primary key, which AWS Config encrypts deliveries with). */
  readonly kmsKeyArn: string;
  /** AWS Config delivers under `<keyPrefix>/AWSLogs/<account>/Config/`. @default "config" */
  readonly keyPrefix?: string;
  /** Days before configuration history and snapshots move to S3 Glacier Flexible Retrieval. @default 90 */
  readonly archiveAfterDays?: number;
  /** Target of server access logging (same account and Region); an `AccessLogBucket` fits. */
  readonly accessLogBucket: LogBucketSettingsProps['accessLogBucket'];
  /** Account id of the stack (`accountFacts` in src/stacks); only `account` is read. */
  readonly facts: AccountFacts;
}

/**
 * AWS Config's bucket in the primary Region: the audit bucket's protection without Object Lock,
 * because AWS Config does not deliver to a bucket with Object Lock enabled. Versioned, SSE-KMS with
 * the customer key, public access blocked, owner-enforced, TLS-only, archived to Glacier, server
 * access logs to a separate bucket. Only AWS Config of this account may write (under its prefix),
 * only the log readers may read, nobody but the break-glass principals may delete an object or
 * version, and nobody but the bucket managers and the break-glass principals may change what
 * protects it (Object Lock included). Protected from `terraform destroy`.
 */
export class ConfigLogBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The bucket policy; AWS Config checks it when a delivery channel is created. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: ConfigLogBucketProps) {
    super(scope, id);
    const archiveAfterDays = props.archiveAfterDays ?? 90;
    const keyPrefix = props.keyPrefix ?? 'config';
    validateLogBucket('ConfigLogBucket', { ...props, archiveAfterDays });
    if (!KEY_PREFIX_PATTERN.test(keyPrefix) || keyPrefix.split('/').includes('AWSLogs')) {
      throw new Error(`ConfigLogBucket keyPrefix: received "${keyPrefix}"; expected path segments joined by "/", without leading or trailing "/" and without "AWSLogs" (Config appends AWSLogs/<account>/Config itself), such as config`);
    }

    const settings = logBucketSettings(this, {
      bucketName: props.bucketName,
      kmsKeyArn: props.kmsKeyArn,
      archiveAfterDays,
      lifecycleRuleId: 'archive-config-logs',
      accessLogBucket: props.accessLogBucket,
    });
    this.bucket = settings.bucket;
    const bucketArn = this.bucket.arn;
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: logBucketPolicy(bucketArn, configDeliveryStatements(bucketArn, props.facts.account, keyPrefix), props),
      // Last on create, first on destroy, as for the audit bucket: the policy protects these settings.
      dependsOn: [settings.versioning, settings.encryption, settings.logging, settings.lifecycle, settings.ownership, settings.publicAccessBlock],
    });
  }
}
