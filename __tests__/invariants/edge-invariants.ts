import { FoundationConfig } from '../../src/config/validate';
import { failoverRegionOf } from '../../src/config/edge/failover-region-cross-checks';
import { StackJson, resources } from '../helpers/synth';
import { allBlocks, providerRegions, regionOfRemoteRead } from './terraform-json';

/** A nested block as cdktf writes it: an object, or a list of one. */
const block = (value: any) => (Array.isArray(value) ? value[0] : value);

/**
 * The edge layer's invariants (issue 10 item 8), for one synthesized scenario: registered inside the
 * scenario's describe block, so the app is synthesized once for every invariant.
 */
export function edgeInvariants(scenario: () => { config: FoundationConfig; stacks: Record<string, StackJson> }): void {
  const edge = () => scenario().stacks['global-edge'];
  const names = () => scenario().config.regions.map((r) => r.name);
  const on = () => scenario().config.edge.enable;

  test('global-edge: every resource names the aliased provider of a configured Region or of its global service', () => {
    const stack = edge();
    const regions = providerRegions(stack);
    const allowed = new Set([...names(), 'us-east-1', 'us-west-2']);
    const blocks = allBlocks(stack).filter(([type]) => type !== 'terraform_remote_state' && type !== 'terraform_data');
    expect(blocks.map(([type, id, args]) => ({ type, id, region: allowed.has(regions.get(args.provider) ?? '') }))).toEqual(blocks.map(([type, id]) => ({ type, id, region: true })));
  });

  test('every Region has an entry point (load balancer, its /health answer) and a Route 53 health check on it', () => {
    const { config, stacks } = scenario();
    const checks = Object.values(resources(edge(), 'aws_route53_health_check')).filter((c) => ['HTTP', 'HTTPS'].includes(c.type));
    if (!on()) {
      for (const region of names()) expect(resources(stacks[`region-${region}`], 'aws_lb')).toEqual({});
      return expect(checks).toEqual([]);
    }
    for (const region of config.regions) {
      const stack = stacks[`region-${region.name}`];
      expect(Object.values(resources(stack, 'aws_lb'))).toEqual([expect.objectContaining({ internal: false, load_balancer_type: 'application', drop_invalid_header_fields: true })]);
      const health = Object.values(resources(stack, 'aws_lb_listener_rule')).filter((r) => JSON.stringify(r.condition).includes('/health'));
      expect(health).toHaveLength(1);
    }
    expect(checks.map((c) => regionOfRemoteRead(c.fqdn)).sort()).toEqual([...names()].sort());
    for (const check of checks) expect(check.resource_path).toBe('/health');
  });

  test('with a domain, one latency record per Region aliasing its load balancer, each with a health check', () => {
    const { config } = scenario();
    const records = Object.values(resources(edge(), 'aws_route53_record')).filter((r) => r.latency_routing_policy !== undefined);
    if (!on() || config.edge.domainName === undefined) return expect(records).toEqual([]);
    const a = records.filter((r) => r.type === 'A');
    expect(a.map((r) => r.set_identifier).sort()).toEqual([...names()].sort());
    for (const record of a) {
      const region = record.set_identifier;
      expect(block(record.latency_routing_policy)).toEqual({ region });
      expect(regionOfRemoteRead(record.alias)).toBe(region);
      expect(block(record.alias).evaluate_target_health).toBe(true);
      expect(record.health_check_id).toBeDefined();
    }
  });

  test('the origin group fails over from the primary Region\'s bucket to the failover Region\'s', () => {
    const { config } = scenario();
    const distributions = Object.values(resources(edge(), 'aws_cloudfront_distribution'));
    if (!on()) return expect(distributions).toEqual([]);
    expect(distributions).toHaveLength(1);
    const [distribution] = distributions;
    const buckets = resources(edge(), 'aws_s3_bucket');
    const regions = providerRegions(edge());
    const regionOfOrigin = (originId: string) => {
      const origin = distribution.origin.find((o: any) => o.origin_id === originId);
      const bucketId = /aws_s3_bucket\.([\w-]+)\.bucket_regional_domain_name/.exec(origin.domain_name)?.[1];
      return regions.get(buckets[bucketId!].provider);
    };
    const failover = failoverRegionOf(config);
    const groups = distribution.origin_group ?? [];
    if (failover === undefined) return expect(groups).toEqual([]);
    expect(groups).toHaveLength(1);
    expect(groups[0].member.map((m: any) => regionOfOrigin(m.origin_id))).toEqual([config.primaryRegion, failover]);
    expect(block(distribution.default_cache_behavior).target_origin_id).toBe(groups[0].origin_id);
    expect(block(distribution.default_cache_behavior).viewer_protocol_policy).toBe('redirect-to-https');
  });

  test('Global Accelerator: one endpoint group per Region with its load balancer; ARC: one routing control per Region', () => {
    const { config } = scenario();
    const groups = Object.values(resources(edge(), 'aws_globalaccelerator_endpoint_group'));
    const controls = Object.values(resources(edge(), 'aws_route53recoverycontrolconfig_routing_control'));
    if (on() && config.edge.globalAccelerator.enable) {
      expect(groups.map((g) => g.endpoint_group_region).sort()).toEqual([...names()].sort());
      for (const group of groups) expect(regionOfRemoteRead(group.endpoint_configuration)).toBe(group.endpoint_group_region);
    } else expect(groups).toEqual([]);
    if (on() && config.edge.recoveryControl.enable) expect(controls).toHaveLength(names().length);
    else expect(controls).toEqual([]);
  });
}
