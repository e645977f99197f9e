import { InspectedResource, PolicyRule, PolicyViolation, asList, globMatches, violation } from './rule';
import { IamStatement, isWildcardPrincipal, policiesOf } from './iam-documents';
import { bucketArns, buckets, namesBucket, normalizeS3Arn } from './s3-buckets';
// What a log bucket's policy must deny: the lists its policy and the deploy role deny, so the rule never drifts from them.
import { BUCKET_PROTECTION_ACTIONS, LOG_TAMPER_ACTIONS } from '../constructs/audit/protected-actions';

/**
 * AWS services that deliver logs into a bucket as their service principal. A bucket whose policy
 * lets one of them write is a log bucket, whatever its name or settings.
 */
export const LOG_DELIVERY_SERVICES = ['cloudtrail.amazonaws.com', 'config.amazonaws.com'];

/** The only way a tamper Deny may make exceptions: named principals, by aws:PrincipalArn. */
const EXCEPTION_OPERATORS = ['ArnNotEquals', 'ArnNotLike'];

/** Condition keys on how a request travels: a Deny limited to them (TLS-only) never applies to a TLS request, so it denies no tampering. */
const TRANSPORT_KEYS = ['aws:securetransport', 's3:tlsversion'];

const EXPECTED =
  'expected Deny statements for Principal "*" of ' +
  `${LOG_TAMPER_ACTIONS.join(', ')} on its objects and of ${BUCKET_PROTECTION_ACTIONS.join(', ')} on the bucket, ` +
  'excepting at most named principals through ArnNotEquals/ArnNotLike on aws:PrincipalArn (never the account root)';

function conditionKeys(statement: IamStatement): string[] {
  return Object.values(statement.Condition ?? {}).flatMap((block) => Object.keys(block).map((k) => k.toLowerCase()));
}

/** Why a Deny's condition lets too many through, or undefined when it excepts only named principals. */
function exceptionProblem(statement: IamStatement): string | undefined {
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    if (!EXCEPTION_OPERATORS.includes(operator)) return `uses ${operator}, which can exempt callers by more than who they are`;
    for (const [key, values] of Object.entries(block)) {
      if (key.toLowerCase() !== 'aws:principalarn') return `exempts by ${key}, not by aws:PrincipalArn`;
      for (const value of asList(values as string | string[]).map(String)) {
        // Terraform references (a role's arn, the account id) are not patterns.
        const literal = value.replace(/\$\{[^}]*\}/g, '');
        if (/:root$/.test(value)) return `exempts the account root (${value}), which lets every administrator through`;
        if (literal.includes('*') || literal.includes('?')) return `exempts the pattern ${value}; expected exact principal ARNs`;
      }
    }
  }
  return undefined;
}

/** Whether the statements deny `action` on `target` to everyone; if not, why the near misses do not count. */
function denials(statements: readonly IamStatement[], action: string, target: string): { denied: boolean; problems: string[] } {
  const problems: string[] = [];
  for (const s of statements) {
    if (s.Effect !== 'Deny' || !isWildcardPrincipal(s.Principal)) continue;
    if (!asList(s.Action).some((a) => globMatches(String(a), action, true))) continue;
    if (!asList(s.Resource).some((r) => globMatches(normalizeS3Arn(String(r)), target))) continue;
    const keys = conditionKeys(s);
    if (keys.length > 0 && keys.every((k) => TRANSPORT_KEYS.includes(k))) continue;
    const issue = exceptionProblem(s);
    if (!issue) return { denied: true, problems: [] };
    problems.push(`${s.Sid ? `statement "${s.Sid}"` : 'a Deny statement'} ${issue}`);
  }
  return { denied: false, problems };
}

/**
 * Every log bucket has a bucket policy in the same stack that denies, to everyone but named
 * principals, deleting or unlocking its objects and changing the policy, Object Lock, versioning,
 * lifecycle or logging, or deleting the bucket. A log bucket is an aws_s3_bucket with Object Lock
 * enabled (logs meant to survive a compromise), or one whose policy lets CloudTrail or AWS Config
 * write (the audit and Config buckets; Config cannot deliver to a bucket with Object Lock). Object
 * Lock alone leaves governance-mode objects deletable by any administrator, no lock leaves every
 * object deletable, and either way the bucket's settings stay open to administrators.
 */
export const S3BucketLogTamperDeny: PolicyRule = {
  name: 'S3BucketLogTamperDeny',
  description:
    'Every log bucket (Object Lock, or written by CloudTrail or AWS Config) has a bucket policy that denies deleting or unlocking its objects and changing its protection to everyone but named principals',
  evaluate(resources) {
    const out: PolicyViolation[] = [];
    const policies = resources.filter((r) => r.type === 'aws_s3_bucket_policy');
    for (const bucket of buckets(resources)) {
      const holders = [bucket, ...policies.filter((p) => namesBucket(p.attributes.bucket, bucket))];
      const statements = holders.flatMap((h) => policiesOf(h).filter((p) => p.attribute === 'policy').flatMap((p) => p.statements ?? []));
      const locked = hasObjectLock(bucket);
      const deliveries = logDeliveries(statements);
      if (!locked && deliveries.length === 0) continue;
      const what = locked ? 'has Object Lock' : `receives ${deliveries.join(' and ')} logs`;
      if (statements.length === 0) {
        out.push(violation(this, bucket, `${what} but no bucket policy; ${EXPECTED}`));
        continue;
      }
      const arns = bucketArns(bucket);
      const checks = [
        ...LOG_TAMPER_ACTIONS.map((action) => ({ action, targets: arns.map((arn) => `${arn}/any/object`) })),
        ...BUCKET_PROTECTION_ACTIONS.map((action) => ({ action, targets: arns })),
      ];
      const missing: string[] = [];
      const problems = new Set<string>();
      for (const { action, targets } of checks) {
        const results = targets.map((target) => denials(statements, action, target));
        if (results.some((r) => r.denied)) continue;
        missing.push(action);
        for (const problem of results.flatMap((r) => r.problems)) problems.add(problem);
      }
      if (missing.length > 0) {
        const why = problems.size > 0 ? ` (${[...problems].join('; ')})` : '';
        out.push(violation(this, bucket, `${what}; its bucket policy does not deny ${missing.join(', ')} to everyone${why}; ${EXPECTED}`));
      }
    }
    return out;
  },
};

function hasObjectLock(bucket: InspectedResource): boolean {
  const value = bucket.attributes.object_lock_enabled;
  return value === true || value === 'true' || bucket.attributes.object_lock_configuration !== undefined;
}

/** The log-delivery services (by short name: "cloudtrail", "config") that the statements let write objects. */
function logDeliveries(statements: readonly IamStatement[]): string[] {
  const writers = statements
    .filter((s) => s.Effect === 'Allow' && asList(s.Action).some((a) => globMatches(String(a), 's3:PutObject', true)))
    .flatMap((s) => (s.Principal !== null && typeof s.Principal === 'object' ? asList((s.Principal as Record<string, unknown>).Service as string | string[]) : []));
  return LOG_DELIVERY_SERVICES.filter((service) => writers.includes(service)).map((service) => service.split('.')[0]);
}
