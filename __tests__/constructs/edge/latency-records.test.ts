import { LatencyRecords, LatencyRecordsProps } from '../../../src/constructs/edge/latency-records';
import { resourceList, synthConstruct } from '../../helpers/synth';
import { ENTRY_POINTS, HEALTH_CHECK_IDS } from './traffic-fixtures';

const BASE: LatencyRecordsProps = { zoneId: 'Z0123456789ABCDEFGHIJ', domainName: 'example.com', recordName: 'app', entryPoints: ENTRY_POINTS, healthCheckIds: HEALTH_CHECK_IDS };
const recordsOf = (overrides: Partial<LatencyRecordsProps> = {}) =>
  resourceList(synthConstruct((scope) => new LatencyRecords(scope, 'latency', { ...BASE, ...overrides })), 'aws_route53_record');

describe('LatencyRecords', () => {
  test('one latency alias A record per Region: set identifier and latency Region = the Region, its load balancer, target health, its health check', () => {
    const records = recordsOf();
    expect(records).toHaveLength(2);
    expect(records.find((r) => r.set_identifier === 'eu-west-1')).toEqual({
      zone_id: 'Z0123456789ABCDEFGHIJ',
      name: 'app.example.com',
      type: 'A',
      set_identifier: 'eu-west-1',
      latency_routing_policy: { region: 'eu-west-1' },
      health_check_id: 'hc-euw1',
      alias: { name: 'acme-entry-2.eu-west-1.elb.amazonaws.com', zone_id: 'Z32O12XQLNTSW2', evaluate_target_health: true },
    });
    expect(records.find((r) => r.set_identifier === 'us-east-1')).toMatchObject({
      latency_routing_policy: { region: 'us-east-1' },
      health_check_id: 'hc-use1',
      alias: { name: 'acme-entry-1.us-east-1.elb.amazonaws.com', zone_id: 'Z35SXDOTRQ7X7K', evaluate_target_health: true },
    });
  });

  test('dualstack load balancers: an AAAA record beside each A record, same routing and health check', () => {
    const records = recordsOf({ ipv6: true });
    expect(records.map((r) => `${r.type} ${r.set_identifier} ${r.health_check_id}`).sort()).toEqual([
      'AAAA eu-west-1 hc-euw1',
      'AAAA us-east-1 hc-use1',
      'A eu-west-1 hc-euw1',
      'A us-east-1 hc-use1',
    ].sort());
  });

  test('"@" puts the records on the domain itself', () => {
    expect(recordsOf({ recordName: '@' }).map((r) => r.name)).toEqual(['example.com', 'example.com']);
  });

  test('every Region needs its health check, and no other', () => {
    expect(() => recordsOf({ healthCheckIds: { 'us-east-1': 'hc-use1' } })).toThrow(
      'LatencyRecords latency healthCheckIds: received Regions ["us-east-1"]; expected exactly the entry points\' Regions ["us-east-1","eu-west-1"]',
    );
    expect(() => recordsOf({ healthCheckIds: { ...HEALTH_CHECK_IDS, 'sa-east-1': 'x' } })).toThrow('expected exactly the entry points\' Regions');
    expect(() => recordsOf({ recordName: 'App_1' })).toThrow('LatencyRecords latency recordName: received "App_1"; expected a lower-case name below the domain');
  });
});
