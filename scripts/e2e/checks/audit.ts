import { GetBucketPolicyCommand, GetObjectLockConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { GetTopicAttributesCommand, paginateListTopics } from '@aws-sdk/client-sns';
import { DescribeRuleCommand, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { FoundationConfig } from '../../../src/config/validate';
import { auditBucketEnabled, configBucketEnabled, resourceNames, roleArn } from '../../../src/aws/resource-names';
import { EmulatorAws } from '../aws';
import { Checklist, sameMembers } from '../checklist';
import { IamStatement } from '../../../src/compliance/iam-documents';
import { asList } from '../../../src/compliance/rule';
import { DeployedOutputs } from '../outputs';

/** The principals a Deny excepts through ArnNotEquals on aws:PrincipalArn; [] when it has no condition at all. */
function exceptedPrincipals(statement: IamStatement | undefined): string[] | 'other condition' {
  if (!statement?.Condition) return [];
  const keys = Object.keys(statement.Condition);
  if (keys.length !== 1 || keys[0] !== 'ArnNotEquals') return 'other condition';
  return asList(statement.Condition.ArnNotEquals['aws:PrincipalArn']).map(String);
}

/**
 * The log buckets' protection read back from the emulator: each policy's two Denies (tampering
 * with objects: nobody but break-glass; changing the protection: nobody but the deploy role and
 * break-glass) on the audit bucket and on AWS Config's bucket, the audit bucket's Object Lock mode,
 * no Object Lock on the Config bucket (Config does not deliver to one), and the tampering alerts
 * (rule, target, encrypted topic that only the rule may publish to).
 */
export async function checkAuditDeployed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const { cloudTrail } = config.security;
  const primaryKey = outputs.global.get('kms_primary_key_arn');
  const account = primaryKey.split(':')[4];
  const s3 = aws.s3(config.primaryRegion);
  const logBuckets: Array<[string, string]> = [
    ...(auditBucketEnabled(config) ? [['audit', outputs.global.get('audit_log_bucket_name')] as [string, string]] : []),
    ...(configBucketEnabled(config) ? [['Config', outputs.global.get('config_bucket_name')] as [string, string]] : []),
  ];
  for (const [label, name] of logBuckets) await checkLogBucketPolicy(s3, config, account, label, name, c);

  if (configBucketEnabled(config)) {
    const name = outputs.global.get('config_bucket_name');
    const lock = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: name })).then(
      (r) => `enabled: ${r.ObjectLockConfiguration?.ObjectLockEnabled}`,
      (e: Error) => e.name,
    );
    c.expect(lock === 'ObjectLockConfigurationNotFoundError', `Config bucket ${name} exists without Object Lock (got ${lock})`);
  }
  if (!auditBucketEnabled(config)) return;
  const bucket = outputs.global.get('audit_log_bucket_name');

  const lock = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket })).catch(() => undefined);
  const mode = lock?.ObjectLockConfiguration?.Rule?.DefaultRetention?.Mode;
  c.expect(mode === cloudTrail.objectLockMode, `audit bucket Object Lock mode is ${cloudTrail.objectLockMode} (got ${mode})`);

  if (!cloudTrail.enable) return;
  const topicArn = outputs.global.get('audit_alert_topic_arn');
  const sns = aws.sns(config.primaryRegion);
  const events = aws.eventbridge(config.primaryRegion);
  const topic = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn })).catch(() => undefined);
  c.expect(topic?.Attributes?.KmsMasterKeyId === primaryKey, `alert topic ${topicArn} is encrypted with the primary key (got ${topic?.Attributes?.KmsMasterKeyId})`);
  const ruleName = resourceNames(config).auditAlertRule;
  const rule = await events.send(new DescribeRuleCommand({ Name: ruleName })).catch(() => undefined);
  c.expect(rule?.State === 'ENABLED', `alert rule ${ruleName} exists and is enabled (got ${rule?.State})`);
  const pattern = rule?.EventPattern ? JSON.stringify(JSON.parse(rule.EventPattern)) : '';
  for (const [label, name] of logBuckets) c.expect(pattern.includes(`"${name}"`) && pattern.includes('"bucketName":['), `the alert rule watches the ${label} bucket ${name}`);
  c.expect(pattern.includes(`"${resourceNames(config).trail}"`) && pattern.includes('"StopLogging"'), 'the alert rule watches the trail being stopped');

  const topicPolicy: IamStatement[] = topic?.Attributes?.Policy ? JSON.parse(topic.Attributes.Policy).Statement : [];
  const publish = topicPolicy.find((s) => s.Effect === 'Allow' && asList(s.Action).includes('sns:Publish'));
  const keyRuleName = `${ruleName}-key`;
  const keyRule = await events.send(new DescribeRuleCommand({ Name: keyRuleName })).catch(() => undefined);
  c.expect(keyRule?.State === 'ENABLED', `key alert rule ${keyRuleName} exists and is enabled (got ${keyRule?.State})`);
  const keyPattern = keyRule?.EventPattern ? JSON.stringify(JSON.parse(keyRule.EventPattern)) : '';
  c.expect(keyPattern.includes(`"${primaryKey}"`) && keyPattern.includes('"ScheduleKeyDeletion"'), `the key alert rule watches the primary key ${primaryKey}`);
  c.expect(
    Boolean(rule?.Arn && keyRule?.Arn) &&
      JSON.stringify(publish?.Principal) === JSON.stringify({ Service: 'events.amazonaws.com' }) &&
      JSON.stringify(publish?.Condition?.ArnEquals?.['aws:SourceArn']) === JSON.stringify([rule?.Arn, keyRule?.Arn]),
    `only the alert rules (${rule?.Arn}, ${keyRule?.Arn}) may publish to the topic`,
  );
  c.expect(
    topicPolicy.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
    'the alert topic refuses publishing without TLS',
  );
  for (const name of [ruleName, keyRuleName]) {
    const targets = await events.send(new ListTargetsByRuleCommand({ Rule: name })).catch(() => undefined);
    c.expect((targets?.Targets ?? []).map((t) => t.Arn).join() === topicArn, `rule ${name}'s one target is the topic (got ${JSON.stringify(targets?.Targets)})`);
  }
}

/** One log bucket's policy: the tamper Deny and the protection Deny, each for Principal "*" with exactly its exceptions. */
async function checkLogBucketPolicy(s3: S3Client, config: FoundationConfig, account: string, label: string, bucket: string, c: Checklist): Promise<void> {
  const { cloudTrail } = config.security;
  const bucketArn = `arn:aws:s3:::${bucket}`;
  const policyText = (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket })).catch(() => undefined))?.Policy;
  const statements: IamStatement[] = policyText ? JSON.parse(policyText).Statement : [];
  c.expect(statements.length > 0, `${label} bucket ${bucket} has a bucket policy`);
  const bySid = (sid: string) => statements.find((s) => s.Sid === sid);

  const tamper = bySid('DenyLogTampering');
  c.expect(
    tamper?.Effect === 'Deny' && tamper.Principal === '*' && asList(tamper.Resource).includes(`${bucketArn}/*`),
    `${label} bucket policy denies tampering with log objects to Principal "*"`,
  );
  for (const action of ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention']) {
    c.expect(asList(tamper?.Action).includes(action), `${label} bucket policy denies ${action}`);
  }
  const tamperExceptions = exceptedPrincipals(tamper);
  c.expect(
    tamperExceptions !== 'other condition' && sameMembers(tamperExceptions, cloudTrail.breakGlassArns),
    `${label} bucket: the tamper Deny excepts exactly the break-glass principals (${cloudTrail.breakGlassArns.join(', ') || 'nobody'}; got ${JSON.stringify(tamperExceptions)})`,
  );

  const protection = bySid('DenyProtectionChangesOutsideTerraform');
  c.expect(protection?.Effect === 'Deny' && protection.Principal === '*' && asList(protection.Resource).includes(bucketArn), `${label} bucket policy denies protection changes to Principal "*"`);
  for (const action of ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutBucketObjectLockConfiguration', 's3:PutBucketVersioning', 's3:PutLifecycleConfiguration', 's3:PutBucketLogging', 's3:DeleteBucket']) {
    c.expect(asList(protection?.Action).includes(action), `${label} bucket policy denies ${action} outside Terraform`);
  }
  const managers = [roleArn('aws', account, resourceNames(config).deployRole), ...cloudTrail.breakGlassArns];
  const protectionExceptions = exceptedPrincipals(protection);
  c.expect(
    protectionExceptions !== 'other condition' && sameMembers(protectionExceptions, managers),
    `${label} bucket: the protection Deny excepts exactly the deploy role and break-glass (${managers.join(', ')}; got ${JSON.stringify(protectionExceptions)})`,
  );
}

/** After destroy: the alert rule and topic are gone (the audit buckets are kept; the security checks see to them). */
export async function checkAuditDestroyed(aws: EmulatorAws, config: FoundationConfig, c: Checklist): Promise<void> {
  if (!config.security.cloudTrail.enable) return;
  const { auditAlertRule, auditAlertTopic } = resourceNames(config);
  const rules = await aws.eventbridge(config.primaryRegion).send(new ListRulesCommand({ NamePrefix: auditAlertRule }));
  c.expect((rules.Rules ?? []).length === 0, `no alert rule ${auditAlertRule} left`);
  const topicArns: string[] = [];
  for await (const page of paginateListTopics({ client: aws.sns(config.primaryRegion) }, {})) topicArns.push(...(page.Topics ?? []).map((t) => t.TopicArn ?? ''));
  c.expect(!topicArns.some((arn) => arn.endsWith(`:${auditAlertTopic}`)), `no alert topic ${auditAlertTopic} left`);
}
