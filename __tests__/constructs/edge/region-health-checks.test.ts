import { TerraformOutput } from 'cdktf';
import { RegionHealthChecks } from '../../../src/constructs/edge/region-health-checks';
import { resources, synthConstruct } from '../../helpers/synth';
import { ENTRY_POINTS } from './traffic-fixtures';

const checksOf = (props: Partial<ConstructorParameters<typeof RegionHealthChecks>[2]> = {}) =>
  resources(synthConstruct((scope) => new RegionHealthChecks(scope, 'health', { project: 'acme', entryPoints: ENTRY_POINTS, ...props })), 'aws_route53_health_check');

describe('RegionHealthChecks', () => {
  test('without a domain: one HTTP check per Region on its load balancer\'s own name and /health, latency not measured', () => {
    const checks = checksOf();
    expect(Object.keys(checks).sort()).toEqual([expect.stringMatching(/^health_health_check_eu_west_1_/), expect.stringMatching(/^health_health_check_us_east_1_/)]);
    const byName = Object.fromEntries(Object.values(checks).map((c) => [c.fqdn, c]));
    expect(byName['acme-entry-1.us-east-1.elb.amazonaws.com']).toEqual({
      type: 'HTTP',
      fqdn: 'acme-entry-1.us-east-1.elb.amazonaws.com',
      port: 80,
      resource_path: '/health',
      failure_threshold: 3,
      request_interval: 30,
      measure_latency: false,
      tags: { Name: 'acme-us-east-1-entry-point' },
    });
    expect(byName['acme-entry-2.eu-west-1.elb.amazonaws.com']).toMatchObject({ type: 'HTTP', port: 80, tags: { Name: 'acme-eu-west-1-entry-point' } });
  });

  test('with HTTPS listeners: HTTPS on 443 with SNI (HTTP would only see the redirect); threshold and interval configurable', () => {
    for (const check of Object.values(checksOf({ https: true, failureThreshold: 2, requestIntervalSeconds: 10 }))) {
      expect(check).toMatchObject({ type: 'HTTPS', port: 443, enable_sni: true, resource_path: '/health', failure_threshold: 2, request_interval: 10, measure_latency: false });
    }
  });

  test('exposes the check id of every Region', () => {
    const stack = synthConstruct((scope) => {
      const checks = new RegionHealthChecks(scope, 'health', { project: 'acme', entryPoints: ENTRY_POINTS });
      expect(Object.keys(checks.healthCheckIds)).toEqual(['us-east-1', 'eu-west-1']);
      new TerraformOutput(scope, 'ids', { value: checks.healthCheckIds });
    });
    expect((stack as any).output.ids.value['eu-west-1']).toMatch(/^\$\{aws_route53_health_check\.health_health_check_eu_west_1_[0-9A-F]+\.id\}$/);
  });

  test('bad input names the prop, the value and what is allowed', () => {
    const bad = (props: Partial<ConstructorParameters<typeof RegionHealthChecks>[2]>) => () => checksOf(props);
    expect(bad({ failureThreshold: 11 })).toThrow('RegionHealthChecks health failureThreshold: received 11; expected an integer from 1 to 10');
    expect(bad({ requestIntervalSeconds: 20 })).toThrow('requestIntervalSeconds: received 20; expected 10 or 30');
    expect(bad({ entryPoints: [] })).toThrow('entryPoints: received []; expected one entry point per configured Region');
    expect(bad({ entryPoints: [ENTRY_POINTS[0], ENTRY_POINTS[0]] })).toThrow('entryPoints[1].region: received "us-east-1" twice');
    expect(bad({ entryPoints: [{ ...ENTRY_POINTS[1], region: 'us-east-2' }] })).toThrow(
      'entryPoints[0].loadBalancerArn: received "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/acme-entry/2222222222222222"; expected the ARN of an Application Load Balancer in us-east-2',
    );
  });
});
