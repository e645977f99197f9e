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
import { BUCKET_PROTECTION_ACTIONS, LOG_TAMPER_ACTIONS } from './protected-actions';

export type ObjectLockMode = 'GOVERNANCE' | 'COMPLIANCE';

export interface AuditLogBucketProps {
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
  /** Principals that may read the logs; every other principal is denied, the deploy role included. */
  readonly logReaderArns: string[];
  /**
   * Principals that manage the bucket through Terraform (the deploy role, by computed ARN): with the
   * break-glass principals, the only ones that may change its policy, Object Lock, versioning,
   * lifecycle, logging, encryption, replication or ownership settings, or delete it.
   */
  readonly bucketManagerArns: readonly string[];
  /**
   * Principals that may delete objects or versions, change retention or legal holds, bypass
   * governance retention, and change the bucket's protection outside Terraform. @default none = nobody
   */
  readonly breakGlassArns?: readonly string[];
  /** Target of server access logging (same account and Region); an `AccessLogBucket` fits. */
  readonly accessLogBucket: { readonly bucketName: string; readonly policy?: ITerraformDependable };
  /** AWS Organizations id (o-…) of an organization trail, whose member accounts write under AWSLogs/<id>/. @default none */
  readonly organizationId?: string;
  /** AWS Config delivers here under `<configKeyPrefix>/AWSLogs/<account>/Config/`. @default AWS Config may not write */
  readonly configKeyPrefix?: string;
  /** Account id and partition of the stack (`accountFacts` in src/stacks): one data source each per stack. */
  readonly facts: AccountFacts;
}

const KMS_KEY_ARN_RULE = 'a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd';
const TRAIL_NAME_RULE = '3-128 letters, digits, ".", "_" or "-", starting and ending with a letter or digit, no two separators in a row';
const PRINCIPAL_RULE = 'IAM principal ARNs such as arn:aws:iam::123456789012:role/security-audit';
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(root|(role|user)\/[\w+=,.@/-]{1,512})$/;
const OBJECT_LOCK_MODES: readonly ObjectLockMode[] = ['GOVERNANCE', 'COMPLIANCE'];

/**
 * The central audit bucket in the primary Region (CloudTrail logs, AWS Config deliveries):
 * versioned, Object Lock, SSE-KMS with the customer key, public access blocked, TLS-only, archived
 * to Glacier, server access logs to a separate bucket. Only our trail and AWS Config of this
 * account may write, only the log readers may read, nobody but the break-glass principals may
 * delete or unlock an object, and nobody but the bucket managers and the break-glass principals may
 * change what protects it. Protected from `terraform destroy`.
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

    // Object Lock can only be switched on when the bucket is created.
    const { bucket, versioning, ownership, publicAccessBlock } = privateBucket(this, props.bucketName, { objectLockEnabled: true });
    this.bucket = bucket;
    const bucketArn = this.bucket.arn;
    const objectLock = new S3BucketObjectLockConfigurationA(this, 'object_lock', {
      bucket: this.bucket.id,
      rule: { defaultRetention: { mode: lockMode, days: retentionDays } },
      dependsOn: [versioning],
    });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
          // Cuts KMS request cost for the steady stream of small log objects.
          bucketKeyEnabled: true,
        },
      ],
    });
    const logging = new S3BucketLoggingA(this, 'logging', {
      bucket: this.bucket.id,
      targetBucket: props.accessLogBucket.bucketName,
      targetPrefix: `${props.bucketName}/`,
      // S3 checks the target's bucket policy when logging is switched on: it must exist first.
      dependsOn: props.accessLogBucket.policy ? [props.accessLogBucket.policy] : undefined,
    });
    const lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
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

    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policyDocument(this.statements(props, bucketArn, account)),
      // The policy denies changing these settings to all but the bucket managers: it goes last on
      // create, so whoever first applies the stack sets them, and first on destroy.
      dependsOn: [versioning, objectLock, encryption, logging, lifecycle, ownership, publicAccessBlock],
    });
  }

  private statements(props: AuditLogBucketProps, bucketArn: string, account: string): Statement[] {
    const readers = [...props.logReaderArns];
    const breakGlass = [...(props.breakGlassArns ?? [])];
    const tlsOnly = JSON.parse(tlsOnlyBucketPolicy(bucketArn)).Statement as Statement[];
    const statements: Statement[] = [...tlsOnly];
    if (this.trailArn !== undefined) {
      const cloudTrail = { Service: 'cloudtrail.amazonaws.com' };
      const written = { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': this.trailArn };
      statements.push(
        {
          Sid: 'AWSCloudTrailAclCheck',
          Effect: 'Allow',
          Principal: cloudTrail,
          Action: 's3:GetBucketAcl',
          Resource: bucketArn,
          Condition: { StringEquals: { 'aws:SourceArn': this.trailArn } },
        },
        { Sid: 'AWSCloudTrailWrite', Effect: 'Allow', Principal: cloudTrail, Action: 's3:PutObject', Resource: `${bucketArn}/AWSLogs/${account}/*`, Condition: { StringEquals: written } },
      );
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
    }
    if (props.configKeyPrefix !== undefined) {
      // The Config service-linked role cannot write to S3: Config delivers as its service principal.
      const config = { Service: 'config.amazonaws.com' };
      const thisAccount = { 'aws:SourceAccount': account };
      statements.push(
        { Sid: 'AWSConfigBucketPermissionsCheck', Effect: 'Allow', Principal: config, Action: 's3:GetBucketAcl', Resource: bucketArn, Condition: { StringEquals: thisAccount } },
        { Sid: 'AWSConfigBucketExistenceCheck', Effect: 'Allow', Principal: config, Action: 's3:ListBucket', Resource: bucketArn, Condition: { StringEquals: thisAccount } },
        {
          Sid: 'AWSConfigBucketDelivery',
          Effect: 'Allow',
          Principal: config,
          Action: 's3:PutObject',
          Resource: `${bucketArn}/${props.configKeyPrefix}/AWSLogs/${account}/Config/*`,
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...thisAccount } },
        },
      );
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
      {
        // Without break-glass principals the deny has no exception: the account root and every
        // administrator are denied too, which is the point.
        Sid: 'DenyLogTampering',
        Effect: 'Deny',
        Principal: '*',
        Action: [...LOG_TAMPER_ACTIONS],
        Resource: `${bucketArn}/*`,
        ...(breakGlass.length > 0 ? { Condition: { ArnNotEquals: { 'aws:PrincipalArn': breakGlass } } } : {}),
      },
      {
        Sid: 'DenyProtectionChangesOutsideTerraform',
        Effect: 'Deny',
        Principal: '*',
        Action: [...BUCKET_PROTECTION_ACTIONS],
        Resource: bucketArn,
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': [...props.bucketManagerArns, ...breakGlass] } },
      },
    );
    return statements;
  }
}

function validate(props: AuditLogBucketProps, retentionDays: number, archiveAfterDays: number, lockMode: string): void {
  const known = (value: string) => !Token.isUnresolved(value);
  const bucketProblem = known(props.bucketName) ? bucketNameProblem(props.bucketName) : undefined;
  if (bucketProblem) {
    throw new Error(`AuditLogBucket bucketName: received "${props.bucketName}"; ${bucketProblem}`);
  }
  if (known(props.kmsKeyArn) && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(props.kmsKeyArn)) {
    throw new Error(`AuditLogBucket kmsKeyArn: received "${props.kmsKeyArn}"; expected ${KMS_KEY_ARN_RULE}`);
  }
  if (props.trailName !== undefined && known(props.trailName) && !(/^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/.test(props.trailName) && !/[._-]{2}/.test(props.trailName))) {
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
  if (!OBJECT_LOCK_MODES.includes(lockMode as ObjectLockMode)) {
    throw new Error(`AuditLogBucket objectLockMode: received ${JSON.stringify(lockMode)}; expected one of ${OBJECT_LOCK_MODES.join(', ')}`);
  }
  const principalLists: Array<[string, readonly string[]]> = [
    ['logReaderArns', props.logReaderArns],
    ['bucketManagerArns', props.bucketManagerArns],
    ['breakGlassArns', props.breakGlassArns ?? []],
  ];
  for (const [name, arns] of principalLists) {
    const bad = arns.filter((arn) => known(arn) && !PRINCIPAL_ARN.test(arn));
    if (bad.length > 0) throw new Error(`AuditLogBucket ${name}: received ${JSON.stringify(bad)}; expected ${PRINCIPAL_RULE}`);
  }
  if (!Array.isArray(props.bucketManagerArns) || props.bucketManagerArns.length === 0) {
    throw new Error(
      `AuditLogBucket bucketManagerArns: received ${JSON.stringify(props.bucketManagerArns)}; expected at least one of ${PRINCIPAL_RULE} (the role that applies the bucket through Terraform)`,
    );
  }
  if (props.organizationId !== undefined && props.trailName === undefined) {
    throw new Error(`AuditLogBucket organizationId: received "${props.organizationId}"; expected only with trailName (an organization trail writes here)`);
  }
  if (props.configKeyPrefix !== undefined && !/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/.test(props.configKeyPrefix)) {
    throw new Error(`AuditLogBucket configKeyPrefix: received "${props.configKeyPrefix}"; expected a key prefix without leading or trailing "/", such as config`);
  }
  if (props.organizationId !== undefined && known(props.organizationId) && !/^o-[a-z0-9]{10,32}$/.test(props.organizationId)) {
    throw new Error(`AuditLogBucket organizationId: received "${props.organizationId}"; expected an AWS Organizations id such as o-a1b2c3d4e5`);
  }
}
