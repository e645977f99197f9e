import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { PublicHostedZone } from '../../../src/constructs/edge/public-hosted-zone';
import { RegionHealthChecks } from '../../../src/constructs/edge/region-health-checks';
import { LatencyRecords } from '../../../src/constructs/edge/latency-records';
import { RecoveryControl } from '../../../src/constructs/edge/recovery-control';
import { GlobalAccelerator } from '../../../src/constructs/edge/global-accelerator';
import { resources, resourceList, synthConstruct } from '../../helpers/synth';
import { ENTRY_POINTS } from './traffic-fixtures';

/** The global-edge wiring the lead builds: checks -> (ARC) -> records, GA beside them. */
function globalEdge(scope: Construct, arcOn: boolean) {
  const west = new AwsProvider(scope, 'aws_us_west_2', { region: 'us-west-2', alias: 'us_west_2' });
  const zone = new PublicHostedZone(scope, 'zone', { domainName: 'example.com' });
  const checks = new RegionHealthChecks(scope, 'health', { project: 'acme', entryPoints: ENTRY_POINTS, https: true });
  const recordChecks = arcOn
    ? new RecoveryControl(scope, 'arc', { provider: west, providerRegion: 'us-west-2', project: 'acme', endpointHealthCheckIds: checks.healthCheckIds }).recordHealthCheckIds
    : checks.healthCheckIds;
  new LatencyRecords(scope, 'latency', { zoneId: zone.zoneId, domainName: 'example.com', recordName: 'app', entryPoints: ENTRY_POINTS, healthCheckIds: recordChecks });
  new GlobalAccelerator(scope, 'ga', { provider: west, providerRegion: 'us-west-2', project: 'acme', entryPoints: ENTRY_POINTS, https: true });
}

const checkAddress = (expression: string) => expression.replace(/^\$\{aws_route53_health_check\.(.*)\.id\}$/, '$1');

describe('traffic constructs composed as in global-edge', () => {
  test('without ARC: every Region has a latency record carrying its own endpoint check, and one endpoint group', () => {
    const stack = synthConstruct((scope) => globalEdge(scope, false));
    const checks = resources(stack, 'aws_route53_health_check');
    for (const record of resourceList(stack, 'aws_route53_record')) {
      const check = checks[checkAddress(record.health_check_id)];
      expect(check).toMatchObject({ type: 'HTTPS', fqdn: record.alias.name });
    }
    expect(resourceList(stack, 'aws_route53_record').map((r) => r.set_identifier).sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(resourceList(stack, 'aws_globalaccelerator_endpoint_group').map((g) => g.endpoint_group_region).sort()).toEqual(['eu-west-1', 'us-east-1']);
  });

  test('with ARC: each record carries the CALCULATED check of its Region, whose children are that Region\'s endpoint check and routing-control check', () => {
    const stack = synthConstruct((scope) => globalEdge(scope, true));
    const checks = resources(stack, 'aws_route53_health_check');
    const controls = resources(stack, 'aws_route53recoverycontrolconfig_routing_control');
    for (const record of resourceList(stack, 'aws_route53_record')) {
      const combined = checks[checkAddress(record.health_check_id)];
      expect(combined).toMatchObject({ type: 'CALCULATED', child_health_threshold: 2 });
      const [endpoint, control] = combined.child_healthchecks.map((c: string) => checks[checkAddress(c)]);
      expect(endpoint).toMatchObject({ type: 'HTTPS', fqdn: record.alias.name });
      const routingControl = Object.entries(controls).find(([id]) => control.routing_control_arn === `\${aws_route53recoverycontrolconfig_routing_control.${id}.arn}`)?.[1];
      expect(routingControl?.name).toBe(`acme-${record.set_identifier}`);
    }
    expect(Object.keys(controls)).toHaveLength(2);
  });
});
