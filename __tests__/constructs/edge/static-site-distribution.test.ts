import { Construct } from 'constructs';
import { StaticSiteDistribution, StaticSiteDistributionProps, CACHING_OPTIMIZED_POLICY_ID } from '../../../src/constructs/edge/static-site-distribution';
import { directoryIndexFunctionCode } from '../../../src/constructs/edge/directory-index-function';
import { synthConstruct } from '../../helpers/synth';
import { only, policyFixture, ref } from '../../helpers/inspect';

const BASE: StaticSiteDistributionProps = {
  project: 'acme',
  primary: { regionalDomainName: 'acme-static-us-east-1-123456789012.s3.us-east-1.amazonaws.com', region: 'us-east-1' },
  failover: { regionalDomainName: 'acme-static-eu-west-1-123456789012.s3.eu-west-1.amazonaws.com', region: 'eu-west-1' },
};
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789012';
const build = (props: Partial<StaticSiteDistributionProps> = {}) => (scope: Construct) => new StaticSiteDistribution(scope, 'cdn', { ...BASE, ...props });
const distributionOf = (props: Partial<StaticSiteDistributionProps> = {}) => only(synthConstruct(build(props)), 'aws_cloudfront_distribution')[1];

describe('StaticSiteDistribution', () => {
  const stack = synthConstruct(build());
  const [, d] = only(stack, 'aws_cloudfront_distribution');
  const [oacId, oac] = only(stack, 'aws_cloudfront_origin_access_control');

  test('one origin access control: S3, SigV4, every request signed', () => {
    expect(oac).toMatchObject({ name: 'acme-static-content', origin_access_control_origin_type: 's3', signing_behavior: 'always', signing_protocol: 'sigv4' });
  });

  test('two S3 origins, primary first, each through the origin access control and without an OAI', () => {
    expect(d.origin).toEqual([
      { origin_id: 'primary-us-east-1', domain_name: BASE.primary.regionalDomainName, origin_access_control_id: ref('aws_cloudfront_origin_access_control', oacId, 'id') },
      { origin_id: 'failover-eu-west-1', domain_name: BASE.failover!.regionalDomainName, origin_access_control_id: ref('aws_cloudfront_origin_access_control', oacId, 'id') },
    ]);
  });

  test('an origin group with the primary then the failover, failing over on 500, 502, 503, 504 by default', () => {
    expect(d.origin_group).toEqual([
      { origin_id: 'static-content', failover_criteria: { status_codes: [500, 502, 503, 504] }, member: [{ origin_id: 'primary-us-east-1' }, { origin_id: 'failover-eu-west-1' }] },
    ]);
    expect(distributionOf({ failoverStatusCodes: [403, 404, 503] }).origin_group[0].failover_criteria).toEqual({ status_codes: [403, 404, 503] });
  });

  test('the default behaviour: origin group, GET/HEAD/OPTIONS, cached GET/HEAD, HTTPS, CachingOptimized, headers, function', () => {
    const [rhpId] = only(stack, 'aws_cloudfront_response_headers_policy');
    const [fnId] = only(stack, 'aws_cloudfront_function');
    expect(d.default_cache_behavior).toEqual({
      target_origin_id: 'static-content',
      viewer_protocol_policy: 'redirect-to-https',
      allowed_methods: ['GET', 'HEAD', 'OPTIONS'],
      cached_methods: ['GET', 'HEAD'],
      compress: true,
      cache_policy_id: CACHING_OPTIMIZED_POLICY_ID,
      response_headers_policy_id: ref('aws_cloudfront_response_headers_policy', rhpId, 'id'),
      function_association: [{ event_type: 'viewer-request', function_arn: ref('aws_cloudfront_function', fnId, 'arn') }],
    });
    expect(CACHING_OPTIMIZED_POLICY_ID).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6');
  });

  test('HTTP/2 and 3, IPv6, index.html at the root, PriceClass_100 by default, no geo restriction, no logging', () => {
    expect(d).toMatchObject({ enabled: true, http_version: 'http2and3', is_ipv6_enabled: true, default_root_object: 'index.html', price_class: 'PriceClass_100' });
    expect(d.restrictions).toEqual({ geo_restriction: { restriction_type: 'none' } });
    expect(d.logging_config).toBeUndefined();
    expect(distributionOf({ priceClass: 'PriceClass_All' }).price_class).toBe('PriceClass_All');
  });

  test('the default certificate without a custom domain; ACM by SNI with TLSv1.2_2021 and aliases with one', () => {
    expect(d.viewer_certificate).toEqual({ cloudfront_default_certificate: true });
    expect(d.aliases).toBeUndefined();
    const custom = distributionOf({ customDomain: { certificateArn: CERT, aliases: ['static.example.com'] } });
    expect(custom.viewer_certificate).toEqual({ acm_certificate_arn: CERT, minimum_protocol_version: 'TLSv1.2_2021', ssl_support_method: 'sni-only' });
    expect(custom.aliases).toEqual(['static.example.com']);
  });

  test('the function: cloudfront-js-2.0, published, the repository file as its code', () => {
    expect(only(stack, 'aws_cloudfront_function')[1]).toMatchObject({ name: 'acme-directory-index', runtime: 'cloudfront-js-2.0', publish: true, code: directoryIndexFunctionCode() });
  });

  test('security headers: HSTS two years, nosniff, DENY, referrer policy, XSS block, a same-origin CSP, all overriding the origin', () => {
    const headers = only(stack, 'aws_cloudfront_response_headers_policy')[1].security_headers_config;
    expect(headers.strict_transport_security).toEqual({ access_control_max_age_sec: 63072000, include_subdomains: true, preload: false, override: true });
    expect(headers.content_type_options).toEqual({ override: true });
    expect(headers.frame_options).toEqual({ frame_option: 'DENY', override: true });
    expect(headers.referrer_policy).toEqual({ referrer_policy: 'strict-origin-when-cross-origin', override: true });
    expect(headers.xss_protection).toEqual({ protection: true, mode_block: true, override: true });
    expect(headers.content_security_policy.content_security_policy).toMatch(/^default-src 'self';.*frame-ancestors 'none'/);
    expect(headers.content_security_policy.content_security_policy).not.toContain('unsafe');
  });

  test('without a failover origin: one origin, no origin group, the behaviour on the primary', () => {
    const single = distributionOf({ failover: undefined });
    expect(single.origin).toHaveLength(1);
    expect(single.origin_group).toBeUndefined();
    expect(single.default_cache_behavior.target_origin_id).toBe('primary-us-east-1');
  });

  test('passes every compliance rule, the CloudFront ones included', () => {
    expect(policyFixture(build({ customDomain: { certificateArn: CERT, aliases: ['static.example.com'] } })).violations()).toEqual([]);
    expect(policyFixture(build()).violations()).toEqual([]);
  });

  describe('clear errors', () => {
    const attempt = (props: Partial<StaticSiteDistributionProps>) => () => synthConstruct(build(props));
    test('a status code CloudFront does not accept for failover', () => {
      expect(attempt({ failoverStatusCodes: [500, 501] })).toThrow('StaticSiteDistribution cdn failoverStatusCodes: received [500,501]; expected one or more of 400, 403, 404, 416, 500, 502, 503, 504 (the codes CloudFront accepts for origin failover)');
      expect(attempt({ failoverStatusCodes: [] })).toThrow('failoverStatusCodes: received []; expected one or more of');
      expect(attempt({ failoverStatusCodes: [503, 503] })).toThrow('failoverStatusCodes: received [503,503]; expected each status code once');
    });
    test('a certificate outside us-east-1, or no aliases', () => {
      expect(attempt({ customDomain: { certificateArn: CERT.replace('us-east-1', 'eu-west-1'), aliases: ['a.example.com'] } })).toThrow(
        'customDomain.certificateArn: received "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789012"; a certificate of eu-west-1; expected one in us-east-1: CloudFront uses ACM certificates from us-east-1 only',
      );
      expect(attempt({ customDomain: { certificateArn: CERT, aliases: [] } })).toThrow('customDomain.aliases: received []; expected the domain names the certificate covers');
      expect(attempt({ customDomain: { certificateArn: CERT, aliases: ['Static.Example.com'] } })).toThrow('customDomain.aliases: received "Static.Example.com"; expected a lowercase domain name');
    });
    test('a price class CloudFront does not have, a failover in the primary\'s Region', () => {
      expect(attempt({ priceClass: 'PriceClass_50' as never })).toThrow('priceClass: received "PriceClass_50"; expected one of PriceClass_100, PriceClass_200, PriceClass_All');
      expect(attempt({ failover: { ...BASE.primary } })).toThrow('failover.region: received "us-east-1", the primary\'s Region; expected another Region, or no failover origin');
    });
  });
});
