import { PolicyRule, PolicyViolation, violation } from './rule';
import { isWildcardPrincipal, policiesOf, statementLabel } from './iam-documents';

/**
 * No Allow trusts everyone: Principal "*" or "*" under any principal type ({"AWS": "*"}), and no
 * Allow uses NotPrincipal. Deny statements may name "*" (that is how TLS-only policies work). A
 * policy that is not literal JSON cannot be checked and is reported too.
 */
export const IamPolicyNoWildcardPrincipal: PolicyRule = {
  name: 'IamPolicyNoWildcardPrincipal',
  description: 'No policy allows Principal "*" (or {"AWS": "*"}) or uses NotPrincipal in an Allow',
  evaluate(resources) {
    const out: PolicyViolation[] = [];
    for (const resource of resources) {
      for (const policy of policiesOf(resource)) {
        if (policy.problem) {
          out.push(violation(this, resource, policy.problem));
          continue;
        }
        (policy.statements ?? []).forEach((statement, i) => {
          if (statement.Effect !== 'Allow') return;
          const label = `${policy.attribute} ${statementLabel(statement, i)}`;
          if (isWildcardPrincipal(statement.Principal)) {
            out.push(violation(this, resource, `${label} allows Principal ${JSON.stringify(statement.Principal)}; expected named principals (account, role or service)`));
          }
          if (statement.NotPrincipal !== undefined) {
            out.push(violation(this, resource, `${label} allows everyone except NotPrincipal; expected named principals in Principal`));
          }
        });
      }
    }
    return out;
  },
};
