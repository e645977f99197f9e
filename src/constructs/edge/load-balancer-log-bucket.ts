import { Construct } from 'constructs';
import { TerraformProvider, TerraformResource, Token } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import { bucketNameProblem } from '../../aws/bucket-name';
import { privateBucket } from '../../aws/private-bucket';
import { policyDocument, tlsOnlyStatements } from '../../aws/policy-documents';
import { AccountFacts } from '../../aws/account-facts';
import { REGION_NAME_PATTERN } from '../../aws/regions';

/**
 * Regions where Elastic Load Balancing delivers access logs as a Regional ELB account rather than
 * as the `logdelivery.elasticloadbalancing.amazonaws.com` service principal: the Regions opened
 * before August 2022, exactly the commercial ones whose account `data.aws_elb_service_account` of
 * hashicorp/aws 5.100.0 knows. The data source fails with "unsupported AWS Region" anywhere else,
 * so it is read only here.
 */
export const ELB_ACCOUNT_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'me-south-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

/** The service principal that delivers ELB access logs in the Regions opened since August 2022, and AWS's recommendation everywhere it is supported. */
export const ELB_LOG_DELIVERY_SERVICE = 'logdelivery.elasticloadbalancing.amazonaws.com';

/** Days a deleted or expired log version stays recoverable before it is removed for good. */
const NONCURRENT_RETENTION_DAYS = 30;

export interface LoadBalancerLogBucketProps {
  /** Bucket name (`loadBalancerLogBucketName`); must start with `<project>-` for the audit domain's deploy grants. */
  readonly bucketName: string;
  /** The Region of the bucket and of every load balancer that logs to it (ELB delivers only within a Region). */
  readonly region: string;
  /** Key prefix the load balancers log under; only `<prefix>/AWSLogs/<account>/` is writable by ELB. */
  readonly prefix: string;
  /** Account of the stack (`accountFacts` in src/stacks); only `account` is read. */
  readonly facts: AccountFacts;
  /** Days to keep each access log object. @default 90 */
  readonly expireAfterDays?: number;
  /** The provider of `region` when it is not the stack's default. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * The access log bucket of one Region's load balancers: the private-bucket baseline (versioned,
 * owner-enforced, public access blocked, protected from destroy), TLS-only, SSE-S3, expiring, and
 * writable only by Elastic Load Balancing's log delivery, only under `<prefix>/AWSLogs/<account>/`.
 */
export class LoadBalancerLogBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly policy: S3BucketPolicy;
  /** The bucket's name as a reference, so that a load balancer that logs here is created after it. */
  readonly bucketName: string;
  readonly prefix: string;

  constructor(scope: Construct, id: string, props: LoadBalancerLogBucketProps) {
    super(scope, id);
    const where = `LoadBalancerLogBucket ${id}`;
    const days = props.expireAfterDays ?? 90;
    if (!REGION_NAME_PATTERN.test(props.region)) {
      throw new Error(`${where} region: received ${JSON.stringify(props.region)}; expected a Region name such as "us-east-1"`);
    }
    const problem = Token.isUnresolved(props.bucketName) ? undefined : bucketNameProblem(props.bucketName);
    if (problem) throw new Error(`${where} bucketName: received ${JSON.stringify(props.bucketName)} (${props.bucketName.length} characters); ${problem}`);
    // ELB refuses a prefix with "AWSLogs" in it, and a leading or trailing "/" would double a separator.
    if (!/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/.test(props.prefix) || props.prefix.includes('AWSLogs')) {
      throw new Error(`${where} prefix: received ${JSON.stringify(props.prefix)}; expected a key prefix of letters, digits and !_.*'()- separated by single "/", without "AWSLogs"`);
    }
    if (!Number.isInteger(days) || days < 1 || days > 3650) {
      throw new Error(`${where} expireAfterDays: received ${JSON.stringify(days)}; expected an integer from 1 to 3650`);
    }
    const { provider, prefix } = props;
    const { account } = props.facts;
    this.prefix = prefix;

    const { bucket, versioning } = privateBucket(this, props.bucketName);
    // The baseline takes no provider: its four resources get this Region's here.
    for (const child of this.node.children) {
      if (child instanceof TerraformResource) child.provider = provider;
    }
    this.bucket = bucket;
    this.bucketName = bucket.bucket;

    // ALB access logs support only SSE-S3: Elastic Load Balancing cannot write into a bucket whose
    // default encryption is SSE-KMS (with an AWS managed or a customer-managed key), so this is
    // the one bucket of the edge layer without the project's KMS key.
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });

    // In the Regions opened before August 2022 ELB delivers as the Regional ELB account; in the
    // newer ones only as the service principal. The service principal is named in the older
    // Regions too, so the bucket keeps working if AWS moves them to it (its recommendation): S3
    // does not check a service principal against the Region (to confirm on real AWS).
    const legacyAccount = ELB_ACCOUNT_REGIONS.includes(props.region)
      ? new DataAwsElbServiceAccount(this, 'elb_account', { provider }).arn
      : undefined;
    this.policy = new S3BucketPolicy(this, 'policy', {
      provider,
      bucket: bucket.id,
      policy: policyDocument([
        ...tlsOnlyStatements(bucket.arn),
        {
          // Only this account's prefix: another account's load balancer cannot log here, and no
          // principal of ELB can overwrite anything outside the log path.
          Sid: 'ElbAccessLogDelivery',
          Effect: 'Allow',
          Principal: legacyAccount === undefined ? { Service: ELB_LOG_DELIVERY_SERVICE } : { Service: ELB_LOG_DELIVERY_SERVICE, AWS: legacyAccount },
          Action: 's3:PutObject',
          Resource: `${bucket.arn}/${prefix}/AWSLogs/${account}/*`,
        },
      ]),
    });

    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket: bucket.id,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ days }],
          // Expiring a current version of a versioned bucket only hides it behind a delete marker.
          noncurrentVersionExpiration: [{ noncurrentDays: NONCURRENT_RETENTION_DAYS }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [versioning],
    });
  }
}
