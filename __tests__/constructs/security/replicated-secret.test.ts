import { Construct } from 'constructs';
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ReplicatedSecret, ReplicatedSecretProps } from '../../../src/constructs/security/replicated-secret';
import { synthConstruct } from '../../helpers/synth';
import { blocks, only, policyFixture, ref } from '../../helpers/inspect';

const READERS = ['arn:aws:iam::123456789012:role/payments-app', 'arn:aws:iam::123456789012:user/path/batch'];
const KEY = (region: string) => `arn:aws:kms:${region}:123456789012:key/mrk-0123456789abcdef0123456789abcdef`;

function primaryProvider(scope: Construct): AwsProvider {
  return new AwsProvider(scope, 'aws_us_east_1', { region: 'us-east-1', alias: 'us_east_1' });
}

function props(scope: Construct, overrides: Partial<ReplicatedSecretProps> = {}): ReplicatedSecretProps {
  return {
    provider: primaryProvider(scope),
    name: 'third-party/payments-api-key',
    description: 'API key of the payments provider',
    kmsKeyArn: KEY('us-east-1'),
    replicas: [
      { region: 'eu-west-1', kmsKeyArn: KEY('eu-west-1') },
      { region: 'ap-southeast-2', kmsKeyArn: KEY('ap-southeast-2') },
    ],
    readerArns: READERS,
    ...overrides,
  };
}

describe('ReplicatedSecret', () => {
  const stack = synthConstruct((scope) => {
    const secret = new ReplicatedSecret(scope, 'secret', props(scope));
    new TerraformOutput(scope, 'secret_arn', { value: secret.secret.arn });
  });
  const [secretId, secret] = only(stack, 'aws_secretsmanager_secret');

  test('is created in the primary Region through the given provider, encrypted with the primary key', () => {
    expect(secret).toMatchObject({
      provider: 'aws.us_east_1',
      name: 'third-party/payments-api-key',
      description: 'API key of the payments provider',
      kms_key_id: KEY('us-east-1'),
    });
  });

  test('has one replica per other Region, in the order given, each on that Region\'s replica key', () => {
    expect(secret.replica).toEqual([
      { region: 'eu-west-1', kms_key_id: KEY('eu-west-1') },
      { region: 'ap-southeast-2', kms_key_id: KEY('ap-southeast-2') },
    ]);
  });

  test('never overwrites a secret of the same name that already exists in a replica Region', () => {
    expect(secret.force_overwrite_replica_secret).toBe(false);
  });

  test('waits the longest recovery window (30 days) before a deleted secret is gone', () => {
    expect(secret.recovery_window_in_days).toBe(30);
  });

  test('holds no value: no secret version resource or data source, no secret_string anywhere', () => {
    expect(blocks(stack).map((b) => b.type).filter((type) => type.startsWith('aws_secretsmanager_secret_version'))).toEqual([]);
    expect(Object.keys(stack.resource ?? {}).sort()).toEqual(['aws_secretsmanager_secret', 'aws_secretsmanager_secret_policy']);
    expect(stack.data).toBeUndefined();
    expect(JSON.stringify(stack)).not.toMatch(/secret_string|secret_binary/);
  });

  describe('resource policy', () => {
    const [, policy] = only(stack, 'aws_secretsmanager_secret_policy');
    const document = JSON.parse(policy.policy);

    test('is attached once, in the primary Region (replicas take the primary\'s policy), and no public policy is accepted', () => {
      expect(policy).toMatchObject({ provider: 'aws.us_east_1', secret_arn: ref('aws_secretsmanager_secret', secretId, 'arn'), block_public_policy: true });
      expect(secret.policy).toBeUndefined();
      for (const replica of secret.replica) expect(Object.keys(replica).sort()).toEqual(['kms_key_id', 'region']);
    });

    test('denies GetSecretValue to every principal but the readers, and denies nothing else', () => {
      expect(document).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'OnlyReadersGetTheValue',
            Effect: 'Deny',
            Principal: '*',
            Action: 'secretsmanager:GetSecretValue',
            Resource: '*',
            Condition: { ArnNotEquals: { 'aws:PrincipalArn': READERS } },
          },
        ],
      });
    });

    test('without readers, nobody reads the value; managing the secret and writing the value stay open to administrators', () => {
      const none = synthConstruct((scope) => new ReplicatedSecret(scope, 'secret', props(scope, { readerArns: undefined })));
      const [, nonePolicy] = only(none, 'aws_secretsmanager_secret_policy');
      const statements = JSON.parse(nonePolicy.policy).Statement;
      expect(statements).toEqual([{ Sid: 'OnlyReadersGetTheValue', Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }]);
    });
  });

  test('exposes the secret, whose ARN other constructs reference', () => {
    expect(stack.output!.secret_arn.value).toBe(ref('aws_secretsmanager_secret', secretId, 'arn'));
  });

  test('passes every foundation policy rule', () => {
    expect(policyFixture((scope) => new ReplicatedSecret(scope, 'secret', props(scope))).violations()).toEqual([]);
  });
});

describe('ReplicatedSecret defaults and edge cases', () => {
  test('the description defaults to ""', () => {
    const stack = synthConstruct((scope) => new ReplicatedSecret(scope, 'secret', props(scope, { description: undefined })));
    expect(only(stack, 'aws_secretsmanager_secret')[1].description).toBe('');
  });

  test('a single-Region foundation has a secret without replicas', () => {
    const stack = synthConstruct((scope) => new ReplicatedSecret(scope, 'secret', props(scope, { replicas: [] })));
    const [, secret] = only(stack, 'aws_secretsmanager_secret');
    expect(secret.replica).toEqual([]);
    expect(secret.force_overwrite_replica_secret).toBe(false);
  });

  test('Terraform references for the key ARNs pass through unchanged', () => {
    const stack = synthConstruct((scope) => {
      new ReplicatedSecret(scope, 'secret', props(scope, {
        kmsKeyArn: '${data.terraform_remote_state.global.outputs.kms_primary_key_arn}',
        replicas: [{ region: 'eu-west-1', kmsKeyArn: '${data.terraform_remote_state.region-eu-west-1.outputs.kms_key_arn}' }],
      }));
    });
    const [, secret] = only(stack, 'aws_secretsmanager_secret');
    expect(secret.kms_key_id).toBe('${data.terraform_remote_state.global.outputs.kms_primary_key_arn}');
    expect(secret.replica).toEqual([{ region: 'eu-west-1', kms_key_id: '${data.terraform_remote_state.region-eu-west-1.outputs.kms_key_arn}' }]);
  });
});

describe('ReplicatedSecret rejects', () => {
  test.each([
    'arn:aws:iam::123456789012:root',
    'arn:aws:iam::123456789012:role/*',
    'arn:aws:iam::*:role/app',
    'arn:aws:sts::123456789012:assumed-role/app/session',
    '*',
  ])('reader %p: not one role or user, as aws:PrincipalArn names it', (arn) => {
    expect(() => {
      const scope = new TerraformStack(Testing.app(), 'bad');
      new ReplicatedSecret(scope, 'secret', props(scope, { readerArns: [arn] }));
    }).toThrow(`ReplicatedSecret third-party/payments-api-key readerArns: received ${JSON.stringify(arn)}; expected the ARN of an IAM role or user`);
  });


  test('a Region listed twice among the replicas, naming the secret and the Region', () => {
    expect(() => {
      const scope = new TerraformStack(Testing.app(), 'bad');
      new ReplicatedSecret(scope, 'secret', props(scope, {
        replicas: [
          { region: 'eu-west-1', kmsKeyArn: KEY('eu-west-1') },
          { region: 'ap-southeast-2', kmsKeyArn: KEY('ap-southeast-2') },
          { region: 'eu-west-1', kmsKeyArn: KEY('eu-west-1') },
        ],
      }));
    }).toThrow('ReplicatedSecret third-party/payments-api-key replicas: received Region eu-west-1 twice; expected each Region once');
  });
});
