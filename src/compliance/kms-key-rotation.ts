import { PolicyRule, PolicyViolation, violation } from './rule';

/** Only symmetric encryption keys can rotate automatically. */
function canRotate(attributes: Readonly<Record<string, unknown>>): boolean {
  const spec = attributes.customer_master_key_spec ?? 'SYMMETRIC_DEFAULT';
  const usage = attributes.key_usage ?? 'ENCRYPT_DECRYPT';
  return spec === 'SYMMETRIC_DEFAULT' && usage === 'ENCRYPT_DECRYPT';
}

/**
 * Every symmetric aws_kms_key, single- or multi-Region, has enable_key_rotation = true.
 * aws_kms_replica_key has no rotation setting of its own: a replica rotates with its primary,
 * which this rule checks in the stack that owns the primary. Asymmetric and HMAC keys cannot
 * rotate automatically and are not checked.
 */
export const KmsKeyRotation: PolicyRule = {
  name: 'KmsKeyRotation',
  description: 'Every symmetric aws_kms_key (multi-Region primaries included) has enable_key_rotation = true',
  evaluate(resources) {
    const out: PolicyViolation[] = [];
    for (const key of resources.filter((r) => r.type === 'aws_kms_key')) {
      if (!canRotate(key.attributes)) continue;
      const value = key.attributes.enable_key_rotation;
      if (value === true || value === 'true') continue;
      const kind = key.attributes.multi_region === true || key.attributes.multi_region === 'true' ? 'multi-Region key' : 'key';
      out.push(violation(this, key, `${kind} has enable_key_rotation = ${value === undefined ? '(unset, default false)' : JSON.stringify(value)}; expected true`));
    }
    return out;
  },
};
