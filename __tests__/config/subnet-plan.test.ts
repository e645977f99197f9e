import {
  cidrProblem,
  cidrsOverlap,
  planSubnets,
  prefixOf,
  MAX_AZ_COUNT,
  MAX_VPC_PREFIX,
  MIN_VPC_PREFIX,
} from '../../src/config/subnet-plan';

/** [first, last] address of a CIDR as integers, computed independently of the code under test. */
function range(cidr: string): [number, number] {
  const [ip, bits] = cidr.split('/');
  const start = ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  return [start, start + 2 ** (32 - Number(bits)) - 1];
}

const overlaps = (a: string, b: string) => range(a)[0] <= range(b)[1] && range(b)[0] <= range(a)[1];
const inside = (inner: string, outer: string) => range(outer)[0] <= range(inner)[0] && range(inner)[1] <= range(outer)[1];

describe.each([
  ['10.10.0.0/16', 20, 4096],
  ['10.20.0.0/20', 24, 256],
  ['192.168.7.0/24', 28, 16],
])('subnet plan of a %s VPC', (vpc, subnetPrefix, subnetSize) => {
  const plans = Array.from({ length: MAX_AZ_COUNT }, (_, i) => planSubnets(vpc, i + 1));
  const full = plans[MAX_AZ_COUNT - 1];
  const all = [...full.privateCidrs, ...full.publicCidrs];

  test(`cuts /${subnetPrefix} subnets of ${subnetSize} addresses`, () => {
    expect(full.subnetPrefix).toBe(subnetPrefix);
    for (const cidr of all) {
      expect(prefixOf(cidr)).toBe(subnetPrefix);
      expect(cidrProblem(cidr)).toBeUndefined();
      expect(range(cidr)[1] - range(cidr)[0] + 1).toBe(subnetSize);
    }
  });

  test('every subnet lies inside the VPC', () => {
    for (const cidr of all) expect(inside(cidr, vpc)).toBe(true);
  });

  test('no two subnets overlap, at any AZ count', () => {
    for (const plan of plans) {
      const cidrs = [...plan.privateCidrs, ...plan.publicCidrs];
      expect(new Set(cidrs).size).toBe(cidrs.length);
      cidrs.forEach((a, i) => cidrs.slice(i + 1).forEach((b) => expect([a, b, overlaps(a, b)]).toEqual([a, b, false])));
    }
  });

  test('one private and one public subnet per AZ', () => {
    plans.forEach((plan, i) => {
      expect(plan.privateCidrs).toHaveLength(i + 1);
      expect(plan.publicCidrs).toHaveLength(i + 1);
    });
  });

  test('is stable when azCount grows: existing subnets keep their CIDRs', () => {
    for (let n = 1; n < plans.length; n++) {
      expect(plans[n].privateCidrs.slice(0, n)).toEqual(plans[n - 1].privateCidrs);
      expect(plans[n].publicCidrs.slice(0, n)).toEqual(plans[n - 1].publicCidrs);
    }
  });

  test('private subnets fill the lower half of the VPC, public subnets the upper half', () => {
    const [start, end] = range(vpc);
    const middle = start + (end - start + 1) / 2;
    for (const cidr of full.privateCidrs) expect(range(cidr)[1]).toBeLessThan(middle);
    for (const cidr of full.publicCidrs) expect(range(cidr)[0]).toBeGreaterThanOrEqual(middle);
  });
});

test('the plan for a /16 is pinned: changing it would replace every subnet', () => {
  expect(planSubnets('10.10.0.0/16', 3)).toEqual({
    privateCidrs: ['10.10.0.0/20', '10.10.16.0/20', '10.10.32.0/20'],
    publicCidrs: ['10.10.128.0/20', '10.10.144.0/20', '10.10.160.0/20'],
    subnetPrefix: 20,
  });
});

test('VPC sizes allowed: /16 (the AWS maximum) to /24 (the smallest that fits 16 slots of /28)', () => {
  expect([MIN_VPC_PREFIX, MAX_VPC_PREFIX]).toEqual([16, 24]);
});

describe('planSubnets rejects input the schema should have stopped', () => {
  test.each([
    ['10.10.0.0/25', 2, 'prefix must be /16 to /24'],
    ['10.0.0.0/15', 2, 'prefix must be /16 to /24'],
    ['10.10.1.0/16', 2, 'host bits are set'],
    ['nonsense', 2, 'expected IPv4 CIDR notation'],
    ['10.10.0.0/16', 0, 'azCount 0: must be an integer from 1 to 6'],
    ['10.10.0.0/16', 7, 'azCount 7: must be an integer from 1 to 6'],
    ['10.10.0.0/16', 1.5, 'azCount 1.5'],
  ])('%s with %p AZs', (cidr, azCount, message) => {
    expect(() => planSubnets(cidr, azCount)).toThrow(message);
  });
});

describe('cidrProblem', () => {
  test.each(['10.0.0.0/16', '172.31.0.0/16', '192.168.0.0/24', '0.0.0.0/0', '10.0.0.1/32', '100.64.0.0/10'])('accepts %s', (cidr) => {
    expect(cidrProblem(cidr)).toBeUndefined();
  });

  test.each([
    '10.0.0.0',
    '10.0.0.0/',
    '10.0.0/16',
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '10.0.0.0/016',
    '010.0.0.0/16',
    '256.0.0.0/16',
    ' 10.0.0.0/16',
    '10.0.0.0/16 ',
    '10.0.0.0/16/16',
    '::/0',
    'fd00::/8',
    '',
  ])('rejects the notation %p', (cidr) => {
    expect(cidrProblem(cidr)).toBe('expected IPv4 CIDR notation such as 10.10.0.0/16');
  });

  test.each([
    ['10.10.0.1/16', '10.10.0.0/16'],
    ['10.10.200.0/17', '10.10.128.0/17'],
    ['192.168.1.130/25', '192.168.1.128/25'],
  ])('rejects host bits in %s and names the network address %s', (cidr, network) => {
    expect(cidrProblem(cidr)).toBe(`host bits are set; expected a network address such as ${network}`);
  });
});

describe('cidrsOverlap', () => {
  test.each([
    ['10.0.0.0/16', '10.0.0.0/16', true],
    ['10.0.0.0/8', '10.200.0.0/16', true],
    ['10.200.0.0/16', '10.0.0.0/8', true],
    ['10.0.0.0/16', '10.1.0.0/16', false],
    ['10.0.255.0/24', '10.1.0.0/24', false],
  ])('%s and %s: %p', (a, b, expected) => {
    expect(cidrsOverlap(a, b)).toBe(expected);
    expect(overlaps(a, b)).toBe(expected);
  });
});
