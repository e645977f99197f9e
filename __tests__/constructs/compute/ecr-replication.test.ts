import { Construct } from 'constructs';
import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EcrReplication } from '../../../src/constructs/compute/ecr-replication';
import { EcrReplicationTemplate } from '../../../src/constructs/compute/ecr-replication-template';
import { EcrRegistryScanning } from '../../../src/constructs/compute/ecr-registry-scanning';
import { EcrRepositories } from '../../../src/constructs/compute/ecr-repositories';
import { EcrTemplateRole } from '../../../src/constructs/compute/ecr-template-role';
import { ecrTemplateRoleName } from '../../../src/constructs/compute/ecr-names';
import { resources, synthConstruct } from '../../helpers/synth';
import { only, policyFixture } from '../../helpers/inspect';

const PRIMARY = 'us-east-1';
const REGIONS = [PRIMARY, 'eu-west-1', 'ap-southeast-2'];
const ACCOUNT = '123456789012';
const KEY = (region: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/mrk-0123456789abcdef0123456789abcdef`;
const LIFECYCLE = { keepLastImages: 30, untaggedExpireDays: 7 };
const alias = (region: string) => region.replace(/-/g, '_');

/** The whole ECR layer as the lead would wire it into one link stack: an aliased provider per Region. */
function ecrLayer(scope: Construct, regions = REGIONS): void {
  const providers = Object.fromEntries(regions.map((r) => [r, new AwsProvider(scope, `aws_${alias(r)}`, { region: r, alias: alias(r) })]));
  const others = regions.filter((r) => r !== PRIMARY);
  new EcrRepositories(scope, 'ecr_repositories', { provider: providers[PRIMARY], region: PRIMARY, project: 'acme', repositories: ['app'], kmsKeyArn: KEY(PRIMARY), lifecycle: LIFECYCLE });
  const role = new EcrTemplateRole(scope, 'ecr_template_role', {
    provider: providers[PRIMARY],
    roleName: ecrTemplateRoleName('acme'),
    project: 'acme',
    facts: { account: ACCOUNT, partition: 'aws' },
    regions: others.map((region) => ({ region, kmsKeyArn: KEY(region) })),
  });
  const templates = others.map(
    (region) =>
      new EcrReplicationTemplate(scope, `ecr_template_${region}`, {
        provider: providers[region],
        region,
        project: 'acme',
        kmsKeyArn: KEY(region),
        lifecycle: LIFECYCLE,
        customRoleArn: role.role.arn,
      }),
  );
  const scanning = regions.map((region) => new EcrRegistryScanning(scope, `ecr_scanning_${region}`, { provider: providers[region], region, project: 'acme' }));
  new EcrReplication(scope, 'ecr_replication', {
    provider: providers[PRIMARY],
    region: PRIMARY,
    registryId: ACCOUNT,
    project: 'acme',
    templates,
    dependsOn: scanning.filter((_, i) => regions[i] !== PRIMARY).map((s) => s.configuration),
  });
}

describe('EcrReplication in a three-Region layer', () => {
  const stack = synthConstruct((scope) => ecrLayer(scope));
  const [, replication] = only(stack, 'aws_ecr_replication_configuration');
  const templates = resources(stack, 'aws_ecr_repository_creation_template');
  const rule = replication.replication_configuration.rule;

  test('is configured in the primary Region with one rule', () => {
    expect(replication.provider).toBe('aws.us_east_1');
    expect(rule).toHaveLength(1);
  });

  test('replicates to every other Region, in this account, and to no other Region', () => {
    expect(rule[0].destination).toEqual([
      { region: 'ap-southeast-2', registry_id: ACCOUNT },
      { region: 'eu-west-1', registry_id: ACCOUNT },
    ]);
  });

  test('replicates only the project\'s repositories (PREFIX_MATCH "acme/")', () => {
    expect(rule[0].repository_filter).toEqual([{ filter: 'acme/', filter_type: 'PREFIX_MATCH' }]);
  });

  test('every non-primary Region has one creation template, on its own provider and its own key', () => {
    const byProvider = Object.values(templates).map((t) => [t.provider, t.encryption_configuration[0].kms_key]);
    expect(byProvider.sort()).toEqual([
      ['aws.ap_southeast_2', KEY('ap-southeast-2')],
      ['aws.eu_west_1', KEY('eu-west-1')],
    ]);
  });

  test('is switched on only after every creation template (and the destinations\' scanning) exists', () => {
    const templateAddresses = Object.keys(templates).map((id) => `aws_ecr_repository_creation_template.${id}`);
    expect(templateAddresses).toHaveLength(2);
    for (const address of templateAddresses) expect(replication.depends_on).toContain(address);
    const scanning = Object.entries(resources(stack, 'aws_ecr_registry_scanning_configuration'))
      .filter(([, s]) => s.provider !== 'aws.us_east_1')
      .map(([id]) => `aws_ecr_registry_scanning_configuration.${id}`);
    expect([...replication.depends_on].sort()).toEqual([...templateAddresses, ...scanning].sort());
  });

  test('every Region scans the project\'s repositories on push', () => {
    const providers = Object.values(resources(stack, 'aws_ecr_registry_scanning_configuration')).map((s) => s.provider);
    expect(providers.sort()).toEqual(['aws.ap_southeast_2', 'aws.eu_west_1', 'aws.us_east_1']);
  });

  test('adding a Region adds its destination and template, and changes nothing else of the existing ones', () => {
    const four = synthConstruct((scope) => ecrLayer(scope, [...REGIONS, 'us-west-2']));
    const [, bigger] = only(four, 'aws_ecr_replication_configuration');
    expect(bigger.replication_configuration.rule[0].destination.map((d: any) => d.region)).toEqual(['ap-southeast-2', 'eu-west-1', 'us-west-2']);
    const fourTemplates = resources(four, 'aws_ecr_repository_creation_template');
    for (const [id, template] of Object.entries(templates)) expect(fourTemplates[id]).toEqual(template);
    expect(Object.keys(fourTemplates)).toHaveLength(3);
  });

  test('the whole layer passes every foundation policy rule', () => {
    expect(policyFixture((scope) => ecrLayer(scope)).violations()).toEqual([]);
  });
});

describe('EcrReplication rejects', () => {
  function attempt(templateRegions: string[], overrides: { registryId?: string; templateProject?: string } = {}): () => void {
    return () => {
      const scope = new TerraformStack(Testing.app(), 'bad');
      const primary = new AwsProvider(scope, 'aws', { region: PRIMARY });
      const templates = templateRegions.map(
        (region, i) =>
          new EcrReplicationTemplate(scope, `t${i}`, {
            provider: new AwsProvider(scope, `p${i}`, { region, alias: `p${i}` }),
            region,
            project: overrides.templateProject ?? 'acme',
            kmsKeyArn: KEY(region),
            lifecycle: LIFECYCLE,
            customRoleArn: `arn:aws:iam::${ACCOUNT}:role/acme-ecr-templates`,
          }),
      );
      new EcrReplication(scope, 'replication', { provider: primary, region: PRIMARY, registryId: overrides.registryId ?? ACCOUNT, project: 'acme', templates });
    };
  }

  test('no templates: a destination without its template would get ECR\'s defaults', () => {
    expect(attempt([])).toThrow('EcrReplication replication templates: received []; expected the creation template of every other configured Region');
  });

  test('two templates for one Region', () => {
    expect(attempt(['eu-west-1', 'eu-west-1'])).toThrow('EcrReplication replication templates: received two templates for eu-west-1; expected one per destination Region');
  });

  test('a template for the source Region', () => {
    expect(attempt(['eu-west-1', PRIMARY])).toThrow('EcrReplication replication templates: received a template for the source Region us-east-1; expected only the other Regions');
  });

  test('a template of another namespace: its Region would replicate onto ECR\'s defaults', () => {
    expect(attempt(['eu-west-1'], { templateProject: 'other' })).toThrow(
      'EcrReplication replication templates: received the template of eu-west-1 for prefix "other"; expected templates for "acme"',
    );
  });

  test('a registry id that is not an account id', () => {
    expect(attempt(['eu-west-1'], { registryId: 'acme' })).toThrow('EcrReplication replication registryId: received "acme"; expected this account\'s 12-digit id');
  });
});
