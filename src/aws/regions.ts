/**
 * Commercial-partition Regions that hashicorp/aws 5.100.0 knows, with the number of Availability
 * Zones every account can use there. The order is fixed forever: a Region's position gives its
 * default Transit Gateway ASN, so appending is the only safe edit.
 */
export const REGION_FACTS = [
  { name: 'us-east-1', azs: 6 },
  { name: 'us-east-2', azs: 3 },
  { name: 'us-west-1', azs: 2 },
  { name: 'us-west-2', azs: 4 },
  { name: 'af-south-1', azs: 3 },
  { name: 'ap-east-1', azs: 3 },
  { name: 'ap-south-1', azs: 3 },
  { name: 'ap-south-2', azs: 3 },
  { name: 'ap-southeast-1', azs: 3 },
  { name: 'ap-southeast-2', azs: 3 },
  { name: 'ap-southeast-3', azs: 3 },
  { name: 'ap-southeast-4', azs: 3 },
  { name: 'ap-southeast-5', azs: 3 },
  { name: 'ap-southeast-7', azs: 3 },
  { name: 'ap-northeast-1', azs: 3 },
  { name: 'ap-northeast-2', azs: 4 },
  { name: 'ap-northeast-3', azs: 3 },
  { name: 'ca-central-1', azs: 3 },
  { name: 'ca-west-1', azs: 3 },
  { name: 'eu-central-1', azs: 3 },
  { name: 'eu-central-2', azs: 3 },
  { name: 'eu-west-1', azs: 3 },
  { name: 'eu-west-2', azs: 3 },
  { name: 'eu-west-3', azs: 3 },
  { name: 'eu-south-1', azs: 3 },
  { name: 'eu-south-2', azs: 3 },
  { name: 'eu-north-1', azs: 3 },
  { name: 'il-central-1', azs: 3 },
  { name: 'me-south-1', azs: 3 },
  { name: 'me-central-1', azs: 3 },
  { name: 'mx-central-1', azs: 3 },
  { name: 'sa-east-1', azs: 3 },
] as const;

export const REGION_NAMES: readonly string[] = REGION_FACTS.map((r) => r.name);

/** Shape of a Region name; a name that matches may still be unknown. */
export const REGION_NAME_PATTERN = /^[a-z]{2}-[a-z]+-\d{1,2}$/;

/** First private 16-bit ASN; Region i of REGION_FACTS defaults to FIRST_PRIVATE_ASN + i. */
export const FIRST_PRIVATE_ASN = 64512;

export function isKnownRegion(name: string): boolean {
  return REGION_NAMES.includes(name);
}

export function availabilityZoneCount(region: string): number {
  const fact = REGION_FACTS.find((r) => r.name === region);
  if (!fact) throw new Error(`Unknown Region "${region}"; allowed: ${REGION_NAMES.join(', ')}`);
  return fact.azs;
}

export function defaultTransitGatewayAsn(region: string): number {
  const index = REGION_NAMES.indexOf(region);
  if (index < 0) throw new Error(`Unknown Region "${region}"; allowed: ${REGION_NAMES.join(', ')}`);
  return FIRST_PRIVATE_ASN + index;
}

/** Private ASN ranges that AWS accepts for a Transit Gateway's Amazon side. */
export function isPrivateAsn(asn: number): boolean {
  return (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294);
}
