import { Testing, TerraformStack } from 'cdktf';
import { AuditAlerts, AuditAlertsProps, CONFIG_TAMPER_EVENTS, KEY_TAMPER_EVENTS, auditTamperingEventPattern, keyTamperingEventPattern } from '../../../src/constructs/audit/audit-alerts';
import { auditBucketName, configBucketName } from '../../../src/aws/resource-names';
import { resources, synthConstruct } from '../../helpers/synth';
import { only, overlyBroadAllows, policyDocuments, policyFixture, ref, statementBySid, wildcardPrincipalAllows } from '../../helpers/inspect';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef';
const BUCKET = 'acme-audit-logs-123456789012';
const CONFIG_BUCKET = 'acme-config-123456789012';
const TRAIL = { name: 'acme-trail', arn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/acme-trail' };
const PROPS: AuditAlertsProps = { topicName: 'acme-audit-alerts', ruleName: 'acme-audit-tampering', kmsKeyArn: KEY, bucketNames: [BUCKET], trail: TRAIL };

/**
 * EventBridge's matching for the pattern features used here: every field of the pattern must match,
 * a list matches any of its values (any element of a list in the event), objects nest, and "$or"
 * matches when one of its patterns does.
 */
function matches(pattern: any, event: any): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') return (expected as any[]).some((alternative) => matches(alternative, event));
    const actual = event?.[key];
    if (Array.isArray(expected)) return [actual].flat().some((value) => expected.includes(value));
    return actual !== undefined && matches(expected, actual);
  });
}

/** A management event as EventBridge delivers it from CloudTrail. */
const apiCall = (source: string, eventName: string, requestParameters: Record<string, string>) => ({
  source,
  'detail-type': 'AWS API Call via CloudTrail',
  detail: { eventSource: `${source.slice(4)}.amazonaws.com`, eventName, requestParameters },
});

describe('auditTamperingEventPattern', () => {
  const pattern = auditTamperingEventPattern({ bucketNames: [BUCKET], trail: TRAIL });

  test.each([
    'PutBucketPolicy',
    'DeleteBucketPolicy',
    'PutObjectLockConfiguration',
    'PutBucketVersioning',
    'PutBucketLifecycle',
    'DeleteBucketLifecycle',
    'PutBucketLogging',
    'PutBucketReplication',
    'PutBucketEncryption',
    'DeleteBucketEncryption',
    'PutBucketOwnershipControls',
    'DeleteBucketPublicAccessBlock',
    'DeleteBucket',
  ])('matches %s on the audit bucket', (eventName) => {
    expect(matches(pattern, apiCall('aws.s3', eventName, { bucketName: BUCKET }))).toBe(true);
  });

  test('ignores the same calls on another bucket, and reads or object calls on the audit bucket', () => {
    expect(matches(pattern, apiCall('aws.s3', 'PutBucketPolicy', { bucketName: 'acme-other' }))).toBe(false);
    expect(matches(pattern, apiCall('aws.s3', 'GetBucketPolicy', { bucketName: BUCKET }))).toBe(false);
    expect(matches(pattern, apiCall('aws.s3', 'PutObject', { bucketName: BUCKET }))).toBe(false);
  });

  test.each([
    ['StopLogging', 'name'],
    ['DeleteTrail', 'name'],
    ['UpdateTrail', 'name'],
    ['PutEventSelectors', 'trailName'],
    ['PutInsightSelectors', 'trailName'],
  ])('matches %s on our trail, named by name or by ARN (request parameter %s)', (eventName, parameter) => {
    for (const id of [TRAIL.name, TRAIL.arn]) {
      expect(matches(pattern, apiCall('aws.cloudtrail', eventName, { [parameter]: id }))).toBe(true);
    }
  });

  test('ignores another trail, starting our trail, and a trail call that names the trail under the other parameter', () => {
    expect(matches(pattern, apiCall('aws.cloudtrail', 'StopLogging', { name: 'other-trail' }))).toBe(false);
    expect(matches(pattern, apiCall('aws.cloudtrail', 'StartLogging', { name: TRAIL.name }))).toBe(false);
    expect(matches(pattern, apiCall('aws.cloudtrail', 'PutEventSelectors', { name: TRAIL.name }))).toBe(false);
  });

  test('ignores events that only look like API calls: another detail-type or a source that does not match its eventSource', () => {
    expect(matches(pattern, { ...apiCall('aws.s3', 'PutBucketPolicy', { bucketName: BUCKET }), 'detail-type': 'Object Created' })).toBe(false);
    expect(matches(pattern, { ...apiCall('aws.cloudtrail', 'StopLogging', { name: TRAIL.name }), source: 'aws.s3' })).toBe(false);
  });

  test('without a trail only the bucket is watched, in a pattern without "$or"', () => {
    const bucketOnly = auditTamperingEventPattern({ bucketNames: [BUCKET] });
    expect(Object.keys(bucketOnly)).not.toContain('$or');
    expect(matches(bucketOnly, apiCall('aws.s3', 'PutBucketVersioning', { bucketName: BUCKET }))).toBe(true);
    expect(matches(bucketOnly, apiCall('aws.cloudtrail', 'StopLogging', { name: TRAIL.name }))).toBe(false);
  });

  test('fits EventBridge\'s default event pattern quota (2048 characters of the compact JSON the provider sends) for the longest project name', () => {
    const project = 'a'.repeat(32);
    const trail = `${project}-trail`;
    const longest = auditTamperingEventPattern({
      bucketNames: [auditBucketName({ project }, '123456789012'), configBucketName({ project }, '123456789012')],
      trail: { name: trail, arn: `arn:aws-us-gov:cloudtrail:us-gov-west-1:123456789012:trail/${trail}` },
      configRecorder: true,
    });
    expect(JSON.stringify(longest).length).toBeLessThan(1800);
  });
});

describe('auditTamperingEventPattern with the Config bucket and the Config recorder', () => {
  const pattern = auditTamperingEventPattern({ bucketNames: [BUCKET, CONFIG_BUCKET], trail: TRAIL, configRecorder: true });

  test.each([BUCKET, CONFIG_BUCKET])('matches a protection change on %s', (bucketName) => {
    for (const eventName of ['PutBucketPolicy', 'PutObjectLockConfiguration', 'DeleteBucket', 'PutBucketVersioning']) {
      expect(matches(pattern, apiCall('aws.s3', eventName, { bucketName }))).toBe(true);
    }
  });

  test.each(CONFIG_TAMPER_EVENTS)('matches %s (one recorder and one channel per Region: any name is ours)', (eventName) => {
    const parameters: Record<string, string> = eventName.endsWith('DeliveryChannel') ? { deliveryChannelName: 'acme' } : { configurationRecorderName: 'acme' };
    expect(matches(pattern, apiCall('aws.config', eventName, parameters))).toBe(true);
  });

  test('stops, deletes and changes only: starting the recorder or reading Config is no alert', () => {
    expect(CONFIG_TAMPER_EVENTS).toEqual(expect.arrayContaining(['StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'DeleteDeliveryChannel']));
    for (const eventName of ['StartConfigurationRecorder', 'DescribeConfigurationRecorders', 'DescribeDeliveryChannels', 'PutConfigRule']) {
      expect(matches(pattern, apiCall('aws.config', eventName, { configurationRecorderName: 'acme' }))).toBe(false);
    }
  });

  test('the trail is still watched; without configRecorder no Config call matches', () => {
    expect(matches(pattern, apiCall('aws.cloudtrail', 'StopLogging', { name: TRAIL.name }))).toBe(true);
    const withoutConfig = auditTamperingEventPattern({ bucketNames: [BUCKET, CONFIG_BUCKET], trail: TRAIL });
    expect(matches(withoutConfig, apiCall('aws.config', 'StopConfigurationRecorder', { configurationRecorderName: 'acme' }))).toBe(false);
  });
});

describe('keyTamperingEventPattern', () => {
  const KEY = { id: 'mrk-0123456789abcdef0123456789abcdef', arn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef' };
  const pattern = keyTamperingEventPattern(KEY);

  test.each(KEY_TAMPER_EVENTS)('matches %s on the key, named by id or ARN', (eventName) => {
    expect(matches(pattern, apiCall('aws.kms', eventName, { keyId: KEY.id }))).toBe(true);
    expect(matches(pattern, apiCall('aws.kms', eventName, { keyId: KEY.arn }))).toBe(true);
  });

  test('ignores another key, and using or reading the key', () => {
    expect(matches(pattern, apiCall('aws.kms', 'PutKeyPolicy', { keyId: 'mrk-ffffffffffffffffffffffffffffffff' }))).toBe(false);
    for (const eventName of ['Decrypt', 'GenerateDataKey', 'DescribeKey', 'EnableKeyRotation']) {
      expect(matches(pattern, apiCall('aws.kms', eventName, { keyId: KEY.id }))).toBe(false);
    }
  });

  test('the buckets\' rule matches no KMS call', () => {
    expect(matches(auditTamperingEventPattern({ bucketNames: [BUCKET], trail: TRAIL, configRecorder: true }), apiCall('aws.kms', 'ScheduleKeyDeletion', { keyId: KEY.id }))).toBe(false);
  });
});

describe('AuditAlerts', () => {
  const stack = synthConstruct((scope) => new AuditAlerts(scope, 'alerts', { ...PROPS, emails: ['security@example.com', 'soc@example.com'] }));
  const [topicId, topic] = only(stack, 'aws_sns_topic');
  const [ruleId, rule] = only(stack, 'aws_cloudwatch_event_rule');
  const [, topicPolicy] = only(stack, 'aws_sns_topic_policy');
  const policy = JSON.parse(topicPolicy.policy);
  const topicArn = ref('aws_sns_topic', topicId, 'arn');

  test('the topic is encrypted with the customer key', () => {
    expect(topic).toEqual({ name: 'acme-audit-alerts', kms_master_key_id: KEY });
  });

  test('the rule carries the tampering pattern', () => {
    expect(rule.name).toBe('acme-audit-tampering');
    expect(JSON.parse(rule.event_pattern)).toEqual(auditTamperingEventPattern({ bucketNames: [BUCKET], trail: TRAIL }));
    expect(rule.description).toContain(BUCKET);
    expect(rule.description).toContain('acme-trail');
  });

  test('only this rule, through EventBridge, may publish; never without TLS', () => {
    expect(policy.Statement).toEqual([
      {
        Sid: 'OnlyTheAuditRulesPublish',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: { ArnEquals: { 'aws:SourceArn': ref('aws_cloudwatch_event_rule', ruleId, 'arn') } },
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
    expect(topicPolicy.arn).toBe(topicArn);
    expect(statementBySid(policy, 'OnlyTheAuditRulesPublish').Principal).not.toEqual('*');
  });

  test('with the logs\' key watched: a second rule <ruleName>-key on the key, targeting the same topic, which admits both rules', () => {
    const keyId = 'mrk-0123456789abcdef0123456789abcdef';
    const withKey = synthConstruct((scope) => new AuditAlerts(scope, 'alerts', { ...PROPS, key: { id: keyId, arn: KEY } }));
    const rules = resources(withKey, 'aws_cloudwatch_event_rule');
    const idOf = (prefix: string) => Object.keys(rules).find((id) => id.startsWith(prefix))!;
    const [mainId, keyId_] = [idOf('alerts_rule'), idOf('alerts_key_rule')];
    expect(rules[keyId_].name).toBe('acme-audit-tampering-key');
    expect(JSON.parse(rules[keyId_].event_pattern)).toEqual(keyTamperingEventPattern({ id: keyId, arn: KEY }));
    const targets = Object.values(resources(withKey, 'aws_cloudwatch_event_target'));
    expect(targets.map((t) => t.rule).sort()).toEqual([ref('aws_cloudwatch_event_rule', keyId_, 'name'), ref('aws_cloudwatch_event_rule', mainId, 'name')].sort());
    const statement = JSON.parse(only(withKey, 'aws_sns_topic_policy')[1].policy).Statement[0];
    expect(statement.Condition.ArnEquals['aws:SourceArn']).toEqual([ref('aws_cloudwatch_event_rule', mainId, 'arn'), ref('aws_cloudwatch_event_rule', keyId_, 'arn')]);
  });

  test('the rule targets the topic once the topic lets it publish', () => {
    const [, target] = only(stack, 'aws_cloudwatch_event_target');
    expect(target).toMatchObject({ rule: ref('aws_cloudwatch_event_rule', ruleId, 'name'), arn: topicArn });
    expect(target.depends_on).toEqual([`aws_sns_topic_policy.${Object.keys(resources(stack, 'aws_sns_topic_policy'))[0]}`]);
  });

  test('one e-mail subscription per address, named after it', () => {
    const subscriptions = resources(stack, 'aws_sns_topic_subscription');
    expect(Object.values(subscriptions)).toEqual([
      { topic_arn: topicArn, protocol: 'email', endpoint: 'security@example.com' },
      { topic_arn: topicArn, protocol: 'email', endpoint: 'soc@example.com' },
    ]);
    expect(Object.keys(subscriptions).every((id) => id.includes('example_com'))).toBe(true);
  });

  test('with the Config bucket and recorder, the description names both buckets and the recorder', () => {
    const withConfig = synthConstruct((scope) => new AuditAlerts(scope, 'alerts', { ...PROPS, bucketNames: [BUCKET, CONFIG_BUCKET], configRecorder: true }));
    const [, configRule] = only(withConfig, 'aws_cloudwatch_event_rule');
    expect(configRule.description).toBe(
      `Changes to the protection of ${BUCKET}, ${CONFIG_BUCKET}; attempts to stop, delete or reconfigure trail acme-trail; attempts to stop, delete or change AWS Config's recorder or delivery channel`,
    );
    expect(configRule.description.length).toBeLessThanOrEqual(512);
  });

  test('no subscription without addresses', () => {
    expect(resources(synthConstruct((scope) => new AuditAlerts(scope, 'alerts', PROPS)), 'aws_sns_topic_subscription')).toEqual({});
  });

  test('every policy parses, allows nobody by wildcard, and passes the foundation rules', () => {
    for (const { document } of policyDocuments(stack)) {
      expect(wildcardPrincipalAllows(document)).toEqual([]);
      expect(overlyBroadAllows(document)).toEqual([]);
    }
    expect(policyFixture((scope) => new AuditAlerts(scope, 'alerts', PROPS)).violations()).toEqual([]);
  });
});

describe('AuditAlerts input checks', () => {
  const build = (overrides: Partial<AuditAlertsProps>) => () => new AuditAlerts(new TerraformStack(Testing.app(), 'bad'), 'alerts', { ...PROPS, ...overrides });

  test.each([
    ['topicName', 'acme audit'],
    ['ruleName', 'a'.repeat(65)],
  ] as const)('rejects %s %p', (name, value) => {
    expect(build({ [name]: value })).toThrow(`AuditAlerts ${name}: received "${value}"; expected 1-64 letters, digits, "-" or "_"`);
  });

  test('rejects a key alias where a key ARN is needed', () => {
    expect(build({ kmsKeyArn: 'alias/acme' })).toThrow('AuditAlerts kmsKeyArn: received "alias/acme"; expected a KMS key ARN');
  });

  test('rejects an invalid bucket name, and no bucket at all', () => {
    expect(build({ bucketNames: [BUCKET, 'Audit_Logs'] })).toThrow('AuditAlerts bucketNames: received "Audit_Logs"; expected 3-63 lowercase letters');
    expect(build({ bucketNames: [] })).toThrow('AuditAlerts bucketNames: received []; expected at least one bucket name');
  });

  test('rejects what is not an e-mail address, and addresses that would share a subscription name', () => {
    expect(build({ emails: ['security'] })).toThrow('AuditAlerts emails: received ["security"]; expected e-mail addresses');
    expect(build({ emails: ['a.b@example.com', 'a_b@example.com'] })).toThrow('two addresses differ only in punctuation or repeat');
  });
});
