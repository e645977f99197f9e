import { PolicyRule, PolicyViolation, asList, violation } from './rule';
import { IamStatement, awsPrincipals, policiesOf, statementLabel } from './iam-documents';

/** Condition keys that narrow "every principal of the account" to some of them. */
const NARROWING_KEYS = [/^aws:MultiFactorAuthPresent$/i, /^aws:PrincipalTag\//i, /^aws:PrincipalArn$/i];

/** An account root ARN or a bare account id: both stand for every principal of that account. */
const isAccount = (principal: string) => /:root$/.test(principal) || /^\d{12}$/.test(principal);

function conditionKeys(statement: IamStatement, operators?: RegExp): string[] {
  return Object.entries(statement.Condition ?? {})
    .filter(([op]) => !operators || operators.test(op))
    .flatMap(([, block]) => Object.keys(block ?? {}));
}

function webIdentityProblems(statement: IamStatement): string[] {
  const federated = (statement.Principal as Record<string, unknown> | undefined)?.Federated;
  if (federated === undefined || !asList(statement.Action).some((a) => String(a).toLowerCase() === 'sts:assumerolewithwebidentity')) return [];
  const exact = statement.Condition?.StringEquals ?? {};
  const problems: string[] = [];
  for (const claim of ['aud', 'sub']) {
    const entry = Object.entries(exact).find(([key]) => key.toLowerCase().endsWith(`:${claim}`));
    const values = entry ? asList(entry[1] as string | string[]).map(String) : [];
    if (values.length === 0) {
      problems.push(`trusts web identities of ${JSON.stringify(federated)} without StringEquals on the token's "${claim}"; expected the ${claim === 'sub' ? 'exact subjects (repository and branch)' : 'exact audience'}`);
    } else if (values.some((v) => /[*?]/.test(v))) {
      problems.push(`pins the token's "${claim}" to a pattern (${values.join(', ')}); expected exact values without "*" or "?"`);
    }
  }
  if (conditionKeys(statement, /Like$/i).some((key) => /:(sub|aud)$/i.test(key))) {
    problems.push('matches the token\'s "sub" or "aud" with a Like operator; expected StringEquals only');
  }
  return problems;
}

/**
 * Who may assume a role is narrower than "anyone in the account": an Allow that trusts an account
 * (its root ARN or id) must carry a condition that picks principals of it (MFA, a principal tag
 * or principal ARNs), and an Allow of web identities (GitHub Actions OIDC) must pin the token's
 * audience and subject with StringEquals to exact values.
 */
export const IamRoleTrustNarrow: PolicyRule = {
  name: 'IamRoleTrustNarrow',
  description: 'No role trusts a whole account without an MFA, principal-tag or principal-ARN condition, or web identities without exact aud and sub',
  evaluate(resources) {
    const out: PolicyViolation[] = [];
    for (const role of resources.filter((r) => r.type === 'aws_iam_role')) {
      for (const trust of policiesOf(role).filter((p) => p.attribute === 'assume_role_policy')) {
        if (trust.problem) out.push(violation(this, role, trust.problem));
        (trust.statements ?? []).forEach((statement, i) => {
          for (const problem of trustProblems(statement)) out.push(violation(this, role, `assume_role_policy ${statementLabel(statement, i)} ${problem}`));
        });
      }
    }
    return out;
  },
};

function trustProblems(statement: IamStatement): string[] {
  if (statement.Effect !== 'Allow') return [];
  const problems = webIdentityProblems(statement);
  const accounts = awsPrincipals(statement.Principal).filter(isAccount);
  if (accounts.length > 0 && !conditionKeys(statement).some((key) => NARROWING_KEYS.some((k) => k.test(key)))) {
    problems.push(
      `trusts every principal of ${accounts.join(', ')} without a condition; expected aws:MultiFactorAuthPresent, aws:PrincipalTag/<key> or aws:PrincipalArn, or named roles instead of the account`,
    );
  }
  return problems;
}
