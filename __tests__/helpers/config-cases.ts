import { REGION_NAMES } from '../../src/aws/regions';

import { BASE_CONFIG } from './synth';

/** The minimal configuration of DESIGN.md: on its own a complete, valid config. */
export const MINIMAL_CONFIG = BASE_CONFIG;

/** A JSON object that may be edited freely. */
export type Json = Record<string, any>;

/** A fresh deep copy of MINIMAL_CONFIG, edited by `edit`. */
export function configWith(edit: (config: Json) => void = () => {}): Json {
  const config = structuredClone(MINIMAL_CONFIG) as Json;
  edit(config);
  return config;
}

/** One line of a ConfigError: where, what was there, and (part of) what is allowed. */
export interface ExpectedProblem {
  /** JSON path as printed, e.g. `regions[1].name` or `(root)`. */
  readonly path: string;
  /** Received value as printed (JSON), e.g. `"eu-west-9"`. */
  readonly received: string;
  /** Text that says what is allowed. */
  readonly allowed: string;
}

export interface BadConfigCase {
  readonly name: string;
  readonly config: unknown;
  readonly problems: readonly ExpectedProblem[];
}

export const ALL_REGIONS_ALLOWED = `allowed: ${REGION_NAMES.join(', ')}`;

/** `count` valid tags: Tag1: "value 1", ... */
export function manyTags(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`Tag${i + 1}`, `value ${i + 1}`]));
}
const VPC_PREFIX_ALLOWED = 'prefix must be /16 to /24';

/**
 * Bad configurations, each with every problem it must report. Shared by the in-process validation
 * tests and the tests that run the real app process.
 */
export const BAD_CONFIGS: readonly BadConfigCase[] = [
  // Region names
  {
    name: 'unknown Region',
    config: configWith((c) => (c.regions[1].name = 'eu-west-9')),
    problems: [{ path: 'regions[1].name', received: '"eu-west-9"', allowed: `unknown Region; did you mean "eu-west-1", "eu-west-2" or "eu-west-3"? ${ALL_REGIONS_ALLOWED}` }],
  },
  {
    name: 'misspelt Region (letter l for digit 1)',
    config: configWith((c) => (c.regions[1].name = 'eu-west-l')),
    problems: [{ path: 'regions[1].name', received: '"eu-west-l"', allowed: `expected an AWS Region name such as us-east-1; did you mean "eu-west-1"? ${ALL_REGIONS_ALLOWED}` }],
  },
  {
    name: 'misspelt Region (missing dash)',
    config: configWith((c) => (c.regions[1].name = 'eu-west1')),
    problems: [{ path: 'regions[1].name', received: '"eu-west1"', allowed: `did you mean "eu-west-1"? ${ALL_REGIONS_ALLOWED}` }],
  },
  {
    name: 'Region far from any known name',
    config: configWith((c) => (c.regions[1].name = 'mars-north-1')),
    problems: [{ path: 'regions[1].name', received: '"mars-north-1"', allowed: `expected an AWS Region name such as us-east-1; ${ALL_REGIONS_ALLOWED}` }],
  },
  {
    name: 'malformed Region name',
    config: configWith((c) => (c.regions[1].name = 'EU_WEST_1')),
    problems: [{ path: 'regions[1].name', received: '"EU_WEST_1"', allowed: 'expected an AWS Region name such as us-east-1; did you mean "eu-west-1"?' }],
  },
  {
    name: 'Region name that is not a string',
    config: configWith((c) => (c.regions[0].name = 1)),
    problems: [
      { path: 'regions[0].name', received: '1', allowed: 'expected string' },
      { path: 'primaryRegion', received: '"us-east-1"', allowed: 'not one of the listed Regions; allowed: eu-west-1 (or correct regions[0].name)' },
    ],
  },
  {
    name: 'unknown primary Region',
    config: configWith((c) => (c.primaryRegion = 'us-east-7')),
    problems: [{ path: 'primaryRegion', received: '"us-east-7"', allowed: `did you mean "us-east-1" or "us-east-2"? ${ALL_REGIONS_ALLOWED}` }],
  },
  {
    name: 'unknown state Region',
    config: configWith((c) => (c.state.region = 'useast1')),
    problems: [{ path: 'state.region', received: '"useast1"', allowed: `expected an AWS Region name such as us-east-1; did you mean "us-east-1"? ${ALL_REGIONS_ALLOWED}` }],
  },
  {
    name: 'duplicate Region',
    config: configWith((c) => c.regions.push({ name: 'eu-west-1', vpcCidr: '10.30.0.0/16' })),
    problems: [{ path: 'regions[2].name', received: '"eu-west-1"', allowed: 'duplicate of regions[1].name; each Region may be listed once' }],
  },
  {
    name: 'primary Region not listed',
    config: configWith((c) => (c.primaryRegion = 'us-west-2')),
    problems: [{ path: 'primaryRegion', received: '"us-west-2"', allowed: 'not one of the listed Regions; allowed: us-east-1, eu-west-1' }],
  },
  {
    name: 'primary Region one letter off a listed one',
    config: configWith((c) => (c.primaryRegion = 'eu-west-2')),
    problems: [{ path: 'primaryRegion', received: '"eu-west-2"', allowed: 'not one of the listed Regions; did you mean "eu-west-1"? allowed: us-east-1, eu-west-1' }],
  },
  {
    name: 'Regions listed as names instead of objects',
    config: configWith((c) => (c.regions = ['us-east-1', 'eu-west-1'])),
    problems: [
      { path: 'regions[0]', received: '"us-east-1"', allowed: 'expected an object such as { "name": "us-east-1", "vpcCidr": "10.10.0.0/16" }' },
      { path: 'regions[1]', received: '"eu-west-1"', allowed: 'expected an object such as { "name": "us-east-1", "vpcCidr": "10.10.0.0/16" }' },
      { path: 'primaryRegion', received: '"us-east-1"', allowed: 'not one of the listed Regions' },
    ],
  },
  // CIDRs
  {
    name: 'VPC CIDR in a range AWS reserves (link-local)',
    config: configWith((c) => (c.regions[1].vpcCidr = '169.254.0.0/16')),
    problems: [{ path: 'regions[1].vpcCidr', received: '"169.254.0.0/16"', allowed: 'overlaps 169.254.0.0/16, which AWS does not allow for a VPC' }],
  },
  {
    name: 'VPC CIDR in a range AWS reserves (multicast)',
    config: configWith((c) => (c.regions[0].vpcCidr = '224.1.0.0/16')),
    problems: [{ path: 'regions[0].vpcCidr', received: '"224.1.0.0/16"', allowed: 'overlaps 224.0.0.0/3, which AWS does not allow for a VPC' }],
  },
  {
    name: 'malformed CIDR (prefix out of range)',
    config: configWith((c) => (c.regions[1].vpcCidr = '10.20.0.0/33')),
    problems: [{ path: 'regions[1].vpcCidr', received: '"10.20.0.0/33"', allowed: 'expected IPv4 CIDR notation such as 10.10.0.0/16' }],
  },
  {
    name: 'malformed CIDR (no prefix)',
    config: configWith((c) => (c.regions[0].vpcCidr = '10.10.0.0')),
    problems: [{ path: 'regions[0].vpcCidr', received: '"10.10.0.0"', allowed: 'expected IPv4 CIDR notation such as 10.10.0.0/16' }],
  },
  {
    name: 'malformed CIDR (octet above 255)',
    config: configWith((c) => (c.regions[0].vpcCidr = '10.300.0.0/16')),
    problems: [{ path: 'regions[0].vpcCidr', received: '"10.300.0.0/16"', allowed: 'expected IPv4 CIDR notation such as 10.10.0.0/16' }],
  },
  {
    name: 'malformed CIDR (zero-padded prefix)',
    config: configWith((c) => (c.regions[0].vpcCidr = '10.10.0.0/016')),
    problems: [{ path: 'regions[0].vpcCidr', received: '"10.10.0.0/016"', allowed: 'expected IPv4 CIDR notation such as 10.10.0.0/16' }],
  },
  {
    name: 'CIDR with host bits set',
    config: configWith((c) => (c.regions[1].vpcCidr = '10.20.1.0/16')),
    problems: [{ path: 'regions[1].vpcCidr', received: '"10.20.1.0/16"', allowed: 'host bits are set; expected a network address such as 10.20.0.0/16' }],
  },
  {
    name: 'CIDR that is not a string',
    config: configWith((c) => (c.regions[1].vpcCidr = 167772160)),
    problems: [{ path: 'regions[1].vpcCidr', received: '167772160', allowed: 'expected string' }],
  },
  {
    name: 'overlapping CIDRs',
    config: configWith((c) => (c.regions[1].vpcCidr = '10.10.128.0/17')),
    problems: [
      { path: 'regions[1].vpcCidr', received: '"10.10.128.0/17"', allowed: 'overlaps regions[0].vpcCidr (10.10.0.0/16); VPC CIDRs must not overlap' },
    ],
  },
  {
    name: 'identical CIDRs',
    config: configWith((c) => (c.regions[1].vpcCidr = '10.10.0.0/16')),
    problems: [{ path: 'regions[1].vpcCidr', received: '"10.10.0.0/16"', allowed: 'overlaps regions[0].vpcCidr (10.10.0.0/16)' }],
  },
  ...['/25', '/26', '/28', '/32'].map((prefix) => ({
    name: `${prefix} VPC (too small for the subnet plan)`,
    config: configWith((c) => (c.regions[1].vpcCidr = `10.20.0.0${prefix}`)),
    problems: [{ path: 'regions[1].vpcCidr', received: `"10.20.0.0${prefix}"`, allowed: `too small for the subnet plan (16 subnet slots of at least /28); ${VPC_PREFIX_ALLOWED}` }],
  })),
  ...['10.20.0.0/15', '100.0.0.0/8'].map((cidr) => ({
    name: `/${cidr.split('/')[1]} VPC (larger than AWS allows)`,
    config: configWith((c) => (c.regions[1].vpcCidr = cidr)),
    problems: [{ path: 'regions[1].vpcCidr', received: `"${cidr}"`, allowed: `larger than AWS allows for a VPC; ${VPC_PREFIX_ALLOWED}` }],
  })),
  {
    name: 'VPC CIDR both too large and overlapping',
    config: configWith((c) => (c.regions[1].vpcCidr = '10.0.0.0/8')),
    problems: [
      { path: 'regions[1].vpcCidr', received: '"10.0.0.0/8"', allowed: `larger than AWS allows for a VPC; ${VPC_PREFIX_ALLOWED}` },
      { path: 'regions[1].vpcCidr', received: '"10.0.0.0/8"', allowed: 'overlaps regions[0].vpcCidr (10.10.0.0/16)' },
    ],
  },
  // Unknown keys at every depth
  {
    name: 'unknown key at the root',
    config: configWith((c) => (c.primaryRegoin = 'us-east-1')),
    problems: [
      { path: 'primaryRegoin', received: '"us-east-1"', allowed: 'unknown key; did you mean "primaryRegion"? allowed keys here: $schema, project, primaryRegion, activeRegion, regions, network, state, security, compute, edge, operations, tags' },
    ],
  },
  {
    name: 'unknown key in regions[i]',
    config: configWith((c) => (c.regions[1].cidr = '10.20.0.0/16')),
    problems: [{ path: 'regions[1].cidr', received: '"10.20.0.0/16"', allowed: 'unknown key; did you mean "vpcCidr"? allowed keys here: name, vpcCidr, azCount, transitGatewayAsn' }],
  },
  {
    name: 'unknown key in network',
    config: configWith((c) => (c.network.topolgy = 'hub-and-spoke')),
    problems: [
      { path: 'network.topolgy', received: '"hub-and-spoke"', allowed: 'unknown key; did you mean "topology"? allowed keys here: interRegion, topology, azCount, enableNatGateway, flowLogs' },
    ],
  },
  {
    name: 'unknown key in network.flowLogs',
    config: configWith((c) => (c.network.flowLogs = { retention: 30 })),
    problems: [{ path: 'network.flowLogs.retention', received: '30', allowed: 'unknown key; did you mean "retentionDays"? allowed keys here: retentionDays, trafficType' }],
  },
  {
    name: 'unknown key in state',
    config: configWith((c) => (c.state.dynamodbTable = 'locks')),
    problems: [
      {
        path: 'state.dynamodbTable',
        received: '"locks"',
        allowed: 'unknown key; allowed keys here: bucket, region, replicaRegion, keyPrefix, kmsKeyAlias, noncurrentVersionExpirationDays',
      },
    ],
  },
  // Enums
  {
    name: 'bad network.topology',
    config: configWith((c) => (c.network.topology = 'star')),
    problems: [{ path: 'network.topology', received: '"star"', allowed: 'expected "full-mesh" or "hub-and-spoke"' }],
  },
  {
    name: 'misspelt network.topology',
    config: configWith((c) => (c.network.topology = 'fullmesh')),
    problems: [{ path: 'network.topology', received: '"fullmesh"', allowed: 'expected "full-mesh" or "hub-and-spoke"; did you mean "full-mesh"?' }],
  },
  {
    name: 'misspelt network.interRegion',
    config: configWith((c) => (c.network.interRegion = 'transit_gateway')),
    problems: [{ path: 'network.interRegion', received: '"transit_gateway"', allowed: 'expected "transit-gateway" or "vpc-peering"; did you mean "transit-gateway"?' }],
  },
  {
    name: 'abbreviated Security Hub standard',
    config: configWith((c) => (c.security = { securityHub: { standards: ['cis'] } })),
    problems: [
      {
        path: 'security.securityHub.standards[0]',
        received: '"cis"',
        allowed: 'expected "aws-foundational-security-best-practices" or "cis-aws-foundations-benchmark"; did you mean "cis-aws-foundations-benchmark"?',
      },
    ],
  },
  {
    name: 'secret reader that is the account root, or a wildcard',
    config: configWith((c) => (c.security = { secrets: [{ name: 'a', readerArns: ['arn:aws:iam::123456789012:root', 'arn:aws:iam::123456789012:role/*'] }] })),
    problems: [
      { path: 'security.secrets[0].readerArns[0]', received: '"arn:aws:iam::123456789012:root"', allowed: 'expected the ARN of an IAM role or user such as arn:aws:iam::123456789012:role/payments-app (the account root would match only the root user)' },
      { path: 'security.secrets[0].readerArns[1]', received: '"arn:aws:iam::123456789012:role/*"', allowed: 'expected the ARN of an IAM role or user' },
    ],
  },
  {
    name: 'the deploy role as a secret reader',
    config: configWith((c) => (c.security = { secrets: [{ name: 'a', readerArns: ['arn:aws:iam::123456789012:role/multi-region-deploy'] }] })),
    problems: [{ path: 'security.secrets[0].readerArns[0]', received: '"arn:aws:iam::123456789012:role/multi-region-deploy"', allowed: 'is the deploy role multi-region-deploy, which never reads a secret value' }],
  },
  {
    name: 'bad network.interRegion',
    config: configWith((c) => (c.network.interRegion = 'vpn')),
    problems: [{ path: 'network.interRegion', received: '"vpn"', allowed: 'expected "transit-gateway" or "vpc-peering"' }],
  },
  {
    name: 'bad network.flowLogs.trafficType (case matters)',
    config: configWith((c) => (c.network.flowLogs = { trafficType: 'all' })),
    problems: [{ path: 'network.flowLogs.trafficType', received: '"all"', allowed: 'expected "ALL", "ACCEPT" or "REJECT"; did you mean "ALL"?' }],
  },
  {
    name: 'bad network.flowLogs.retentionDays',
    config: configWith((c) => (c.network.flowLogs = { retentionDays: 42 })),
    problems: [{ path: 'network.flowLogs.retentionDays', received: '42', allowed: 'expected one of 1, 3, 5, 7, 14, 30, 60, 90, 120' }],
  },
  {
    name: 'hub-and-spoke with VPC peering',
    config: configWith((c) => (c.network = { interRegion: 'vpc-peering', topology: 'hub-and-spoke' })),
    problems: [{ path: 'network.topology', received: '"hub-and-spoke"', allowed: 'supports only "full-mesh"' }],
  },
  // State bucket names
  ...[
    ['Example-TFState', 'expected 3-63 lowercase letters, digits, "." or "-", starting and ending with a letter or digit'],
    ['example_tfstate', 'expected 3-63 lowercase letters, digits'],
    ['ab', 'expected 3-63 lowercase letters'],
    ['a'.repeat(64), 'expected 3-63 lowercase letters'],
    ['-example', 'starting and ending with a letter or digit'],
    ['example..tfstate', 'must not contain ".."'],
    ['192.168.10.1', 'must not look like an IP address'],
    ['xn--example', 'must not start with "xn--", "sthree-" or "amzn-s3-demo-"'],
    ['example-s3alias', 'must not end with "-s3alias"'],
  ].map(([bucket, allowed]) => ({
    name: `invalid state bucket name ${bucket.length > 20 ? `${bucket.slice(0, 10)}...` : bucket}`,
    config: configWith((c) => (c.state.bucket = bucket)),
    problems: [{ path: 'state.bucket', received: JSON.stringify(bucket), allowed }],
  })),
  // Other fields
  {
    name: 'network.azCount above the maximum',
    config: configWith((c) => (c.network.azCount = 7)),
    problems: [{ path: 'network.azCount', received: '7', allowed: 'expected an integer from 2 to 6' }],
  },
  {
    name: 'single-AZ Region',
    config: configWith((c) => (c.regions[0].azCount = 1)),
    problems: [{ path: 'regions[0].azCount', received: '1', allowed: 'expected an integer from 2 to 6 (multi-AZ)' }],
  },
  {
    name: 'fractional azCount',
    config: configWith((c) => (c.regions[0].azCount = 2.5)),
    problems: [{ path: 'regions[0].azCount', received: '2.5', allowed: 'expected an integer from 2 to 6' }],
  },
  {
    name: 'more AZs than the Region has',
    config: configWith((c) => c.regions.push({ name: 'us-west-1', vpcCidr: '10.30.0.0/16', azCount: 3 })),
    problems: [{ path: 'regions[2].azCount', received: '3', allowed: 'us-west-1 has 2 Availability Zones; expected at most 2' }],
  },
  {
    name: 'inherited azCount above what a Region has',
    config: configWith((c) => {
      c.network.azCount = 4;
      c.regions[1].azCount = 2;
      c.regions.push({ name: 'us-west-1', vpcCidr: '10.30.0.0/16' });
    }),
    problems: [{ path: 'network.azCount', received: '4', allowed: 'us-west-1 has 2 Availability Zones; expected at most 2 (or set regions[2].azCount)' }],
  },
  {
    name: 'public Transit Gateway ASN',
    config: configWith((c) => (c.regions[0].transitGatewayAsn = 16509)),
    problems: [{ path: 'regions[0].transitGatewayAsn', received: '16509', allowed: 'expected a private ASN: 64512-65534 or 4200000000-4294967294' }],
  },
  {
    name: 'Transit Gateway ASN taken by another Region',
    config: configWith((c) => (c.regions[1].transitGatewayAsn = 64512)),
    problems: [{ path: 'regions[1].transitGatewayAsn', received: '64512', allowed: 'same ASN as the Transit Gateway of regions[0] (us-east-1); every Transit Gateway needs a distinct ASN' }],
  },
  // GitHub Actions OIDC
  ...[
    ['acme', 'acme'],
    ['a wildcard repository', 'acme/*'],
    ['an owner starting with "-"', '-acme/infra'],
    ['the repository ".."', 'acme/..'],
  ].map(([what, repository]) => ({
    name: `githubOidc.repository: ${what}`,
    config: configWith((c) => (c.security = { iam: { githubOidc: { repository } } })),
    problems: [{ path: 'security.iam.githubOidc.repository', received: JSON.stringify(repository), allowed: 'expected "owner/repository" as GitHub spells it' }],
  })),
  {
    name: 'githubOidc without repository',
    config: configWith((c) => (c.security = { iam: { githubOidc: { branches: ['main'] } } })),
    problems: [{ path: 'security.iam.githubOidc.repository', received: 'nothing (the key is required)', allowed: 'expected "owner/repository"' }],
  },
  {
    name: 'githubOidc branches: a pattern, a space, a lock file name',
    config: configWith((c) => (c.security = { iam: { githubOidc: { repository: 'acme/infra', branches: ['main', 'feature/*', 'a b', 'x.lock'] } } })),
    problems: ['"feature/*"', '"a b"', '"x.lock"'].map((received, i) => ({
      path: `security.iam.githubOidc.branches[${i + 1}]`,
      received,
      allowed: 'expected a branch name such as "main" or "release/v1": no wildcard',
    })),
  },
  {
    name: 'githubOidc branches: none, and no environment',
    config: configWith((c) => (c.security = { iam: { githubOidc: { repository: 'acme/infra', branches: [] } } })),
    problems: [
      { path: 'security.iam.githubOidc.branches', received: '[]', allowed: 'expected at least one branch name, or an environment in environments (omit githubOidc to turn GitHub Actions off)' },
    ],
  },
  {
    name: 'githubOidc branches: one twice',
    config: configWith((c) => (c.security = { iam: { githubOidc: { repository: 'acme/infra', branches: ['main', 'main'] } } })),
    problems: [{ path: 'security.iam.githubOidc.branches', received: '["main","main"]', allowed: 'expected each branch once' }],
  },
  {
    name: 'githubOidc environments: a pattern, a colon, an empty name, a padded name',
    config: configWith((c) => (c.security = { iam: { githubOidc: { repository: 'acme/infra', environments: ['production', 'prod*', 'prod:main', '', ' prod'] } } })),
    problems: ['"prod*"', '"prod:main"', '""', '" prod"'].map((received, i) => ({
      path: `security.iam.githubOidc.environments[${i + 1}]`,
      received,
      allowed: 'expected a GitHub environment name such as "production": 1-255 characters, no wildcard',
    })),
  },
  {
    name: 'githubOidc environments: one twice, in another case',
    config: configWith((c) => (c.security = { iam: { githubOidc: { repository: 'acme/infra', environments: ['production', 'Production'] } } })),
    problems: [{ path: 'security.iam.githubOidc.environments', received: '["production","Production"]', allowed: 'expected each environment once (GitHub ignores case)' }],
  },
  {
    name: 'githubOidc providerArn of another issuer',
    config: configWith((c) => (c.security = { iam: { githubOidc: { repository: 'acme/infra', providerArn: 'arn:aws:iam::123456789012:oidc-provider/example.com' } } })),
    problems: [
      {
        path: 'security.iam.githubOidc.providerArn',
        received: '"arn:aws:iam::123456789012:oidc-provider/example.com"',
        allowed: "expected the ARN of this account's GitHub OIDC provider",
      },
    ],
  },
  {
    name: 'misspelt githubOidc key',
    config: configWith((c) => (c.security = { iam: { githubOidc: { repository: 'acme/infra', branch: ['main'] } } })),
    problems: [{ path: 'security.iam.githubOidc.branch', received: '["main"]', allowed: 'unknown key; did you mean "branches"? allowed keys here: repository, branches, environments, pullRequests, providerArn' }],
  },
  {
    name: 'enableNatGateway as a string',
    config: configWith((c) => (c.network.enableNatGateway = 'yes')),
    problems: [{ path: 'network.enableNatGateway', received: '"yes"', allowed: 'expected true or false' }],
  },
  {
    name: 'keyPrefix with a leading slash',
    config: configWith((c) => (c.state.keyPrefix = '/example/prod')),
    problems: [{ path: 'state.keyPrefix', received: '"/example/prod"', allowed: 'without leading or trailing "/"' }],
  },
  {
    name: 'AWS managed KMS alias for state',
    config: configWith((c) => (c.state.kmsKeyAlias = 'alias/aws/s3')),
    problems: [{ path: 'state.kmsKeyAlias', received: '"alias/aws/s3"', allowed: 'alias/aws/ is reserved for AWS managed keys' }],
  },
  {
    name: 'state bucket too long for its replica\'s access-log bucket',
    config: configWith((c) => (c.state.bucket = 'a'.repeat(51))),
    problems: [
      {
        path: 'state.bucket',
        received: JSON.stringify('a'.repeat(51)),
        allowed: `bootstrap names the bucket of its replica's access logs "${'a'.repeat(51)}-replica-logs", which is not a valid bucket name (expected 3-63 lowercase letters, digits, "." or "-", starting and ending with a letter or digit); expected a state bucket name of at most 50 characters`,
      },
    ],
  },
  {
    name: 'state operator that is not a principal ARN',
    config: configWith((c) => (c.state.operatorArns = ['arn:aws:iam::123:role/ops'])),
    problems: [{ path: 'state.operatorArns[0]', received: '"arn:aws:iam::123:role/ops"', allowed: 'expected an IAM principal ARN' }],
  },
  {
    name: 'KMS alias outside the project\'s names',
    config: configWith((c) => (c.security = { kms: { alias: 'alias/shared-key' } })),
    problems: [
      {
        path: 'security.kms.alias',
        received: '"alias/shared-key"',
        allowed: 'expected an alias that starts with "alias/multi-region" (the project name): the deploy role may manage only the project\'s aliases',
      },
    ],
  },
  {
    name: 'noncurrent version expiration of 0 days',
    config: configWith((c) => (c.state.noncurrentVersionExpirationDays = 0)),
    problems: [{ path: 'state.noncurrentVersionExpirationDays', received: '0', allowed: 'expected an integer from 1 to 3650' }],
  },
  {
    name: 'project name with capitals',
    config: configWith((c) => (c.project = 'MultiRegion')),
    problems: [{ path: 'project', received: '"MultiRegion"', allowed: 'expected 3-32 lowercase letters, digits or "-", starting with a letter' }],
  },
  // Tags
  {
    name: 'reserved tag key',
    config: configWith((c) => (c.tags = { 'aws:owner': 'me', 'AWS:Team': 'x' })),
    problems: [
      { path: 'tags.aws:owner', received: '"aws:owner"', allowed: 'invalid key; the prefix "aws:" (in any case) is reserved for AWS' },
      { path: 'tags.AWS:Team', received: '"AWS:Team"', allowed: 'invalid key; the prefix "aws:" (in any case) is reserved for AWS' },
    ],
  },
  {
    name: 'tag key the project sets itself',
    config: configWith((c) => (c.tags = { ManagedBy: 'terraform', Owner: 'me' })),
    problems: [
      {
        path: 'tags.ManagedBy',
        received: '"ManagedBy"',
        allowed: 'invalid key; the project sets ManagedBy on every resource (provider default_tags), which would silently replace this value; expected a key other than ManagedBy, FoundationProject, FoundationStack',
      },
    ],
  },
  {
    name: 'tag key with a character AWS refuses',
    config: configWith((c) => (c.tags = { 'cost#center': '42' })),
    problems: [{ path: 'tags.cost#center', received: '"cost#center"', allowed: 'invalid key; "#" (U+0023) is not allowed in a tag key; expected letters, digits, spaces and _ . : / = + - @' }],
  },
  {
    name: 'tag key too long',
    config: configWith((c) => (c.tags = { ['k'.repeat(129)]: 'v' })),
    problems: [{ path: `tags.${'k'.repeat(129)}`, received: `"${'k'.repeat(76)}...`, allowed: 'invalid key; expected a tag key of 1-128 characters (this one has 129)' }],
  },
  {
    name: 'empty tag key',
    config: configWith((c) => (c.tags = { '': 'v' })),
    problems: [{ path: 'tags.', received: '""', allowed: 'invalid key; expected a tag key of 1-128 characters (this one has 0)' }],
  },
  {
    name: 'tag value too long',
    config: configWith((c) => (c.tags = { Owner: 'x'.repeat(257) })),
    problems: [{ path: 'tags.Owner', received: `"${'x'.repeat(76)}...`, allowed: 'expected a tag value of at most 256 characters (this one has 257)' }],
  },
  {
    name: 'tag values AWS refuses',
    config: configWith((c) => (c.tags = { Owner: 'aws:me', Team: 'a;b', Count: 3 })),
    problems: [
      { path: 'tags.Owner', received: '"aws:me"', allowed: 'the prefix "aws:" (in any case) is reserved for AWS; expected a value without it' },
      { path: 'tags.Team', received: '"a;b"', allowed: '";" (U+003B) is not allowed in a tag value' },
      { path: 'tags.Count', received: '3', allowed: 'expected a string (tag values are text, "" allowed)' },
    ],
  },
  {
    name: 'more tags than fit beside the project\'s own',
    config: configWith((c) => (c.tags = manyTags(46))),
    problems: [
      {
        path: 'tags',
        received: `${JSON.stringify(manyTags(46)).slice(0, 77)}...`,
        allowed:
          '46 tags; expected at most 45: AWS allows 50 tags per resource, and the project adds ManagedBy, FoundationProject and FoundationStack to every resource and Name and Tier to subnets',
      },
    ],
  },
  {
    name: 'too many tags, one of them invalid',
    config: configWith((c) => (c.tags = { ...manyTags(59), 'aws:x': 'y' })),
    problems: [
      { path: 'tags.aws:x', received: '"aws:x"', allowed: 'reserved for AWS' },
      { path: 'tags', received: `${JSON.stringify(manyTags(59)).slice(0, 77)}...`, allowed: '60 tags; expected at most 45' },
    ],
  },
  {
    name: 'tags as a list',
    config: configWith((c) => (c.tags = [{ Key: 'Owner', Value: 'me' }])),
    problems: [{ path: 'tags', received: '[{"Key":"Owner","Value":"me"}]', allowed: 'expected an object of tag keys to tag values' }],
  },
  {
    name: 'lowercase Object Lock mode',
    config: configWith((c) => (c.security = { cloudTrail: { objectLockMode: 'compliance' } })),
    problems: [{ path: 'security.cloudTrail.objectLockMode', received: '"compliance"', allowed: 'expected "GOVERNANCE" or "COMPLIANCE"; did you mean "COMPLIANCE"?' }],
  },
  {
    name: 'organization trail without the organization id',
    config: configWith((c) => (c.security = { cloudTrail: { organizationTrail: true } })),
    problems: [
      {
        path: 'security.cloudTrail.organizationId',
        received: 'nothing (the key is required)',
        allowed: 'expected the AWS Organizations id (o-…) when security.cloudTrail.organizationTrail is true',
      },
    ],
  },
  {
    name: 'organization id that is an account id',
    config: configWith((c) => (c.security = { cloudTrail: { organizationTrail: true, organizationId: '123456789012' } })),
    problems: [{ path: 'security.cloudTrail.organizationId', received: '"123456789012"', allowed: 'expected an AWS Organizations id: "o-" followed by 10 to 32 lowercase letters or digits' }],
  },
  {
    name: 'organization id without an organization trail',
    config: configWith((c) => (c.security = { cloudTrail: { organizationId: 'o-a1b2c3d4e5' } })),
    problems: [{ path: 'security.cloudTrail.organizationId', received: '"o-a1b2c3d4e5"', allowed: 'only used by an organization trail' }],
  },
  {
    name: 'alert e-mail that is not an address, and one listed twice',
    config: configWith((c) => (c.security = { cloudTrail: { alertEmails: ['security-team', 'sec@example.com', 'sec@example.com'] } })),
    problems: [
      { path: 'security.cloudTrail.alertEmails[0]', received: '"security-team"', allowed: 'expected an e-mail address such as security@example.com' },
      { path: 'security.cloudTrail.alertEmails[2]', received: '"sec@example.com"', allowed: 'duplicate of security.cloudTrail.alertEmails[1]; list each address once' },
    ],
  },
  {
    name: 'empty regions list',
    config: configWith((c) => (c.regions = [])),
    problems: [{ path: 'regions', received: '[]', allowed: 'expected at least one Region' }],
  },
  {
    name: 'regions not a list',
    config: configWith((c) => (c.regions = 'us-east-1')),
    problems: [{ path: 'regions', received: '"us-east-1"', allowed: 'expected a list of Regions' }],
  },
  {
    name: 'missing state',
    config: configWith((c) => delete c.state),
    problems: [{ path: 'state', received: 'nothing (the key is required)', allowed: 'expected object' }],
  },
  {
    name: 'empty object',
    config: {},
    problems: [
      { path: 'primaryRegion', received: 'nothing (the key is required)', allowed: 'expected string' },
      { path: 'regions', received: 'nothing (the key is required)', allowed: 'expected a list of Regions' },
      { path: 'state', received: 'nothing (the key is required)', allowed: 'expected object' },
    ],
  },
  { name: 'JSON array', config: [], problems: [{ path: '(root)', received: '[]', allowed: 'expected object' }] },
  { name: 'JSON null', config: null, problems: [{ path: '(root)', received: 'null', allowed: 'expected object' }] },
  { name: 'JSON string', config: 'us-east-1', problems: [{ path: '(root)', received: '"us-east-1"', allowed: 'expected object' }] },
];

export function badConfig(name: string): BadConfigCase {
  const found = BAD_CONFIGS.find((c) => c.name === name);
  if (!found) throw new Error(`no bad config named "${name}"`);
  return found;
}

/** The problem lines of a ConfigError message ("  - path: received ...; ..."). */
export function problemLines(message: string): string[] {
  return message.split('\n').filter((line) => line.startsWith('  - '));
}

/**
 * Asserts that `message` reports exactly `problems`: one line each, naming the JSON path, the value
 * received and what is allowed. Returns nothing; throws a readable jest failure otherwise.
 */
export function expectProblems(message: string, problems: readonly ExpectedProblem[]): void {
  const lines = problemLines(message);
  for (const problem of problems) {
    const prefix = `  - ${problem.path}: received ${problem.received}; `;
    const line = lines.find((l) => l.startsWith(prefix) && l.includes(problem.allowed));
    if (!line) {
      throw new Error(
        `expected a problem line starting with\n    ${prefix}\n  and containing\n    ${problem.allowed}\ngot:\n${message}`,
      );
    }
  }
  if (lines.length !== problems.length) {
    throw new Error(`expected ${problems.length} problem line(s), got ${lines.length}:\n${message}`);
  }
}
