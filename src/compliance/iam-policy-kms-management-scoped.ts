import { InspectedResource, PolicyRule, asList, globMatches } from './rule';
import { IamStatement, statementViolations } from './iam-documents';

/** KMS actions that create, change, hand out or delete keys, aliases and grants (not reads, not cryptography). */
export const KMS_MANAGEMENT_ACTIONS = [
  'kms:CreateKey',
  'kms:ReplicateKey',
  'kms:PutKeyPolicy',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:UpdateKeyDescription',
  'kms:UpdatePrimaryRegion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:CreateGrant',
  'kms:RetireGrant',
  'kms:RevokeGrant',
  'kms:ImportKeyMaterial',
  'kms:DeleteImportedKeyMaterial',
];

/** Condition operators that narrow a statement to the values they list (negated and IfExists operators do not). */
const NARROWING_OPERATOR = /^(ForAllValues:|ForAnyValue:)?String(Equals|Like)(IgnoreCase)?$/;

/** True when the statement applies only to keys, or key requests, that carry a given tag value. */
function scopedByTag(statement: IamStatement): boolean {
  return Object.entries(statement.Condition ?? {}).some(
    ([operator, block]) =>
      NARROWING_OPERATOR.test(operator) &&
      Object.entries(block).some(([key, value]) => /^aws:(ResourceTag|RequestTag)\//i.test(key) && asList(value as string | string[]).every((v) => v !== '*' && v !== '')),
  );
}

/** "*", or a KMS ARN whose resource part is every key ("key/*", "*") or every alias ("alias/*"). */
function everyKeyOrAlias(resource: string): 'keys' | 'aliases' | undefined {
  if (resource === '*') return 'keys';
  const parts = resource.split(':');
  if (parts.length < 6 || !globMatches(parts[2], 'kms')) return undefined;
  const id = parts.slice(5).join(':');
  if (id === '*' || id === 'key/*') return 'keys';
  if (id === 'alias/*') return 'aliases';
  return undefined;
}

const IAM_POLICY_TYPE = /^aws_iam_/;

/** "*", "*:*" and NotAction anywhere, "kms:*" on every resource: IamPolicyNoWildcardAdmin reports those. */
function reportedAsWildcardAdmin(action: string, resources: readonly string[]): boolean {
  return action === '*' || action === '*:*' || (action.toLowerCase() === 'kms:*' && resources.includes('*'));
}

function statementProblems(resource: InspectedResource, statement: IamStatement): string[] {
  if (!IAM_POLICY_TYPE.test(resource.type) || statement.Effect !== 'Allow' || statement.NotAction !== undefined) return [];
  const resources = statement.NotResource !== undefined ? ['*'] : asList(statement.Resource).map(String);
  const actions = asList(statement.Action)
    .map(String)
    .filter((a) => !reportedAsWildcardAdmin(a, resources));
  const managed = KMS_MANAGEMENT_ACTIONS.filter((a) => actions.some((p) => globMatches(p, a, true)));
  if (managed.length === 0) return [];
  const problems: string[] = [];
  for (const r of resources) {
    const every = everyKeyOrAlias(r);
    if (every === 'aliases') {
      problems.push(`allows ${managed.join(', ')} on every alias (${r}); expected the project's aliases (alias/<project>*)`);
    } else if (every === 'keys' && !scopedByTag(statement)) {
      problems.push(
        `allows ${managed.join(', ')} on every key (${r}) without a tag condition; expected aws:ResourceTag/<tag> (existing keys) or aws:RequestTag/<tag> (new keys) equal to the project`,
      );
    }
  }
  return problems;
}

/**
 * No IAM policy allows KMS key management (create, policy, state, rotation, deletion, tags,
 * aliases, grants, key material) on every key unless a tag condition scopes it to the project's
 * keys, nor on every alias. Key policies are not checked: there "*" means the key itself. Full
 * wildcards and NotAction are left to IamPolicyNoWildcardAdmin, which rejects them outright.
 */
export const IamPolicyKmsManagementScoped: PolicyRule = {
  name: 'IamPolicyKmsManagementScoped',
  description: 'No IAM policy allows KMS key management on every key without an aws:ResourceTag/aws:RequestTag condition, or on every alias',
  evaluate(resources) {
    return statementViolations(this, resources, statementProblems);
  },
};
