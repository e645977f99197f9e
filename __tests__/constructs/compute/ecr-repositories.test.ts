import { Construct } from 'constructs';
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EcrRepositories, EcrRepositoriesProps } from '../../../src/constructs/compute/ecr-repositories';
import { ecrLifecyclePolicy } from '../../../src/constructs/compute/ecr-names';
import { resourceList, resources, synthConstruct } from '../../helpers/synth';
import { policyFixture, ref } from '../../helpers/inspect';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef';
const LIFECYCLE = { keepLastImages: 30, untaggedExpireDays: 7 };

function props(scope: Construct, overrides: Partial<EcrRepositoriesProps> = {}): EcrRepositoriesProps {
  return {
    provider: new AwsProvider(scope, 'aws_us_east_1', { region: 'us-east-1', alias: 'us_east_1' }),
    region: 'us-east-1',
    project: 'acme',
    repositories: ['app', 'team/web-api'],
    kmsKeyArn: KEY,
    lifecycle: LIFECYCLE,
    ...overrides,
  };
}

const build = (overrides: Partial<EcrRepositoriesProps> = {}) => (scope: Construct) => new EcrRepositories(scope, 'ecr', props(scope, overrides));

describe('EcrRepositories', () => {
  let urls: Record<string, string> = {};
  const stack = synthConstruct((scope) => {
    const ecr = build()(scope);
    urls = ecr.repositoryUrls;
    new TerraformOutput(scope, 'urls', { value: ecr.repositoryUrls });
  });
  const repositories = resources(stack, 'aws_ecr_repository');
  const byName: Record<string, Record<string, any>> = Object.fromEntries(Object.entries(repositories).map(([id, r]) => [r.name, { id, ...r }]));

  test('one repository per configured name, under the project\'s namespace, in the primary Region', () => {
    expect(Object.keys(byName).sort()).toEqual(['acme/app', 'acme/team/web-api']);
    for (const r of Object.values(byName)) expect(r.provider).toBe('aws.us_east_1');
  });

  test('immutable tags, scan on push, KMS with the multi-Region key, never force-deleted, never destroyed by Terraform', () => {
    for (const r of Object.values(byName)) {
      expect(r).toMatchObject({
        image_tag_mutability: 'IMMUTABLE',
        image_scanning_configuration: { scan_on_push: true },
        encryption_configuration: [{ encryption_type: 'KMS', kms_key: KEY }],
        force_delete: false,
        lifecycle: { prevent_destroy: true },
      });
    }
  });

  test('each repository has the lifecycle policy of the configured numbers, exactly', () => {
    const policies = resourceList(stack, 'aws_ecr_lifecycle_policy');
    expect(policies).toHaveLength(2);
    expect(policies.map((p) => p.repository).sort()).toEqual(
      Object.values(byName).map((r) => ref('aws_ecr_repository', r.id, 'name')).sort(),
    );
    for (const p of policies) {
      expect(p.provider).toBe('aws.us_east_1');
      expect(p.policy).toBe(ecrLifecyclePolicy(LIFECYCLE));
    }
  });

  test('exposes each repository\'s URL by configured name', () => {
    expect(Object.keys(urls).sort()).toEqual(['app', 'team/web-api']);
    expect(stack.output!.urls.value).toEqual({
      app: ref('aws_ecr_repository', byName['acme/app'].id, 'repository_url'),
      'team/web-api': ref('aws_ecr_repository', byName['acme/team/web-api'].id, 'repository_url'),
    });
  });

  test('scanOnPush false turns the repository\'s scan on push off', () => {
    const off = synthConstruct(build({ scanOnPush: false }));
    for (const r of resourceList(off, 'aws_ecr_repository')) expect(r.image_scanning_configuration).toEqual({ scan_on_push: false });
  });

  test('a key given as a Terraform reference passes through', () => {
    const tokens = synthConstruct(build({ kmsKeyArn: '${data.terraform_remote_state.global.outputs.kms_primary_key_arn}' }));
    for (const r of resourceList(tokens, 'aws_ecr_repository')) {
      expect(r.encryption_configuration).toEqual([{ encryption_type: 'KMS', kms_key: '${data.terraform_remote_state.global.outputs.kms_primary_key_arn}' }]);
    }
  });

  test('passes every foundation policy rule', () => {
    expect(policyFixture(build()).violations()).toEqual([]);
  });
});

describe('EcrRepositories rejects', () => {
  const attempt = (overrides: Partial<EcrRepositoriesProps>) => () => {
    const scope = new TerraformStack(Testing.app(), 'bad');
    build(overrides)(scope);
  };

  test.each([
    [{ repositories: [] }, 'EcrRepositories ecr repositories: received []; expected at least one repository name'],
    [{ repositories: ['App'] }, 'EcrRepositories ecr repositories: received "App" (created as "acme/App"); expected lowercase letters and digits'],
    [{ repositories: ['app', 'app'] }, 'EcrRepositories ecr repositories: received "app" twice; expected each repository once'],
    [{ repositories: ['a/b', 'a_b'] }, 'EcrRepositories ecr repositories: received "a/b" and "a_b", which differ only in'],
    [{ project: 'Acme' }, 'EcrRepositories ecr project: received "Acme"; expected the project name as one ECR name component'],
    [{ kmsKeyArn: 'alias/acme' }, 'EcrRepositories ecr kmsKeyArn: received "alias/acme"; expected the ARN of a KMS key in us-east-1'],
    [
      { kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/mrk-1' },
      'EcrRepositories ecr kmsKeyArn: received \"arn:aws:kms:eu-west-1:123456789012:key/mrk-1\"; a key of eu-west-1; expected a key in us-east-1',
    ],
    [{ region: 'eu-west-1', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/mrk-1' }, 'EcrRepositories ecr provider: received a provider for "us-east-1"; expected the provider of "eu-west-1"'],
    [{ region: 'Europe' }, 'EcrRepositories ecr region: received "Europe"; expected a Region name such as "eu-west-1"'],
  ])('%j', (overrides, message) => {
    expect(attempt(overrides as Partial<EcrRepositoriesProps>)).toThrow(message);
  });
});
