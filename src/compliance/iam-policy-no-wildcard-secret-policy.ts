import { PolicyRule, asList, globMatches } from './rule';
import { statementViolations } from './iam-documents';

/** Whoever may put or delete a secret's resource policy may name itself a reader of the value. */
const POLICY_WRITES = ['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy'];

/**
 * A resource that stands for every secret: "*", or a Secrets Manager ARN whose resource part (the
 * name after "secret:", or the whole part) is only wildcards, whatever its Region and account.
 */
function isEverySecret(resource: string): boolean {
  if (/^[*?]+$/.test(resource)) return true;
  const match = /^arn:[^:]*:secretsmanager:[^:]*:[^:]*:(.*)$/.exec(resource);
  if (!match) return false;
  const part = match[1];
  return /^[*?]+$/.test(part) || /^secret:[*?]*$/.test(part);
}

/**
 * No Allow lets a principal put or delete the resource policy of every secret: PutResourcePolicy or
 * DeleteResourcePolicy, by name or through a wildcard action ("secretsmanager:*",
 * "secretsmanager:*ResourcePolicy", "*"), on "*", "secret:*" or NotResource. With it, a role can
 * attach a policy that names itself and then read every value. Scope them to named secrets
 * ("secret:<name>-??????"). Identity policies only: in a resource policy (a statement with a
 * Principal) "*" is the resource itself. A policy that is not literal JSON cannot be checked and is
 * reported too.
 */
export const IamPolicyNoWildcardSecretPolicy: PolicyRule = {
  name: 'IamPolicyNoWildcardSecretPolicy',
  description: 'No policy allows secretsmanager:PutResourcePolicy or DeleteResourcePolicy (or a wildcard covering them) on "*" or on every secret',
  evaluate(resources) {
    return statementViolations(this, resources, (_resource, statement) => {
      if (statement.Effect !== 'Allow' || statement.Principal !== undefined || statement.NotPrincipal !== undefined) return [];
      const actions = asList(statement.Action).map(String);
      const writes = POLICY_WRITES.filter((write) => actions.some((action) => globMatches(action, write, true)));
      if (writes.length === 0) return [];
      const everySecret = statement.NotResource !== undefined ? 'NotResource' : asList(statement.Resource).map(String).find(isEverySecret);
      if (everySecret === undefined) return [];
      return [
        `allows ${writes.join(' and ')} on ${everySecret === 'NotResource' ? 'every resource but NotResource' : `"${everySecret}"`}, which lets the holder make itself a reader of every secret; expected the ARNs of named secrets (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-??????)`,
      ];
    });
  },
};
