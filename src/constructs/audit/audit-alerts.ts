import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { bucketNameProblem } from '../../aws/bucket-name';
import { policyDocument } from '../../aws/policy-documents';
import { terraformName } from '../../config/patterns';

export interface AuditAlertsProps {
  /** Name of the SNS topic that receives the alerts. */
  readonly topicName: string;
  /** Name of the EventBridge rule on the default bus of this stack's Region. */
  readonly ruleName: string;
  /** Customer managed key of the topic; its policy must let events.amazonaws.com use it for this topic. */
  readonly kmsKeyArn: string;
  /** The log buckets (audit, Config) whose protection is watched; each must live in this stack's Region. At least one. */
  readonly bucketNames: readonly string[];
  /** The trail whose stopping, deletion or reconfiguration is watched; its home Region must be this stack's. @default no trail is watched */
  readonly trail?: { readonly name: string; readonly arn: string };
  /** Also watch AWS Config's recorder and delivery channel being stopped, deleted or changed, in this stack's Region only. @default false */
  readonly configRecorder?: boolean;
  /** The key that encrypts the logs, watched for policy changes, disabling and deletion in this stack's Region. @default no key is watched */
  readonly key?: { readonly id: string; readonly arn: string };
  /** E-mail addresses subscribed to the topic; each must confirm by mail. @default none */
  readonly emails?: readonly string[];
}

/**
 * S3 API calls (CloudTrail event names) that change what protects a log bucket or delete it.
 * CloudTrail records PutBucketLifecycleConfiguration as PutBucketLifecycle and
 * PutObjectLockConfiguration under that name; both spellings are listed where they have differed.
 */
export const BUCKET_TAMPER_EVENTS = [
  'PutBucketPolicy',
  'DeleteBucketPolicy',
  'PutObjectLockConfiguration',
  'PutBucketObjectLockConfiguration',
  'PutBucketVersioning',
  'PutBucketLifecycle',
  'PutBucketLifecycleConfiguration',
  'DeleteBucketLifecycle',
  'PutBucketLogging',
  'PutBucketReplication',
  'DeleteBucketReplication',
  'PutBucketEncryption',
  'DeleteBucketEncryption',
  'PutBucketOwnershipControls',
  'DeleteBucketOwnershipControls',
  'PutBucketPublicAccessBlock',
  'DeleteBucketPublicAccessBlock',
  'PutBucketAcl',
  'DeleteBucket',
];

/** Trail API calls that name the trail as "name" in their request parameters. */
export const TRAIL_TAMPER_EVENTS_BY_NAME = ['StopLogging', 'DeleteTrail', 'UpdateTrail'];
/** Trail API calls that name the trail as "trailName". */
export const TRAIL_TAMPER_EVENTS_BY_TRAIL_NAME = ['PutEventSelectors', 'PutInsightSelectors'];

/**
 * AWS Config API calls that stop or narrow recording, or stop or redirect deliveries. A Region has
 * one recorder and one delivery channel, so any such call is on ours: matched without a name.
 */
export const CONFIG_TAMPER_EVENTS = [
  'StopConfigurationRecorder',
  'DeleteConfigurationRecorder',
  'PutConfigurationRecorder',
  'DeleteDeliveryChannel',
  'PutDeliveryChannel',
];

/**
 * KMS API calls that would take the logs' key away from its readers or open it to someone else:
 * a new key policy, disabling it, scheduling its deletion, turning rotation off.
 */
export const KEY_TAMPER_EVENTS = ['PutKeyPolicy', 'DisableKey', 'ScheduleKeyDeletion', 'DisableKeyRotation'];

/** What the tampering rule watches. */
export interface TamperWatch {
  /** Buckets whose protection changes or deletion raise an alert. */
  readonly bucketNames: readonly string[];
  /** The trail whose stopping, deletion or reconfiguration raises an alert. @default none */
  readonly trail?: { readonly name: string; readonly arn: string };
  /** AWS Config's recorder and delivery channel of the rule's Region. @default false */
  readonly configRecorder?: boolean;
}

/**
 * The EventBridge pattern: management events (recorded by CloudTrail) that change the log buckets'
 * protection or delete them, that stop, delete or reconfigure the trail, and that stop, delete or
 * change AWS Config's recorder or delivery channel. A trail is named by its name or its ARN in the
 * request, so both are matched. One alternative alone is the pattern itself, without "$or".
 */
export function auditTamperingEventPattern(watch: TamperWatch): object {
  const apiCall = (source: string, eventSource: string, eventNames: readonly string[], requestParameters?: Record<string, string[]>) => ({
    source: [source],
    'detail-type': ['AWS API Call via CloudTrail'],
    detail: { eventSource: [eventSource], eventName: [...eventNames], ...(requestParameters ? { requestParameters } : {}) },
  });
  const alternatives: object[] = [apiCall('aws.s3', 's3.amazonaws.com', BUCKET_TAMPER_EVENTS, { bucketName: [...watch.bucketNames] })];
  if (watch.trail) {
    const trailIds = [watch.trail.name, watch.trail.arn];
    alternatives.push(
      apiCall('aws.cloudtrail', 'cloudtrail.amazonaws.com', TRAIL_TAMPER_EVENTS_BY_NAME, { name: trailIds }),
      apiCall('aws.cloudtrail', 'cloudtrail.amazonaws.com', TRAIL_TAMPER_EVENTS_BY_TRAIL_NAME, { trailName: trailIds }),
    );
  }
  if (watch.configRecorder) alternatives.push(apiCall('aws.config', 'config.amazonaws.com', CONFIG_TAMPER_EVENTS));
  return alternatives.length === 1 ? alternatives[0] : { $or: alternatives };
}

/**
 * The pattern of the key's rule (a rule of its own: beside the buckets, trail and recorder it would
 * pass EventBridge's 2,048-character pattern quota for the longest names). A call names the key by
 * id or ARN in "keyId", so both are matched.
 */
export function keyTamperingEventPattern(key: { readonly id: string; readonly arn: string }): object {
  return {
    source: ['aws.kms'],
    'detail-type': ['AWS API Call via CloudTrail'],
    detail: { eventSource: ['kms.amazonaws.com'], eventName: [...KEY_TAMPER_EVENTS], requestParameters: { keyId: [key.id, key.arn] } },
  };
}

const NAME_RULE = '1-64 letters, digits, "-" or "_"';
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Raises an alert when anyone changes the log buckets' protection, stops or changes the trail, or
 * stops or changes AWS Config's recorder or delivery channel (in this Region):
 * an EventBridge rule on those CloudTrail management events publishes to an SNS topic encrypted
 * with the customer key, which only this rule may publish to, over TLS only. The deploy role is
 * the one principal allowed to make such changes, so its every change is seen.
 */
export class AuditAlerts extends Construct {
  readonly topic: SnsTopic;
  readonly rule: CloudwatchEventRule;
  /** The rule on the logs' key, `<ruleName>-key`, when a key is watched. */
  readonly keyRule?: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: AuditAlertsProps) {
    super(scope, id);
    validate(props);

    this.topic = new SnsTopic(this, 'topic', { name: props.topicName, kmsMasterKeyId: props.kmsKeyArn });
    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: props.ruleName,
      description: [
        `Changes to the protection of ${props.bucketNames.join(', ')}`,
        ...(props.trail ? [`attempts to stop, delete or reconfigure trail ${props.trail.name}`] : []),
        ...(props.configRecorder ? ['attempts to stop, delete or change AWS Config\'s recorder or delivery channel'] : []),
      ].join('; '),
      // Multi-line: cdktf writes a one-line string holding references as invalid HCL.
      eventPattern: JSON.stringify(auditTamperingEventPattern(props), null, 2),
    });
    if (props.key) {
      this.keyRule = new CloudwatchEventRule(this, 'key_rule', {
        name: `${props.ruleName}-key`,
        description: 'A new policy, disabling, deletion or rotation off for the key of the logs',
        eventPattern: JSON.stringify(keyTamperingEventPattern(props.key), null, 2),
      });
    }
    const rules = [this.rule, ...(this.keyRule ? [this.keyRule] : [])];
    const topicPolicy = new SnsTopicPolicy(this, 'topic_policy', {
      arn: this.topic.arn,
      policy: policyDocument([
        {
          Sid: 'OnlyTheAuditRulesPublish',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: this.topic.arn,
          Condition: { ArnEquals: { 'aws:SourceArn': rules.length === 1 ? this.rule.arn : rules.map((r) => r.arn) } },
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: this.topic.arn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    });
    rules.forEach((rule, i) => {
      new CloudwatchEventTarget(this, i === 0 ? 'target' : 'key_target', {
        rule: rule.name,
        targetId: 'audit-alert-topic',
        arn: this.topic.arn,
        // EventBridge would drop every alert until the topic lets it publish.
        dependsOn: [topicPolicy],
      });
    });
    for (const email of props.emails ?? []) {
      new SnsTopicSubscription(this, `email_${terraformName(email)}`, { topicArn: this.topic.arn, protocol: 'email', endpoint: email });
    }
  }
}

function validate(props: AuditAlertsProps): void {
  const known = (value: string) => !Token.isUnresolved(value);
  for (const [name, value] of [
    ['topicName', props.topicName],
    ['ruleName', props.ruleName],
  ] as const) {
    if (known(value) && !/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw new Error(`AuditAlerts ${name}: received "${value}"; expected ${NAME_RULE}`);
  }
  if (props.key && known(props.ruleName) && props.ruleName.length > 60) {
    throw new Error(`AuditAlerts ruleName: received "${props.ruleName}"; expected at most 60 characters with a key watched (its rule is "<ruleName>-key", and EventBridge allows 64)`);
  }
  if (known(props.kmsKeyArn) && !KMS_KEY_ARN.test(props.kmsKeyArn)) {
    throw new Error(`AuditAlerts kmsKeyArn: received "${props.kmsKeyArn}"; expected a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd`);
  }
  if (props.bucketNames.length === 0) throw new Error('AuditAlerts bucketNames: received []; expected at least one bucket name (the audit bucket)');
  for (const name of props.bucketNames) {
    const bucketProblem = known(name) ? bucketNameProblem(name) : undefined;
    if (bucketProblem) throw new Error(`AuditAlerts bucketNames: received "${name}"; ${bucketProblem}`);
  }
  const badEmails = (props.emails ?? []).filter((e) => !EMAIL.test(e));
  if (badEmails.length > 0) throw new Error(`AuditAlerts emails: received ${JSON.stringify(badEmails)}; expected e-mail addresses such as security@example.com`);
  const ids = (props.emails ?? []).map(terraformName);
  const clash = ids.find((id, i) => ids.indexOf(id) !== i);
  if (clash !== undefined) {
    throw new Error(`AuditAlerts emails: received ${JSON.stringify(props.emails)}; two addresses differ only in punctuation or repeat (both "${clash}"); list each address once`);
  }
}
