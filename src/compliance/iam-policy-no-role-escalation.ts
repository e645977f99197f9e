import { PolicyRule, PolicyViolation, violation } from './rule';
import { IamStatement, policiesOf, statementLabel } from './iam-documents';
import { IamEntity, coversAction, coversEntity, iamEntities } from './iam-arns';

/** What changes a role or hands it on (PassRole, instance profiles). */
const ROLE_CHANGES = [
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:PassRole',
  'iam:AddRoleToInstanceProfile',
];

/** What changes a managed policy (a new default version is a new policy). */
const POLICY_CHANGES = [
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:DeletePolicyVersion',
  'iam:DeletePolicy',
  'iam:TagPolicy',
  'iam:UntagPolicy',
];

/** Identity policies: what a principal holding them may do (trust, key and bucket policies are not). */
const IDENTITY_POLICY_TYPES = new Set(['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role']);

/** A Deny that always applies: no condition, an Action list and a Resource list. */
function unconditionalDeny(statement: IamStatement): boolean {
  return statement.Effect === 'Deny' && statement.Condition === undefined && statement.NotAction === undefined && statement.NotResource === undefined;
}

function entityLabel(entity: IamEntity): string {
  return `${entity.kind} ${String(entity.resource.attributes.name ?? entity.resource.address)} (${entity.resource.address})`;
}

/**
 * The roles and managed policies a stack defines are changed by whoever deploys that stack (for
 * bootstrap: an administrator). No identity policy of the stack may let its holder change them,
 * itself included: an Allow of an IAM change (role: create, delete, update, trust, inline or
 * attached policy, boundary, tags, PassRole, instance profile; managed policy: create, new default
 * version, delete, tags) whose Action and Resource cover one of them must be matched, action by
 * action, by an unconditional Deny in the same policy document, so the guardrail cannot be detached
 * without the grant. Partition and account are not compared; a role or policy without a literal
 * name cannot be matched and is reported when the stack grants IAM changes at all.
 */
export const IamPolicyNoRoleEscalation: PolicyRule = {
  name: 'IamPolicyNoRoleEscalation',
  description: 'No policy allows an IAM change on a role or managed policy of its own stack unless an unconditional Deny in the same policy covers it',
  evaluate(resources) {
    const entities = iamEntities(resources);
    const out: PolicyViolation[] = [];
    for (const resource of resources.filter((r) => IDENTITY_POLICY_TYPES.has(r.type))) {
      for (const policy of policiesOf(resource)) {
        if (policy.attribute === 'assume_role_policy' || !policy.statements) continue;
        const statements = policy.statements;
        const denies = statements.filter(unconditionalDeny);
        statements.forEach((statement, i) => {
          if (statement.Effect !== 'Allow') return;
          const changesOf = { role: ROLE_CHANGES.filter((a) => coversAction(statement, a)), policy: POLICY_CHANGES.filter((a) => coversAction(statement, a)) };
          for (const entity of entities) {
            const changes = entity.kind === 'role' ? changesOf.role : changesOf.policy;
            if (changes.length === 0) continue;
            if (entity.resourcePart === undefined) {
              out.push(
                violation(this, resource, `${policy.attribute} ${statementLabel(statement, i)} allows IAM changes, and ${entityLabel(entity)} has no literal name to check them against; expected a literal name (and path)`),
              );
              continue;
            }
            if (!coversEntity(statement, entity)) continue;
            const open = changes.filter((a) => !denies.some((d) => coversAction(d, a) && coversEntity(d, entity)));
            if (open.length === 0) continue;
            out.push(
              violation(
                this,
                resource,
                `${policy.attribute} ${statementLabel(statement, i)} allows ${open.join(', ')} on ${entityLabel(entity)}, which this stack defines, with no unconditional Deny in the same policy; expected a Deny of those actions on its ARN, or an Allow scoped to other ${entity.kind === 'role' ? 'roles' : 'policies'}`,
              ),
            );
          }
        });
      }
    }
    return out;
  },
};
