/**
 * What a policy rule sees and reports. Rules read resources as Terraform writes them: snake_case
 * arguments, escape-hatch overrides applied, and every token resolved to its Terraform expression
 * (`${aws_s3_bucket.audit_bucket.arn}`), so a rule can follow references between resources.
 */

/** One resource block of a stack, as synthesized. */
export interface InspectedResource {
  /** Terraform resource type, e.g. "aws_s3_bucket". */
  readonly type: string;
  /** Logical id in the stack, e.g. "state_bucket". */
  readonly logicalId: string;
  /** Terraform address, e.g. "aws_s3_bucket.state_bucket". */
  readonly address: string;
  /** Construct path, e.g. "bootstrap/state/bucket". */
  readonly path: string;
  /** Arguments as written to the Terraform JSON (snake_case, overrides applied, tokens resolved). */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** A resource that breaks a rule, and what the rule expects instead. */
export interface PolicyViolation {
  /** Rule name, <Service><Resource><Property>, e.g. "S3BucketTlsOnly". */
  readonly rule: string;
  /** Construct path of the offending resource. */
  readonly path: string;
  /** Terraform address of the offending resource. */
  readonly address: string;
  /** What is wrong and what is expected. */
  readonly message: string;
}

/**
 * A cdk-nag style rule. It sees every resource of one stack at once, so rules that pair resources
 * (a bucket and its public access block) can look them up.
 */
export interface PolicyRule {
  /** <Service><Resource><Property>, the name of the file that defines the rule in PascalCase. */
  readonly name: string;
  /** One sentence: what a compliant stack looks like. */
  readonly description: string;
  evaluate(resources: readonly InspectedResource[]): PolicyViolation[];
}

/** A violation of `rule` by `resource`. */
export function violation(rule: PolicyRule | string, resource: InspectedResource, message: string): PolicyViolation {
  return { rule: typeof rule === 'string' ? rule : rule.name, path: resource.path, address: resource.address, message };
}

/** One line per violation: rule, construct path, Terraform address, what is expected. */
export function formatViolation(v: PolicyViolation): string {
  return `${v.rule}: ${v.path} (${v.address}): ${v.message}`;
}

export const asList = <T>(value: T | readonly T[] | undefined | null): T[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? [...value] : [value as T];

/** A whole Terraform expression, e.g. "${aws_s3_bucket.b.id}" or "${jsonencode(...)}". */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && /^\$\{[\s\S]*\}$/.test(value.trim());
}

/** Matches `value` against an IAM-style pattern where "*" is any run of characters and "?" one character. */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  return globRegExp(pattern, ignoreCase).test(value);
}

// The rules match the same few hundred action and ARN patterns against every statement of every
// stack: compiling each once takes a third of a synth's rule time away. One map per case mode, keyed
// by the pattern itself (a combined key would be a new string, hashed anew, on every call).
const compiledGlobs = { exact: new Map<string, RegExp>(), ignoreCase: new Map<string, RegExp>() };

function globRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const compiled = ignoreCase ? compiledGlobs.ignoreCase : compiledGlobs.exact;
  let regExp = compiled.get(pattern);
  if (!regExp) {
    const source = pattern
      .split('')
      .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regExp = new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
    compiled.set(pattern, regExp);
  }
  return regExp;
}
