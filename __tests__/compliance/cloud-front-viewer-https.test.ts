import { Construct } from 'constructs';
import { CloudfrontDistribution, CloudfrontDistributionConfig } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudFrontViewerHttps as Rule } from '../../src/compliance/cloud-front-viewer-https';
import { StaticSiteDistribution } from '../../src/constructs/edge/static-site-distribution';
import { ruleViolations } from './cdn-rule-fixture';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789012';
const behaviour = { targetOriginId: 'o', allowedMethods: ['GET', 'HEAD'], cachedMethods: ['GET', 'HEAD'], cachePolicyId: 'x' };

function distribution(scope: Construct, overrides: Partial<CloudfrontDistributionConfig> = {}) {
  new CloudfrontDistribution(scope, 'd', {
    enabled: true,
    origin: [{ originId: 'o', domainName: 'example.com', customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] } }],
    defaultCacheBehavior: { ...behaviour, viewerProtocolPolicy: 'redirect-to-https' },
    restrictions: { geoRestriction: { restrictionType: 'none' } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
    ...overrides,
  });
}

describe('CloudFrontViewerHttps', () => {
  test('is named after its file', () => expect(Rule.name).toBe('CloudFrontViewerHttps'));

  test('compliant: redirect-to-https / https-only behaviours, default certificate or TLSv1.2_2021+', () => {
    expect(ruleViolations(Rule, (s) => distribution(s, { orderedCacheBehavior: [{ ...behaviour, pathPattern: '/api/*', viewerProtocolPolicy: 'https-only' }] }))).toEqual([]);
    expect(ruleViolations(Rule, (s) => distribution(s, { viewerCertificate: { acmCertificateArn: CERT, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' } }))).toEqual([]);
    expect(
      ruleViolations(Rule, (s) => new StaticSiteDistribution(s, 'cdn', { project: 'acme', primary: { regionalDomainName: 'b.s3.us-east-1.amazonaws.com', region: 'us-east-1' }, customDomain: { certificateArn: CERT, aliases: ['a.example.com'] } })),
    ).toEqual([]);
  });

  test('non-compliant: allow-all on the default or an ordered behaviour', () => {
    const found = ruleViolations(Rule, (s) =>
      distribution(s, {
        defaultCacheBehavior: { ...behaviour, viewerProtocolPolicy: 'allow-all' },
        orderedCacheBehavior: [{ ...behaviour, pathPattern: '/img/*', viewerProtocolPolicy: 'allow-all' }],
      }),
    );
    expect(found.map((v) => v.message)).toEqual([
      'default_cache_behavior has viewer_protocol_policy "allow-all"; expected "redirect-to-https" or "https-only"',
      'ordered_cache_behavior "/img/*" has viewer_protocol_policy "allow-all"; expected "redirect-to-https" or "https-only"',
    ]);
    expect(found[0]).toMatchObject({ rule: 'CloudFrontViewerHttps', address: 'aws_cloudfront_distribution.d' });
  });

  test('non-compliant: a custom certificate with an older or no TLS policy', () => {
    for (const minimumProtocolVersion of ['TLSv1.2_2019', 'TLSv1', undefined]) {
      const found = ruleViolations(Rule, (s) => distribution(s, { viewerCertificate: { acmCertificateArn: CERT, sslSupportMethod: 'sni-only', minimumProtocolVersion } }));
      expect(found.map((v) => v.message)).toEqual([
        `viewer_certificate uses a custom certificate with minimum_protocol_version ${JSON.stringify(minimumProtocolVersion)}; expected one of TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025`,
      ]);
    }
  });
});
