import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GlobalAccelerator, GlobalAcceleratorProps } from '../../../src/constructs/edge/global-accelerator';
import { resourceList, synthConstruct } from '../../helpers/synth';
import { ENTRY_POINTS } from './traffic-fixtures';

const build = (overrides: Partial<GlobalAcceleratorProps> = {}) => (scope: Construct) =>
  new GlobalAccelerator(scope, 'ga', {
    provider: new AwsProvider(scope, 'aws_us_west_2', { region: 'us-west-2', alias: 'us_west_2' }),
    providerRegion: 'us-west-2',
    project: 'acme',
    entryPoints: ENTRY_POINTS,
    ...overrides,
  });

describe('GlobalAccelerator', () => {
  const stack = synthConstruct(build({ trafficDial: { 'eu-west-1': 0 } }));

  test('an IPv4 accelerator through the us-west-2 provider, flow logs off by default', () => {
    const [accelerator] = resourceList(stack, 'aws_globalaccelerator_accelerator');
    expect(accelerator).toEqual({ provider: 'aws.us_west_2', name: 'acme-accelerator', ip_address_type: 'IPV4', enabled: true, attributes: { flow_logs_enabled: false } });
  });

  test('one TCP listener with the entry port; 80 and 443 with HTTPS', () => {
    const [listener] = resourceList(stack, 'aws_globalaccelerator_listener');
    expect(listener).toMatchObject({ provider: 'aws.us_west_2', protocol: 'TCP', client_affinity: 'NONE', port_range: [{ from_port: 80, to_port: 80 }] });
    expect(listener.accelerator_arn).toMatch(/^\$\{aws_globalaccelerator_accelerator\.ga_accelerator_[0-9A-F]+\.id\}$/);
    const [https] = resourceList(synthConstruct(build({ https: true })), 'aws_globalaccelerator_listener');
    expect(https.port_range).toEqual([{ from_port: 80, to_port: 80 }, { from_port: 443, to_port: 443 }]);
  });

  test('one endpoint group per Region, in that Region, on its load balancer with client IP preservation, /health, and its traffic dial', () => {
    const groups = resourceList(stack, 'aws_globalaccelerator_endpoint_group');
    expect(groups.map((g) => [g.endpoint_group_region, g.traffic_dial_percentage, g.endpoint_configuration]).sort((a, b) => String(b[0]).localeCompare(String(a[0])))).toEqual([
      ['us-east-1', 100, [{ endpoint_id: ENTRY_POINTS[0].loadBalancerArn, client_ip_preservation_enabled: true, weight: 128 }]],
      ['eu-west-1', 0, [{ endpoint_id: ENTRY_POINTS[1].loadBalancerArn, client_ip_preservation_enabled: true, weight: 128 }]],
    ]);
    for (const g of groups) expect(g).toMatchObject({ provider: 'aws.us_west_2', health_check_protocol: 'HTTP', health_check_port: 80, health_check_path: '/health' });
    const httpsGroups = resourceList(synthConstruct(build({ https: true })), 'aws_globalaccelerator_endpoint_group');
    for (const g of httpsGroups) expect(g).toMatchObject({ health_check_protocol: 'HTTPS', health_check_port: 443 });
  });

  test('flow logs to the configured bucket and prefix', () => {
    const [accelerator] = resourceList(synthConstruct(build({ flowLogs: { bucket: 'acme-logs', prefix: 'ga/' } })), 'aws_globalaccelerator_accelerator');
    expect(accelerator.attributes).toEqual({ flow_logs_enabled: true, flow_logs_s3_bucket: 'acme-logs', flow_logs_s3_prefix: 'ga/' });
  });

  test('bad input names the prop, the value and what is allowed', () => {
    expect(() => synthConstruct(build({ providerRegion: 'us-east-1' }))).toThrow('GlobalAccelerator ga providerRegion: received "us-east-1"; expected "us-west-2"');
    expect(() => synthConstruct(build({ trafficDial: { 'eu-west-1': 101 } }))).toThrow('trafficDial.eu-west-1: received 101; expected an integer from 0 to 100');
    expect(() => synthConstruct(build({ trafficDial: { 'sa-east-1': 50 } }))).toThrow('trafficDial: received Region "sa-east-1"; expected one of the entry points\' Regions (us-east-1, eu-west-1)');
    expect(() => synthConstruct(build({ project: 'p'.repeat(60) }))).toThrow('a valid accelerator name');
  });
});
