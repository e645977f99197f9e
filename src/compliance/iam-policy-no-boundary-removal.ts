import { PolicyRule } from './rule';
import { statementViolations } from './iam-documents';
import { coversAction } from './iam-arns';

const BOUNDARY_REMOVALS = ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'];

/**
 * No Allow removes a permissions boundary: whoever may do that escapes the boundary of every role
 * or user it can reach, its own included. Wildcards ("iam:Delete*") and NotAction count. Removing
 * a boundary is left to an administrator outside the foundation's policies.
 */
export const IamPolicyNoBoundaryRemoval: PolicyRule = {
  name: 'IamPolicyNoBoundaryRemoval',
  description: 'No policy allows iam:DeleteRolePermissionsBoundary or iam:DeleteUserPermissionsBoundary',
  evaluate(resources) {
    return statementViolations(this, resources, (_resource, statement) => {
      if (statement.Effect !== 'Allow') return [];
      const removals = BOUNDARY_REMOVALS.filter((action) => coversAction(statement, action));
      return removals.length === 0 ? [] : [`allows ${removals.join(' and ')}; expected no statement that can remove a permissions boundary`];
    });
  },
};
