import { z } from 'zod';
import { loadBalancerSchema } from './load-balancer-schema';
import { cloudfrontSchema, failoverRegionSchema } from './cloudfront-schema';
import { dnsFields } from './dns-schema';
import { globalAcceleratorSchema } from './global-accelerator-schema';
import { recoveryControlSchema } from './recovery-control-schema';

/**
 * The edge layer (issue 10): every Region's entry point and the static content behind CloudFront
 * with origin failover, Route 53 latency records and health checks, optionally Global Accelerator
 * and ARC. On by default, so the minimal config yields the whole layer; it needs no domain.
 */
export const edgeSchema = z
  .strictObject({
    /** Entry points, static content buckets, CloudFront. @default true */
    enable: z.boolean({ error: 'expected true or false' }).default(true),
    /**
     * Region of the static content's failover bucket and CloudFront's second origin: a listed Region
     * other than the primary. @default the first listed Region after the primary (none with one Region)
     */
    failoverRegion: failoverRegionSchema,
    /** The Application Load Balancer of every Region. */
    loadBalancer: loadBalancerSchema,
    /** The static content distribution and its buckets. */
    cloudfront: cloudfrontSchema,
    ...dnsFields,
    /** AWS Global Accelerator in front of every Region's load balancer. */
    globalAccelerator: globalAcceleratorSchema,
    /** Route 53 Application Recovery Controller: a routing control per Region. */
    recoveryControl: recoveryControlSchema,
  })
  .prefault({});

export type EdgeConfig = z.output<typeof edgeSchema>;
