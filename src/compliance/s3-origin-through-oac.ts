import { PolicyRule, PolicyViolation, asList, violation } from './rule';

type Block = Record<string, unknown>;
const blocks = (value: unknown): Block[] => asList<Block>(value as Block | readonly Block[] | undefined);

/** An S3 REST endpoint (virtual-hosted or path style, any Region) or a reference to a bucket's domain. */
const S3_DOMAIN = /(\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com(\.cn)?$)|(\$\{aws_s3_bucket\.[^.}]+\.(bucket_regional_domain_name|bucket_domain_name)\})/;
/** A static-website endpoint, which serves the bucket publicly over HTTP. */
const S3_WEBSITE = /(s3-website[.-])|(\$\{aws_s3_bucket(_website_configuration)?\.[^.}]+\.(website_endpoint|website_domain)\})/;

/**
 * Every S3 origin of an aws_cloudfront_distribution is read through an origin access control: it has
 * an `origin_access_control_id`, no legacy origin access identity, and is the bucket's REST endpoint,
 * never its public website endpoint (which no OAC or bucket policy can keep private).
 */
export const S3OriginThroughOac: PolicyRule = {
  name: 'S3OriginThroughOac',
  description: 'Every S3 origin of a CloudFront distribution has an origin access control, no origin access identity, and no website endpoint',
  evaluate(resources) {
    const out: PolicyViolation[] = [];
    for (const d of resources.filter((r) => r.type === 'aws_cloudfront_distribution')) {
      for (const origin of blocks(d.attributes.origin)) {
        const domain = String(origin.domain_name ?? '');
        const label = `origin ${JSON.stringify(origin.origin_id)} (${domain})`;
        if (S3_WEBSITE.test(domain)) {
          out.push(violation(this, d, `${label} is an S3 website endpoint, which is public; expected the bucket's regional domain name with an origin access control`));
          continue;
        }
        if (!S3_DOMAIN.test(domain)) continue;
        const oai = blocks(origin.s3_origin_config).map((c) => c.origin_access_identity);
        if (oai.some((id) => typeof id === 'string' && id !== '')) {
          out.push(violation(this, d, `${label} uses a legacy origin access identity; expected origin_access_control_id and no s3_origin_config.origin_access_identity`));
        }
        if (typeof origin.origin_access_control_id !== 'string' || origin.origin_access_control_id === '') {
          out.push(violation(this, d, `${label} has no origin_access_control_id; expected an aws_cloudfront_origin_access_control (S3, sigv4, always)`));
        }
      }
    }
    return out;
  },
};
