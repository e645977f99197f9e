import { trafficCrossChecks } from '../../../src/config/edge/traffic-cross-checks';
import { formatProblem } from '../../../src/config/errors';

const regions = (...names: string[]) => names.map((name, i) => ({ name, vpcCidr: `10.${10 + i}.0.0/16` }));
const config = (edge: unknown, names = ['us-east-1', 'eu-west-1']) => ({ primaryRegion: names[0], regions: regions(...names), edge });
const printed = (edge: unknown, names?: string[]) => trafficCrossChecks(config(edge, names)).map(formatProblem);

describe('trafficCrossChecks', () => {
  test('the default config, a domain, and a domain with geolocation, GA and ARC: no problem', () => {
    expect(printed(undefined)).toEqual([]);
    expect(printed({})).toEqual([]);
    expect(printed({ domainName: 'example.com', hostedZoneId: 'Z123', recordName: 'www' })).toEqual([]);
    expect(
      printed({
        domainName: 'example.com',
        geolocation: { enable: true, continents: { EU: 'eu-west-1' }, countries: { US: 'us-east-1' }, defaultRegion: 'us-east-1' },
        globalAccelerator: { enable: true, trafficDial: { 'eu-west-1': 50 } },
        recoveryControl: { enable: true },
      }),
    ).toEqual([]);
  });

  test('keys that name records need the domain', () => {
    expect(printed({ hostedZoneId: 'Z123', recordName: 'www', geolocation: { enable: true } })).toEqual([
      'edge.hostedZoneId: received "Z123"; needs edge.domainName (an existing zone is used for the records of edge.domainName); expected edge.domainName beside it, or no hostedZoneId',
      'edge.recordName: received "www"; needs edge.domainName (the latency records are named below edge.domainName); expected edge.domainName beside it, or no recordName',
      'edge.geolocation.enable: received true; geolocation records live in the hosted zone of edge.domainName; expected edge.domainName beside it, or false',
    ]);
  });

  test('latency and geolocation cannot share a name; neither can the application and the static alias', () => {
    expect(printed({ domainName: 'example.com', recordName: 'www', geolocation: { enable: true, recordName: 'www' } })).toEqual([
      'edge.geolocation.recordName: received "www"; the same name as edge.recordName: Route 53 refuses records of one name and type with different routing policies (latency and geolocation); expected a name different from "www"',
    ]);
    expect(printed({ domainName: 'example.com', staticRecordName: 'app' })).toEqual([
      'edge.staticRecordName: received "app"; the same name as edge.recordName: one name cannot alias both the load balancers and the CloudFront distribution; expected a name different from "app"',
    ]);
    // Geolocation off: its (default) name is not in use.
    expect(printed({ domainName: 'example.com', recordName: 'geo' })).toEqual([]);
  });

  test('geolocation targets, the default Region and traffic dials name listed Regions', () => {
    expect(
      printed({
        domainName: 'example.com',
        geolocation: { enable: true, continents: { EU: 'eu-west-2' }, countries: { JP: 'ap-northeast-1' }, defaultRegion: 'us-west-2' },
        globalAccelerator: { trafficDial: { 'eu-west-2': 0 } },
      }),
    ).toEqual([
      'edge.geolocation.continents.EU: received "eu-west-2"; not a listed Region; did you mean "eu-west-1"? expected a Region of regions (us-east-1, eu-west-1): geolocation records alias a Region\'s load balancer',
      'edge.geolocation.countries.JP: received "ap-northeast-1"; not a listed Region; expected a Region of regions (us-east-1, eu-west-1): geolocation records alias a Region\'s load balancer',
      'edge.geolocation.defaultRegion: received "us-west-2"; not a listed Region; expected a Region of regions (us-east-1, eu-west-1): the default record aliases a Region\'s load balancer',
      'edge.globalAccelerator.trafficDial.eu-west-2: received "eu-west-2"; not a listed Region; did you mean "eu-west-1"? expected a Region of regions (us-east-1, eu-west-1): the accelerator has an endpoint group in each listed Region only',
    ]);
  });

  test('what the schema reports (unknown Regions, wrong types) is left to it', () => {
    expect(printed({ domainName: 'example.com', geolocation: { enable: true, continents: { EU: 'eu-west-l', AS: 7 } }, globalAccelerator: { trafficDial: 'x' } })).toEqual([]);
    expect(printed({ domainName: 'example.com', geolocation: { continents: { EU: 'sa-east-1' } } }, [])).toEqual([]);
  });
});
