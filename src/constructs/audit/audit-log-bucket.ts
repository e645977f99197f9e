import { Construct } from 'constructs';
import { bucketNameProblem } from '../../aws/bucket-name';
import { privateBucket } from '../../aws/private-bucket';
import { ITerraformDependable, Token } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { AccountFacts } from '../../aws/account-facts';
import { policyDocument, Statement, tlsOnlyBucketPolicy } from '../../aws/policy-documents';

export interface AuditLogBucketProps {
  /** Name of the central CloudTrail bucket. */
  readonly bucketName: string;
  /** ARN of the customer managed key for SSE-KMS (the multi-Region primary key). */
  readonly kmsKeyArn: string;
  /** Name of the trail that writes here, in this stack's account and Region. */
  readonly trailName: string;
  /** Object Lock (governance mode) default retention of every object, days. @default 365 */
  readonly objectLockRetentionDays?: number;
  /** Days before log objects move to S3 Glacier Flexible Retrieval. @default 90 */
  readonly archiveAfterDays?: number;
  /** Principals that may read the logs; every other principal is denied, the deploy role included. */
  readonly logReaderArns: string[];
  /** Target of server access logging (same account and Region); an `AccessLogBucket` fits. */
  readonly accessLogBucket: { readonly bucketName: string; readonly policy?: ITerraformDependable };
  /** AWS Organizations id (o-…) of an organization trail, whose member accounts write under AWSLogs/<id>/. @default none */
  readonly organizationId?: string;
  /** Account id and partition of the stack (`accountFacts` in src/stacks): one data source each per stack. */
  readonly facts: AccountFacts;
}

const KMS_KEY_ARN_RULE = 'a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd';
const TRAIL_NAME_RULE = '3-128 letters, digits, ".", "_" or "-", starting and ending with a letter or digit, no two separators in a row';
const PRINCIPAL_RULE = 'IAM principal ARNs such as arn:aws:iam::123456789012:role/security-audit';

/**
 * The central CloudTrail bucket in the primary Region: versioned, Object Lock in governance mode,
 * SSE-KMS with the customer key, public access blocked, TLS-only, archived to Glacier, server
 * access logs to a separate bucket. Only our trail may write, and only the log readers may read.
 * Protected from `terraform destroy`.
 */
export class AuditLogBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The bucket policy; a trail must depend on it, since CloudTrail checks it on creation. */
  readonly policy: S3BucketPolicy;
  /** ARN of the trail allowed to write, built from names so that bucket and trail do not form a cycle. */
  readonly trailArn: string;

  constructor(scope: Construct, id: string, props: AuditLogBucketProps) {
    super(scope, id);
    const retentionDays = props.objectLockRetentionDays ?? 365;
    const archiveAfterDays = props.archiveAfterDays ?? 90;
    validate(props, retentionDays, archiveAfterDays);

    const { account, partition } = props.facts;
    const region = new DataAwsRegion(this, 'region').name;
    this.trailArn = `arn:${partition}:cloudtrail:${region}:${account}:trail/${props.trailName}`;

    // Object Lock can only be switched on when the bucket is created.
    const { bucket, versioning } = privateBucket(this, props.bucketName, { objectLockEnabled: true });
    this.bucket = bucket;
    const bucketArn = this.bucket.arn;
    // Governance, not compliance: a principal with s3:BypassGovernanceRetention can still clean up
    // after a misconfiguration, while nobody deletes or overwrites logs by accident.
    new S3BucketObjectLockConfigurationA(this, 'object_lock', {
      bucket: this.bucket.id,
      rule: { defaultRetention: { mode: 'GOVERNANCE', days: retentionDays } },
      dependsOn: [versioning],
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
          // Cuts KMS request cost for the steady stream of small log objects.
          bucketKeyEnabled: true,
        },
      ],
    });
    new S3BucketLoggingA(this, 'logging', {
      bucket: this.bucket.id,
      targetBucket: props.accessLogBucket.bucketName,
      targetPrefix: `${props.bucketName}/`,
      // S3 checks the target's bucket policy when logging is switched on: it must exist first.
      dependsOn: props.accessLogBucket.policy ? [props.accessLogBucket.policy] : undefined,
    });

    const readers = [...props.logReaderArns];
    const tlsOnly = JSON.parse(tlsOnlyBucketPolicy(bucketArn)).Statement as Statement[];
    const cloudTrail = { Service: 'cloudtrail.amazonaws.com' };
    const statements: Statement[] = [
      ...tlsOnly,
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: cloudTrail,
        Action: 's3:GetBucketAcl',
        Resource: bucketArn,
        Condition: { StringEquals: { 'aws:SourceArn': this.trailArn } },
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: cloudTrail,
        Action: 's3:PutObject',
        Resource: `${bucketArn}/AWSLogs/${account}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': this.trailArn } },
      },
    ];
    if (props.organizationId !== undefined) {
      // An organization trail writes member accounts' events under the organization id.
      statements.push({
        Sid: 'AWSCloudTrailOrganizationWrite',
        Effect: 'Allow',
        Principal: cloudTrail,
        Action: 's3:PutObject',
        Resource: `${bucketArn}/AWSLogs/${props.organizationId}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': this.trailArn } },
      });
    }
    statements.push(
      {
        Sid: 'AllowLogReaders',
        Effect: 'Allow',
        Principal: { AWS: readers },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [bucketArn, `${bucketArn}/*`],
      },
      {
        // An explicit deny beats any identity policy, so administrators and the deploy role,
        // whose IAM policies may well allow s3:GetObject, still cannot read the logs.
        Sid: 'DenyReadToEveryoneElse',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: `${bucketArn}/*`,
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': readers } },
      },
    );
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policyDocument(statements),
    });

    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'archive-audit-logs',
          status: 'Enabled',
          filter: [{}],
          transition: [{ days: archiveAfterDays, storageClass: 'GLACIER' }],
          noncurrentVersionTransition: [{ noncurrentDays: archiveAfterDays, storageClass: 'GLACIER' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [versioning],
    });
  }
}

function validate(props: AuditLogBucketProps, retentionDays: number, archiveAfterDays: number): void {
  const known = (value: string) => !Token.isUnresolved(value);
  const bucketProblem = known(props.bucketName) ? bucketNameProblem(props.bucketName) : undefined;
  if (bucketProblem) {
    throw new Error(`AuditLogBucket bucketName: received "${props.bucketName}"; ${bucketProblem}`);
  }
  if (known(props.kmsKeyArn) && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(props.kmsKeyArn)) {
    throw new Error(`AuditLogBucket kmsKeyArn: received "${props.kmsKeyArn}"; expected ${KMS_KEY_ARN_RULE}`);
  }
  if (known(props.trailName) && !(/^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/.test(props.trailName) && !/[._-]{2}/.test(props.trailName))) {
    throw new Error(`AuditLogBucket trailName: received "${props.trailName}"; expected ${TRAIL_NAME_RULE}`);
  }
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 36500) {
    throw new Error(`AuditLogBucket objectLockRetentionDays: received ${retentionDays}; expected an integer from 1 to 36500`);
  }
  if (!Number.isInteger(archiveAfterDays) || archiveAfterDays < 1) {
    throw new Error(`AuditLogBucket archiveAfterDays: received ${archiveAfterDays}; expected a positive integer`);
  }
  if (!Array.isArray(props.logReaderArns) || props.logReaderArns.length === 0) {
    throw new Error(
      `AuditLogBucket logReaderArns: received ${JSON.stringify(props.logReaderArns)}; expected at least one of ${PRINCIPAL_RULE} (without readers nobody could read the logs)`,
    );
  }
  const badReaders = props.logReaderArns.filter((arn) => known(arn) && !/^arn:aws[a-z-]*:iam::\d{12}:(root|(role|user)\/[\w+=,.@/-]{1,512})$/.test(arn));
  if (badReaders.length > 0) {
    throw new Error(`AuditLogBucket logReaderArns: received ${JSON.stringify(badReaders)}; expected ${PRINCIPAL_RULE}`);
  }
  if (props.organizationId !== undefined && known(props.organizationId) && !/^o-[a-z0-9]{10,32}$/.test(props.organizationId)) {
    throw new Error(`AuditLogBucket organizationId: received "${props.organizationId}"; expected an AWS Organizations id such as o-a1b2c3d4e5`);
  }
}
