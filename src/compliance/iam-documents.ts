import { InspectedResource, PolicyRule, PolicyViolation, asList, isExpression, violation } from './rule';

/** An IAM policy statement as it appears in JSON. */
export interface IamStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A policy argument of a resource: either its parsed statements or why it cannot be checked. */
export interface FoundPolicy {
  /** Argument path inside the resource, e.g. "policy" or "inline_policy[0].policy". */
  readonly attribute: string;
  readonly statements?: readonly IamStatement[];
  /** Set when the argument should hold a policy document but cannot be read as one. */
  readonly problem?: string;
}

/** Arguments whose value is an IAM-style document (Version/Statement) whenever it is JSON. */
const POLICY_ARGUMENT = /(^|_)policy$|^policy_document$|^access_policies$/;

/** Policy arguments that must be literal JSON so the rules can read them. */
const MUST_BE_LITERAL = new Set(['policy', 'assume_role_policy', 'policy_document', 'access_policies']);

/** Arguments named like policies that hold other JSON (redrive, delivery, lifecycle rules). */
const NOT_IAM = new Set(['delivery_policy', 'redrive_policy', 'redrive_allow_policy']);
const NOT_IAM_BY_TYPE: Record<string, readonly string[]> = {
  aws_ecr_lifecycle_policy: ['policy'],
};

function isNotIam(type: string, key: string): boolean {
  return NOT_IAM.has(key) || (NOT_IAM_BY_TYPE[type] ?? []).includes(key);
}

function readDocument(attribute: string, value: string, key: string): FoundPolicy | undefined {
  const text = value.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return { attribute, problem: `${attribute} is not valid JSON (${(error as Error).message}); expected a JSON policy document` };
    }
    if (parsed === null || typeof parsed !== 'object' || !('Statement' in parsed)) return undefined;
    const statements = asList((parsed as { Statement: unknown }).Statement);
    if (!statements.every((s) => s !== null && typeof s === 'object' && !Array.isArray(s))) {
      return { attribute, problem: `${attribute} has a Statement that is not an object; expected a list of statement objects` };
    }
    return { attribute, statements: statements as IamStatement[] };
  }
  if (isExpression(text) && MUST_BE_LITERAL.has(key)) {
    return {
      attribute,
      problem: `${attribute} is the Terraform expression ${text.length > 80 ? `${text.slice(0, 77)}...` : text}; expected a literal JSON policy document (policyDocument()) that can be checked at synth`,
    };
  }
  return undefined;
}

// A dozen rules read the policies of every resource of a stack, each walking its arguments and
// parsing each document: read once per resource (the rules share one list of resources per stack).
const policiesByResource = new WeakMap<InspectedResource, readonly FoundPolicy[]>();

/** Every policy document of a resource, including nested blocks such as `inline_policy`. */
export function policiesOf(resource: InspectedResource): readonly FoundPolicy[] {
  let policies = policiesByResource.get(resource);
  if (!policies) policiesByResource.set(resource, (policies = readPolicies(resource)));
  return policies;
}

function readPolicies(resource: InspectedResource): FoundPolicy[] {
  const found: FoundPolicy[] = [];
  const walk = (value: unknown, path: string, key: string): void => {
    if (typeof value === 'string') {
      if (!POLICY_ARGUMENT.test(key) || isNotIam(resource.type, key)) return;
      const policy = readDocument(path, value, key);
      if (policy) found.push(policy);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}[${i}]`, key));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '//') continue;
        walk(v, path ? `${path}.${k}` : k, k);
      }
    }
  };
  walk(resource.attributes, '', '');
  return found;
}

/** "Sid" of a statement for messages, or its index. */
export function statementLabel(statement: IamStatement, index: number): string {
  return statement.Sid ? `statement "${statement.Sid}"` : `statement #${index + 1}`;
}

/** True for "*" and for a principal block with "*" under any principal type ({"AWS":"*"}). */
export function isWildcardPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal === null || typeof principal !== 'object') return false;
  return Object.values(principal as Record<string, unknown>).some((v) => asList(v as string | string[]).includes('*'));
}

/** Principal ARNs of the AWS type: {"AWS": [...]}. */
export function awsPrincipals(principal: unknown): string[] {
  if (principal === null || typeof principal !== 'object') return [];
  return asList((principal as Record<string, unknown>).AWS as string | string[]).filter((p): p is string => typeof p === 'string');
}

/** Value of a condition key under any of the operators, e.g. ("Bool", "aws:SecureTransport"). */
export function conditionValues(statement: IamStatement, operators: readonly string[], key: string): unknown[] {
  const condition = statement.Condition ?? {};
  return operators.flatMap((op) => {
    const block = condition[op];
    if (!block) return [];
    const entry = Object.entries(block).find(([k]) => k.toLowerCase() === key.toLowerCase());
    return entry ? asList(entry[1] as unknown) : [];
  });
}

/**
 * Runs `check` on every statement of every policy of the resources; a policy that cannot be read
 * is a violation of its own. Each problem becomes "<attribute> <statement> <problem>".
 */
export function statementViolations(
  rule: PolicyRule,
  resources: readonly InspectedResource[],
  check: (resource: InspectedResource, statement: IamStatement) => string[],
): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  for (const resource of resources) {
    for (const policy of policiesOf(resource)) {
      if (policy.problem) {
        out.push(violation(rule, resource, policy.problem));
        continue;
      }
      (policy.statements ?? []).forEach((statement, i) => {
        for (const problem of check(resource, statement)) {
          out.push(violation(rule, resource, `${policy.attribute} ${statementLabel(statement, i)} ${problem}`));
        }
      });
    }
  }
  return out;
}
