import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53RecordRoutingHealthCheck } from '../../src/compliance/route53-record-routing-health-check';
import { applyComplianceRules } from '../../src/compliance/foundation-rules';
import { LatencyRecords } from '../../src/constructs/edge/latency-records';
import { GeolocationRecords } from '../../src/constructs/edge/geolocation-records';
import { StaticContentAlias } from '../../src/constructs/edge/static-content-alias';
import { ENTRY_POINTS, HEALTH_CHECK_IDS } from '../constructs/edge/traffic-fixtures';

const RULE = Route53RecordRoutingHealthCheck.name;
const alias = (evaluateTargetHealth: boolean) => ({ name: 'lb.us-east-1.elb.amazonaws.com', zoneId: 'Z35SXDOTRQ7X7K', evaluateTargetHealth });

function violationsOf(build: (scope: Construct) => void) {
  const stack = new TerraformStack(Testing.app(), 'fixture');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  build(stack);
  const aspect = applyComplianceRules(stack, [Route53RecordRoutingHealthCheck]);
  Testing.synth(stack);
  return aspect.violations();
}

describe('Route53RecordRoutingHealthCheck', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('Route53RecordRoutingHealthCheck');
  });

  test('compliant: the latency, geolocation and static records of the edge layer; a simple record needs nothing', () => {
    const zone = { zoneId: 'Z0123456789ABCDEFGHIJ', domainName: 'example.com' };
    expect(
      violationsOf((scope) => {
        new LatencyRecords(scope, 'latency', { ...zone, recordName: 'app', entryPoints: ENTRY_POINTS, healthCheckIds: HEALTH_CHECK_IDS, ipv6: true });
        new GeolocationRecords(scope, 'geo', { ...zone, recordName: 'geo', entryPoints: ENTRY_POINTS, healthCheckIds: HEALTH_CHECK_IDS, continents: { EU: 'eu-west-1' }, countries: {}, defaultRegion: 'us-east-1' });
        new StaticContentAlias(scope, 'static', { ...zone, recordName: 'static', distributionDomainName: 'd1.cloudfront.net' });
        new Route53Record(scope, 'txt', { zoneId: 'Z1', name: 'x.example.com', type: 'TXT', ttl: 300, records: ['hello'] });
      }),
    ).toEqual([]);
  });

  test('non-compliant: a latency alias without health check, a geolocation alias without target health, an override that drops the check', () => {
    const violations = violationsOf((scope) => {
      new Route53Record(scope, 'latency', { zoneId: 'Z1', name: 'app.example.com', type: 'A', setIdentifier: 'us-east-1', latencyRoutingPolicy: { region: 'us-east-1' }, alias: alias(true) });
      new Route53Record(scope, 'geo', { zoneId: 'Z1', name: 'geo.example.com', type: 'A', setIdentifier: 'default', geolocationRoutingPolicy: { country: '*' }, healthCheckId: 'hc', alias: alias(false) });
      new Route53Record(scope, 'weighted', { zoneId: 'Z1', name: 'w.example.com', type: 'A', setIdentifier: 'a', weightedRoutingPolicy: { weight: 1 }, healthCheckId: 'hc', alias: alias(true) }).addOverride('health_check_id', null);
    });
    expect(violations.map((v) => `${v.address}: ${v.message}`)).toEqual([
      'aws_route53_record.latency: record with latency routing policy has health_check_id (unset); expected a health check and, for an alias, evaluate_target_health = true, so that an unhealthy Region leaves DNS',
      'aws_route53_record.geo: record with geolocation routing policy has alias.evaluate_target_health = false; expected a health check and, for an alias, evaluate_target_health = true, so that an unhealthy Region leaves DNS',
      'aws_route53_record.weighted: record with weighted routing policy has health_check_id (unset); expected a health check and, for an alias, evaluate_target_health = true, so that an unhealthy Region leaves DNS',
    ]);
    expect(violations.every((v) => v.rule === RULE)).toBe(true);
  });
});
