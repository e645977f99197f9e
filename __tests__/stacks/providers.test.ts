import { Testing, TerraformStack } from 'cdktf';
import { homeProvider, providerAlias, regionProviders } from '../../src/stacks/providers';
import { synthApp, testConfig } from '../helpers/synth';
import { synthStack } from '../helpers/inspect';

const REGIONS = [
  { name: 'eu-west-1', vpcCidr: '10.20.0.0/16' },
  { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
  { name: 'ap-northeast-1', vpcCidr: '10.30.0.0/16' },
];
const config = testConfig({
  primaryRegion: 'eu-west-1',
  regions: REGIONS,
  tags: { Owner: 'platform', CostCenter: '42' },
  state: { bucket: 'acme-tfstate', region: 'us-west-2', keyPrefix: 'acme' },
});

describe('providerAlias', () => {
  test.each([
    ['us-east-1', 'us_east_1'],
    ['ap-southeast-2', 'ap_southeast_2'],
  ])('%s -> %s', (region, alias) => expect(providerAlias(region)).toBe(alias));
});

describe('homeProvider and regionProviders', () => {
  const stack = new TerraformStack(Testing.app(), 'probe');
  homeProvider(stack, config, 'probe', 'eu-west-1');
  const map = regionProviders(stack, config, 'probe');
  const providers = synthStack(stack).provider!.aws;

  test('one unaliased home provider plus one aliased provider per Region', () => {
    expect(providers).toHaveLength(1 + REGIONS.length);
    expect(providers.filter((p) => p.alias === undefined)).toEqual([expect.objectContaining({ region: 'eu-west-1' })]);
    for (const region of REGIONS) {
      expect(providers.filter((p) => p.alias === providerAlias(region.name))).toEqual([
        expect.objectContaining({ region: region.name }),
      ]);
    }
  });

  test('the returned map is keyed by Region', () => {
    expect([...map.keys()]).toEqual(REGIONS.map((r) => r.name));
    expect(map.get('ap-northeast-1')!.alias).toBe('ap_northeast_1');
  });

  test('every provider tags resources with the config tags plus project, stack and ManagedBy', () => {
    for (const provider of providers) {
      expect(provider.default_tags).toEqual([
        { tags: { Owner: 'platform', CostCenter: '42', ManagedBy: 'cdktf', FoundationProject: 'multi-region', FoundationStack: 'probe' } },
      ]);
    }
  });
});

describe('providers of the whole app', () => {
  const stacks = synthApp(config);

  test('bootstrap runs in the state bucket\'s Region, with an aliased provider for the state replica\'s', () => {
    expect(stacks.bootstrap.provider!.aws).toEqual([
      expect.objectContaining({ region: 'us-west-2' }),
      expect.objectContaining({ region: config.state.replicaRegion, alias: config.state.replicaRegion.replace(/-/g, '_') }),
    ]);
  });

  test('global runs in the primary Region', () => {
    expect(stacks.global.provider!.aws).toEqual([expect.objectContaining({ region: 'eu-west-1' })]);
  });

  test('each region stack has exactly one, unaliased, provider in its own Region', () => {
    for (const region of REGIONS) {
      const providers = stacks[`region-${region.name}`].provider!.aws;
      expect(providers).toHaveLength(1);
      expect(providers[0].region).toBe(region.name);
      expect(providers[0].alias).toBeUndefined();
    }
  });

  test('global-network has an aliased provider per Region, each alias resolving to its Region', () => {
    const aliased = stacks['global-network'].provider!.aws.filter((p) => p.alias);
    expect(Object.fromEntries(aliased.map((p) => [p.alias, p.region]))).toEqual({
      eu_west_1: 'eu-west-1',
      us_east_1: 'us-east-1',
      ap_northeast_1: 'ap-northeast-1',
    });
  });

  test('every stack tags with its own name', () => {
    for (const [name, stack] of Object.entries(stacks)) {
      for (const provider of stack.provider!.aws) expect(provider.default_tags[0].tags.FoundationStack).toBe(name);
    }
  });

  test('every stack pins the AWS provider version the image mirrors', () => {
    for (const stack of Object.values(stacks)) expect(stack.terraform.required_providers.aws.version).toBe('5.100.0');
  });
});
