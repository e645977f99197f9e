import { ConfigProblem } from '../errors';
import { isKnownRegion } from '../../aws/regions';
import { didYouMean } from '../suggest';
import { DEFAULT_GEOLOCATION_RECORD_NAME, DEFAULT_RECORD_NAME, DEFAULT_STATIC_RECORD_NAME } from './dns-schema';

type Raw = Record<string, unknown>;

const asObject = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const has = (object: Raw, key: string) => Object.prototype.hasOwnProperty.call(object, key);
const hintOf = (value: unknown, names: readonly string[]): string => {
  const hint = didYouMean(value, names);
  return hint ? `${hint} ` : '';
};

/**
 * Checks across the Route 53, Global Accelerator and ARC keys of `edge` and `regions`, read from the
 * raw input beside the schema's problems (values the schema refuses are skipped here):
 * - `hostedZoneId`, the record names and geolocation need `domainName`: they would name records in
 *   a zone that does not exist, and silently do nothing;
 * - the latency, static and geolocation names are distinct: Route 53 refuses records of one name and
 *   type with different routing policies, and the static alias would shadow the application;
 * - every geolocation target, the default Region and every traffic dial key is a listed Region.
 */
export function trafficCrossChecks(input: unknown): ConfigProblem[] {
  const root = asObject(input);
  const edge = asObject(root.edge);
  const listed = Array.isArray(root.regions)
    ? [...new Set(root.regions.map((r) => asObject(r).name).filter((n): n is string => typeof n === 'string' && isKnownRegion(n)))]
    : [];
  const problems: ConfigProblem[] = [];
  const geolocation = asObject(edge.geolocation);
  const domain = typeof edge.domainName === 'string' ? edge.domainName : undefined;

  if (domain === undefined) {
    const needsDomain: Array<[string[], unknown, string]> = [
      [['hostedZoneId'], edge.hostedZoneId, 'an existing zone is used for the records of edge.domainName'],
      [['recordName'], edge.recordName, 'the latency records are named below edge.domainName'],
      [['staticRecordName'], edge.staticRecordName, 'the CloudFront alias is named below edge.domainName'],
    ];
    for (const [path, value, why] of needsDomain) {
      if (has(edge, path[0])) problems.push({ path: ['edge', ...path], received: value, message: `needs edge.domainName (${why}); expected edge.domainName beside it, or no ${path[0]}` });
    }
    if (geolocation.enable === true) {
      problems.push({
        path: ['edge', 'geolocation', 'enable'],
        received: true,
        message: 'geolocation records live in the hosted zone of edge.domainName; expected edge.domainName beside it, or false',
      });
    }
  }

  const names: Array<[string[], unknown]> = [
    [['recordName'], has(edge, 'recordName') ? edge.recordName : DEFAULT_RECORD_NAME],
    [['staticRecordName'], has(edge, 'staticRecordName') ? edge.staticRecordName : DEFAULT_STATIC_RECORD_NAME],
  ];
  if (geolocation.enable === true) names.push([['geolocation', 'recordName'], has(geolocation, 'recordName') ? geolocation.recordName : DEFAULT_GEOLOCATION_RECORD_NAME]);
  const seen = new Map<string, string>();
  for (const [path, value] of names) {
    if (typeof value !== 'string') continue;
    const other = seen.get(value);
    if (other !== undefined && domain !== undefined) {
      const why = path[0] === 'geolocation' || other.includes('geolocation')
        ? 'Route 53 refuses records of one name and type with different routing policies (latency and geolocation)'
        : 'one name cannot alias both the load balancers and the CloudFront distribution';
      problems.push({ path: ['edge', ...path], received: value, message: `the same name as ${other}: ${why}; expected a name different from ${JSON.stringify(value)}` });
    }
    if (other === undefined) seen.set(value, `edge.${path.join('.')}`);
  }

  if (listed.length === 0) return problems;
  const notListed = (path: Array<string | number>, value: unknown, what: string) => {
    if (typeof value !== 'string' || !isKnownRegion(value) || listed.includes(value)) return;
    problems.push({ path, received: value, message: `not a listed Region; ${hintOf(value, listed)}expected a Region of regions (${listed.join(', ')}): ${what}` });
  };
  for (const [code, target] of Object.entries(asObject(geolocation.continents))) {
    notListed(['edge', 'geolocation', 'continents', code], target, 'geolocation records alias a Region\'s load balancer');
  }
  for (const [code, target] of Object.entries(asObject(geolocation.countries))) {
    notListed(['edge', 'geolocation', 'countries', code], target, 'geolocation records alias a Region\'s load balancer');
  }
  notListed(['edge', 'geolocation', 'defaultRegion'], geolocation.defaultRegion, 'the default record aliases a Region\'s load balancer');
  for (const region of Object.keys(asObject(asObject(edge.globalAccelerator).trafficDial))) {
    notListed(['edge', 'globalAccelerator', 'trafficDial', region], region, 'the accelerator has an endpoint group in each listed Region only');
  }
  return problems;
}
