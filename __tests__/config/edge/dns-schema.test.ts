import { z } from 'zod';
import { dnsSchema, dnsFields, dnsEditorHints } from '../../../src/config/edge/dns-schema';

/** "path: message" per problem; a bad record key (invalid_key) as the key's own messages, as src/config/validate.ts prints it. */
const problems = (input: unknown): string[] => {
  const result = dnsSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) =>
    issue.code === 'invalid_key' ? issue.issues.map((inner) => `${issue.path.join('.')}: ${inner.message}`) : [`${issue.path.join('.')}: ${issue.message}`],
  );
};

describe('edge DNS keys', () => {
  test('absent: no domain, "app" and "static", checks every 30 s with 3 failures, geolocation off', () => {
    expect(dnsSchema.parse({})).toEqual({
      recordName: 'app',
      staticRecordName: 'static',
      healthCheck: { failureThreshold: 3, requestIntervalSeconds: 30 },
      geolocation: { enable: false, recordName: 'geo', continents: {}, countries: {} },
    });
  });

  test('every value given is kept', () => {
    const input = {
      domainName: 'shop.example.co.uk',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      recordName: '@',
      staticRecordName: 'assets.cdn',
      healthCheck: { failureThreshold: 1, requestIntervalSeconds: 10 },
      geolocation: { enable: true, recordName: 'geo', continents: { EU: 'eu-west-1', AS: 'ap-northeast-1' }, countries: { AS: 'us-west-2', NA: 'eu-west-1' }, defaultRegion: 'us-east-1' },
    };
    expect(dnsSchema.parse(input)).toEqual(input);
  });

  test('domain names: lower case, dot-separated labels, no trailing dot', () => {
    expect(problems({ domainName: 'Example.com' })).toEqual([expect.stringMatching(/^domainName: upper case is not kept by DNS; expected a lower-case domain name/)]);
    expect(problems({ domainName: 'example.com.' })).toEqual([expect.stringMatching(/^domainName: a trailing dot is not needed/)]);
    expect(problems({ domainName: 'localhost' })).toEqual([expect.stringMatching(/^domainName: expected a lower-case domain name such as "example.com"/)]);
    expect(problems({ domainName: '-bad.example.com' })).toHaveLength(1);
    expect(problems({ domainName: '10.0.0.1' })).toEqual([expect.stringMatching(/an all-digit top-level label is an IP address/)]);
    expect(problems({ domainName: 42 })).toEqual(['domainName: expected a domain name such as "example.com"']);
  });

  test('hosted zone ids and record names', () => {
    expect(problems({ hostedZoneId: '/hostedzone/Z123' })).toEqual([expect.stringMatching(/^hostedZoneId: expected a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ"/)]);
    expect(problems({ recordName: 'App' })).toEqual([expect.stringMatching(/^recordName: expected a lower-case name below the domain such as "app"/)]);
    expect(problems({ staticRecordName: 'static.' })).toHaveLength(1);
  });

  test('health check numbers Route 53 accepts', () => {
    expect(problems({ healthCheck: { failureThreshold: 0 } })).toEqual(['healthCheck.failureThreshold: expected an integer from 1 to 10 (consecutive failed checks before Route 53 calls a Region unhealthy)']);
    expect(problems({ healthCheck: { requestIntervalSeconds: 15 } })).toEqual([expect.stringMatching(/^healthCheck.requestIntervalSeconds: expected 10 or 30/)]);
    expect(problems({ healthCheck: { path: '/' } })).toHaveLength(1);
  });

  test('geolocation: continent and country codes checked apart, with hints; Regions must be Region names', () => {
    expect(problems({ geolocation: { continents: { Europe: 'eu-west-1' } } })).toEqual([
      'geolocation.continents.Europe: expected a Route 53 continent code: AF, AN, AS, EU, NA, OC, SA (AF Africa, AN Antarctica, AS Asia, EU Europe, NA North America, OC Oceania, SA South America)',
    ]);
    expect(problems({ geolocation: { countries: { de: 'eu-west-1' } } })).toEqual([
      'geolocation.countries.de: not a country code; did you mean "DE"?; expected an upper-case ISO 3166-1 alpha-2 country code such as "DE" or "JP"',
    ]);
    expect(problems({ geolocation: { countries: { EU: 'eu-west-1' } } })).toEqual([
      'geolocation.countries.EU: not a country code (EU is a continent code: put it under "continents"); expected an upper-case ISO 3166-1 alpha-2 country code such as "DE" or "JP"',
    ]);
    expect(problems({ geolocation: { continents: { EU: 'eu-west-l' } } })).toEqual([expect.stringMatching(/^geolocation.continents.EU: expected an AWS Region name such as eu-west-1; did you mean "eu-west-1"\?/)]);
    expect(problems({ geolocation: { defaultRegion: 'mars-1' } })).toHaveLength(1);
  });

  test('the fields spread into the edge schema, and the editor hints list the codes', () => {
    const edge = z.strictObject({ enable: z.boolean().default(true), ...dnsFields });
    expect(edge.parse({ domainName: 'example.com' })).toMatchObject({ enable: true, domainName: 'example.com', recordName: 'app' });
    const hints = dnsEditorHints().map(([, hint]) => hint);
    expect(hints[1]).toEqual({ enum: ['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA'] });
    expect((hints[2].enum as string[]).length).toBe(249);
  });
});
