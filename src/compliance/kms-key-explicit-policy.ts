import { InspectedResource, PolicyRule, PolicyViolation, violation } from './rule';

const KEY_TYPES = new Set(['aws_kms_key', 'aws_kms_replica_key']);

/** Keys that an aws_kms_key_policy of the stack gives a policy (by reference to the key). */
function keysWithSeparatePolicy(resources: readonly InspectedResource[]): Set<string> {
  const named = new Set<string>();
  for (const r of resources.filter((x) => x.type === 'aws_kms_key_policy')) {
    const match = /\$\{(aws_kms_(?:replica_)?key)\.([^.}]+)\./.exec(String(r.attributes.key_id ?? ''));
    if (match) named.add(`${match[1]}.${match[2]}`);
  }
  return named;
}

/**
 * Every aws_kms_key and aws_kms_replica_key has a key policy of its own: its `policy` argument, or
 * an aws_kms_key_policy of the same stack that names it. Without one KMS applies its default
 * policy, which lets the account root do kms:* and so hands administration and use of the key to
 * every principal of the account whose IAM policy allows it.
 */
export const KmsKeyExplicitPolicy: PolicyRule = {
  name: 'KmsKeyExplicitPolicy',
  description: 'Every aws_kms_key and aws_kms_replica_key has an explicit key policy (policy argument or aws_kms_key_policy), never the default',
  evaluate(resources) {
    const separate = keysWithSeparatePolicy(resources);
    const out: PolicyViolation[] = [];
    for (const key of resources.filter((r) => KEY_TYPES.has(r.type))) {
      const policy = key.attributes.policy;
      if ((typeof policy === 'string' && policy.trim() !== '') || separate.has(key.address)) continue;
      out.push(
        violation(this, key, 'has no key policy, so KMS applies its default (the account root may do kms:*); expected an explicit policy that separates administrators from users'),
      );
    }
    return out;
  },
};
