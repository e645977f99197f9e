import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { recordFqdn } from '../../aws/dns-names';
import { isContinentCode, isCountryCode } from '../../aws/geolocation';
import { RegionalEntryPoint, checkEntryPoints } from './regional-entry-points';
import { checkHealthChecksFor, checkRecordName } from './latency-records';

export interface GeolocationRecordsProps {
  /** Any provider: Route 53 is global. */
  readonly provider?: TerraformProvider;
  readonly zoneId: string;
  readonly domainName: string;
  /**
   * `edge.geolocation.recordName`. Not the latency records' name: Route 53 refuses records of one
   * name and type with different routing policies.
   */
  readonly recordName: string;
  readonly entryPoints: readonly RegionalEntryPoint[];
  readonly healthCheckIds: Readonly<Record<string, string>>;
  /** Continent code -> Region. */
  readonly continents: Readonly<Record<string, string>>;
  /** ISO 3166-1 alpha-2 country code -> Region. */
  readonly countries: Readonly<Record<string, string>>;
  /** Region of the default ("*") record. */
  readonly defaultRegion: string;
  /** AAAA records too (dualstack load balancers). @default false */
  readonly ipv6?: boolean;
}

interface Location {
  readonly id: string;
  readonly region: string;
  readonly policy: { continent?: string; country?: string };
}

/**
 * Geolocation alias records under their own name: one per mapped continent and country, plus the
 * default ("*") record so that no location is left without an answer. Each aliases the mapped
 * Region's load balancer with evaluate_target_health and that Region's health check: when it is
 * unhealthy, Route 53 falls back from the country to its continent, then to the default record.
 */
export class GeolocationRecords extends Construct {
  readonly records: Route53Record[];
  readonly fqdn: string;

  constructor(scope: Construct, id: string, props: GeolocationRecordsProps) {
    super(scope, id);
    const owner = `GeolocationRecords ${id}`;
    checkEntryPoints(owner, props.entryPoints);
    checkRecordName(owner, 'recordName', props.recordName);
    checkHealthChecksFor(owner, props.entryPoints, props.healthCheckIds);
    const byRegion = new Map(props.entryPoints.map((e) => [e.region, e]));
    const target = (prop: string, region: string) => {
      const entry = byRegion.get(region);
      if (!entry) throw new Error(`${owner} ${prop}: received ${JSON.stringify(region)}; expected a Region with an entry point (${[...byRegion.keys()].join(', ')})`);
      return entry;
    };
    const locations: Location[] = [
      ...Object.entries(props.continents).map(([code, region]) => {
        if (!isContinentCode(code)) throw new Error(`${owner} continents: received ${JSON.stringify(code)}; expected one of AF, AN, AS, EU, NA, OC, SA`);
        target(`continents.${code}`, region);
        return { id: `continent_${code.toLowerCase()}`, region, policy: { continent: code } };
      }),
      ...Object.entries(props.countries).map(([code, region]) => {
        if (!isCountryCode(code)) throw new Error(`${owner} countries: received ${JSON.stringify(code)}; expected an upper-case ISO 3166-1 alpha-2 country code such as "DE"`);
        target(`countries.${code}`, region);
        return { id: `country_${code.toLowerCase()}`, region, policy: { country: code } };
      }),
      { id: 'default', region: target('defaultRegion', props.defaultRegion).region, policy: { country: '*' } },
    ];
    this.fqdn = recordFqdn(props.domainName, props.recordName);
    const types = props.ipv6 ? ['A', 'AAAA'] : ['A'];
    this.records = locations.flatMap((location) =>
      types.map((type) => {
        const entry = byRegion.get(location.region)!;
        return new Route53Record(this, `${type.toLowerCase()}_${location.id}`, {
          provider: props.provider,
          zoneId: props.zoneId,
          name: this.fqdn,
          type,
          // The location only, not the Region: set_identifier forces a new record, and a new mapping
          // of a location should update its record in place, not delete and re-create it.
          setIdentifier: location.id.replace('_', '-'),
          geolocationRoutingPolicy: location.policy,
          healthCheckId: props.healthCheckIds[entry.region],
          alias: { name: entry.loadBalancerDnsName, zoneId: entry.loadBalancerZoneId, evaluateTargetHealth: true },
        });
      }),
    );
  }
}
