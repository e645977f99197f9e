import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsReplicaKey } from '@cdktf/provider-aws/lib/kms-replica-key';
import { KmsKeyRotation } from '../../src/compliance/kms-key-rotation';
import { policyDocument } from '../../src/aws/policy-documents';
import { policyFixture } from '../helpers/inspect';

const RULE = KmsKeyRotation.name;
/** Every key needs a policy of its own (KmsKeyExplicitPolicy); its content does not matter here. */
const policy = policyDocument([{ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/key-admins' }, Action: 'kms:Describe*', Resource: '*' }]);

describe('KmsKeyRotation', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('KmsKeyRotation');
  });

  test('compliant: symmetric single- and multi-Region keys with rotation on; replicas and asymmetric keys are not checked', () => {
    const fixture = policyFixture((scope) => {
      new KmsKey(scope, 'key', { policy, enableKeyRotation: true });
      const primary = new KmsKey(scope, 'primary', { policy, multiRegion: true, enableKeyRotation: true, rotationPeriodInDays: 180 });
      new KmsReplicaKey(scope, 'replica', { primaryKeyArn: primary.arn, policy });
      new KmsKey(scope, 'signing', { policy, customerMasterKeySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' });
      new KmsKey(scope, 'hmac', { policy, customerMasterKeySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC' });
    });
    expect(fixture.synthError()).toBeUndefined();
  });

  test('non-compliant: a key without rotation fails synth, naming the rule, the key and what is expected', () => {
    const fixture = policyFixture((scope) => new KmsKey(scope, 'key', { policy, description: 'no rotation' }));
    expect(fixture.synthError()).toContain(`${RULE}: fixture/key (aws_kms_key.key): key has enable_key_rotation = (unset, default false); expected true`);
  });

  test('non-compliant: a multi-Region primary with rotation off fails', () => {
    const fixture = policyFixture((scope) => new KmsKey(scope, 'primary', { policy, multiRegion: true, enableKeyRotation: false }));
    expect(fixture.synthError()).toContain(`${RULE}: fixture/primary (aws_kms_key.primary): multi-Region key has enable_key_rotation = false; expected true`);
  });

  test('non-compliant: an override that turns rotation off is seen', () => {
    const fixture = policyFixture((scope) => new KmsKey(scope, 'key', { policy, enableKeyRotation: true }).addOverride('enable_key_rotation', false));
    expect(fixture.violations()).toEqual([
      { rule: RULE, path: 'fixture/key', address: 'aws_kms_key.key', message: 'key has enable_key_rotation = false; expected true' },
    ]);
  });

  test('every key without rotation is listed', () => {
    const fixture = policyFixture((scope) => {
      new KmsKey(scope, 'a', { policy });
      new KmsKey(scope, 'b', { policy, enableKeyRotation: true });
      new KmsKey(scope, 'c', { policy, multiRegion: true });
    });
    expect(fixture.violations().map((v) => v.address)).toEqual(['aws_kms_key.a', 'aws_kms_key.c']);
  });
});
