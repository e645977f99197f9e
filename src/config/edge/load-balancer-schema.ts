import { z } from 'zod';

const integer = (min: number, max: number) => {
  const rule = `expected an integer from ${min} to ${max}`;
  return z.number({ error: rule }).int({ error: rule }).min(min, { error: rule }).max(max, { error: rule });
};

/** What `routing.http.desync_mitigation_mode` may be here: "monitor" lets every ambiguous request through, so it is not offered. */
export const DESYNC_MITIGATION_MODES = ['defensive', 'strictest'] as const;

/** Seconds an idle connection stays open: what Elastic Load Balancing accepts for `idle_timeout`. */
export const MAX_IDLE_TIMEOUT_SECONDS = 4000;

/**
 * `edge.loadBalancer`: the Application Load Balancer that is every Region's entry point (issue 10
 * item 1), its access logs and its protection settings. Applies to every Region alike.
 */
export const loadBalancerSchema = z
  .strictObject({
    /**
     * Elastic Load Balancing refuses to delete the load balancer while this is on, so `cdktf
     * destroy` of a Region stack fails until it is turned off and deployed. Off by default: the
     * load balancer holds no data (its logs are in a bucket that is protected on its own, and
     * Route 53 follows a recreated load balancer's new DNS name), and the default config must
     * deploy and destroy cleanly. Turn it on for a production deployment. @default false
     */
    deletionProtection: z.boolean({ error: 'expected true or false' }).default(false),
    /**
     * Seconds a connection may stay idle before the load balancer closes it, from 1 to 4000;
     * application targets should keep their own keep-alive longer than this. @default 60
     */
    idleTimeoutSeconds: integer(1, MAX_IDLE_TIMEOUT_SECONDS).default(60),
    /**
     * How the load balancer treats requests that may be used for HTTP desync (request smuggling):
     * "defensive" (AWS's default) blocks the severe ones and mitigates the ambiguous ones;
     * "strictest" also blocks every request that is not RFC 7230-compliant, which can break old
     * clients. @default "defensive"
     */
    desyncMitigationMode: z
      .enum(DESYNC_MITIGATION_MODES, { error: `expected one of ${DESYNC_MITIGATION_MODES.map((m) => `"${m}"`).join(', ')}` })
      .default('defensive'),
    accessLogs: z
      .strictObject({
        /**
         * Days each access log object is kept in the Region's log bucket; a deleted or expired
         * version stays recoverable 30 more days. @default 90
         */
        expireAfterDays: integer(1, 3650).default(90),
      })
      .prefault({}),
  })
  .prefault({});

export type LoadBalancerConfig = z.infer<typeof loadBalancerSchema>;
