import { StaticContentAlias } from '../../../src/constructs/edge/static-content-alias';
import { resourceList, synthConstruct } from '../../helpers/synth';

const recordsOf = (ipv6?: boolean) =>
  resourceList(
    synthConstruct((scope) => new StaticContentAlias(scope, 'static', { zoneId: 'Z0123456789ABCDEFGHIJ', domainName: 'example.com', recordName: 'static', distributionDomainName: 'd111111abcdef8.cloudfront.net', ipv6 })),
    'aws_route53_record',
  );

describe('StaticContentAlias', () => {
  test('A and AAAA aliases to the distribution in CloudFront\'s fixed zone, without target health (Route 53 refuses it for CloudFront)', () => {
    const records = recordsOf();
    expect(records.map((r) => r.type)).toEqual(['A', 'AAAA']);
    for (const r of records) {
      expect(r).toEqual({
        zone_id: 'Z0123456789ABCDEFGHIJ',
        name: 'static.example.com',
        type: r.type,
        alias: { name: 'd111111abcdef8.cloudfront.net', zone_id: 'Z2FDTNDATAQYW2', evaluate_target_health: false },
      });
    }
  });

  test('A only when the distribution has IPv6 off', () => {
    expect(recordsOf(false).map((r) => r.type)).toEqual(['A']);
  });
});
