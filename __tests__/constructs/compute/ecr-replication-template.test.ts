import { Construct } from 'constructs';
import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EcrReplicationTemplate, EcrReplicationTemplateProps } from '../../../src/constructs/compute/ecr-replication-template';
import { ecrLifecyclePolicy } from '../../../src/constructs/compute/ecr-names';
import { synthConstruct } from '../../helpers/synth';
import { only, policyFixture } from '../../helpers/inspect';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef';
const ROLE = 'arn:aws:iam::123456789012:role/acme-ecr-templates';
const LIFECYCLE = { keepLastImages: 12, untaggedExpireDays: 3 };

function props(scope: Construct, overrides: Partial<EcrReplicationTemplateProps> = {}): EcrReplicationTemplateProps {
  return {
    provider: new AwsProvider(scope, 'aws_eu_west_1', { region: 'eu-west-1', alias: 'eu_west_1' }),
    region: 'eu-west-1',
    project: 'acme',
    kmsKeyArn: KEY,
    lifecycle: LIFECYCLE,
    customRoleArn: ROLE,
    ...overrides,
  };
}

const build = (overrides: Partial<EcrReplicationTemplateProps> = {}) => (scope: Construct) =>
  new EcrReplicationTemplate(scope, 'template', props(scope, overrides));

describe('EcrReplicationTemplate', () => {
  const stack = synthConstruct(build({ resourceTags: { FoundationProject: 'acme' } }));
  const [, template] = only(stack, 'aws_ecr_repository_creation_template');

  test('applies to replication only, for the project\'s namespace, in its own Region', () => {
    expect(template).toMatchObject({ provider: 'aws.eu_west_1', prefix: 'acme', applied_for: ['REPLICATION'] });
  });

  test('replicated repositories: that Region\'s replica key, immutable tags, the primary\'s lifecycle policy exactly', () => {
    expect(template.encryption_configuration).toEqual([{ encryption_type: 'KMS', kms_key: KEY }]);
    expect(template.image_tag_mutability).toBe('IMMUTABLE');
    expect(template.lifecycle_policy).toBe(ecrLifecyclePolicy(LIFECYCLE));
  });

  test('ECR creates them with the template role (KMS needs one) and grants nothing through a repository policy', () => {
    expect(template.custom_role_arn).toBe(ROLE);
    expect(template.repository_policy).toBeUndefined();
  });

  test('tags given are set on every repository it creates; none by default', () => {
    expect(template.resource_tags).toEqual({ FoundationProject: 'acme' });
    expect(only(synthConstruct(build()), 'aws_ecr_repository_creation_template')[1].resource_tags).toEqual({});
  });

  test('passes every foundation policy rule', () => {
    expect(policyFixture(build()).violations()).toEqual([]);
  });
});

describe('EcrReplicationTemplate rejects', () => {
  const attempt = (overrides: Partial<EcrReplicationTemplateProps>) => () => build(overrides)(new TerraformStack(Testing.app(), 'bad'));

  test.each([
    [{ kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1' }, 'EcrReplicationTemplate template kmsKeyArn: received \"arn:aws:kms:us-east-1:123456789012:key/mrk-1\"; a key of us-east-1; expected a key in eu-west-1'],
    [{ kmsKeyArn: 'mrk-1' }, 'EcrReplicationTemplate template kmsKeyArn: received "mrk-1"; expected the ARN of a KMS key in eu-west-1'],
    [{ region: 'us-west-2' }, 'EcrReplicationTemplate template provider: received a provider for "eu-west-1"; expected the provider of "us-west-2"'],
    [{ project: 'a--b' }, 'EcrReplicationTemplate template project: received "a--b"'],
  ])('%j', (overrides, message) => {
    expect(attempt(overrides)).toThrow(message);
  });
});
