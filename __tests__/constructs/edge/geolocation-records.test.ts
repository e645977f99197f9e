import { GeolocationRecords, GeolocationRecordsProps } from '../../../src/constructs/edge/geolocation-records';
import { resourceList, synthConstruct } from '../../helpers/synth';
import { ENTRY_POINTS, HEALTH_CHECK_IDS } from './traffic-fixtures';

const BASE: GeolocationRecordsProps = {
  zoneId: 'Z0123456789ABCDEFGHIJ',
  domainName: 'example.com',
  recordName: 'geo',
  entryPoints: ENTRY_POINTS,
  healthCheckIds: HEALTH_CHECK_IDS,
  continents: { EU: 'eu-west-1', NA: 'us-east-1' },
  countries: { NA: 'eu-west-1' },
  defaultRegion: 'us-east-1',
};
const recordsOf = (overrides: Partial<GeolocationRecordsProps> = {}) =>
  resourceList(synthConstruct((scope) => new GeolocationRecords(scope, 'geo', { ...BASE, ...overrides })), 'aws_route53_record');

describe('GeolocationRecords', () => {
  test('one alias record per continent and country plus the default "*" record, each to its Region\'s load balancer with its health check', () => {
    const records = recordsOf();
    const summary = records.map((r) => [r.set_identifier, r.geolocation_routing_policy, r.alias.name, r.health_check_id]);
    expect(summary).toEqual([
      ['continent-eu', { continent: 'EU' }, 'acme-entry-2.eu-west-1.elb.amazonaws.com', 'hc-euw1'],
      ['continent-na', { continent: 'NA' }, 'acme-entry-1.us-east-1.elb.amazonaws.com', 'hc-use1'],
      // NA as a country is Namibia, kept apart from the continent by the separate map.
      ['country-na', { country: 'NA' }, 'acme-entry-2.eu-west-1.elb.amazonaws.com', 'hc-euw1'],
      ['default', { country: '*' }, 'acme-entry-1.us-east-1.elb.amazonaws.com', 'hc-use1'],
    ]);
    for (const r of records) expect(r).toMatchObject({ name: 'geo.example.com', type: 'A', zone_id: 'Z0123456789ABCDEFGHIJ', alias: { evaluate_target_health: true } });
  });

  test('only the default record when nothing is mapped; AAAA too when dualstack', () => {
    expect(recordsOf({ continents: {}, countries: {} }).map((r) => r.set_identifier)).toEqual(['default']);
    expect(recordsOf({ continents: {}, countries: {}, ipv6: true }).map((r) => `${r.type} ${r.set_identifier}`)).toEqual(['A default', 'AAAA default']);
  });

  test('codes and targets are checked', () => {
    expect(() => recordsOf({ continents: { EUR: 'eu-west-1' } })).toThrow('GeolocationRecords geo continents: received "EUR"; expected one of AF, AN, AS, EU, NA, OC, SA');
    expect(() => recordsOf({ countries: { de: 'eu-west-1' } })).toThrow('countries: received "de"; expected an upper-case ISO 3166-1 alpha-2 country code');
    expect(() => recordsOf({ countries: { JP: 'ap-northeast-1' } })).toThrow('countries.JP: received "ap-northeast-1"; expected a Region with an entry point (us-east-1, eu-west-1)');
    expect(() => recordsOf({ defaultRegion: 'us-west-2' })).toThrow('defaultRegion: received "us-west-2"');
  });
});
