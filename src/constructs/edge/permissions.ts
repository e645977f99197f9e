import { DomainPermissions } from '../../aws/deploy-permissions';
import { entryPointGrants } from './entry-point-permissions';
import { cdnGrants } from './cdn-permissions';
import { trafficGrants } from './traffic-permissions';

// Two policies: together the edge statements exceed a managed policy's 6,144 characters (entry
// points ~3.0k, CDN ~2.5k, Route 53 + GA + ARC up to ~3.0k at the longest partition).

/** What delivers to users in every Region and at the edge: load balancers, certificates, CloudFront, static content. */
export const EDGE_DELIVERY_PERMISSIONS: DomainPermissions = {
  domain: 'edge-delivery',
  description: 'Load balancers and their certificates in every Region, CloudFront with origin failover and the static content replication',
  grants: (context) => [...entryPointGrants(context), ...cdnGrants(context)],
};

/** Where users are sent: Route 53 zone, records and health checks, Global Accelerator, ARC. */
export const EDGE_TRAFFIC_PERMISSIONS: DomainPermissions = {
  domain: 'edge-traffic',
  description: 'Route 53 zone, latency and geolocation records and health checks, Global Accelerator, Route 53 ARC',
  grants: (context) => trafficGrants(context),
};
