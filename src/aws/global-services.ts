/**
 * Global services whose control plane (or whose resources' required Region) is fixed, whatever
 * Regions the foundation runs in. A stack that manages them needs a provider in that Region.
 */
export const GLOBAL_SERVICE_REGIONS = {
  /** CloudFront distributions, and the WAF web ACLs attached to them. */
  cloudfront: 'us-east-1',
  /** ACM certificates that a CloudFront distribution uses must be issued in us-east-1. */
  'cloudfront-certificates': 'us-east-1',
  /** The Global Accelerator API is served from us-west-2 only. */
  'global-accelerator': 'us-west-2',
  /** Route 53 Application Recovery Controller control-plane APIs (clusters, routing controls). */
  'route53-recovery-control': 'us-west-2',
} as const;

export type GlobalService = keyof typeof GLOBAL_SERVICE_REGIONS;
