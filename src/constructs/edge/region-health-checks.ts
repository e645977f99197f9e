import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { RegionalEntryPoint, checkEntryPoints, regionId } from './regional-entry-points';

/** The path the regional entry point answers before any application is attached. */
export const HEALTH_PATH = '/health';

export interface RegionHealthChecksProps {
  /** Any provider: Route 53 is global. */
  readonly provider?: TerraformProvider;
  /** Name prefix of the checks' Name tags. */
  readonly project: string;
  /** One per configured Region. */
  readonly entryPoints: readonly RegionalEntryPoint[];
  /**
   * The load balancers listen on HTTPS (a domain and certificates exist). Then the check uses HTTPS
   * on 443: on plain HTTP the listener answers a redirect, which Route 53 counts as healthy (any
   * 2xx or 3xx) without ever reaching `/health`. @default false
   */
  readonly https?: boolean;
  /** Consecutive failures before unhealthy (1-10). @default 3 */
  readonly failureThreshold?: number;
  /** Seconds between checks of each checker: 10 or 30. @default 30 */
  readonly requestIntervalSeconds?: number;
}

/**
 * One Route 53 health check per Region on its load balancer's `/health`, by the load balancer's
 * own DNS name, so the checks deploy with or without a domain. Latency is not measured (it adds
 * cost and CloudWatch metrics nobody reads). With HTTPS the checker sends SNI with the load
 * balancer's name; the listener then presents its default certificate, which Route 53 does not
 * validate.
 */
export class RegionHealthChecks extends Construct {
  /** Health check by Region. */
  readonly checks: Record<string, Route53HealthCheck>;
  /** Health check id by Region. */
  readonly healthCheckIds: Record<string, string>;

  constructor(scope: Construct, id: string, props: RegionHealthChecksProps) {
    super(scope, id);
    const owner = `RegionHealthChecks ${id}`;
    checkEntryPoints(owner, props.entryPoints);
    const failureThreshold = props.failureThreshold ?? 3;
    if (!Number.isInteger(failureThreshold) || failureThreshold < 1 || failureThreshold > 10) {
      throw new Error(`${owner} failureThreshold: received ${failureThreshold}; expected an integer from 1 to 10`);
    }
    const requestInterval = props.requestIntervalSeconds ?? 30;
    if (requestInterval !== 10 && requestInterval !== 30) {
      throw new Error(`${owner} requestIntervalSeconds: received ${requestInterval}; expected 10 or 30 (the intervals Route 53 offers)`);
    }
    const https = props.https ?? false;
    this.checks = {};
    this.healthCheckIds = {};
    for (const entry of props.entryPoints) {
      const check = new Route53HealthCheck(this, `health_check_${regionId(entry.region)}`, {
        provider: props.provider,
        type: https ? 'HTTPS' : 'HTTP',
        fqdn: entry.loadBalancerDnsName,
        port: https ? 443 : 80,
        resourcePath: HEALTH_PATH,
        enableSni: https ? true : undefined,
        failureThreshold,
        requestInterval,
        measureLatency: false,
        tags: { Name: `${props.project}-${entry.region}-entry-point` },
      });
      this.checks[entry.region] = check;
      this.healthCheckIds[entry.region] = check.id;
    }
  }
}
