import { InspectedResource, PolicyRule, PolicyViolation, asList, globMatches, violation } from './rule';
import { IamStatement, isWildcardPrincipal, policiesOf, statementLabel } from './iam-documents';

const GET_VALUE = 'secretsmanager:GetSecretValue';

/** The secret a policy resource is attached to: `${aws_secretsmanager_secret.<id>.arn}` (or `.id`, also the ARN). */
function attachedSecret(policy: InspectedResource): string | undefined {
  const match = /^\$\{aws_secretsmanager_secret\.([^.}]+)\.(arn|id)\}$/.exec(String(policy.attributes.secret_arn ?? '').trim());
  return match?.[1];
}

/**
 * The readers-only Deny: GetSecretValue to Principal "*", on the secret, except (optionally) the
 * principals of one exact-match condition (ArnNotEquals or StringNotEquals) on aws:PrincipalArn;
 * the "Like" operators and wildcards would let a pattern of principals through.
 */
function isReadersOnlyDeny(statement: IamStatement): boolean {
  if (statement.Effect !== 'Deny' || !isWildcardPrincipal(statement.Principal) || statement.NotPrincipal !== undefined) return false;
  if (!asList(statement.Action).some((a) => globMatches(String(a), GET_VALUE, true))) return false;
  if (statement.NotResource !== undefined || !asList(statement.Resource).includes('*')) return false;
  const condition = statement.Condition;
  if (condition === undefined) return true;
  const operators = Object.entries(condition);
  if (operators.length !== 1 || !['ArnNotEquals', 'StringNotEquals'].includes(operators[0][0])) return false;
  const keys = Object.entries(operators[0][1]);
  return keys.length === 1 && keys[0][0].toLowerCase() === 'aws:principalarn' && asList(keys[0][1] as string[]).every((arn) => !/[*?]/.test(String(arn)));
}

/** Deny statements that reach past reading the value: they could lock administrators out of the secret. */
function lockoutProblems(statements: readonly IamStatement[]): string[] {
  return statements.flatMap((statement, i) => {
    if (statement.Effect !== 'Deny') return [];
    const actions = asList(statement.Action).map(String);
    const beyondReading = statement.NotAction !== undefined ? ['NotAction'] : actions.filter((a) => a.toLowerCase() !== GET_VALUE.toLowerCase());
    return beyondReading.length > 0
      ? [`${statementLabel(statement, i)} denies ${beyondReading.join(', ')}; expected a Deny of ${GET_VALUE} only, so that administrators can always manage the secret and its policy`]
      : [];
  });
}

/**
 * Every secret has exactly one `aws_secretsmanager_secret_policy` in its stack (none inline on the
 * secret), with block_public_policy = true, that denies GetSecretValue to every principal except
 * the readers named in one ArnNotEquals (or StringNotEquals) on aws:PrincipalArn, and denies
 * nothing else. Identity
 * policies then cannot reach the value, not even an administrator's or one a deploy role writes.
 * Replicas are not resources of their own: they take the primary's policy.
 */
export const SecretsManagerSecretResourcePolicy: PolicyRule = {
  name: 'SecretsManagerSecretResourcePolicy',
  description: 'Every secret has a resource policy (block_public_policy on) that denies GetSecretValue to all but named readers and denies nothing else',
  evaluate(resources) {
    const out: PolicyViolation[] = [];
    const policies = resources.filter((r) => r.type === 'aws_secretsmanager_secret_policy');
    for (const secret of resources.filter((r) => r.type === 'aws_secretsmanager_secret')) {
      if (secret.attributes.policy !== undefined) {
        out.push(violation(this, secret, 'sets policy inline; expected the policy in its own aws_secretsmanager_secret_policy, one manager per policy'));
      }
      const attached = policies.filter((p) => attachedSecret(p) === secret.logicalId);
      if (attached.length !== 1) {
        out.push(
          violation(
            this,
            secret,
            `has ${attached.length} aws_secretsmanager_secret_policy resources; expected exactly one, denying ${GET_VALUE} to every principal but the secret's readers`,
          ),
        );
      }
    }
    for (const policy of policies) {
      if (policy.attributes.block_public_policy !== true) {
        out.push(violation(this, policy, `block_public_policy is ${JSON.stringify(policy.attributes.block_public_policy)}; expected true`));
      }
      const found = policiesOf(policy).find((p) => p.attribute === 'policy');
      if (!found || found.problem) {
        out.push(violation(this, policy, found?.problem ?? 'policy is not a JSON policy document with a Statement; expected one that can be checked at synth'));
        continue;
      }
      const statements = found.statements ?? [];
      if (!statements.some(isReadersOnlyDeny)) {
        out.push(
          violation(
            this,
            policy,
            `policy has no statement that denies ${GET_VALUE} to Principal "*" on Resource "*" except the aws:PrincipalArn values of one ArnNotEquals (no wildcards); expected one, so that only the secret's readers get the value`,
          ),
        );
      }
      for (const problem of lockoutProblems(statements)) out.push(violation(this, policy, `policy ${problem}`));
    }
    return out;
  },
};
