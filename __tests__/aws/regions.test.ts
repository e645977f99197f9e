import {
  REGION_FACTS,
  REGION_NAMES,
  REGION_NAME_PATTERN,
  FIRST_PRIVATE_ASN,
  availabilityZoneCount,
  defaultTransitGatewayAsn,
  isKnownRegion,
  isPrivateAsn,
} from '../../src/aws/regions';
import { MAX_AZ_COUNT } from '../../src/config/subnet-plan';

/**
 * The Region table as first released. A Region's position is its default Transit Gateway ASN, so
 * the table may only grow at the end: reordering or removing would renumber deployed gateways.
 */
const RELEASED_ORDER = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1',
  'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1',
  'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1',
];

describe('Region table', () => {
  test('only grows at the end', () => {
    expect(REGION_NAMES.slice(0, RELEASED_ORDER.length)).toEqual(RELEASED_ORDER);
  });

  test('lists each Region once, every name well formed', () => {
    expect(new Set(REGION_NAMES).size).toBe(REGION_NAMES.length);
    for (const name of REGION_NAMES) expect(name).toMatch(REGION_NAME_PATTERN);
  });

  test('holds the Regions of the default config', () => {
    for (const name of ['us-east-1', 'us-west-2', 'eu-west-1']) expect(isKnownRegion(name)).toBe(true);
  });

  test('has no opt-out partitions (GovCloud, China, ISO)', () => {
    for (const name of REGION_NAMES) expect(name).not.toMatch(/^(us-gov|cn|us-iso)/);
  });

  test('every Region offers a multi-AZ VPC, within the subnet plan', () => {
    for (const { name, azs } of REGION_FACTS) {
      expect([name, azs >= 2 && azs <= MAX_AZ_COUNT]).toEqual([name, true]);
    }
  });
});

describe('isKnownRegion', () => {
  test.each(['us-east-1', 'eu-west-1', 'sa-east-1'])('%s is known', (name) => expect(isKnownRegion(name)).toBe(true));
  test.each(['us-east-7', 'US-EAST-1', 'us-east1', 'useast1', 'eu-west-1 ', '', 'us-gov-west-1'])('%p is not', (name) =>
    expect(isKnownRegion(name)).toBe(false),
  );
});

describe('availabilityZoneCount', () => {
  test.each([
    ['us-east-1', 6],
    ['us-west-1', 2],
    ['us-west-2', 4],
    ['eu-west-1', 3],
  ])('%s has %d', (name, count) => expect(availabilityZoneCount(name)).toBe(count));

  test('an unknown Region is an error that lists the allowed ones', () => {
    expect(() => availabilityZoneCount('mars-1')).toThrow(`Unknown Region "mars-1"; allowed: ${REGION_NAMES.join(', ')}`);
  });
});

describe('defaultTransitGatewayAsn', () => {
  test('is the first private ASN plus the position in the Region table', () => {
    expect(FIRST_PRIVATE_ASN).toBe(64512);
    expect(defaultTransitGatewayAsn('us-east-1')).toBe(64512);
    expect(defaultTransitGatewayAsn('us-west-2')).toBe(64515);
    expect(defaultTransitGatewayAsn('eu-west-1')).toBe(64533);
  });

  test('is distinct and private for every Region', () => {
    const asns = REGION_NAMES.map(defaultTransitGatewayAsn);
    expect(new Set(asns).size).toBe(asns.length);
    for (const asn of asns) expect(isPrivateAsn(asn)).toBe(true);
  });

  test('an unknown Region is an error that lists the allowed ones', () => {
    expect(() => defaultTransitGatewayAsn('xx-nowhere-1')).toThrow('Unknown Region "xx-nowhere-1"; allowed: us-east-1');
  });
});

describe('isPrivateAsn', () => {
  test.each([64512, 65000, 65534, 4200000000, 4294967294])('%d is private', (asn) => expect(isPrivateAsn(asn)).toBe(true));
  test.each([0, 16509, 64511, 65535, 65536, 4199999999, 4294967295])('%d is not', (asn) => expect(isPrivateAsn(asn)).toBe(false));
});
