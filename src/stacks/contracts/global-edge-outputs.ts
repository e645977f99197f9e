import { StackContract } from './contract';

const EDGE_ON = 'edge.enable';
const DOMAIN = 'edge.enable and edge.domainName';

/** Outputs of the global-edge stack. */
export const GLOBAL_EDGE_OUTPUTS = {
  static_bucket_names: {
    type: 'map',
    description: 'Static content bucket per Region (the primary, and the failover Region it replicates to): upload to the primary only',
    readBy: ['applications'],
    when: EDGE_ON,
  },
  cloudfront_distribution_id: { type: 'string', description: 'CloudFront distribution of the static content (invalidations)', readBy: ['applications'], when: EDGE_ON },
  cloudfront_domain_name: { type: 'string', description: 'The distribution\'s *.cloudfront.net name', readBy: ['applications'], when: EDGE_ON },
  health_check_ids: { type: 'map', description: 'Route 53 health check per Region on its load balancer\'s /health', readBy: ['operators'], when: EDGE_ON },
  application_fqdn: { type: 'string', description: 'Name users reach: latency records, one per Region', readBy: ['applications'], when: DOMAIN },
  static_fqdn: {
    type: 'string',
    description: 'Alias of the CloudFront distribution, served with the configured certificate',
    readBy: ['applications'],
    when: 'edge.enable and edge.domainName and edge.cloudfront.certificateArn',
  },
  global_accelerator_dns_name: {
    type: 'string',
    description: 'DNS name of the accelerator (its two static anycast IPv4 addresses in global_accelerator_ips)',
    readBy: ['applications'],
    when: 'edge.globalAccelerator.enable',
  },
  global_accelerator_ips: { type: 'list', description: 'Static anycast IPv4 addresses of the accelerator', readBy: ['applications'], when: 'edge.globalAccelerator.enable' },
  arc_cluster_endpoints: {
    type: 'map',
    description: 'Route 53 ARC cluster endpoint per Region: flip routing controls through these (scripts/arc/routing-control.ts)',
    readBy: ['operators'],
    when: 'edge.recoveryControl.enable',
  },
  arc_routing_control_arns: { type: 'map', description: 'Routing control per Region (On = the Region takes traffic)', readBy: ['operators'], when: 'edge.recoveryControl.enable' },
} as const satisfies StackContract;
