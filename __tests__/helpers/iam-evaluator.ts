import { Statement } from '../../src/aws/policy-documents';
import { globMatches } from '../../src/compliance/rule';

/**
 * A small model of IAM's evaluation of identity policies, enough to check the deploy policies
 * against the calls Terraform makes: an explicit Deny wins, otherwise some Allow must match the
 * action, the resource and every condition. Condition operators: String(Not)Equals, StringLike,
 * ArnLike, Null, Bool, with IfExists and ForAnyValue. Missing keys behave as in IAM: a positive
 * operator fails, a negated one (StringNotEquals) and an IfExists one pass, ForAnyValue fails.
 */
export type RequestContext = Readonly<Record<string, string | readonly string[] | undefined>>;

/** One authorization IAM makes for an API call: one action on one resource ARN. */
export interface Authorization {
  readonly action: string;
  readonly resource: string;
  readonly context?: RequestContext;
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

const list = (v: string | readonly string[] | boolean | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function lookup(context: RequestContext, key: string): string[] | undefined {
  const entry = Object.entries(context).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return entry?.[1] === undefined ? undefined : list(entry[1] as string | string[]);
}

function compare(base: string, actual: string, expected: string): boolean {
  switch (base) {
    case 'StringEquals':
      return actual === expected;
    case 'StringNotEquals':
      return actual !== expected;
    case 'StringLike':
    case 'ArnLike':
      return globMatches(expected, actual, false);
    case 'StringNotLike':
    case 'ArnNotLike':
      return !globMatches(expected, actual, false);
    case 'ArnEquals':
      return actual === expected;
    case 'ArnNotEquals':
      return actual !== expected;
    case 'Bool':
      return actual.toLowerCase() === expected.toLowerCase();
    default:
      throw new Error(`iam-evaluator: operator ${base} is not modelled`);
  }
}

function conditionHolds(operator: string, key: string, expected: string[], context: RequestContext): boolean {
  const actual = lookup(context, key);
  if (operator === 'Null') return expected.some((e) => (e === 'true') === (actual === undefined || actual.length === 0));
  const anyValue = operator.startsWith('ForAnyValue:');
  const ifExists = operator.endsWith('IfExists');
  const base = operator.replace(/^ForAnyValue:/, '').replace(/IfExists$/, '');
  if (base.startsWith('ForAllValues')) throw new Error(`iam-evaluator: operator ${operator} is not modelled`);
  const negated = base.includes('Not');
  if (actual === undefined || actual.length === 0) return anyValue ? false : ifExists || negated;
  if (negated) return actual.every((a) => expected.every((e) => compare(base, a, e)));
  return actual.some((a) => expected.some((e) => compare(base, a, e)));
}

function matches(statement: Statement, request: Authorization): boolean {
  if (!list(statement.Action).some((a) => globMatches(a, request.action, true))) return false;
  if (!list(statement.Resource).some((r) => globMatches(r, request.resource, false))) return false;
  return Object.entries(statement.Condition ?? {}).every(([operator, block]) =>
    Object.entries(block).every(([key, value]) => conditionHolds(operator, key, list(value), request.context ?? {})),
  );
}

export function decide(statements: readonly Statement[], request: Authorization): Decision {
  const matching = statements.filter((s) => matches(s, request));
  if (matching.some((s) => s.Effect === 'Deny')) return 'ExplicitDeny';
  return matching.some((s) => s.Effect === 'Allow') ? 'Allow' : 'ImplicitDeny';
}

/** An API call is allowed when every authorization it needs is. */
export function allowsCall(statements: readonly Statement[], call: readonly Authorization[]): boolean {
  return call.every((a) => decide(statements, a) === 'Allow');
}
