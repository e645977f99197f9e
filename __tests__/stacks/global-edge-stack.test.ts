import { Testing } from 'cdktf';
import { GlobalEdgeStack } from '../../src/stacks/global-edge-stack';
import { resources, testConfig } from '../helpers/synth';
import { synthStack } from '../helpers/inspect';

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const synth = (edge: Record<string, unknown>) => synthStack(new GlobalEdgeStack(Testing.app(), testConfig({ edge })));
const records = (json: ReturnType<typeof synth>) => Object.values(resources(json, 'aws_route53_record'));

describe('GlobalEdgeStack', () => {
  test('without a domain: a health check per Region, the distribution on its own name, no record and no zone read', () => {
    const json = synth({});
    expect(Object.keys(resources(json, 'aws_route53_health_check'))).toHaveLength(2);
    expect(records(json)).toEqual([]);
    expect(Object.values(resources(json, 'aws_cloudfront_distribution'))[0].aliases).toBeUndefined();
    expect(Object.keys(json.output!)).not.toContain('application_fqdn');
    expect(JSON.stringify(json)).not.toContain('hosted_zone_id');
  });

  test('with a domain: latency records in the global stack\'s zone; no static alias without a certificate (CloudFront would not answer to it)', () => {
    const json = synth({ domainName: 'shop.example.com' });
    const latency = records(json).filter((r) => r.latency_routing_policy !== undefined);
    expect(latency.map((r) => r.set_identifier).sort()).toEqual(['eu-west-1', 'us-east-1']);
    for (const r of latency) expect(r.zone_id).toBe('${data.terraform_remote_state.global.outputs.hosted_zone_id}');
    expect(records(json).filter((r) => r.name === 'static.shop.example.com')).toEqual([]);
    expect(json.output!.application_fqdn.value).toBe('app.shop.example.com');
    expect(json.output!.static_fqdn).toBeUndefined();
  });

  test('with a domain and a CloudFront certificate: the distribution answers to static.<domain>, and the alias points at it', () => {
    const json = synth({ domainName: 'shop.example.com', cloudfront: { certificateArn: CERTIFICATE } });
    const distribution = Object.values(resources(json, 'aws_cloudfront_distribution'))[0];
    expect(distribution.aliases).toEqual(['static.shop.example.com']);
    const alias = records(json).filter((r) => r.name === 'static.shop.example.com' && r.type === 'A');
    expect(alias).toHaveLength(1);
    expect(JSON.stringify(alias[0].alias)).toContain('aws_cloudfront_distribution.');
    expect(json.output!.static_fqdn.value).toBe('static.shop.example.com');
  });

  test('edge off: nothing but the remote states and providers, no output', () => {
    const json = synth({ enable: false });
    expect(json.resource ?? {}).toEqual({});
    expect(json.output ?? {}).toEqual({});
  });
});
