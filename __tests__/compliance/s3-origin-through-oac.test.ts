import { Construct } from 'constructs';
import { CloudfrontDistribution, CloudfrontDistributionOrigin } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3OriginThroughOac as Rule } from '../../src/compliance/s3-origin-through-oac';
import { ruleViolations } from './cdn-rule-fixture';

function distribution(scope: Construct, origins: (oacId: string, bucket: S3Bucket) => CloudfrontDistributionOrigin[]) {
  const oac = new CloudfrontOriginAccessControl(scope, 'oac', { name: 'acme-static', originAccessControlOriginType: 's3', signingBehavior: 'always', signingProtocol: 'sigv4' });
  const bucket = new S3Bucket(scope, 'b', { bucket: 'acme-static' });
  new CloudfrontDistribution(scope, 'd', {
    enabled: true,
    origin: origins(oac.id, bucket),
    defaultCacheBehavior: { targetOriginId: 'o', allowedMethods: ['GET', 'HEAD'], cachedMethods: ['GET', 'HEAD'], cachePolicyId: 'x', viewerProtocolPolicy: 'redirect-to-https' },
    restrictions: { geoRestriction: { restrictionType: 'none' } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
  });
}

const custom = { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'http-only', originSslProtocols: ['TLSv1.2'] };

describe('S3OriginThroughOac', () => {
  test('is named after its file', () => expect(Rule.name).toBe('S3OriginThroughOac'));

  test('compliant: S3 origins by reference or literal domain with an OAC; non-S3 origins are not its business', () => {
    const found = ruleViolations(Rule, (s) =>
      distribution(s, (oac, b) => [
        { originId: 'o', domainName: b.bucketRegionalDomainName, originAccessControlId: oac },
        { originId: 'p', domainName: 'acme-static-eu.s3.eu-west-1.amazonaws.com', originAccessControlId: oac },
        { originId: 'app', domainName: 'app.example.com', customOriginConfig: { ...custom, originProtocolPolicy: 'https-only' } },
      ]),
    );
    expect(found).toEqual([]);
  });

  test('non-compliant: an S3 origin without an OAC, or with a legacy OAI', () => {
    const found = ruleViolations(Rule, (s) =>
      distribution(s, (_oac, b) => [
        { originId: 'o', domainName: b.bucketRegionalDomainName },
        { originId: 'legacy', domainName: 'acme-static.s3.amazonaws.com', s3OriginConfig: { originAccessIdentity: 'origin-access-identity/cloudfront/E2EXAMPLE' } },
      ]),
    );
    expect(found.map((v) => v.message)).toEqual([
      'origin "o" (${aws_s3_bucket.b.bucket_regional_domain_name}) has no origin_access_control_id; expected an aws_cloudfront_origin_access_control (S3, sigv4, always)',
      'origin "legacy" (acme-static.s3.amazonaws.com) uses a legacy origin access identity; expected origin_access_control_id and no s3_origin_config.origin_access_identity',
      'origin "legacy" (acme-static.s3.amazonaws.com) has no origin_access_control_id; expected an aws_cloudfront_origin_access_control (S3, sigv4, always)',
    ]);
    expect(found[0]).toMatchObject({ rule: 'S3OriginThroughOac', address: 'aws_cloudfront_distribution.d' });
  });

  test('non-compliant: a public website endpoint, literal or by reference', () => {
    const found = ruleViolations(Rule, (s) =>
      distribution(s, (_oac, b) => [
        { originId: 'w', domainName: 'acme-static.s3-website-us-east-1.amazonaws.com', customOriginConfig: custom },
        { originId: 'r', domainName: b.websiteEndpoint, customOriginConfig: custom },
      ]),
    );
    expect(found.map((v) => v.message.split(';')[0])).toEqual([
      'origin "w" (acme-static.s3-website-us-east-1.amazonaws.com) is an S3 website endpoint, which is public',
      'origin "r" (${aws_s3_bucket.b.website_endpoint}) is an S3 website endpoint, which is public',
    ]);
  });
});
