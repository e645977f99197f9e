import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EcrRegistryScanning } from '../../../src/constructs/compute/ecr-registry-scanning';
import { synthConstruct } from '../../helpers/synth';
import { only, policyFixture } from '../../helpers/inspect';

describe('EcrRegistryScanning', () => {
  const build = (scope: TerraformStack | any) =>
    new EcrRegistryScanning(scope, 'scanning', { provider: new AwsProvider(scope, 'aws_eu_west_1', { region: 'eu-west-1', alias: 'eu_west_1' }), region: 'eu-west-1', project: 'acme' });
  const [, configuration] = only(synthConstruct(build), 'aws_ecr_registry_scanning_configuration');

  test('BASIC scanning on push of the project\'s repositories, in its own Region', () => {
    expect(configuration).toMatchObject({
      provider: 'aws.eu_west_1',
      scan_type: 'BASIC',
      rule: [{ scan_frequency: 'SCAN_ON_PUSH', repository_filter: [{ filter: 'acme/*', filter_type: 'WILDCARD' }] }],
    });
  });

  test('passes every foundation policy rule', () => {
    expect(policyFixture(build).violations()).toEqual([]);
  });

  test('refuses a provider of another Region', () => {
    expect(() => {
      const scope = new TerraformStack(Testing.app(), 'bad');
      new EcrRegistryScanning(scope, 'scanning', { provider: new AwsProvider(scope, 'aws', { region: 'us-east-1' }), region: 'eu-west-1', project: 'acme' });
    }).toThrow('EcrRegistryScanning scanning provider: received a provider for "us-east-1"; expected the provider of "eu-west-1"');
  });
});
