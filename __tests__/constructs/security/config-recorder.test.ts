import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { ConfigRecorder, ConfigRecorderProps } from '../../../src/constructs/security/config-recorder';
import { synthConstruct } from '../../helpers/synth';
import { only, ref } from '../../helpers/inspect';

const PROPS: ConfigRecorderProps = {
  name: 'acme',
  serviceLinkedRoleArn: 'arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
  recordGlobalResourceTypes: true,
  bucketName: 'acme-config-123456789012',
  kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab',
};

describe('ConfigRecorder', () => {
  const stack = synthConstruct((scope) => new ConfigRecorder(scope, 'config', PROPS));
  const [recorderId, recorder] = only(stack, 'aws_config_configuration_recorder');
  const [channelId, channel] = only(stack, 'aws_config_delivery_channel');
  const [, status] = only(stack, 'aws_config_configuration_recorder_status');

  test('records every supported resource type with Config\'s service-linked role', () => {
    expect(recorder).toEqual({
      name: 'acme',
      role_arn: PROPS.serviceLinkedRoleArn,
      recording_group: { all_supported: true, include_global_resource_types: true },
    });
  });

  test('delivers to the Config bucket under config/, encrypted with the given key, once the recorder exists', () => {
    expect(channel).toEqual({
      name: 'acme',
      s3_bucket_name: 'acme-config-123456789012',
      s3_key_prefix: 'config',
      s3_kms_key_arn: PROPS.kmsKeyArn,
      depends_on: [`aws_config_configuration_recorder.${recorderId}`],
    });
  });

  test('switches the recorder on after the delivery channel exists', () => {
    expect(status).toEqual({
      name: ref('aws_config_configuration_recorder', recorderId, 'name'),
      is_enabled: true,
      depends_on: [`aws_config_delivery_channel.${channelId}`],
    });
  });

  test('lives on the stack\'s default provider', () => {
    for (const block of [recorder, channel, status]) expect(block.provider).toBeUndefined();
  });

  test('records global resource types only when asked (one Region does)', () => {
    const regional = synthConstruct((scope) => new ConfigRecorder(scope, 'config', { ...PROPS, recordGlobalResourceTypes: false }));
    expect(only(regional, 'aws_config_configuration_recorder')[1].recording_group).toEqual({ all_supported: true, include_global_resource_types: false });
  });

  test('takes another key prefix', () => {
    const prefixed = synthConstruct((scope) => new ConfigRecorder(scope, 'config', { ...PROPS, keyPrefix: 'audit/config' }));
    expect(only(prefixed, 'aws_config_delivery_channel')[1].s3_key_prefix).toBe('audit/config');
  });

  describe('input checks', () => {
    const build = (props: Partial<ConfigRecorderProps>) => () => new ConfigRecorder(new TerraformStack(Testing.app(), 'bad'), 'config', { ...PROPS, ...props });

    test.each([
      [{ name: '' }, 'ConfigRecorder config name: received ""; expected 1-256 letters, digits, "_", "." or "-"'],
      [{ name: 'a b' }, 'ConfigRecorder config name: received "a b"'],
      [{ keyPrefix: '/config' }, 'ConfigRecorder config keyPrefix: received "/config"; expected path segments joined by "/"'],
      [{ keyPrefix: 'config/' }, 'ConfigRecorder config keyPrefix: received "config/"'],
      [{ keyPrefix: 'x/AWSLogs' }, 'without "AWSLogs" (Config appends AWSLogs/<account>/Config itself)'],
      [{ bucketName: 'Bad_Bucket' }, 'ConfigRecorder config bucketName: received "Bad_Bucket"; expected an S3 bucket name'],
      [{ kmsKeyArn: 'alias/acme' }, 'ConfigRecorder config kmsKeyArn: received "alias/acme"; expected a KMS key ARN'],
      [{ serviceLinkedRoleArn: 'arn:aws:iam::123456789012:role/acme-config' }, 'ConfigRecorder config serviceLinkedRoleArn: received "arn:aws:iam::123456789012:role/acme-config"; expected AWS Config\'s service-linked role'],
    ])('%p is rejected with the value and what is allowed', (props, message) => {
      expect(build(props as Partial<ConfigRecorderProps>)).toThrow(message);
    });

    test('Terraform references are accepted where values come from remote state', () => {
      const stack = new TerraformStack(Testing.app(), 'tokens');
      const reference = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
      expect(
        () => new ConfigRecorder(stack, 'config', { ...PROPS, serviceLinkedRoleArn: reference('role'), kmsKeyArn: reference('key'), bucketName: `acme-config-${reference('account')}` }),
      ).not.toThrow();
    });
  });
});
