import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EbsDefaults, EbsDefaultsProps } from '../../../src/constructs/compute/ebs-defaults';
import { resourceList, synthConstruct } from '../../helpers/synth';
import { only, policyFixture } from '../../helpers/inspect';

const keyOf = (region: string) => `arn:aws:kms:${region}:123456789012:key/mrk-0123456789abcdef0123456789abcdef`;
const PROPS: EbsDefaultsProps = { region: 'us-east-1', kmsKeyArn: keyOf('us-east-1') };

describe('EbsDefaults', () => {
  const stack = synthConstruct((scope) => new EbsDefaults(scope, 'ebs', PROPS));
  const [keyId, defaultKey] = only(stack, 'aws_ebs_default_kms_key');
  const [, encryption] = only(stack, 'aws_ebs_encryption_by_default');
  const [, snapshots] = only(stack, 'aws_ebs_snapshot_block_public_access');
  const [, images] = only(stack, 'aws_ec2_image_block_public_access');

  test('the Region\'s multi-Region key is the default EBS key, by ARN', () => {
    expect(defaultKey).toEqual({ key_arn: keyOf('us-east-1') });
  });

  test('encryption by default is on, switched on after the default key is set', () => {
    expect(encryption).toEqual({ enabled: true, depends_on: [`aws_ebs_default_kms_key.${keyId}`] });
  });

  test('snapshots cannot be shared publicly, existing public shares included', () => {
    expect(snapshots).toEqual({ state: 'block-all-sharing' });
  });

  test('AMIs cannot be newly shared publicly', () => {
    expect(images).toEqual({ state: 'block-new-sharing' });
  });

  test('passes the foundation\'s compliance rules', () => {
    expect(policyFixture((scope) => new EbsDefaults(scope, 'ebs', PROPS)).violations()).toEqual([]);
  });

  test('one instance per Region, each on its provider with that Region\'s key', () => {
    const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
    const alias = (r: string) => r.replace(/-/g, '_');
    const all = synthConstruct((scope) => {
      for (const region of regions) {
        const provider = new AwsProvider(scope, `aws_${alias(region)}`, { region, alias: alias(region) });
        new EbsDefaults(scope, `ebs_${alias(region)}`, { region, provider, kmsKeyArn: keyOf(region) });
      }
    });
    const byProvider = (pairs: string[][]) => pairs.sort((a, b) => a[0].localeCompare(b[0]));
    expect(byProvider(resourceList(all, 'aws_ebs_default_kms_key').map((k) => [k.provider, k.key_arn]))).toEqual(byProvider(regions.map((r) => [`aws.${alias(r)}`, keyOf(r)])));
    for (const type of ['aws_ebs_encryption_by_default', 'aws_ebs_snapshot_block_public_access', 'aws_ec2_image_block_public_access']) {
      expect(resourceList(all, type).map((r) => r.provider).sort()).toEqual(regions.map((r) => `aws.${alias(r)}`).sort());
    }
  });

  describe('input checks', () => {
    const build = (props: Partial<EbsDefaultsProps>) => () => new EbsDefaults(new TerraformStack(Testing.app(), 'bad'), 'ebs', { ...PROPS, ...props });

    test.each<[Partial<EbsDefaultsProps>, string]>([
      [{ region: 'Virginia' }, 'EbsDefaults ebs region: received "Virginia"; expected a Region name such as "us-east-1"'],
      [{ kmsKeyArn: 'alias/acme' }, 'EbsDefaults ebs kmsKeyArn: received "alias/acme"; expected the ARN of a KMS key in us-east-1 (arn:<partition>:kms:us-east-1:<account>:key/<id>), not an alias or key id'],
      [{ kmsKeyArn: 'mrk-0123456789abcdef0123456789abcdef' }, 'EbsDefaults ebs kmsKeyArn: received "mrk-0123456789abcdef0123456789abcdef"; expected the ARN of a KMS key in us-east-1'],
      [{ kmsKeyArn: keyOf('eu-west-1') }, `EbsDefaults ebs kmsKeyArn: received "${keyOf('eu-west-1')}"; a key of eu-west-1; expected a key in us-east-1`],
    ])('%p is rejected with the value and what is allowed', (props, message) => {
      expect(build(props)).toThrow(message);
    });

    test('a key ARN from remote state or built from references is accepted when its literal parts fit', () => {
      const scope = new TerraformStack(Testing.app(), 'tokens');
      const reference = (name: string) => new TerraformVariable(scope, name, { type: 'string' }).stringValue;
      expect(() => new EbsDefaults(scope, 'whole', { region: 'us-east-1', kmsKeyArn: reference('key_arn') })).not.toThrow();
      expect(() => new EbsDefaults(scope, 'built', { region: 'us-east-1', kmsKeyArn: `arn:${reference('partition')}:kms:us-east-1:${reference('account')}:key/${reference('id')}` })).not.toThrow();
      expect(() => new EbsDefaults(scope, 'other', { region: 'us-east-1', kmsKeyArn: `arn:aws:kms:eu-west-1:${reference('account2')}:key/${reference('id2')}` })).toThrow(
        'a key of eu-west-1; expected a key in us-east-1',
      );
    });
  });
});
