import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { AccountFacts } from '../../aws/account-facts';
import { Statement } from '../../aws/policy-documents';
import { LogBucketAccess, LogBucketSettingsProps, logBucketPolicy, logBucketSettings, validateLogBucket } from './log-bucket';

export type ObjectLockMode = 'GOVERNANCE' | 'COMPLIANCE';

export interface AuditLogBucketProps extends LogBucketAccess {
  /** Name of the central audit bucket. */
  readonly bucketName: string;
  /** ARN of the customer managed key for SSE-KMS (the multi-Region primary key). */
  readonly kmsKeyArn: string;
  /** Name of the trail that writes here, in this stack's account and Region. @default no trail writes here */
  readonly trailName?: string;
  /** Object Lock default retention of every object, days. @default 365 */
  readonly objectLockRetentionDays?: number;
  /**
   * Object Lock mode of that retention. COMPLIANCE objects cannot be deleted by anyone, the account
   * root included, until their retention ends, so neither can the bucket. @default "GOVERNANCE"
   */
  readonly objectLockMode?: ObjectLockMode;
  /** Days before log objects move to S3 Glacier Flexible Retrieval. @default 90 */
  readonly archiveAfterDays?: number;
  /** Target of server access logging (same account and Region); an `AccessLogBucket` fits. */
  readonly accessLogBucket: LogBucketSettingsProps['accessLogBucket'];
  /** AWS Organizations id (o-…) of an organization trail, whose member accounts write under AWSLogs/<id>/. @default none */
  readonly organizationId?: string;
  /** Account id and partition of the stack (`accountFacts` in src/stacks): one data source each per stack. */
  readonly facts: AccountFacts;
}

const TRAIL_NAME_RULE = '3-128 letters, digits, ".", "_" or "-", starting and ending with a letter or digit, no two separators in a row';
const OBJECT_LOCK_MODES: readonly ObjectLockMode[] = ['GOVERNANCE', 'COMPLIANCE'];

/**
 * The central audit bucket in the primary Region (CloudTrail logs): versioned, Object Lock, SSE-KMS
 * with the customer key, public access blocked, TLS-only, archived to Glacier, server access logs to
 * a separate bucket. Only our trail may write, only the log readers may read, nobody but the
 * break-glass principals may delete or unlock an object, and nobody but the bucket managers and the
 * break-glass principals may change what protects it. Protected from `terraform destroy`. AWS
 * Config does not deliver to a bucket with Object Lock: it has its own `ConfigLogBucket`.
 */
export class AuditLogBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The bucket policy; a trail must depend on it, since CloudTrail checks it on creation. */
  readonly policy: S3BucketPolicy;
  /** ARN of the trail allowed to write, built from names so that bucket and trail do not form a cycle; set with `trailName`. */
  readonly trailArn?: string;

  constructor(scope: Construct, id: string, props: AuditLogBucketProps) {
    super(scope, id);
    const retentionDays = props.objectLockRetentionDays ?? 365;
    const archiveAfterDays = props.archiveAfterDays ?? 90;
    const lockMode = props.objectLockMode ?? 'GOVERNANCE';
    validate(props, retentionDays, archiveAfterDays, lockMode);

    const { account, partition } = props.facts;
    if (props.trailName !== undefined) {
      const region = new DataAwsRegion(this, 'region').name;
      this.trailArn = `arn:${partition}:cloudtrail:${region}:${account}:trail/${props.trailName}`;
    }

    const settings = logBucketSettings(this, {
      bucketName: props.bucketName,
      kmsKeyArn: props.kmsKeyArn,
      archiveAfterDays,
      lifecycleRuleId: 'archive-audit-logs',
      accessLogBucket: props.accessLogBucket,
      objectLockEnabled: true,
    });
    this.bucket = settings.bucket;
    const objectLock = new S3BucketObjectLockConfigurationA(this, 'object_lock', {
      bucket: this.bucket.id,
      rule: { defaultRetention: { mode: lockMode, days: retentionDays } },
      dependsOn: [settings.versioning],
    });

    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: logBucketPolicy(this.bucket.arn, this.trailStatements(props, this.bucket.arn, account), props),
      // The policy denies changing these settings to all but the bucket managers: it goes last on
      // create, so whoever first applies the stack sets them, and first on destroy.
      dependsOn: [
        settings.versioning,
        objectLock,
        settings.encryption,
        settings.logging,
        settings.lifecycle,
        settings.ownership,
        settings.publicAccessBlock,
      ],
    });
  }

  private trailStatements(props: AuditLogBucketProps, bucketArn: string, account: string): Statement[] {
    if (this.trailArn === undefined) return [];
    const cloudTrail = { Service: 'cloudtrail.amazonaws.com' };
    const written = { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': this.trailArn };
    const statements: Statement[] = [
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: cloudTrail,
        Action: 's3:GetBucketAcl',
        Resource: bucketArn,
        Condition: { StringEquals: { 'aws:SourceArn': this.trailArn } },
      },
      { Sid: 'AWSCloudTrailWrite', Effect: 'Allow', Principal: cloudTrail, Action: 's3:PutObject', Resource: `${bucketArn}/AWSLogs/${account}/*`, Condition: { StringEquals: written } },
    ];
    if (props.organizationId !== undefined) {
      // An organization trail writes member accounts' events under the organization id.
      statements.push({
        Sid: 'AWSCloudTrailOrganizationWrite',
        Effect: 'Allow',
        Principal: cloudTrail,
        Action: 's3:PutObject',
        Resource: `${bucketArn}/AWSLogs/${props.organizationId}/*`,
        Condition: { StringEquals: written },
      });
    }
    return statements;
  }
}

function validate(props: AuditLogBucketProps, retentionDays: number, archiveAfterDays: number, lockMode: string): void {
  const known = (value: string) => !Token.isUnresolved(value);
  validateLogBucket('AuditLogBucket', { ...props, archiveAfterDays });
  if (props.trailName !== undefined && known(props.trailName) && !(/^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/.test(props.trailName) && !/[._-]{2}/.test(props.trailName))) {
    throw new Error(`AuditLogBucket trailName: received "${props.trailName}"; expected ${TRAIL_NAME_RULE}`);
  }
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 36500) {
    throw new Error(`AuditLogBucket objectLockRetentionDays: received ${retentionDays}; expected an integer from 1 to 36500`);
  }
  if (!OBJECT_LOCK_MODES.includes(lockMode as ObjectLockMode)) {
    throw new Error(`AuditLogBucket objectLockMode: received ${JSON.stringify(lockMode)}; expected one of ${OBJECT_LOCK_MODES.join(', ')}`);
  }
  if (props.organizationId !== undefined && props.trailName === undefined) {
    throw new Error(`AuditLogBucket organizationId: received "${props.organizationId}"; expected only with trailName (an organization trail writes here)`);
  }
  if (props.organizationId !== undefined && known(props.organizationId) && !/^o-[a-z0-9]{10,32}$/.test(props.organizationId)) {
    throw new Error(`AuditLogBucket organizationId: received "${props.organizationId}"; expected an AWS Organizations id such as o-a1b2c3d4e5`);
  }
}
