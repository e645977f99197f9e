import { PolicyRule } from './rule';
import { isWildcardPrincipal, statementViolations } from './iam-documents';

/**
 * No Allow trusts everyone: Principal "*" or "*" under any principal type ({"AWS": "*"}), and no
 * Allow uses NotPrincipal. Deny statements may name "*" (that is how TLS-only policies work). A
 * policy that is not literal JSON cannot be checked and is reported too.
 */
export const IamPolicyNoWildcardPrincipal: PolicyRule = {
  name: 'IamPolicyNoWildcardPrincipal',
  description: 'No policy allows Principal "*" (or {"AWS": "*"}) or uses NotPrincipal in an Allow',
  evaluate(resources) {
    return statementViolations(this, resources, (_resource, statement) => {
      if (statement.Effect !== 'Allow') return [];
      const problems: string[] = [];
      if (isWildcardPrincipal(statement.Principal)) {
        problems.push(`allows Principal ${JSON.stringify(statement.Principal)}; expected named principals (account, role or service)`);
      }
      if (statement.NotPrincipal !== undefined) problems.push('allows everyone except NotPrincipal; expected named principals in Principal');
      return problems;
    });
  },
};
