import { IPv4, IPv4CidrRange, IPv4Prefix, Validator } from 'ip-num';

/**
 * The VPC is cut into 16 equal slots so that subnet sizes follow the VPC size (a /16 gives /20
 * subnets, a /20 gives /24). Private subnet of AZ i takes slot i, public subnet slot 8 + i: adding
 * an AZ never renumbers an existing subnet, and slots 6-7 and 14-15 stay free for later tiers.
 */
export const SUBNET_SLOT_BITS = 4;
export const PUBLIC_SLOT_OFFSET = 8;
export const MAX_AZ_COUNT = 6;
/** AWS allows VPC prefixes /16 to /28; subnets must stay at /28 or larger. */
export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 28 - SUBNET_SLOT_BITS;

export interface SubnetPlan {
  readonly privateCidrs: readonly string[];
  readonly publicCidrs: readonly string[];
  readonly subnetPrefix: number;
}

/** Why a CIDR string is not an aligned IPv4 network, or undefined if it is one. */
export function cidrProblem(cidr: string): string | undefined {
  const [shapeOk] = Validator.isValidIPv4CidrNotation(cidr);
  // ip-num accepts a zero-padded prefix ("10.0.0.0/016"), which AWS rejects.
  if (!shapeOk || !/\/(0|[1-9]\d?)$/.test(cidr)) return 'expected IPv4 CIDR notation such as 10.10.0.0/16';
  const [alignedOk] = Validator.isValidIPv4CidrRange(cidr);
  if (!alignedOk) {
    return `host bits are set; expected a network address such as ${networkOf(cidr)}`;
  }
  return undefined;
}

function networkOf(cidr: string): string {
  const [ip, bits] = cidr.split('/');
  const hostBits = 32n - BigInt(bits);
  const network = (IPv4.fromString(ip).getValue() >> hostBits) << hostBits;
  return `${IPv4.fromNumber(network).toString()}/${bits}`;
}

export function prefixOf(cidr: string): number {
  return Number(cidr.split('/')[1]);
}

/**
 * ip-num's own range operations are slow (isOverlapping ~170 µs, splitInto ~500 µs) and a synth asks
 * the same few CIDRs again and again (schema, cross-checks, each VPC), so each CIDR's results are
 * kept. A config holds at most a few hundred CIDRs (its size is limited).
 */
function remembered<T>(compute: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) known.set(key, (value = compute(key)));
    return value;
  };
}

const boundsOf = remembered((cidr) => {
  const range = IPv4CidrRange.fromCidr(cidr);
  return { first: range.getFirst().getValue(), last: range.getLast().getValue() };
});

export function cidrsOverlap(a: string, b: string): boolean {
  const [x, y] = [boundsOf(a), boundsOf(b)];
  return x.first <= y.last && y.first <= x.last;
}

/** The VPC's 2^SUBNET_SLOT_BITS equal slots, in address order. */
const slotsOf = remembered((vpcCidr): readonly string[] =>
  IPv4CidrRange.fromCidr(vpcCidr)
    .splitInto(new IPv4Prefix(BigInt(prefixOf(vpcCidr) + SUBNET_SLOT_BITS)))
    .map((range) => range.toCidrString()),
);

export function planSubnets(vpcCidr: string, azCount: number): SubnetPlan {
  const problem = cidrProblem(vpcCidr);
  if (problem) throw new Error(`vpcCidr "${vpcCidr}": ${problem}`);
  const prefix = prefixOf(vpcCidr);
  if (prefix < MIN_VPC_PREFIX || prefix > MAX_VPC_PREFIX) {
    throw new Error(`vpcCidr "${vpcCidr}": prefix must be /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}`);
  }
  if (!Number.isInteger(azCount) || azCount < 1 || azCount > MAX_AZ_COUNT) {
    throw new Error(`azCount ${azCount}: must be an integer from 1 to ${MAX_AZ_COUNT}`);
  }
  const subnetPrefix = prefix + SUBNET_SLOT_BITS;
  const slots = slotsOf(vpcCidr);
  const azs = Array.from({ length: azCount }, (_, i) => i);
  return {
    privateCidrs: azs.map((i) => slots[i]),
    publicCidrs: azs.map((i) => slots[PUBLIC_SLOT_OFFSET + i]),
    subnetPrefix,
  };
}
