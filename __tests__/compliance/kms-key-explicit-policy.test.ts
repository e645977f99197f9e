import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { KmsReplicaKey } from '@cdktf/provider-aws/lib/kms-replica-key';
import { policyDocument } from '../../src/aws/policy-documents';
import { KmsKeyExplicitPolicy } from '../../src/compliance/kms-key-explicit-policy';
import { policyFixture } from '../helpers/inspect';

const RULE = KmsKeyExplicitPolicy.name;
const policy = policyDocument([
  { Sid: 'KeyAdministrators', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/key-admins' }, Action: ['kms:Describe*', 'kms:Put*'], Resource: '*' },
]);
const EXPECTED = 'has no key policy, so KMS applies its default (the account root may do kms:*); expected an explicit policy that separates administrators from users';

describe('KmsKeyExplicitPolicy', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('KmsKeyExplicitPolicy');
  });

  test('compliant: keys and replicas with a policy argument, or with an aws_kms_key_policy that names them', () => {
    const fixture = policyFixture((scope) => {
      const primary = new KmsKey(scope, 'primary', { enableKeyRotation: true, multiRegion: true, policy });
      new KmsReplicaKey(scope, 'replica', { primaryKeyArn: primary.arn, policy });
      const separate = new KmsKey(scope, 'separate', { enableKeyRotation: true });
      new KmsKeyPolicy(scope, 'separate_policy', { keyId: separate.keyId, policy });
    });
    expect(fixture.synthError()).toBeUndefined();
  });

  test('non-compliant: a key without a policy fails synth, naming the rule, the key and what is expected', () => {
    const fixture = policyFixture((scope) => new KmsKey(scope, 'key', { enableKeyRotation: true }));
    expect(fixture.synthError()).toContain(`${RULE}: fixture/key (aws_kms_key.key): ${EXPECTED}`);
    expect(fixture.violations().map((v) => v.rule)).toEqual([RULE]);
  });

  test('non-compliant: a replica without a policy, and an empty policy, fail', () => {
    const fixture = policyFixture((scope) => {
      const primary = new KmsKey(scope, 'primary', { enableKeyRotation: true, multiRegion: true, policy });
      new KmsReplicaKey(scope, 'replica', { primaryKeyArn: primary.arn });
      new KmsKey(scope, 'empty', { enableKeyRotation: true, policy: ' ' });
    });
    expect(fixture.violations()).toEqual([
      { rule: RULE, path: 'fixture/replica', address: 'aws_kms_replica_key.replica', message: EXPECTED },
      { rule: RULE, path: 'fixture/empty', address: 'aws_kms_key.empty', message: EXPECTED },
    ]);
  });

  test('non-compliant: an aws_kms_key_policy for another key does not count', () => {
    const fixture = policyFixture((scope) => {
      const other = new KmsKey(scope, 'other', { enableKeyRotation: true });
      new KmsKeyPolicy(scope, 'other_policy', { keyId: other.keyId, policy });
      new KmsKey(scope, 'bare', { enableKeyRotation: true });
    });
    expect(fixture.violations().map((v) => v.address)).toEqual(['aws_kms_key.bare']);
  });
});
