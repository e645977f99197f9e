import { DeployGrant, DomainPermissions } from '../../aws/deploy-permissions';

/** Services the deploy role may hand a project role to: VPC Flow Logs (network), CloudTrail (audit). */
export const PASS_ROLE_SERVICES = ['vpc-flow-logs.amazonaws.com', 'cloudtrail.amazonaws.com'] as const;

/** Services whose service-linked role the first deploy creates: Security Hub (security), Transit Gateway (network). */
export const SERVICE_LINKED_ROLE_SERVICES = ['securityhub.amazonaws.com', 'transitgateway.amazonaws.com'] as const;

const ROLES = [
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:GetRole',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:ListRoleTags',
  'iam:PutRolePolicy',
  'iam:GetRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:ListRolePolicies',
  'iam:ListAttachedRolePolicies',
  'iam:ListInstanceProfilesForRole',
];

/** What aws_iam_policy calls: create, read, a new default version per change (pruned at 5), delete, tags. */
const MANAGED_POLICIES = [
  'iam:CreatePolicy',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:ListPolicyVersions',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:DeletePolicyVersion',
  'iam:DeletePolicy',
  'iam:TagPolicy',
  'iam:UntagPolicy',
];

/**
 * The project's roles, their inline and managed policies (including the deploy role's own domain
 * policies, `<project>-deploy-<domain>`), the roles handed to log delivery, service-linked roles.
 * IAM actions only ever on `role/<project>-*` and `policy/<project>-*`.
 *
 * Both patterns match the deploy role and its own policies, so the role can widen its own
 * permissions. Issue 8 closes that with explicit Deny statements in this declaration, after the
 * Allows below: no change to the deploy role, the security-audit role or the policies attached to
 * them (their ARNs), and a required permissions boundary on every role the deploy role creates.
 */
export const IDENTITY_PERMISSIONS: DomainPermissions = {
  domain: 'identity',
  description: 'The project\'s IAM roles and policies, including these deploy policies',
  grants: ({ partition, account, project }): DeployGrant[] => {
    const projectRoles = `arn:${partition}:iam::${account}:role/${project}-*`;
    const projectPolicies = `arn:${partition}:iam::${account}:policy/${project}-*`;
    return [
      {
        covers: ['aws_iam_role', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment'],
        statement: { Sid: 'ManageProjectRoles', Effect: 'Allow', Action: ROLES, Resource: projectRoles },
      },
      {
        covers: ['aws_flow_log', 'aws_cloudtrail'],
        statement: {
          Sid: 'PassProjectRolesToLogDelivery',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: projectRoles,
          Condition: { StringEquals: { 'iam:PassedToService': [...PASS_ROLE_SERVICES] } },
        },
      },
      {
        covers: ['aws_securityhub_account', 'aws_ec2_transit_gateway_vpc_attachment'],
        statement: {
          Sid: 'CreateServiceLinkedRoles',
          Effect: 'Allow',
          Action: 'iam:CreateServiceLinkedRole',
          Resource: `arn:${partition}:iam::${account}:role/aws-service-role/*`,
          Condition: { StringEquals: { 'iam:AWSServiceName': [...SERVICE_LINKED_ROLE_SERVICES] } },
        },
      },
      { covers: ['aws_iam_policy'], statement: { Sid: 'ManageProjectPolicies', Effect: 'Allow', Action: MANAGED_POLICIES, Resource: projectPolicies } },
      {
        covers: ['aws_iam_role_policy_attachment'],
        statement: {
          Sid: 'AttachProjectPoliciesToProjectRoles',
          Effect: 'Allow',
          Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
          Resource: projectRoles,
          // Only the project's own policies: never an AWS managed one such as AdministratorAccess.
          Condition: { ArnLike: { 'iam:PolicyARN': projectPolicies } },
        },
      },
      { covers: ['data.aws_caller_identity'], statement: { Sid: 'WhoAmI', Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' } },
    ];
  },
};
