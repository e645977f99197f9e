import { cloudfrontSchema, failoverRegionSchema } from '../../../src/config/edge/cloudfront-schema';
import { failoverRegionCrossChecks, failoverRegionOf } from '../../../src/config/edge/failover-region-cross-checks';

const messages = (input: unknown) => {
  const result = cloudfrontSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('edge.cloudfront', () => {
  test('defaults: fail over on 5xx, PriceClass_100, no certificate, 30 noncurrent days', () => {
    expect(cloudfrontSchema.parse(undefined)).toEqual({ failoverStatusCodes: [500, 502, 503, 504], priceClass: 'PriceClass_100', noncurrentVersionExpirationDays: 30 });
  });

  test('accepts the codes CloudFront accepts, a us-east-1 certificate, another price class', () => {
    const cert = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789012';
    expect(cloudfrontSchema.parse({ failoverStatusCodes: [403, 404, 500], priceClass: 'PriceClass_All', certificateArn: cert, noncurrentVersionExpirationDays: 90 })).toEqual({
      failoverStatusCodes: [403, 404, 500],
      priceClass: 'PriceClass_All',
      certificateArn: cert,
      noncurrentVersionExpirationDays: 90,
    });
  });

  test('clear errors naming what is allowed', () => {
    expect(messages({ failoverStatusCodes: [500, 501] })).toEqual([
      'failoverStatusCodes.1: expected a list of distinct HTTP status codes from 400, 403, 404, 416, 500, 502, 503, 504 (the codes CloudFront accepts for origin failover), such as [500, 502, 503, 504]',
    ]);
    expect(messages({ failoverStatusCodes: [] })[0]).toMatch(/^failoverStatusCodes: expected a list of distinct HTTP status codes/);
    expect(messages({ failoverStatusCodes: [503, 503] })).toEqual(['failoverStatusCodes: expected each status code once']);
    expect(messages({ priceClass: 'PriceClass_50' })).toEqual(['priceClass: expected one of "PriceClass_100", "PriceClass_200", "PriceClass_All"']);
    expect(messages({ certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c' })).toEqual([
      'certificateArn: a certificate of eu-west-1; expected one in us-east-1: CloudFront uses ACM certificates from us-east-1 only',
    ]);
    expect(messages({ certificateArn: 'static.example.com' })[0]).toMatch(/^certificateArn: expected an ACM certificate ARN/);
    expect(messages({ noncurrentVersionExpirationDays: 0 })).toEqual(['noncurrentVersionExpirationDays: expected an integer from 1 to 3650 (days)']);
    expect(messages({ nope: 1 })).toHaveLength(1);
  });
});

describe('edge.failoverRegion', () => {
  const base = { primaryRegion: 'us-east-1', regions: [{ name: 'us-east-1' }, { name: 'us-west-2' }, { name: 'eu-west-1' }] };

  test('default: the first listed Region after the primary; none with one Region', () => {
    expect(failoverRegionOf(base)).toBe('us-west-2');
    expect(failoverRegionOf({ primaryRegion: 'eu-west-1', regions: base.regions })).toBe('us-east-1');
    expect(failoverRegionOf({ ...base, edge: { failoverRegion: 'eu-west-1' } })).toBe('eu-west-1');
    expect(failoverRegionOf({ primaryRegion: 'us-east-1', regions: [{ name: 'us-east-1' }] })).toBeUndefined();
  });

  test('the schema takes known Region names only, with a hint', () => {
    expect(failoverRegionSchema.safeParse('eu-west-1').success).toBe(true);
    expect(failoverRegionSchema.safeParse(undefined).success).toBe(true);
    const result = failoverRegionSchema.safeParse('eu-wset-1');
    expect(result.success ? '' : result.error.issues[0].message).toMatch(/^unknown Region; .*eu-west-1/);
  });

  test('a listed Region other than the primary', () => {
    expect(failoverRegionCrossChecks({ ...base, edge: { failoverRegion: 'eu-west-1' } })).toEqual([]);
    expect(failoverRegionCrossChecks({ ...base, edge: {} })).toEqual([]);
    expect(failoverRegionCrossChecks({ ...base, edge: { failoverRegion: 'us-east-1' } })).toEqual([
      { path: ['edge', 'failoverRegion'], received: 'us-east-1', message: 'the primary Region cannot be its own failover; expected a listed Region other than us-east-1 (us-west-2, eu-west-1)' },
    ]);
    const [unlisted] = failoverRegionCrossChecks({ ...base, edge: { failoverRegion: 'ap-southeast-2' } });
    expect(unlisted.message).toMatch(/^not a listed Region; .*expected a listed Region other than us-east-1 \(us-west-2, eu-west-1\): the failover bucket is encrypted with that Region's copy of the multi-Region key$/);
  });

  test('one listed Region: no failoverRegion allowed; nothing checked when edge is off', () => {
    const single = { primaryRegion: 'us-east-1', regions: [{ name: 'us-east-1' }] };
    expect(failoverRegionCrossChecks({ ...single, edge: { failoverRegion: 'eu-west-1' } })).toEqual([
      { path: ['edge', 'failoverRegion'], received: 'eu-west-1', message: 'us-east-1 is the only listed Region, so there is no Region to fail over to; expected no failoverRegion (one origin, no replication), or another Region in regions' },
    ]);
    expect(failoverRegionCrossChecks({ ...single, edge: { enable: false, failoverRegion: 'eu-west-1' } })).toEqual([]);
    expect(failoverRegionCrossChecks(single)).toEqual([]);
  });
});
