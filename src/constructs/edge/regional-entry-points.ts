import { Token } from 'cdktf';
import { isKnownRegion } from '../../aws/regions';

/**
 * What the global-edge stack knows of one Region's load balancer (from that region stack's remote
 * state): the entry point the traffic constructs route to.
 */
export interface RegionalEntryPoint {
  /** The Region, which is also the latency record's Region and set identifier. */
  readonly region: string;
  readonly loadBalancerArn: string;
  readonly loadBalancerDnsName: string;
  /** The load balancer's canonical hosted zone id (the alias target's zone). */
  readonly loadBalancerZoneId: string;
}

/** Checks a list of entry points: at least one, known Regions, each Region once, ARNs in their Region when known at synth. */
export function checkEntryPoints(owner: string, entryPoints: readonly RegionalEntryPoint[]): void {
  if (entryPoints.length === 0) throw new Error(`${owner} entryPoints: received []; expected one entry point per configured Region`);
  const seen = new Set<string>();
  for (const [i, e] of entryPoints.entries()) {
    if (!isKnownRegion(e.region)) throw new Error(`${owner} entryPoints[${i}].region: received ${JSON.stringify(e.region)}; expected an AWS Region name such as "eu-west-1"`);
    if (seen.has(e.region)) throw new Error(`${owner} entryPoints[${i}].region: received ${JSON.stringify(e.region)} twice; expected each Region once`);
    seen.add(e.region);
    if (!Token.isUnresolved(e.loadBalancerArn) && !new RegExp(`^arn:[a-z-]+:elasticloadbalancing:${e.region}:\\d{12}:loadbalancer/app/`).test(e.loadBalancerArn)) {
      throw new Error(`${owner} entryPoints[${i}].loadBalancerArn: received ${JSON.stringify(e.loadBalancerArn)}; expected the ARN of an Application Load Balancer in ${e.region}`);
    }
  }
}

/** Construct id part of a Region: "eu-west-1" -> "eu_west_1". */
export const regionId = (region: string) => region.replace(/-/g, '_');
