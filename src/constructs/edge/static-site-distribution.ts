import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { CloudfrontDistribution, CloudfrontDistributionViewerCertificate } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { isReference } from '../compute/regional-key-arn';
import { directoryIndexFunctionCode } from './directory-index-function';
import { staticDistributionComment } from './static-content-names';

/** HTTP status codes CloudFront accepts as origin-group failover criteria. */
export const FAILOVER_STATUS_CODES = [400, 403, 404, 416, 500, 502, 503, 504] as const;
export const DEFAULT_FAILOVER_STATUS_CODES: readonly number[] = [500, 502, 503, 504];
export const PRICE_CLASSES = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'] as const;
export type PriceClass = (typeof PRICE_CLASSES)[number];
export const DEFAULT_PRICE_CLASS: PriceClass = 'PriceClass_100';

/**
 * AWS's managed cache policy "Managed-CachingOptimized" (fixed id, documented by CloudFront): no
 * cookies, headers or query strings in the cache key, gzip and brotli. A literal rather than the
 * aws_cloudfront_cache_policy data source: the id never changes, and the data source would cost a
 * ListCachePolicies on every plan (and the emulator has no cache policies).
 */
export const CACHING_OPTIMIZED_POLICY_ID = '658327ea-f89d-4fab-a63d-7e88639e58f6';

/** Oldest viewer TLS policy allowed with a custom certificate. */
export const MINIMUM_VIEWER_TLS = 'TLSv1.2_2021';

/**
 * Content-Security-Policy for a static site served from this distribution: everything from its own
 * origin only, no plugins, no framing (as X-Frame-Options DENY), no <base> or form target elsewhere,
 * inline images as data: URIs. No 'unsafe-inline': a site that needs inline scripts or styles, or a
 * CDN of its own, passes its own policy.
 */
export const DEFAULT_CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests";

const ACM_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]+$/;
const ALIAS = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** One origin: a static content bucket (`StaticContentBucket`). */
export interface StaticOrigin {
  /** The bucket's regional domain name (`bucket_regional_domain_name`), never a website endpoint. */
  readonly regionalDomainName: string;
  readonly region: string;
}

export interface StaticSiteDistributionProps {
  /** The us-east-1 provider: CloudFront's API, its functions and its certificates live there. */
  readonly provider?: TerraformProvider;
  /** Name prefix of the origin access control, function and response headers policy (`<project>-...`). */
  readonly project: string;
  /** The origin group's first member: the active Region's bucket (the primary's unless a promotion moved it). */
  readonly primary: StaticOrigin;
  /** The other bucket, the second member. @default none: one origin and no origin group (a one-Region foundation) */
  readonly failover?: StaticOrigin;
  /** Status codes from the primary that make CloudFront retry on the failover origin. @default [500, 502, 503, 504] */
  readonly failoverStatusCodes?: readonly number[];
  /** @default "PriceClass_100" (North America, Europe, Israel: the cheapest) */
  readonly priceClass?: PriceClass;
  /**
   * A custom domain: an ACM certificate in us-east-1 and the names it covers. @default none: the
   * distribution's own *.cloudfront.net name with CloudFront's default certificate
   */
  readonly customDomain?: { readonly certificateArn: string; readonly aliases: readonly string[] };
  /** @default DEFAULT_CONTENT_SECURITY_POLICY */
  readonly contentSecurityPolicy?: string;
}

/**
 * The CloudFront distribution of the static content (issue 10 item 3): the primary Region's bucket
 * first and the failover Region's second in an origin group, both read through one origin access
 * control (SigV4, every request signed), so the buckets stay private and their policies name this
 * distribution.
 *
 * - Default behaviour on the origin group: GET, HEAD, OPTIONS only (origin groups refuse other
 *   methods), GET and HEAD cached with the managed CachingOptimized policy, compressed, HTTP
 *   redirected to HTTPS, security headers added, the directory-index function on viewer request.
 * - TLS: CloudFront's default certificate without a custom domain (viewers then negotiate what
 *   CloudFront allows for *.cloudfront.net, TLS 1.0 included: CloudFront does not let it be
 *   raised); with one, the ACM certificate by SNI and TLS 1.2 (TLSv1.2_2021) at least.
 * - HTTP/2 and HTTP/3, IPv6, index.html at the root.
 * - No standard logging: the legacy log delivery writes with ACLs, which the project's buckets
 *   disable (BucketOwnerEnforced).
 */
export class StaticSiteDistribution extends Construct {
  readonly distribution: CloudfrontDistribution;
  readonly originAccessControl: CloudfrontOriginAccessControl;
  readonly viewerRequestFunction: CloudfrontFunction;
  readonly responseHeadersPolicy: CloudfrontResponseHeadersPolicy;
  readonly distributionArn: string;
  readonly distributionId: string;
  readonly domainName: string;
  /** The Route 53 zone id of every CloudFront alias target. */
  readonly hostedZoneId: string;
  /** Origin ids, primary first. */
  readonly originIds: readonly string[];
  /** Id of the origin group, or undefined without a failover origin. */
  readonly originGroupId: string | undefined;

  constructor(scope: Construct, id: string, props: StaticSiteDistributionProps) {
    super(scope, id);
    const owner = `StaticSiteDistribution ${id}`;
    const codes = props.failoverStatusCodes ?? DEFAULT_FAILOVER_STATUS_CODES;
    validate(owner, props, codes);
    const provider = props.provider;

    this.originAccessControl = new CloudfrontOriginAccessControl(this, 'origin_access_control', {
      provider,
      name: `${props.project}-static-content`,
      description: 'CloudFront signs every request to the static content buckets',
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    this.viewerRequestFunction = new CloudfrontFunction(this, 'directory_index', {
      provider,
      name: `${props.project}-directory-index`,
      comment: 'Rewrites directory paths to their index.html',
      runtime: 'cloudfront-js-2.0',
      code: directoryIndexFunctionCode(),
      publish: true,
    });
    this.responseHeadersPolicy = new CloudfrontResponseHeadersPolicy(this, 'security_headers', {
      provider,
      name: `${props.project}-security-headers`,
      comment: 'Security headers on every response of the static content',
      securityHeadersConfig: {
        // Two years, the preload list's minimum; no preload: that commits the whole domain.
        strictTransportSecurity: { accessControlMaxAgeSec: 63072000, includeSubdomains: true, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: 'DENY', override: true },
        referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: props.contentSecurityPolicy ?? DEFAULT_CONTENT_SECURITY_POLICY, override: true },
      },
    });

    const members = [props.primary, ...(props.failover ? [props.failover] : [])];
    const originIds = members.map((m, i) => `${i === 0 ? 'primary' : 'failover'}-${m.region}`);
    this.originIds = originIds;
    this.originGroupId = props.failover ? 'static-content' : undefined;
    const certificate: CloudfrontDistributionViewerCertificate = props.customDomain
      ? { acmCertificateArn: props.customDomain.certificateArn, minimumProtocolVersion: MINIMUM_VIEWER_TLS, sslSupportMethod: 'sni-only' }
      : { cloudfrontDefaultCertificate: true };

    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      provider,
      comment: staticDistributionComment(props.project),
      enabled: true,
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      priceClass: props.priceClass ?? DEFAULT_PRICE_CLASS,
      defaultRootObject: 'index.html',
      aliases: props.customDomain ? [...props.customDomain.aliases] : undefined,
      origin: members.map((m, i) => ({ originId: originIds[i], domainName: m.regionalDomainName, originAccessControlId: this.originAccessControl.id })),
      originGroup: this.originGroupId
        ? [
            {
              originId: this.originGroupId,
              failoverCriteria: { statusCodes: [...codes] },
              member: originIds.map((originId) => ({ originId })),
            },
          ]
        : undefined,
      defaultCacheBehavior: {
        targetOriginId: this.originGroupId ?? originIds[0],
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
        responseHeadersPolicyId: this.responseHeadersPolicy.id,
        functionAssociation: [{ eventType: 'viewer-request', functionArn: this.viewerRequestFunction.arn }],
      },
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: certificate,
    });
    this.distributionArn = this.distribution.arn;
    this.distributionId = this.distribution.id;
    this.domainName = this.distribution.domainName;
    this.hostedZoneId = this.distribution.hostedZoneId;
  }
}

function validate(owner: string, props: StaticSiteDistributionProps, codes: readonly number[]): void {
  if (!/^[a-z0-9][a-z0-9-]{0,40}$/.test(props.project)) {
    throw new Error(`${owner} project: received ${JSON.stringify(props.project)}; expected lowercase letters, digits and "-" (the name prefix of the CloudFront objects)`);
  }
  const allowed = FAILOVER_STATUS_CODES as readonly number[];
  const bad = codes.filter((c) => !allowed.includes(c));
  if (codes.length === 0 || bad.length > 0) {
    throw new Error(`${owner} failoverStatusCodes: received ${JSON.stringify(codes)}; expected one or more of ${allowed.join(', ')} (the codes CloudFront accepts for origin failover)`);
  }
  if (new Set(codes).size !== codes.length) {
    throw new Error(`${owner} failoverStatusCodes: received ${JSON.stringify(codes)}; expected each status code once`);
  }
  if (props.priceClass !== undefined && !(PRICE_CLASSES as readonly string[]).includes(props.priceClass)) {
    throw new Error(`${owner} priceClass: received ${JSON.stringify(props.priceClass)}; expected one of ${PRICE_CLASSES.join(', ')}`);
  }
  if (props.failover && !isReference(props.failover.region) && props.failover.region === props.primary.region) {
    throw new Error(`${owner} failover.region: received ${JSON.stringify(props.failover.region)}, the primary's Region; expected another Region, or no failover origin`);
  }
  const domain = props.customDomain;
  if (domain) {
    const problem = certificateArnProblem(domain.certificateArn);
    if (problem) throw new Error(`${owner} customDomain.certificateArn: received ${JSON.stringify(domain.certificateArn)}; ${problem}`);
    if (domain.aliases.length === 0) {
      throw new Error(`${owner} customDomain.aliases: received []; expected the domain names the certificate covers, such as ["static.example.com"]`);
    }
    const badAlias = domain.aliases.find((a) => !isReference(a) && !ALIAS.test(a));
    if (badAlias !== undefined) {
      throw new Error(`${owner} customDomain.aliases: received ${JSON.stringify(badAlias)}; expected a lowercase domain name such as "static.example.com" (or "*.example.com")`);
    }
  }
}

/** Why `arn` is not an ACM certificate ARN CloudFront can use (us-east-1 only), or undefined. */
export function certificateArnProblem(arn: string): string | undefined {
  if (isReference(arn)) return undefined;
  const match = ACM_ARN.exec(arn);
  if (!match) return 'expected an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/<id>';
  if (match[1] !== 'us-east-1') return `a certificate of ${match[1]}; expected one in us-east-1: CloudFront uses ACM certificates from us-east-1 only`;
  return undefined;
}
