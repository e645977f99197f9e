import * as fs from 'fs';
import * as path from 'path';
import { validateConfig, FoundationConfig } from '../../src/config/validate';
import { ConfigError } from '../../src/config/errors';
import { REGION_NAMES, defaultTransitGatewayAsn } from '../../src/aws/regions';
import { BAD_CONFIGS, MINIMAL_CONFIG, configWith, expectProblems, problemLines } from '../helpers/config-cases';

function errorOf(input: unknown, source?: string): ConfigError {
  try {
    validateConfig(input, source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(input)}`);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('the minimal DESIGN.md config', () => {
  const config = validateConfig(MINIMAL_CONFIG);

  test('is a complete, valid config with every default filled in', () => {
    const expected: FoundationConfig = {
      project: 'multi-region',
      primaryRegion: 'us-east-1',
      activeRegion: 'us-east-1',
      regions: [
        {
          name: 'us-east-1',
          vpcCidr: '10.10.0.0/16',
          azCount: 2,
          transitGatewayAsn: 64512,
          isPrimary: true,
          subnets: { privateCidrs: ['10.10.0.0/20', '10.10.16.0/20'], publicCidrs: ['10.10.128.0/20', '10.10.144.0/20'], subnetPrefix: 20 },
        },
        {
          name: 'eu-west-1',
          vpcCidr: '10.20.0.0/16',
          azCount: 2,
          transitGatewayAsn: defaultTransitGatewayAsn('eu-west-1'),
          isPrimary: false,
          subnets: { privateCidrs: ['10.20.0.0/20', '10.20.16.0/20'], publicCidrs: ['10.20.128.0/20', '10.20.144.0/20'], subnetPrefix: 20 },
        },
      ],
      network: {
        interRegion: 'transit-gateway',
        topology: 'full-mesh',
        azCount: 2,
        enableNatGateway: false,
        flowLogs: { retentionDays: 365, trafficType: 'ALL' },
      },
      state: {
        bucket: 'example-tfstate',
        region: 'us-east-1',
        replicaRegion: 'eu-west-1',
        keyPrefix: 'example/prod',
        kmsKeyAlias: 'alias/terraform-state',
        noncurrentVersionExpirationDays: 90,
        operatorArns: [],
      },
      security: {
        kms: { alias: 'alias/multi-region', administratorArns: [], userArns: [] },
        secrets: [
          { name: 'third-party/example-api-key', description: 'API key of an example third-party service; its value is set outside Terraform', readerArns: [] },
        ],
        cloudTrail: {
          enable: true,
          organizationTrail: false,
          enableCloudWatchLogs: false,
          cloudWatchLogsRetentionDays: 365,
          objectLockRetentionDays: 365,
          objectLockMode: 'GOVERNANCE',
          archiveAfterDays: 90,
          logReaderArns: [],
          breakGlassArns: [],
          alertEmails: [],
        },
        config: { enable: true },
        securityHub: { enable: true, standards: ['aws-foundational-security-best-practices'], aggregationRegion: 'us-east-1' },
        iam: { deployRoleTrustedArns: [], auditRoleTrustedArns: [] },
        directoryService: { enable: false, domainName: 'corp.example.internal', adminPasswordSecretName: 'directory/admin-password', regions: ['eu-west-1'] },
      },
      compute: {
        ecr: { enable: true, repositories: [{ name: 'app' }], lifecycle: { keepLastImages: 30, untaggedExpireDays: 7 }, scanOnPush: true },
        imageBuilder: {
          enable: true,
          parentImageSsmParameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
          instanceTypes: ['t3.small'],
          schedule: 'cron(0 3 ? * sun *)',
          keepLatest: 3,
          rootVolumeSizeGb: 8,
          vpcEndpoints: true,
        },
        snapshots: { enable: true, targetTag: { key: 'Backup', value: 'daily' }, intervalHours: 24, startTime: '03:00', retainDays: 3 },
      },
      edge: {
        enable: true,
        loadBalancer: { deletionProtection: false, idleTimeoutSeconds: 60, desyncMitigationMode: 'defensive', accessLogs: { expireAfterDays: 90 } },
        cloudfront: { failoverStatusCodes: [500, 502, 503, 504], priceClass: 'PriceClass_100', noncurrentVersionExpirationDays: 30 },
        recordName: 'app',
        staticRecordName: 'static',
        healthCheck: { failureThreshold: 3, requestIntervalSeconds: 30 },
        geolocation: { enable: false, recordName: 'geo', continents: {}, countries: {} },
        globalAccelerator: { enable: false, trafficDial: {} },
        recoveryControl: { enable: false, safetyRuleWaitPeriodMs: 5000 },
      },
      operations: { resourceExplorer: { enable: true } },
      tags: {},
    };
    expect(config).toEqual(expected);
  });

  test('network may be left out entirely', () => {
    const { network: _omitted, ...withoutNetwork } = MINIMAL_CONFIG;
    expect(validateConfig(withoutNetwork).network).toEqual(config.network);
  });

  test('validation does not modify its input', () => {
    const input = deepFreeze(configWith());
    expect(() => validateConfig(input)).not.toThrow();
    expect(input).toEqual(MINIMAL_CONFIG);
  });
});

describe('the embedded default config/default.json', () => {
  const file = path.join(__dirname, '..', '..', 'config', 'default.json');
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  const config = validateConfig(raw, file);

  test('is valid and names three Regions with us-east-1 as primary', () => {
    expect(config.primaryRegion).toBe('us-east-1');
    expect(config.regions.map((r) => r.name)).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
    expect(config.regions.filter((r) => r.isPrimary).map((r) => r.name)).toEqual(['us-east-1']);
  });

  test('points editors at the generated JSON Schema, which the app ignores', () => {
    expect(raw.$schema).toBe('./schema.json');
    expect(config).not.toHaveProperty('$schema');
  });

  test('uses the documented defaults for the inter-Region network', () => {
    expect(config.network).toMatchObject({ interRegion: 'transit-gateway', topology: 'full-mesh', azCount: 2, enableNatGateway: false });
  });
});

describe('accepted variations', () => {
  test.each(['10.10.0.0/16', '10.10.0.0/20', '10.10.0.0/24', '192.168.4.0/22'])('VPC CIDR %s', (cidr) => {
    const config = validateConfig(configWith((c) => (c.regions[0].vpcCidr = cidr)));
    expect(config.regions[0].vpcCidr).toBe(cidr);
  });

  test('a Region overrides network.azCount', () => {
    const config = validateConfig(
      configWith((c) => {
        c.network.azCount = 3;
        c.regions[0].azCount = 6;
      }),
    );
    expect(config.regions.map((r) => [r.name, r.azCount, r.subnets.privateCidrs.length])).toEqual([
      ['us-east-1', 6, 6],
      ['eu-west-1', 3, 3],
    ]);
  });

  test('explicit Transit Gateway ASNs, including 32-bit private ones', () => {
    const config = validateConfig(
      configWith((c) => {
        c.regions[0].transitGatewayAsn = 65000;
        c.regions[1].transitGatewayAsn = 4200000001;
      }),
    );
    expect(config.regions.map((r) => r.transitGatewayAsn)).toEqual([65000, 4200000001]);
  });

  test('VPC peering in a full mesh, hub-and-spoke over Transit Gateways', () => {
    expect(validateConfig(configWith((c) => (c.network = { interRegion: 'vpc-peering' }))).network.topology).toBe('full-mesh');
    expect(validateConfig(configWith((c) => (c.network = { topology: 'hub-and-spoke' }))).network.interRegion).toBe('transit-gateway');
  });

  test('a non-default primary Region', () => {
    const config = validateConfig(configWith((c) => (c.primaryRegion = 'eu-west-1')));
    expect(config.regions.filter((r) => r.isPrimary).map((r) => r.name)).toEqual(['eu-west-1']);
  });

  test('every known Region at once', () => {
    const config = validateConfig(
      configWith((c) => (c.regions = REGION_NAMES.map((name, i) => ({ name, vpcCidr: `10.${i}.0.0/16` })))),
    );
    expect(config.regions).toHaveLength(REGION_NAMES.length);
    expect(new Set(config.regions.map((r) => r.transitGatewayAsn)).size).toBe(REGION_NAMES.length);
  });

  test('GitHub Actions OIDC: branches default to main, no plan role, bootstrap creates the provider', () => {
    const config = validateConfig(configWith((c) => (c.security = { iam: { githubOidc: { repository: 'acme-corp/foundation.infra' } } })));
    expect(config.security.iam.githubOidc).toEqual({ repository: 'acme-corp/foundation.infra', branches: ['main'], environments: [], pullRequests: false });
    const full = validateConfig(
      configWith((c) => (c.security = { iam: { githubOidc: { repository: 'a/b', branches: ['main', 'release/v1.2', 'feature_x'], pullRequests: true } } })),
    );
    expect(full.security.iam.githubOidc).toMatchObject({ branches: ['main', 'release/v1.2', 'feature_x'], pullRequests: true });
  });

  test('GitHub Actions OIDC environments: names as GitHub allows them, kept as written', () => {
    const config = validateConfig(configWith((c) => (c.security = { iam: { githubOidc: { repository: 'a/b', environments: ['production', 'Prod EU-1.x'] } } })));
    expect(config.security.iam.githubOidc?.environments).toEqual(['production', 'Prod EU-1.x']);
  });

  test('GitHub Actions OIDC: no branch when an approval environment is the only way in', () => {
    const config = validateConfig(configWith((c) => (c.security = { iam: { githubOidc: { repository: 'a/b', branches: [], environments: ['production'] } } })));
    expect(config.security.iam.githubOidc).toMatchObject({ branches: [], environments: ['production'] });
  });

  test('tags, project and state options', () => {
    const config = validateConfig(
      configWith((c) => {
        c.project = 'acme-web';
        c.tags = { Project: 'acme', 'cost-center': '42' };
        c.state.kmsKeyAlias = 'alias/acme/state';
        c.state.noncurrentVersionExpirationDays = 30;
        c.state.bucket = 'acme.tfstate-123';
      }),
    );
    expect(config.project).toBe('acme-web');
    expect(config.tags).toEqual({ Project: 'acme', 'cost-center': '42' });
    expect(config.state).toMatchObject({ kmsKeyAlias: 'alias/acme/state', noncurrentVersionExpirationDays: 30, bucket: 'acme.tfstate-123' });
  });
});

describe('rejections: each names the JSON path, the value received and what is allowed', () => {
  test.each(BAD_CONFIGS.map((c) => [c.name, c] as const))('%s', (_name, badCase) => {
    const error = errorOf(badCase.config);
    expect(error.name).toBe('ConfigError');
    expectProblems(error.message, badCase.problems);
    expect(error.problems).toHaveLength(badCase.problems.length);
  });
});

describe('a config with many problems', () => {
  const input = {
    primaryRegion: 'us-west-2',
    regions: [
      { name: 'us-east-1', vpcCidr: '10.10.0.0/16', zones: 2 },
      { name: 'us-east-1', vpcCidr: '10.10.0.0/17' },
      { name: 'eu-north-9', vpcCidr: '10.30.0.0/26' },
      { name: 'eu-west-1', vpcCidr: '10.40.0.1/16' },
    ],
    network: { interRegion: 'vpn', topology: 'ring', flowLogs: { trafficType: 'some', extra: true } },
    state: { bucket: 'Bad_Bucket', region: 'us-east-1', keyPrefix: 'p', lock: 'dynamodb' },
    extra: 1,
  };
  const error = errorOf(input, 'in test.json');

  test('throws one error that lists every problem', () => {
    const expected = [
      { path: 'extra', received: '1', allowed: 'unknown key; allowed keys here: $schema, project' },
      { path: 'regions[0].zones', received: '2', allowed: 'unknown key; allowed keys here: name, vpcCidr, azCount, transitGatewayAsn' },
      { path: 'regions[2].name', received: '"eu-north-9"', allowed: 'unknown Region; did you mean "eu-north-1"? allowed: us-east-1, us-east-2' },
      { path: 'regions[2].vpcCidr', received: '"10.30.0.0/26"', allowed: 'prefix must be /16 to /24' },
      { path: 'regions[3].vpcCidr', received: '"10.40.0.1/16"', allowed: 'expected a network address such as 10.40.0.0/16' },
      { path: 'network.interRegion', received: '"vpn"', allowed: 'expected "transit-gateway" or "vpc-peering"' },
      { path: 'network.topology', received: '"ring"', allowed: 'expected "full-mesh" or "hub-and-spoke"' },
      { path: 'network.flowLogs.extra', received: 'true', allowed: 'unknown key; allowed keys here: retentionDays, trafficType' },
      { path: 'network.flowLogs.trafficType', received: '"some"', allowed: 'expected "ALL", "ACCEPT" or "REJECT"' },
      { path: 'state.lock', received: '"dynamodb"', allowed: 'unknown key; allowed keys here: bucket, region' },
      { path: 'state.bucket', received: '"Bad_Bucket"', allowed: 'expected 3-63 lowercase letters' },
      { path: 'regions[1].name', received: '"us-east-1"', allowed: 'duplicate of regions[0].name' },
      { path: 'primaryRegion', received: '"us-west-2"', allowed: 'allowed: us-east-1, eu-west-1 (or correct regions[2].name)' },
      { path: 'regions[1].vpcCidr', received: '"10.10.0.0/17"', allowed: 'overlaps regions[0].vpcCidr (10.10.0.0/16)' },
    ];
    expectProblems(error.message, expected);
  });

  test('the header names the source and counts the problems', () => {
    expect(error.message.split('\n')[0]).toBe(`Invalid configuration in test.json: ${problemLines(error.message).length} problems`);
    expect(error.source).toBe('in test.json');
  });
});
