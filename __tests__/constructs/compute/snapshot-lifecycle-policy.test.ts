import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnapshotLifecyclePolicy, SnapshotLifecyclePolicyProps } from '../../../src/constructs/compute/snapshot-lifecycle-policy';
import { DlmExecutionRole } from '../../../src/constructs/compute/dlm-execution-role';
import { defaultSnapshotCopyTargets, snapshotCopyTargets } from '../../../src/config/compute/snapshot-copy-targets';
import { accountFacts } from '../../../src/stacks/account-facts';
import { resourceList, synthConstruct } from '../../helpers/synth';
import { only, policyFixture } from '../../helpers/inspect';

const ROLE = 'arn:aws:iam::123456789012:role/acme-dlm';
const keyOf = (region: string) => `arn:aws:kms:${region}:123456789012:key/mrk-0123456789abcdef0123456789abcdef`;
const PROPS: SnapshotLifecyclePolicyProps = {
  region: 'us-east-1',
  executionRoleArn: ROLE,
  targetTag: { key: 'Backup', value: 'daily' },
  copyTargetKeyArns: { 'eu-west-1': keyOf('eu-west-1') },
};
/** DLM's rule for a policy description. */
const DLM_DESCRIPTION = /^[0-9A-Za-z _-]+$/;

const threeDays = { interval: 3, interval_unit: 'DAYS' };

describe('SnapshotLifecyclePolicy', () => {
  const stack = synthConstruct((scope) => new SnapshotLifecyclePolicy(scope, 'snapshots', PROPS));
  const [, policy] = only(stack, 'aws_dlm_lifecycle_policy');
  const [schedule] = policy.policy_details.schedule;

  test('an enabled EBS snapshot policy for volumes with the target tag, run by the DLM role', () => {
    expect(policy.state).toBe('ENABLED');
    expect(policy.execution_role_arn).toBe(ROLE);
    expect(policy.policy_details.policy_type).toBe('EBS_SNAPSHOT_MANAGEMENT');
    expect(policy.policy_details.resource_types).toEqual(['VOLUME']);
    expect(policy.policy_details.target_tags).toEqual({ Backup: 'daily' });
    expect(policy.policy_details.schedule).toHaveLength(1);
  });

  test('a snapshot every 24 hours from 03:00 UTC, kept 3 days, with the volume\'s tags', () => {
    expect(schedule.create_rule).toEqual({ interval: 24, interval_unit: 'HOURS', times: ['03:00'] });
    expect(schedule.retain_rule).toEqual(threeDays);
    expect(schedule.copy_tags).toBe(true);
  });

  test('each snapshot is copied to the target Region, encrypted with that Region\'s key, tags copied, kept 3 days there', () => {
    expect(schedule.cross_region_copy_rule).toEqual([{ target: 'eu-west-1', encrypted: true, cmk_arn: keyOf('eu-west-1'), copy_tags: true, retain_rule: threeDays }]);
  });

  test('the description says what the policy does, in the characters DLM accepts', () => {
    expect(policy.description).toBe('EBS snapshots every 24 hours kept 3 days and copied to eu-west-1');
    expect(policy.description).toMatch(DLM_DESCRIPTION);
  });

  test('lives on the stack\'s default provider unless given one', () => {
    expect(policy.provider).toBeUndefined();
  });

  test('interval, start time and retention are configurable; retention applies at the source and every target', () => {
    const custom = synthConstruct(
      (scope) =>
        new SnapshotLifecyclePolicy(scope, 'snapshots', {
          ...PROPS,
          intervalHours: 6,
          startTime: '22:30',
          retainDays: 14,
          copyTargetKeyArns: { 'eu-west-1': keyOf('eu-west-1'), 'us-west-2': keyOf('us-west-2') },
        }),
    );
    const [body] = resourceList(custom, 'aws_dlm_lifecycle_policy');
    const [rule] = body.policy_details.schedule;
    expect(rule.name).toBe('every-6h-keep-14d');
    expect(rule.create_rule).toEqual({ interval: 6, interval_unit: 'HOURS', times: ['22:30'] });
    expect(rule.retain_rule).toEqual({ interval: 14, interval_unit: 'DAYS' });
    expect(rule.cross_region_copy_rule.map((r: any) => [r.target, r.cmk_arn, r.retain_rule])).toEqual([
      ['eu-west-1', keyOf('eu-west-1'), { interval: 14, interval_unit: 'DAYS' }],
      ['us-west-2', keyOf('us-west-2'), { interval: 14, interval_unit: 'DAYS' }],
    ]);
    expect(body.description).toBe('EBS snapshots every 6 hours kept 14 days and copied to eu-west-1 and us-west-2');
  });

  test('three targets, the DLM maximum, are accepted', () => {
    const three = { 'eu-west-1': keyOf('eu-west-1'), 'us-west-2': keyOf('us-west-2'), 'ap-southeast-2': keyOf('ap-southeast-2') };
    const synthesized = synthConstruct((scope) => new SnapshotLifecyclePolicy(scope, 'snapshots', { ...PROPS, copyTargetKeyArns: three }));
    expect(resourceList(synthesized, 'aws_dlm_lifecycle_policy')[0].policy_details.schedule[0].cross_region_copy_rule).toHaveLength(3);
  });

  test('without targets (one Region) the snapshots stay in the Region: no copy rule', () => {
    const alone = synthConstruct((scope) => new SnapshotLifecyclePolicy(scope, 'snapshots', { ...PROPS, copyTargetKeyArns: {} }));
    const [body] = resourceList(alone, 'aws_dlm_lifecycle_policy');
    expect(body.policy_details.schedule[0].cross_region_copy_rule).toBeUndefined();
    expect(body.policy_details.schedule[0].retain_rule).toEqual(threeDays);
    expect(body.description).toBe('EBS snapshots every 24 hours kept 3 days and not copied to another Region');
  });

  test('passes the foundation\'s compliance rules, with its role', () => {
    const fixture = policyFixture((scope) => {
      const role = new DlmExecutionRole(scope, 'dlm', { roleName: 'acme-dlm', facts: accountFacts(scope) });
      new SnapshotLifecyclePolicy(scope, 'snapshots', { ...PROPS, executionRoleArn: role.roleArn });
    });
    expect(fixture.violations()).toEqual([]);
  });

  describe('one policy per Region from the copy-target plan (six Regions, a provider per Region)', () => {
    const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'sa-east-1'];
    const PRIMARY = 'eu-west-1';
    const plan = snapshotCopyTargets(PRIMARY, REGIONS, { 'us-east-1': ['eu-west-1', 'us-west-2', 'sa-east-1'] });
    const alias = (region: string) => region.replace(/-/g, '_');
    const synthesized = synthConstruct((scope) => {
      for (const region of REGIONS) {
        const provider = new AwsProvider(scope, `aws_${alias(region)}`, { region, alias: alias(region) });
        new SnapshotLifecyclePolicy(scope, `snapshots_${alias(region)}`, {
          region,
          provider,
          executionRoleArn: ROLE,
          targetTag: { key: 'Backup', value: 'daily' },
          copyTargetKeyArns: Object.fromEntries(plan[region].map((target) => [target, keyOf(target)])),
        });
      }
    });
    const policies = resourceList(synthesized, 'aws_dlm_lifecycle_policy');

    test('every Region has exactly one policy, on its own provider', () => {
      expect(policies.map((p) => p.provider).sort()).toEqual(REGIONS.map((r) => `aws.${alias(r)}`).sort());
    });

    test('each policy copies to the planned targets, all listed Regions other than its own, each with that Region\'s key, kept 3 days', () => {
      for (const region of REGIONS) {
        const body = policies.find((p) => p.provider === `aws.${alias(region)}`)!;
        const rules = body.policy_details.schedule[0].cross_region_copy_rule;
        expect(rules.map((r: any) => r.target)).toEqual(plan[region]);
        for (const rule of rules) {
          expect(REGIONS).toContain(rule.target);
          expect(rule.target).not.toBe(region);
          expect(rule).toEqual({ target: rule.target, encrypted: true, cmk_arn: keyOf(rule.target), copy_tags: true, retain_rule: threeDays });
        }
        expect(body.description).toMatch(DLM_DESCRIPTION);
      }
    });

    test('the default plan sends every secondary\'s copies to the primary', () => {
      const defaults = defaultSnapshotCopyTargets(PRIMARY, REGIONS);
      for (const region of REGIONS.filter((r) => r !== PRIMARY && r !== 'us-east-1')) expect(plan[region]).toEqual(defaults[region]);
      expect(plan[PRIMARY]).toEqual(['us-east-1']);
    });
  });

  describe('input checks', () => {
    const build = (props: Partial<SnapshotLifecyclePolicyProps>) => () =>
      new SnapshotLifecyclePolicy(new TerraformStack(Testing.app(), 'bad'), 'snapshots', { ...PROPS, ...props } as SnapshotLifecyclePolicyProps);
    const where = 'SnapshotLifecyclePolicy snapshots';

    test('more than three targets: the DLM limit, naming the targets', () => {
      const four = Object.fromEntries(['eu-west-1', 'us-west-2', 'ap-southeast-2', 'sa-east-1'].map((r) => [r, keyOf(r)]));
      expect(build({ copyTargetKeyArns: four })).toThrow(
        `${where} copyTargetKeyArns: received 4 target Regions (eu-west-1, us-west-2, ap-southeast-2, sa-east-1); expected at most 3: Data Lifecycle Manager allows 3 cross-Region copy rules per schedule`,
      );
    });

    test.each<[Partial<SnapshotLifecyclePolicyProps>, string]>([
      [{ region: 'US East' }, `${where} region: received "US East"; expected a Region name such as "us-east-1"`],
      [{ executionRoleArn: 'acme-dlm' }, `${where} executionRoleArn: received "acme-dlm"; expected an IAM role ARN`],
      [{ targetTag: { key: 'aws:backup', value: 'daily' } }, `${where} targetTag.key: received "aws:backup"; the prefix "aws:" (in any case) is reserved for AWS`],
      [{ targetTag: { key: 'Backup', value: 'x'.repeat(257) } }, `${where} targetTag.value: received "${'x'.repeat(257)}"; expected a tag value of at most 256 characters`],
      [{ intervalHours: 5 as any }, `${where} intervalHours: received 5; expected one of 1, 2, 3, 4, 6, 8, 12, 24`],
      [{ startTime: '3:00' }, `${where} startTime: received "3:00"; expected a UTC time "hh:mm" from "00:00" to "23:59"`],
      [{ retainDays: 0 }, `${where} retainDays: received 0; expected an integer from 1 to 36500`],
      [{ retainDays: 2.5 }, `${where} retainDays: received 2.5; expected an integer from 1 to 36500`],
      [{ copyTargetKeyArns: { 'us-east-1': keyOf('us-east-1') } }, `${where} copyTargetKeyArns: received "us-east-1", the policy's own Region; expected other Regions`],
      [{ copyTargetKeyArns: { Ireland: keyOf('eu-west-1') } }, `${where} copyTargetKeyArns: received the target "Ireland"; expected a Region name such as "eu-west-1"`],
      [{ copyTargetKeyArns: { 'eu-west-1': 'alias/acme' } }, `${where} copyTargetKeyArns.eu-west-1: received "alias/acme"; expected the ARN of a KMS key in eu-west-1`],
      [{ copyTargetKeyArns: { 'eu-west-1': keyOf('us-west-2') } }, `${where} copyTargetKeyArns.eu-west-1: received "${keyOf('us-west-2')}"; a key of us-west-2; expected a key in eu-west-1`],
    ])('%p is rejected with the value and what is allowed', (props, message) => {
      expect(build(props)).toThrow(message);
    });

    test('key ARNs built from references are checked where literal: the Region and the "kms" and "key/" parts', () => {
      const scope = new TerraformStack(Testing.app(), 'tokens');
      const reference = (name: string) => new TerraformVariable(scope, name, { type: 'string' }).stringValue;
      const [account, keyId, whole] = [reference('account'), reference('key_id'), reference('key_arn')];
      const policy = (id: string, keyArn: string) => () => new SnapshotLifecyclePolicy(scope, id, { ...PROPS, copyTargetKeyArns: { 'eu-west-1': keyArn } });
      expect(policy('a', `arn:aws:kms:eu-west-1:${account}:key/${keyId}`)).not.toThrow();
      expect(policy('b', whole)).not.toThrow();
      expect(policy('c', `arn:aws:kms:us-west-2:${account}:key/${keyId}`)).toThrow('a key of us-west-2; expected a key in eu-west-1');
      expect(policy('d', `arn:aws:kms:eu-west-1:${account}:alias/${keyId}`)).toThrow('expected the ARN of a KMS key in eu-west-1');
      expect(policy('e', `arn:aws:kms:${account}`)).toThrow('expected the ARN of a KMS key in eu-west-1');
    });
  });
});
