import { InspectedResource, PolicyRule, asList } from './rule';
import { IamStatement, awsPrincipals, statementViolations } from './iam-documents';

/** Resource types whose policy is a KMS key policy, where Resource "*" means "this key". */
const KEY_POLICY_TYPES = new Set(['aws_kms_key', 'aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key', 'aws_kms_key_policy']);

const SERVICE_WILDCARD = /^[a-z0-9-]+:\*$/i;

/**
 * The one accepted service wildcard: a key policy that hands the key to the account's IAM
 * (AWS's default key policy). IAM policies then decide who administers and uses the key.
 */
function isAccountKeyAdministration(resource: InspectedResource, statement: IamStatement): boolean {
  if (!KEY_POLICY_TYPES.has(resource.type)) return false;
  const principal = statement.Principal;
  if (principal === null || typeof principal !== 'object' || Object.keys(principal).some((k) => k !== 'AWS')) return false;
  const arns = awsPrincipals(principal);
  return (
    arns.length > 0 &&
    arns.every((arn) => /^arn:[^:]+:iam::[^:]+:root$/.test(arn)) &&
    asList(statement.Action).every((a) => String(a).toLowerCase() === 'kms:*')
  );
}

function statementProblems(resource: InspectedResource, statement: IamStatement): string[] {
  if (statement.Effect !== 'Allow') return [];
  const problems: string[] = [];
  if (statement.NotAction !== undefined) {
    problems.push('allows every action except those in NotAction; expected an explicit Action list');
  }
  const everyResource = statement.NotResource !== undefined || asList(statement.Resource).includes('*');
  for (const action of asList(statement.Action).map(String)) {
    if (action === '*' || action === '*:*') {
      problems.push(`grants Action "${action}" (full administrator); expected explicit actions`);
    } else if (action.toLowerCase() === 'iam:*') {
      problems.push('grants "iam:*", which lets the holder escalate its own privileges; expected explicit IAM actions on scoped roles');
    } else if (SERVICE_WILDCARD.test(action) && everyResource && !isAccountKeyAdministration(resource, statement)) {
      problems.push(`grants "${action}" on every resource; expected explicit actions, or the service wildcard only on scoped resources`);
    }
  }
  return problems;
}

/**
 * No Allow grants administrator rights: Action "*", "iam:*", "<service>:*" on Resource "*"
 * (NotResource counts as every resource) or NotAction. A policy that is not literal JSON cannot be
 * checked and is reported too.
 */
export const IamPolicyNoWildcardAdmin: PolicyRule = {
  name: 'IamPolicyNoWildcardAdmin',
  description: 'No policy allows "*", "iam:*" or "<service>:*" on every resource, or uses NotAction in an Allow',
  evaluate(resources) {
    return statementViolations(this, resources, statementProblems);
  },
};
