import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { recordFqdn, recordNameProblem } from '../../aws/dns-names';
import { RegionalEntryPoint, checkEntryPoints, regionId } from './regional-entry-points';

export interface LatencyRecordsProps {
  /** Any provider: Route 53 is global. */
  readonly provider?: TerraformProvider;
  readonly zoneId: string;
  readonly domainName: string;
  /** `edge.recordName` ("@" = the domain itself). */
  readonly recordName: string;
  readonly entryPoints: readonly RegionalEntryPoint[];
  /**
   * The health check each Region's record carries, by Region: the endpoint check, or with ARC the
   * CALCULATED check that needs both the endpoint and the routing control (RecoveryControl).
   */
  readonly healthCheckIds: Readonly<Record<string, string>>;
  /**
   * The load balancers are dualstack: AAAA records too, beside the A records. An AAAA alias to an
   * IPv4-only load balancer answers nothing, so this follows the load balancer's ip_address_type.
   * @default false
   */
  readonly ipv6?: boolean;
}

/** Checks that every entry point has a health check: a record without one stays in DNS when only ARC or the check says the Region is down. */
export function checkHealthChecksFor(owner: string, entryPoints: readonly RegionalEntryPoint[], healthCheckIds: Readonly<Record<string, string>>): void {
  const regions = entryPoints.map((e) => e.region);
  const missing = regions.filter((r) => healthCheckIds[r] === undefined);
  const extra = Object.keys(healthCheckIds).filter((r) => !regions.includes(r));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`${owner} healthCheckIds: received Regions ${JSON.stringify(Object.keys(healthCheckIds))}; expected exactly the entry points' Regions ${JSON.stringify(regions)}`);
  }
}

export function checkRecordName(owner: string, prop: string, value: string): void {
  const problem = recordNameProblem(value);
  if (problem) throw new Error(`${owner} ${prop}: received ${JSON.stringify(value)}; ${problem}`);
}

/**
 * The application's name with latency routing: per Region one alias record (A, and AAAA when
 * dualstack) with set_identifier = the Region, aliasing that Region's load balancer with
 * evaluate_target_health, and carrying that Region's health check. Route 53 answers with the
 * lowest-latency Region whose record is healthy on both counts.
 */
export class LatencyRecords extends Construct {
  /** Records by Region (the A record, and the AAAA record when dualstack). */
  readonly records: Record<string, Route53Record[]>;
  /** The application's full name. */
  readonly fqdn: string;

  constructor(scope: Construct, id: string, props: LatencyRecordsProps) {
    super(scope, id);
    const owner = `LatencyRecords ${id}`;
    checkEntryPoints(owner, props.entryPoints);
    checkRecordName(owner, 'recordName', props.recordName);
    checkHealthChecksFor(owner, props.entryPoints, props.healthCheckIds);
    this.fqdn = recordFqdn(props.domainName, props.recordName);
    const types = props.ipv6 ? ['A', 'AAAA'] : ['A'];
    this.records = {};
    for (const entry of props.entryPoints) {
      this.records[entry.region] = types.map(
        (type) =>
          new Route53Record(this, `${type.toLowerCase()}_${regionId(entry.region)}`, {
            provider: props.provider,
            zoneId: props.zoneId,
            name: this.fqdn,
            type,
            setIdentifier: entry.region,
            latencyRoutingPolicy: { region: entry.region },
            healthCheckId: props.healthCheckIds[entry.region],
            alias: { name: entry.loadBalancerDnsName, zoneId: entry.loadBalancerZoneId, evaluateTargetHealth: true },
          }),
      );
    }
    if (!Token.isUnresolved(this.fqdn) && this.fqdn.length > 253) throw new Error(`${owner}: ${this.fqdn} is longer than the 253 characters DNS allows`);
  }
}
