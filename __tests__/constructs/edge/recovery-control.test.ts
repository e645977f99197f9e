import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RecoveryControl, RecoveryControlProps } from '../../../src/constructs/edge/recovery-control';
import { resources, resourceList, synthConstruct } from '../../helpers/synth';
import { HEALTH_CHECK_IDS } from './traffic-fixtures';

const build = (overrides: Partial<RecoveryControlProps> = {}) => (scope: Construct) =>
  new RecoveryControl(scope, 'arc', {
    provider: new AwsProvider(scope, 'aws_us_west_2', { region: 'us-west-2', alias: 'us_west_2' }),
    providerRegion: 'us-west-2',
    project: 'acme',
    endpointHealthCheckIds: HEALTH_CHECK_IDS,
    ...overrides,
  });

const idOf = (stack: Record<string, any>, type: string, prefix: string) => {
  const ids = Object.keys(resources(stack as any, type)).filter((k) => k.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${ids.length}`);
  return ids[0];
};

describe('RecoveryControl', () => {
  const stack = synthConstruct(build());

  test('cluster, control panel, one routing control per Region, through the us-west-2 provider', () => {
    expect(resourceList(stack, 'aws_route53recoverycontrolconfig_cluster')).toEqual([{ provider: 'aws.us_west_2', name: 'acme-recovery' }]);
    const panel = idOf(stack, 'aws_route53recoverycontrolconfig_control_panel', 'arc_control_panel');
    const cluster = idOf(stack, 'aws_route53recoverycontrolconfig_cluster', 'arc_cluster');
    expect(resources(stack, 'aws_route53recoverycontrolconfig_control_panel')[panel]).toEqual({
      provider: 'aws.us_west_2',
      name: 'acme-regions',
      cluster_arn: `\${aws_route53recoverycontrolconfig_cluster.${cluster}.arn}`,
    });
    const controls = resourceList(stack, 'aws_route53recoverycontrolconfig_routing_control');
    expect(controls.map((c) => c.name).sort()).toEqual(['acme-eu-west-1', 'acme-us-east-1']);
    for (const c of controls) expect(c).toMatchObject({ provider: 'aws.us_west_2', control_panel_arn: `\${aws_route53recoverycontrolconfig_control_panel.${panel}.arn}` });
  });

  test('the safety rule asserts that at least one Region\'s control stays On', () => {
    const [rule] = resourceList(stack, 'aws_route53recoverycontrolconfig_safety_rule');
    const controlArns = ['us_east_1', 'eu_west_1'].map((r) => `\${aws_route53recoverycontrolconfig_routing_control.${idOf(stack, 'aws_route53recoverycontrolconfig_routing_control', `arc_routing_control_${r}`)}.arn}`);
    expect(rule).toMatchObject({
      provider: 'aws.us_west_2',
      name: 'acme-at-least-one-region',
      asserted_controls: controlArns,
      wait_period_ms: 5000,
      rule_config: { type: 'ATLEAST', threshold: 1, inverted: false },
    });
    expect(rule.gating_controls).toBeUndefined();
  });

  test('per Region a RECOVERY_CONTROL check on its control and a CALCULATED check that needs both it and the endpoint check (AND)', () => {
    for (const [region, rid] of [['us-east-1', 'us_east_1'], ['eu-west-1', 'eu_west_1']] as const) {
      const control = idOf(stack, 'aws_route53recoverycontrolconfig_routing_control', `arc_routing_control_${rid}`);
      const controlCheck = idOf(stack, 'aws_route53_health_check', `arc_routing_control_check_${rid}`);
      const combined = idOf(stack, 'aws_route53_health_check', `arc_combined_check_${rid}`);
      const checks = resources(stack, 'aws_route53_health_check');
      expect(checks[controlCheck]).toMatchObject({ type: 'RECOVERY_CONTROL', routing_control_arn: `\${aws_route53recoverycontrolconfig_routing_control.${control}.arn}` });
      expect(checks[combined]).toMatchObject({
        type: 'CALCULATED',
        child_healthchecks: [HEALTH_CHECK_IDS[region], `\${aws_route53_health_check.${controlCheck}.id}`],
        child_health_threshold: 2,
        tags: { Name: `acme-${region}-in-service` },
      });
    }
  });

  test('the records get the CALCULATED check of their Region', () => {
    const withOutput = synthConstruct((scope) => {
      const arc = build()(scope);
      expect(Object.keys(arc.recordHealthCheckIds)).toEqual(['us-east-1', 'eu-west-1']);
      new TerraformOutput(scope, 'ids', { value: arc.recordHealthCheckIds });
    });
    const combined = idOf(withOutput, 'aws_route53_health_check', 'arc_combined_check_eu_west_1');
    expect((withOutput as any).output.ids.value['eu-west-1']).toBe(`\${aws_route53_health_check.${combined}.id}`);
  });

  test('bad input names the prop, the value and what is allowed', () => {
    expect(() => synthConstruct(build({ providerRegion: 'us-east-1' }))).toThrow('RecoveryControl arc providerRegion: received "us-east-1"; expected "us-west-2"');
    expect(() => synthConstruct(build({ endpointHealthCheckIds: {} }))).toThrow('endpointHealthCheckIds: received {}');
    expect(() => synthConstruct(build({ safetyRuleWaitPeriodMs: -1 }))).toThrow('safetyRuleWaitPeriodMs: received -1; expected an integer of 0 or more');
  });
});
