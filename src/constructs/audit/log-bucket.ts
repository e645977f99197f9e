import { Construct } from 'constructs';
import { ITerraformDependable, Token } from 'cdktf';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { bucketNameProblem } from '../../aws/bucket-name';
import { PrivateBucket, privateBucket } from '../../aws/private-bucket';
import { policyDocument, Statement, tlsOnlyStatements } from '../../aws/policy-documents';
import { BUCKET_PROTECTION_ACTIONS, LOG_TAMPER_ACTIONS } from './protected-actions';

/**
 * What the project's log buckets (the audit bucket, the Config bucket) share: one baseline of
 * settings and one set of Denies, built here once so that the buckets cannot drift apart.
 */

/** Who may read a log bucket, manage it through Terraform, and break glass. */
export interface LogBucketAccess {
  /** Principals that may read the logs; every other principal is denied, the deploy role included. */
  readonly logReaderArns: readonly string[];
  /**
   * Principals that manage the bucket through Terraform (the deploy role, by computed ARN): with the
   * break-glass principals, the only ones that may change its policy, Object Lock, versioning,
   * lifecycle, logging, encryption, replication or ownership settings, or delete it.
   */
  readonly bucketManagerArns: readonly string[];
  /**
   * Principals that may delete objects or versions (and, with Object Lock, change retention or legal
   * holds and bypass governance retention), and change the bucket's protection outside Terraform.
   * @default none = nobody
   */
  readonly breakGlassArns?: readonly string[];
}

/** The settings of a log bucket besides its policy. */
export interface LogBucketSettingsProps {
  readonly bucketName: string;
  /** ARN of the customer managed key for SSE-KMS (the multi-Region primary key). */
  readonly kmsKeyArn: string;
  /** Days before log objects (current and noncurrent versions) move to S3 Glacier Flexible Retrieval. */
  readonly archiveAfterDays: number;
  /** Id of the lifecycle rule, e.g. "archive-audit-logs". */
  readonly lifecycleRuleId: string;
  /** Target of server access logging (same account and Region); an `AccessLogBucket` fits. */
  readonly accessLogBucket: { readonly bucketName: string; readonly policy?: ITerraformDependable };
  /** Object Lock can only be switched on when the bucket is created. @default false */
  readonly objectLockEnabled?: boolean;
}

export interface LogBucketSettings extends PrivateBucket {
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  readonly logging: S3BucketLoggingA;
  readonly lifecycle: S3BucketLifecycleConfiguration;
}

/**
 * A log bucket's settings, as children of `scope` ("bucket", "ownership", "public_access_block",
 * "versioning", "encryption", "logging", "lifecycle"): the private-bucket baseline (versioned,
 * owner-enforced, public access blocked, protected from destroy), SSE-KMS with the customer key and
 * a bucket key, server access logs to the access-log bucket under "<bucketName>/", and current and
 * noncurrent versions archived to Glacier, never expired.
 */
export function logBucketSettings(scope: Construct, props: LogBucketSettingsProps): LogBucketSettings {
  const baseline = privateBucket(scope, props.bucketName, { objectLockEnabled: props.objectLockEnabled });
  const { bucket, versioning } = baseline;
  const encryption = new S3BucketServerSideEncryptionConfigurationA(scope, 'encryption', {
    bucket: bucket.id,
    rule: [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
        // Cuts KMS request cost for the steady stream of small log objects.
        bucketKeyEnabled: true,
      },
    ],
  });
  const logging = new S3BucketLoggingA(scope, 'logging', {
    bucket: bucket.id,
    targetBucket: props.accessLogBucket.bucketName,
    targetPrefix: `${props.bucketName}/`,
    // S3 checks the target's bucket policy when logging is switched on: it must exist first.
    dependsOn: props.accessLogBucket.policy ? [props.accessLogBucket.policy] : undefined,
  });
  const lifecycle = new S3BucketLifecycleConfiguration(scope, 'lifecycle', {
    bucket: bucket.id,
    rule: [
      {
        id: props.lifecycleRuleId,
        status: 'Enabled',
        filter: [{}],
        transition: [{ days: props.archiveAfterDays, storageClass: 'GLACIER' }],
        noncurrentVersionTransition: [{ noncurrentDays: props.archiveAfterDays, storageClass: 'GLACIER' }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ],
    dependsOn: [versioning],
  });
  return { ...baseline, encryption, logging, lifecycle };
}

/**
 * A log bucket's whole policy: TLS only, then the statements that let a service deliver (`writers`),
 * then the readers, and the Denies that keep everyone else from reading the logs, deleting or
 * unlocking them, or changing what protects the bucket.
 */
export function logBucketPolicy(bucketArn: string, writers: readonly Statement[], access: LogBucketAccess): string {
  const readers = [...access.logReaderArns];
  const breakGlass = [...(access.breakGlassArns ?? [])];
  return policyDocument([
    ...tlsOnlyStatements(bucketArn),
    ...writers,
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
      // Object Lock configuration is denied on a bucket without it too: switched on later, it
      // would stop AWS Config's deliveries.
      Sid: 'DenyProtectionChangesOutsideTerraform',
      Effect: 'Deny',
      Principal: '*',
      Action: [...BUCKET_PROTECTION_ACTIONS],
      Resource: bucketArn,
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [...access.bucketManagerArns, ...breakGlass] } },
    },
  ]);
}

/**
 * What AWS Config needs to deliver to a bucket: it checks the ACL and the bucket's existence and
 * writes under `<keyPrefix>/AWSLogs/<account>/Config/`, as its service principal (the Config
 * service-linked role cannot write to S3), for this account only.
 */
export function configDeliveryStatements(bucketArn: string, account: string, keyPrefix: string): Statement[] {
  const config = { Service: 'config.amazonaws.com' };
  const thisAccount = { 'aws:SourceAccount': account };
  return [
    { Sid: 'AWSConfigBucketPermissionsCheck', Effect: 'Allow', Principal: config, Action: 's3:GetBucketAcl', Resource: bucketArn, Condition: { StringEquals: thisAccount } },
    { Sid: 'AWSConfigBucketExistenceCheck', Effect: 'Allow', Principal: config, Action: 's3:ListBucket', Resource: bucketArn, Condition: { StringEquals: thisAccount } },
    {
      Sid: 'AWSConfigBucketDelivery',
      Effect: 'Allow',
      Principal: config,
      Action: 's3:PutObject',
      Resource: `${bucketArn}/${keyPrefix}/AWSLogs/${account}/Config/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...thisAccount } },
    },
  ];
}

const KMS_KEY_ARN_RULE = 'a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd';
const PRINCIPAL_RULE = 'IAM principal ARNs such as arn:aws:iam::123456789012:role/security-audit';
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(root|(role|user)\/[\w+=,.@/-]{1,512})$/;

/** The checks every log bucket construct makes on its name, key, archive days and principals; `where` names the construct in errors. */
export function validateLogBucket(
  where: string,
  props: Pick<LogBucketSettingsProps, 'bucketName' | 'kmsKeyArn' | 'archiveAfterDays'> & LogBucketAccess,
): void {
  const known = (value: string) => !Token.isUnresolved(value);
  const bucketProblem = known(props.bucketName) ? bucketNameProblem(props.bucketName) : undefined;
  if (bucketProblem) {
    throw new Error(`${where} bucketName: received "${props.bucketName}"; ${bucketProblem}`);
  }
  if (known(props.kmsKeyArn) && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(props.kmsKeyArn)) {
    throw new Error(`${where} kmsKeyArn: received "${props.kmsKeyArn}"; expected ${KMS_KEY_ARN_RULE}`);
  }
  if (!Number.isInteger(props.archiveAfterDays) || props.archiveAfterDays < 1) {
    throw new Error(`${where} archiveAfterDays: received ${props.archiveAfterDays}; expected a positive integer`);
  }
  if (!Array.isArray(props.logReaderArns) || props.logReaderArns.length === 0) {
    throw new Error(
      `${where} logReaderArns: received ${JSON.stringify(props.logReaderArns)}; expected at least one of ${PRINCIPAL_RULE} (without readers nobody could read the logs)`,
    );
  }
  const principalLists: Array<[string, readonly string[]]> = [
    ['logReaderArns', props.logReaderArns],
    ['bucketManagerArns', props.bucketManagerArns],
    ['breakGlassArns', props.breakGlassArns ?? []],
  ];
  for (const [name, arns] of principalLists) {
    const bad = arns.filter((arn) => known(arn) && !PRINCIPAL_ARN.test(arn));
    if (bad.length > 0) throw new Error(`${where} ${name}: received ${JSON.stringify(bad)}; expected ${PRINCIPAL_RULE}`);
  }
  if (!Array.isArray(props.bucketManagerArns) || props.bucketManagerArns.length === 0) {
    throw new Error(
      `${where} bucketManagerArns: received ${JSON.stringify(props.bucketManagerArns)}; expected at least one of ${PRINCIPAL_RULE} (the role that applies the bucket through Terraform)`,
    );
  }
}
