import { PolicyRule, PolicyViolation, asList, violation } from './rule';

const HTTPS_POLICIES = ['redirect-to-https', 'https-only'];
/** Viewer TLS policies of TLS 1.2 or later that are no older than TLSv1.2_2021 (CloudFront's names). */
export const MODERN_VIEWER_TLS = ['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];

type Block = Record<string, unknown>;
const blocks = (value: unknown): Block[] => asList<Block>(value as Block | readonly Block[] | undefined);
const nonEmpty = (value: unknown) => typeof value === 'string' && value !== '';

/**
 * Viewers reach every aws_cloudfront_distribution over HTTPS only: the default and every ordered
 * cache behaviour redirect HTTP to HTTPS or refuse it, and a custom certificate (ACM or IAM) comes
 * with a viewer TLS policy of TLSv1.2_2021 or later. CloudFront's default certificate cannot be
 * given a TLS policy, so it is not checked. (File name: the rule's name in kebab case, "Cloud-Front",
 * as foundation-rules.test.ts derives it.)
 */
export const CloudFrontViewerHttps: PolicyRule = {
  name: 'CloudFrontViewerHttps',
  description: 'Every CloudFront cache behaviour redirects to HTTPS or is HTTPS-only, and a custom certificate uses TLSv1.2_2021 or later',
  evaluate(resources) {
    const out: PolicyViolation[] = [];
    for (const d of resources.filter((r) => r.type === 'aws_cloudfront_distribution')) {
      const behaviours = [
        ...blocks(d.attributes.default_cache_behavior).map((b) => ['default_cache_behavior', b] as const),
        ...blocks(d.attributes.ordered_cache_behavior).map((b) => [`ordered_cache_behavior ${JSON.stringify(b.path_pattern)}`, b] as const),
      ];
      for (const [label, behaviour] of behaviours) {
        const policy = behaviour.viewer_protocol_policy;
        if (!HTTPS_POLICIES.includes(String(policy))) {
          out.push(violation(this, d, `${label} has viewer_protocol_policy ${JSON.stringify(policy)}; expected "redirect-to-https" or "https-only"`));
        }
      }
      for (const cert of blocks(d.attributes.viewer_certificate)) {
        if (!nonEmpty(cert.acm_certificate_arn) && !nonEmpty(cert.iam_certificate_id)) continue;
        const version = cert.minimum_protocol_version;
        if (!MODERN_VIEWER_TLS.includes(String(version))) {
          out.push(violation(this, d, `viewer_certificate uses a custom certificate with minimum_protocol_version ${JSON.stringify(version)}; expected one of ${MODERN_VIEWER_TLS.join(', ')}`));
        }
      }
    }
    return out;
  },
};
