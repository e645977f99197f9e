import { Construct } from 'constructs';
import { bucketNameProblem } from '../../aws/bucket-name';
import { ITerraformDependable, Token } from 'cdktf';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { AccountFacts } from '../../aws/account-facts';
import { LOG_RETENTION_DAYS } from '../../aws/log-retention';
import { policyDocument } from '../../aws/policy-documents';
import { trailLogGroupName } from '../../aws/resource-names';

export interface CloudTrailCloudWatchLogs {
  /** Days to keep the CloudWatch Logs copy; one of the periods CloudWatch Logs accepts. */
  readonly retentionDays: number;
  /** ARN of the customer managed key that encrypts the log group (its policy must admit CloudWatch Logs). */
  readonly kmsKeyArn: string;
}

export interface CloudTrailProps {
  /** Trail name; also names the log group /aws/cloudtrail/<name>. */
  readonly name: string;
  /** Bucket the trail delivers to (its policy must let this trail write). */
  readonly bucketName: string;
  /** ARN of the customer managed key that encrypts the log files. */
  readonly kmsKeyArn: string;
  /** Log every account of the AWS Organization (must run in the management or delegated admin account). @default false */
  readonly isOrganizationTrail?: boolean;
  /** Also deliver events to a CloudWatch Logs group in this Region. @default none */
  readonly cloudWatchLogs?: CloudTrailCloudWatchLogs;
  /** Resources the trail must wait for, above all the bucket policy CloudTrail checks on creation. @default none */
  readonly dependsOn?: ITerraformDependable[];
  /** Account id and partition of the stack, read only with `cloudWatchLogs` (`accountFacts` in src/stacks): one data source each per stack. */
  readonly facts: AccountFacts;
}

const KMS_KEY_ARN_RULE = 'a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd';
const TRAIL_NAME_RULE = '3-128 letters, digits, ".", "_" or "-", starting and ending with a letter or digit, no two separators in a row';

/**
 * One multi-Region trail with global service events, log file validation and SSE-KMS, optionally
 * copied to a KMS-encrypted CloudWatch Logs group through a role only this trail can assume.
 */
export class CloudTrail extends Construct {
  readonly trail: Cloudtrail;
  /** Set only when `cloudWatchLogs` is. */
  readonly logGroup?: CloudwatchLogGroup;
  /** Role CloudTrail assumes to write to the log group; set only when `cloudWatchLogs` is. */
  readonly logsRole?: IamRole;
  readonly trailArn: string;

  constructor(scope: Construct, id: string, props: CloudTrailProps) {
    super(scope, id);
    validate(props);

    let cloudWatchLogsGroupArn: string | undefined;
    let cloudWatchLogsRoleArn: string | undefined;
    const dependsOn = [...(props.dependsOn ?? [])];
    if (props.cloudWatchLogs) {
      const { account, partition } = props.facts;
      const region = new DataAwsRegion(this, 'region').name;
      // Built from names: the trail's own arn attribute would make role and trail depend on each other.
      const trailArn = `arn:${partition}:cloudtrail:${region}:${account}:trail/${props.name}`;

      this.logGroup = new CloudwatchLogGroup(this, 'log_group', {
        name: trailLogGroupName(props.name),
        retentionInDays: props.cloudWatchLogs.retentionDays,
        kmsKeyId: props.cloudWatchLogs.kmsKeyArn,
      });
      this.logsRole = new IamRole(this, 'logs_role', {
        name: logsRoleName(props.name),
        description: `Lets CloudTrail trail ${props.name} deliver events to CloudWatch Logs`,
        assumeRolePolicy: policyDocument([
          {
            Sid: 'OnlyThisTrail',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
          },
        ]),
      });
      const rolePolicy = new IamRolePolicy(this, 'logs_role_policy', {
        name: 'write-trail-log-streams',
        role: this.logsRole.id,
        policy: policyDocument([
          {
            Sid: 'WriteTrailLogStreams',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `${this.logGroup.arn}:log-stream:*`,
          },
        ]),
      });
      // CloudTrail tests the role when the trail is created; without its permissions in place
      // the create fails, and the role's arn alone does not order the inline policy first.
      dependsOn.push(rolePolicy);
      cloudWatchLogsGroupArn = `${this.logGroup.arn}:*`;
      cloudWatchLogsRoleArn = this.logsRole.arn;
    }

    this.trail = new Cloudtrail(this, 'trail', {
      name: props.name,
      s3BucketName: props.bucketName,
      kmsKeyId: props.kmsKeyArn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      isOrganizationTrail: props.isOrganizationTrail ?? false,
      enableLogging: true,
      cloudWatchLogsGroupArn,
      cloudWatchLogsRoleArn,
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    });
    this.trailArn = this.trail.arn;
  }
}

function validate(props: CloudTrailProps): void {
  const known = (value: string) => !Token.isUnresolved(value);
  const kmsKeyArn = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
  if (known(props.name) && !(/^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/.test(props.name) && !/[._-]{2}/.test(props.name))) {
    throw new Error(`CloudTrail name: received "${props.name}"; expected ${TRAIL_NAME_RULE}`);
  }
  const bucketProblem = known(props.bucketName) ? bucketNameProblem(props.bucketName) : undefined;
  if (bucketProblem) {
    throw new Error(`CloudTrail bucketName: received "${props.bucketName}"; ${bucketProblem}`);
  }
  if (known(props.kmsKeyArn) && !kmsKeyArn.test(props.kmsKeyArn)) {
    throw new Error(`CloudTrail kmsKeyArn: received "${props.kmsKeyArn}"; expected ${KMS_KEY_ARN_RULE}`);
  }
  const logs = props.cloudWatchLogs;
  if (logs === undefined) return;
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logs.retentionDays)) {
    throw new Error(`CloudTrail cloudWatchLogs.retentionDays: received ${logs.retentionDays}; expected one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  if (known(logs.kmsKeyArn) && !kmsKeyArn.test(logs.kmsKeyArn)) {
    throw new Error(`CloudTrail cloudWatchLogs.kmsKeyArn: received "${logs.kmsKeyArn}"; expected ${KMS_KEY_ARN_RULE}`);
  }
  if (known(props.name) && logsRoleName(props.name).length > 64) {
    throw new Error(
      `CloudTrail name: received "${props.name}" (${props.name.length} characters); with cloudWatchLogs expected at most ${64 - logsRoleName('').length} characters, since the role "${logsRoleName('<name>')}" is limited to 64`,
    );
  }
}

function logsRoleName(trailName: string): string {
  return `${trailName}-cloudwatch-logs`;
}
