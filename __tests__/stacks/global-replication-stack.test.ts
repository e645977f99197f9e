import { Testing } from 'cdktf';
import { GlobalReplicationStack } from '../../src/stacks/global-replication-stack';
import { FoundationConfig } from '../../src/config/validate';
import { resources, synthApp, testConfig, StackJson } from '../helpers/synth';
import { blocks, dataSources, only, ref, synthStack } from '../helpers/inspect';

const alias = (region: string) => region.replace(/-/g, '_');
const remote = (stack: string, output: string) => `\${data.terraform_remote_state.${stack}.outputs.${output}}`;
const GLOBAL_KEY = remote('global', 'kms_primary_key_arn');

const THREE_REGIONS = [
  { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
  { name: 'eu-west-1', vpcCidr: '10.20.0.0/16' },
  { name: 'ap-southeast-2', vpcCidr: '10.30.0.0/16' },
];
const PAYMENTS_APP = 'arn:aws:iam::123456789012:role/payments-app';
const SECRETS = [
  { name: 'third-party/payments-api-key', description: 'Payments provider', readerArns: [PAYMENTS_APP] },
  { name: 'third-party/maps-api-key', description: 'Maps provider' },
];
const SECRET_IDS: Record<string, string> = {
  'third-party/payments-api-key': 'secret_third-party_payments-api-key_secret',
  'third-party/maps-api-key': 'secret_third-party_maps-api-key_secret',
};
const POLICY_IDS: Record<string, string> = {
  'third-party/payments-api-key': 'secret_third-party_payments-api-key_policy',
  'third-party/maps-api-key': 'secret_third-party_maps-api-key_policy',
};

/** Every cross-stack read must name an output the other stack really exports, with a description. */
function expectReadsMatchContract(stacks: Record<string, StackJson>) {
  const text = JSON.stringify(stacks['global-replication']);
  const reads = [...text.matchAll(/data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([a-z0-9_]+)/g)];
  expect(reads.length).toBeGreaterThan(0);
  for (const [, stackName, output] of reads) {
    expect({ stackName, output, declared: Object.keys(stacks[stackName]?.output ?? {}).includes(output) }).toEqual({ stackName, output, declared: true });
    expect(stacks[stackName].output![output].description).toBeTruthy();
  }
}

/** Every resource and data source (remote state aside) names an aliased provider the stack defines; address -> Region. */
function locatedRegions(json: StackJson): Record<string, string> {
  const defined = new Map(json.provider!.aws.filter((p) => p.alias).map((p) => [`aws.${p.alias}`, p.region as string]));
  const out: Record<string, string> = {};
  for (const block of blocks(json).filter((b) => b.type !== 'terraform_remote_state')) {
    expect({ address: block.address, defined: defined.has(block.body.provider) }).toEqual({ address: block.address, defined: true });
    out[block.address] = defined.get(block.body.provider)!;
  }
  return out;
}

describe('GlobalReplicationStack, 3 Regions, two secrets, Security Hub on, no directory', () => {
  const config = testConfig({ project: 'acme-net', regions: THREE_REGIONS, security: { secrets: SECRETS } });
  const stacks = synthApp(config);
  const json = stacks['global-replication'];
  const secrets = resources(json, 'aws_secretsmanager_secret');

  test('is named global-replication, with its state under <keyPrefix>/global-replication.tfstate', () => {
    expect(json.terraform.backend.s3).toMatchObject({ key: 'example/prod/global-replication.tfstate', encrypt: true, use_lockfile: true });
  });

  test('home provider is the primary Region; one aliased provider per Region, named for it', () => {
    const providers = json.provider!.aws;
    expect(providers.filter((p) => !p.alias)).toEqual([expect.objectContaining({ region: 'us-east-1' })]);
    expect(Object.fromEntries(providers.filter((p) => p.alias).map((p) => [p.alias, p.region]))).toEqual(
      Object.fromEntries(THREE_REGIONS.map((r) => [alias(r.name), r.name])),
    );
    for (const p of providers) expect(p.default_tags[0].tags).toMatchObject({ FoundationStack: 'global-replication', FoundationProject: 'acme-net' });
  });

  test('every resource and data source names the aliased provider of the Region it lives in', () => {
    expect(locatedRegions(json)).toEqual({
      [`aws_secretsmanager_secret.${SECRET_IDS['third-party/payments-api-key']}`]: 'us-east-1',
      [`aws_secretsmanager_secret.${SECRET_IDS['third-party/maps-api-key']}`]: 'us-east-1',
      [`aws_secretsmanager_secret_policy.${POLICY_IDS['third-party/payments-api-key']}`]: 'us-east-1',
      [`aws_secretsmanager_secret_policy.${POLICY_IDS['third-party/maps-api-key']}`]: 'us-east-1',
      'aws_securityhub_finding_aggregator.security_hub_aggregator_aggregator': 'us-east-1',
    });
  });

  test('reads the global stack and every region stack, each under its own state key', () => {
    const reads = json.data!.terraform_remote_state;
    expect(Object.keys(reads).sort()).toEqual(['global', 'region-ap-southeast-2', 'region-eu-west-1', 'region-us-east-1']);
    for (const [name, read] of Object.entries<any>(reads)) {
      expect(read).toEqual({ backend: 's3', config: { bucket: 'example-tfstate', key: `example/prod/${name}.tfstate`, region: 'us-east-1' } });
    }
  });

  test('every remote-state read names an output that stack declares, with a description', () => {
    expectReadsMatchContract(stacks);
  });

  test('one secret per configured secret, named and described as configured', () => {
    expect(Object.keys(secrets).sort()).toEqual(Object.values(SECRET_IDS).sort());
    for (const { name, description } of SECRETS) expect(secrets[SECRET_IDS[name]]).toMatchObject({ name, description });
  });

  test('each secret lives in the primary Region, on the primary key read from the global stack', () => {
    for (const secret of Object.values(secrets)) {
      expect(secret.provider).toBe('aws.us_east_1');
      expect(secret.kms_key_id).toBe(GLOBAL_KEY);
      expect(secret.force_overwrite_replica_secret).toBe(false);
    }
  });

  test('each secret has a replica in every other Region, on that Region\'s key from its region stack', () => {
    for (const secret of Object.values(secrets)) {
      expect(secret.replica).toEqual([
        { region: 'eu-west-1', kms_key_id: remote('region-eu-west-1', 'kms_key_arn') },
        { region: 'ap-southeast-2', kms_key_id: remote('region-ap-southeast-2', 'kms_key_arn') },
      ]);
    }
  });

  test('each secret\'s resource policy, in the primary Region, denies GetSecretValue to all but its configured readers', () => {
    const policies = resources(json, 'aws_secretsmanager_secret_policy');
    expect(Object.keys(policies).sort()).toEqual(Object.values(POLICY_IDS).sort());
    for (const { name } of SECRETS) {
      const policy = policies[POLICY_IDS[name]];
      expect(policy).toMatchObject({ provider: 'aws.us_east_1', secret_arn: ref('aws_secretsmanager_secret', SECRET_IDS[name], 'arn'), block_public_policy: true });
      const [deny, ...others] = JSON.parse(policy.policy).Statement;
      expect(others).toEqual([]);
      expect(deny).toMatchObject({ Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' });
      expect(deny.Condition?.ArnNotEquals['aws:PrincipalArn'] ?? []).toEqual(name === 'third-party/payments-api-key' ? [PAYMENTS_APP] : []);
    }
  });

  test('no secret value anywhere: no aws_secretsmanager_secret_version resource or data source in any stack', () => {
    for (const stack of Object.values(stacks)) {
      expect(blocks(stack).filter((b) => b.type === 'aws_secretsmanager_secret_version')).toEqual([]);
      expect(JSON.stringify(stack)).not.toMatch(/secret_string|secret_binary/);
    }
  });

  test('exactly one finding aggregator, in the aggregation Region (the primary), linking every other Region', () => {
    const [, aggregator] = only(json, 'aws_securityhub_finding_aggregator');
    expect(aggregator).toMatchObject({ provider: 'aws.us_east_1', linking_mode: 'SPECIFIED_REGIONS', specified_regions: ['ap-southeast-2', 'eu-west-1'] });
    for (const stack of Object.keys(stacks).filter((name) => name !== 'global-replication')) {
      expect(resources(stacks[stack], 'aws_securityhub_finding_aggregator')).toEqual({});
    }
  });

  // cdktf 0.21 renders lifecycle preconditions as invalid HCL, so the aggregator no longer checks
  // the Region stacks' hub ARNs at plan time; the stack graph orders it after every Region stack.
  test('the aggregator has no lifecycle block and the stack reads no hub ARN', () => {
    const [, aggregator] = only(json, 'aws_securityhub_finding_aggregator');
    expect(aggregator).toEqual({ provider: 'aws.us_east_1', linking_mode: 'SPECIFIED_REGIONS', specified_regions: ['ap-southeast-2', 'eu-west-1'] });
    expect(JSON.stringify(json)).not.toContain('security_hub_arn');
  });

  test('no Directory Service while it is off', () => {
    expect(Object.keys(json.resource!).filter((type) => type.startsWith('aws_directory_service'))).toEqual([]);
    expect(json.data!.aws_subnet).toBeUndefined();
  });

  test('outputs: secret ARNs by name and the aggregation Region', () => {
    expect(json.output).toEqual({
      secret_arns: {
        value: Object.fromEntries(SECRETS.map(({ name }) => [name, ref('aws_secretsmanager_secret', SECRET_IDS[name], 'arn')])),
        description: expect.stringMatching(/\w{3,}/),
      },
      security_hub_aggregation_region: { value: 'us-east-1', description: expect.stringMatching(/\w{3,}/) },
    });
  });
});

describe('GlobalReplicationStack with a non-first primary and another aggregation Region', () => {
  const config = testConfig({
    primaryRegion: 'eu-west-1',
    regions: THREE_REGIONS,
    security: { secrets: [SECRETS[0]], securityHub: { aggregationRegion: 'ap-southeast-2' } },
  });
  const json = synthStack(new GlobalReplicationStack(Testing.app(), config));

  test('secrets live in the primary Region and replicate to every other one', () => {
    const [, secret] = only(json, 'aws_secretsmanager_secret');
    expect(secret.provider).toBe('aws.eu_west_1');
    expect(secret.replica).toEqual([
      { region: 'us-east-1', kms_key_id: remote('region-us-east-1', 'kms_key_arn') },
      { region: 'ap-southeast-2', kms_key_id: remote('region-ap-southeast-2', 'kms_key_arn') },
    ]);
  });

  test('the aggregator sits in the aggregation Region and links the other two, the primary included', () => {
    const [, aggregator] = only(json, 'aws_securityhub_finding_aggregator');
    expect(aggregator.provider).toBe('aws.ap_southeast_2');
    expect(aggregator.specified_regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(json.output!.security_hub_aggregation_region.value).toBe('ap-southeast-2');
  });

  test('the home provider follows the primary Region', () => {
    expect(json.provider!.aws.filter((p) => !p.alias).map((p) => p.region)).toEqual(['eu-west-1']);
  });
});

describe('GlobalReplicationStack with Security Hub disabled', () => {
  const config = testConfig({ regions: THREE_REGIONS, security: { securityHub: { enable: false } } });
  const stacks = synthApp(config);
  const json = stacks['global-replication'];

  test('has no finding aggregator and no aggregation output', () => {
    expect(resources(json, 'aws_securityhub_finding_aggregator')).toEqual({});
    expect(Object.keys(json.output!)).toEqual(['secret_arns']);
  });

  test('reads no security_hub_arn (the region stacks export none)', () => {
    expect(JSON.stringify(json)).not.toContain('security_hub_arn');
    expectReadsMatchContract(stacks);
  });

  test('still replicates the default example secret to every other Region', () => {
    const [, secret] = only(json, 'aws_secretsmanager_secret');
    expect(secret.name).toBe('third-party/example-api-key');
    expect(secret.replica.map((r: any) => r.region)).toEqual(['eu-west-1', 'ap-southeast-2']);
  });
});

describe('GlobalReplicationStack with Directory Service enabled', () => {
  const PASSWORD_SECRET = 'directory/admin-password';
  const config: FoundationConfig = testConfig({
    regions: THREE_REGIONS,
    security: {
      secrets: [SECRETS[0], { name: PASSWORD_SECRET, description: 'Admin password of the managed directory' }],
      directoryService: { enable: true, domainName: 'corp.acme.internal' },
    },
  });
  const stacks = synthApp(config);
  const json = stacks['global-replication'];
  const [directoryId, directory] = only(json, 'aws_directory_service_directory');
  const passwordSecretId = 'secret_directory_admin-password_secret';
  const subnets = (region: string) => [0, 1].map((i) => `\${element(data.terraform_remote_state.region-${region}.outputs.private_subnet_ids, ${i})}`);

  test('one Enterprise AWS Managed Microsoft AD in the primary Region\'s VPC and two private subnets', () => {
    expect(directoryId).toBe('directory_directory');
    expect(directory).toMatchObject({
      provider: 'aws.us_east_1',
      name: 'corp.acme.internal',
      type: 'MicrosoftAD',
      edition: 'Enterprise',
      vpc_settings: { vpc_id: remote('region-us-east-1', 'vpc_id'), subnet_ids: subnets('us-east-1') },
    });
  });

  test('the directory starts with a throwaway password; the real one lives only in the listed secret, which Terraform never reads', () => {
    expect(directory.password).toBe('${format("Tmp-1%s", uuid())}');
    expect(directory.lifecycle.ignore_changes).toEqual(['password']);
    expect(resources(json, 'aws_secretsmanager_secret')[passwordSecretId]).toMatchObject({ name: PASSWORD_SECRET, kms_key_id: GLOBAL_KEY });
  });

  test('no stack reads or writes a secret value: no aws_secretsmanager_secret_version resource or data source', () => {
    for (const stack of Object.values(stacks)) {
      expect(resources(stack, 'aws_secretsmanager_secret_version')).toEqual({});
      expect(dataSources(stack, 'aws_secretsmanager_secret_version')).toEqual({});
    }
  });

  test('replicated to every other Region by default, each on that Region\'s VPC and subnets from remote state', () => {
    const regions = resources(json, 'aws_directory_service_region');
    expect(Object.keys(regions).sort()).toEqual(['directory_region_ap-southeast-2', 'directory_region_eu-west-1']);
    for (const region of ['eu-west-1', 'ap-southeast-2']) {
      expect(regions[`directory_region_${region}`]).toMatchObject({
        provider: 'aws.us_east_1',
        directory_id: ref('aws_directory_service_directory', 'directory_directory', 'id'),
        region_name: region,
        vpc_settings: { vpc_id: remote(`region-${region}`, 'vpc_id'), subnet_ids: subnets(region) },
      });
    }
  });

  test('replicas are added one after another: the second depends on the first', () => {
    const regions = resources(json, 'aws_directory_service_region');
    expect(regions['directory_region_eu-west-1'].depends_on).toBeUndefined();
    expect(regions['directory_region_ap-southeast-2'].depends_on).toEqual(['aws_directory_service_region.directory_region_eu-west-1']);
  });

  // cdktf 0.21 renders lifecycle preconditions as invalid HCL, so the subnets are no longer looked
  // up and checked at plan time.
  test('no subnet lookups and no precondition: the directory keeps only ignore_changes on password', () => {
    expect(dataSources(json, 'aws_subnet')).toEqual({});
    expect(Object.keys(json.data!).sort()).toEqual(['terraform_remote_state']);
    expect(directory.lifecycle).toEqual({ ignore_changes: ['password'] });
    for (const region of Object.values(resources(json, 'aws_directory_service_region'))) expect(region.lifecycle).toBeUndefined();
    for (const block of blocks(json)) expect({ address: block.address, precondition: block.body.lifecycle?.precondition }).toEqual({ address: block.address, precondition: undefined });
  });

  test('exports directory_id beside the other outputs', () => {
    expect(Object.keys(json.output!).sort()).toEqual(['directory_id', 'secret_arns', 'security_hub_aggregation_region']);
    expect(json.output!.directory_id.value).toBe(ref('aws_directory_service_directory', 'directory_directory', 'id'));
  });

  test('every remote-state read names an output that stack declares', () => {
    expectReadsMatchContract(stacks);
  });
});

describe('GlobalReplicationStack with Directory Service replicated to a chosen Region only', () => {
  const config = testConfig({
    regions: THREE_REGIONS,
    security: { secrets: [{ name: 'directory/admin-password' }], directoryService: { enable: true, regions: ['ap-southeast-2'] } },
  });
  const json = synthStack(new GlobalReplicationStack(Testing.app(), config));

  test('one aws_directory_service_region, for the listed Region', () => {
    expect(Object.values(resources(json, 'aws_directory_service_region')).map((r) => r.region_name)).toEqual(['ap-southeast-2']);
    expect(resources(json, 'aws_directory_service_region')['directory_region_ap-southeast-2'].depends_on).toBeUndefined();
    expect(dataSources(json, 'aws_subnet')).toEqual({});
  });
});
