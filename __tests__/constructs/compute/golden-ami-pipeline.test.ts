import * as fs from 'fs';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { GoldenAmiPipeline, GoldenAmiPipelineProps } from '../../../src/constructs/compute/golden-ami-pipeline';
import { COMPONENT_DOCUMENT_PATH, contentVersion, goldenAmiComponentDocument } from '../../../src/constructs/compute/golden-ami/component-document';
import { synthConstruct } from '../../helpers/synth';
import { only, policyFixture, ref } from '../../helpers/inspect';

const key = (region: string) => `arn:aws:kms:${region}:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab`;
const PROPS: GoldenAmiPipelineProps = {
  name: 'acme-golden-ami',
  buildRegion: 'us-east-1',
  kmsKeyArns: { 'eu-west-1': key('eu-west-1'), 'us-east-1': key('us-east-1'), 'ap-southeast-2': key('ap-southeast-2') },
  parentImageSsmParameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  rootVolumeSizeGb: 8,
  infrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/acme-golden-ami',
  schedule: 'cron(0 3 ? * sun *)',
};

describe('GoldenAmiPipeline', () => {
  const stack = synthConstruct((scope) => new GoldenAmiPipeline(scope, 'golden', PROPS));
  const [componentId, component] = only(stack, 'aws_imagebuilder_component');
  const [recipeId, recipe] = only(stack, 'aws_imagebuilder_image_recipe');
  const [distributionId, distribution] = only(stack, 'aws_imagebuilder_distribution_configuration');
  const [, pipeline] = only(stack, 'aws_imagebuilder_image_pipeline');

  test('the component is the repository\'s component.yaml, versioned by its content', () => {
    expect(component).toMatchObject({ name: 'acme-golden-ami-hardening', platform: 'Linux', data: fs.readFileSync(COMPONENT_DOCUMENT_PATH, 'utf8') });
    expect(component.version).toBe(contentVersion(goldenAmiComponentDocument()));
    expect(component.kms_key_id).toBeUndefined();
  });

  test('the recipe starts from the newest AMI of the public parameter, resolved by Image Builder', () => {
    expect(recipe).toMatchObject({
      name: 'acme-golden-ami',
      parent_image: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      component: [{ component_arn: ref('aws_imagebuilder_component', componentId, 'arn') }],
    });
    expect(stack.data?.aws_ssm_parameter).toBeUndefined();
  });

  test('the build\'s root volume is gp3, encrypted with the build Region\'s key', () => {
    expect(recipe.block_device_mapping).toEqual([
      {
        device_name: '/dev/xvda',
        ebs: { delete_on_termination: 'true', encrypted: 'true', kms_key_id: key('us-east-1'), volume_size: 8, volume_type: 'gp3' },
      },
    ]);
  });

  test('distributes to exactly the given Regions, each AMI on its own Region\'s key, the build Region first', () => {
    const entries = distribution.distribution as Array<Record<string, any>>;
    expect(entries.map((d) => d.region)).toEqual(['us-east-1', 'eu-west-1', 'ap-southeast-2']);
    for (const entry of entries) {
      expect(entry.ami_distribution_configuration).toMatchObject({ kms_key_id: key(entry.region), name: 'acme-golden-ami-{{ imagebuilder:buildDate }}' });
      expect(entry.ami_distribution_configuration.launch_permission).toBeUndefined();
      expect(entry.ami_distribution_configuration.target_account_ids).toBeUndefined();
    }
  });

  test('a one-Region deployment distributes to that Region alone', () => {
    const single = synthConstruct((scope) => new GoldenAmiPipeline(scope, 'golden', { ...PROPS, kmsKeyArns: { 'us-east-1': key('us-east-1') } }));
    expect(only(single, 'aws_imagebuilder_distribution_configuration')[1].distribution.map((d: any) => [d.region, d.ami_distribution_configuration.kms_key_id])).toEqual([
      ['us-east-1', key('us-east-1')],
    ]);
  });

  test('the pipeline runs on schedule with image tests on', () => {
    expect(pipeline).toMatchObject({
      name: 'acme-golden-ami',
      status: 'ENABLED',
      image_recipe_arn: ref('aws_imagebuilder_image_recipe', recipeId, 'arn'),
      infrastructure_configuration_arn: PROPS.infrastructureConfigurationArn,
      distribution_configuration_arn: ref('aws_imagebuilder_distribution_configuration', distributionId, 'arn'),
      schedule: { schedule_expression: 'cron(0 3 ? * sun *)', pipeline_execution_start_condition: 'EXPRESSION_MATCH_ONLY' },
      image_tests_configuration: { image_tests_enabled: true, timeout_minutes: 60 },
    });
  });

  test('a changed recipe or component is a new version, created before the old one goes', () => {
    for (const block of [component, recipe]) expect(block.lifecycle).toEqual({ create_before_destroy: true });
    const bigger = synthConstruct((scope) => new GoldenAmiPipeline(scope, 'golden', { ...PROPS, rootVolumeSizeGb: 16 }));
    const other = only(bigger, 'aws_imagebuilder_image_recipe')[1];
    expect(other.version).not.toBe(recipe.version);
    expect(only(bigger, 'aws_imagebuilder_component')[1].version).toBe(component.version);
    // Stable across synths: the same inputs give the same versions (an empty re-plan).
    expect(only(synthConstruct((scope) => new GoldenAmiPipeline(scope, 'golden', PROPS)), 'aws_imagebuilder_image_recipe')[1].version).toBe(recipe.version);
  });

  test('contentVersion is a semantic version within Image Builder\'s limits', () => {
    for (const text of ['', 'a', goldenAmiComponentDocument()]) {
      const [major, minor, patch] = contentVersion(text).split('.').map(Number);
      expect([major, minor]).toEqual([1, 0]);
      expect(Number.isInteger(patch) && patch >= 0 && patch < 2 ** 30).toBe(true);
    }
    expect(contentVersion('a')).not.toBe(contentVersion('b'));
  });

  test('tags the AMIs when asked', () => {
    const tagged = synthConstruct((scope) => new GoldenAmiPipeline(scope, 'golden', { ...PROPS, amiTags: { FoundationProject: 'acme' } }));
    for (const entry of only(tagged, 'aws_imagebuilder_distribution_configuration')[1].distribution) {
      expect(entry.ami_distribution_configuration.ami_tags).toEqual({ FoundationProject: 'acme' });
    }
  });

  test('passes the compliance rules', () => {
    expect(policyFixture((scope) => new GoldenAmiPipeline(scope, 'golden', PROPS)).violations()).toEqual([]);
  });

  describe('input checks', () => {
    const build = (props: Partial<GoldenAmiPipelineProps>) => () => new GoldenAmiPipeline(new TerraformStack(Testing.app(), 'bad'), 'golden', { ...PROPS, ...props });

    test.each([
      [{ name: 'x' }, 'GoldenAmiPipeline golden name: received "x"; expected 3-117 letters'],
      [{ kmsKeyArns: { 'eu-west-1': key('eu-west-1') } }, 'GoldenAmiPipeline golden kmsKeyArns: received keys for ["eu-west-1"]; expected the build Region us-east-1 among them'],
      [{ kmsKeyArns: { 'us-east-1': key('us-east-1'), EU: key('eu-west-1') } }, 'GoldenAmiPipeline golden kmsKeyArns: received the Region "EU"; expected Region names'],
      [{ kmsKeyArns: { 'us-east-1': 'alias/acme' } }, 'GoldenAmiPipeline golden kmsKeyArns.us-east-1: received "alias/acme"; expected a KMS key ARN'],
      [
        { kmsKeyArns: { 'us-east-1': key('us-east-1'), 'eu-west-1': key('us-east-1') } },
        'GoldenAmiPipeline golden kmsKeyArns.eu-west-1: received a key of us-east-1 (arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab); expected that Region\'s own key',
      ],
      [{ parentImageSsmParameter: 'ami-0123456789abcdef0' }, 'GoldenAmiPipeline golden parentImageSsmParameter: received "ami-0123456789abcdef0"; expected an AWS public SSM parameter name under /aws/service/'],
      [{ rootVolumeSizeGb: 4 }, 'GoldenAmiPipeline golden rootVolumeSizeGb: received 4; expected an integer from 8 to 16384'],
      [{ rootDeviceName: 'xvda' }, 'GoldenAmiPipeline golden rootDeviceName: received "xvda"; expected a device name such as /dev/xvda'],
      [{ schedule: 'cron(0 3 * * * *)' }, 'GoldenAmiPipeline golden schedule: received "cron(0 3 * * * *)"; expected "cron(minutes hours day-of-month month day-of-week year)"'],
    ])('%p is rejected with the value and what is allowed', (props, message) => {
      expect(build(props as Partial<GoldenAmiPipelineProps>)).toThrow(message);
    });

    test('key ARNs read from remote state are accepted', () => {
      const stack = new TerraformStack(Testing.app(), 'tokens');
      const reference = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
      expect(
        () => new GoldenAmiPipeline(stack, 'golden', { ...PROPS, kmsKeyArns: { 'us-east-1': reference('primary'), 'eu-west-1': reference('replica') }, infrastructureConfigurationArn: reference('infra') }),
      ).not.toThrow();
    });
  });
});
