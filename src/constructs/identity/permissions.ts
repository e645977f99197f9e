import { DeployGrant, DomainPermissions } from '../../aws/deploy-permissions';
import { bootstrapPolicyPrefixes, bootstrapRoleNames, deployableRoleNames, policyArn, roleArn, roleNames } from '../../aws/resource-names';

/**
 * Services whose service-linked role the first deploy creates with the deploy role's credentials:
 * Security Hub (security), Transit Gateway (network), ECR replication and creation templates and
 * Image Builder (compute), Elastic Load Balancing and Global Accelerator (edge), Resource Explorer
 * (operations: the account's first CreateIndex creates it). AWS Config's is the security domain's: it is also read, tagged and passed.
 */
export const SERVICE_LINKED_ROLE_SERVICES = [
  'securityhub.amazonaws.com',
  'transitgateway.amazonaws.com',
  'replication.ecr.amazonaws.com',
  'ecr.amazonaws.com',
  'imagebuilder.amazonaws.com',
  'elasticloadbalancing.amazonaws.com',
  'globalaccelerator.amazonaws.com',
  'resource-explorer-2.amazonaws.com',
] as const;

/**
 * What aws_iam_role and aws_iam_role_policy call. Never
 * iam:DeleteRolePermissionsBoundary: removing a boundary is an administrator's job.
 */
const ROLES = [
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:GetRole',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePermissionsBoundary',
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

/**
 * Every IAM verb that changes a role or a managed policy, or hands a role on (PassRole, instance
 * profiles). Denied on what bootstrap creates: wildcards here cover actions IAM adds later.
 */
const CHANGES = [
  'iam:Add*',
  'iam:Attach*',
  'iam:Create*',
  'iam:Delete*',
  'iam:Detach*',
  'iam:PassRole',
  'iam:Put*',
  'iam:Remove*',
  'iam:Set*',
  'iam:Tag*',
  'iam:Untag*',
  'iam:Update*',
];

/**
 * The actions whose request carries `iam:PermissionsBoundary` (the boundary a role has, or is given).
 * Only these: a Deny on StringNotEquals would refuse every other action, which has no such key.
 */
const BOUNDARY_CHECKED = [
  'iam:CreateRole',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
];

/**
 * The project's roles and their policies, the roles handed to log delivery, service-linked roles.
 *
 * The deploy role cannot widen its own rights: it creates, edits and passes only the roles the
 * stacks after bootstrap declare (exact ARNs, `deployableRoleNames`); explicit Denies forbid any
 * change to the roles and policies bootstrap creates (the deploy role itself, the audit role, the
 * plan role, `<project>-deploy-*` and `<project>-plan-*`), attaching those policies anywhere,
 * removing a permissions boundary, and assuming a role (so a role whose trust it rewrote is of no
 * use to it). With a permissions boundary configured, every role it creates or changes must carry
 * exactly that boundary.
 */
export const IDENTITY_PERMISSIONS: DomainPermissions = {
  domain: 'identity',
  description: 'The project\'s IAM roles and policies; never the roles and policies bootstrap creates',
  grants: ({ partition, account, project, permissionsBoundaryArn }): DeployGrant[] => {
    const names = roleNames(project);
    const role = (name: string) => roleArn(partition, account, name);
    const deployable = deployableRoleNames(project).map(role);
    const bootstrapPolicies = bootstrapPolicyPrefixes(project).map((prefix) => policyArn(partition, account, `${prefix}*`));
    const grants: DeployGrant[] = [
      {
        covers: ['aws_iam_role', 'aws_iam_role_policy'],
        statement: { Sid: 'ManageProjectRoles', Effect: 'Allow', Action: ROLES, Resource: deployable },
      },
      {
        covers: ['aws_flow_log'],
        statement: {
          Sid: 'PassFlowLogsRoleToVpcFlowLogs',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: role(names.flowLogsRole),
          Condition: { StringEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } },
        },
      },
      {
        covers: ['aws_cloudtrail'],
        statement: {
          Sid: 'PassTrailLogsRoleToCloudTrail',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: role(names.trailLogsRole),
          Condition: { StringEquals: { 'iam:PassedToService': 'cloudtrail.amazonaws.com' } },
        },
      },
      {
        covers: ['aws_securityhub_account', 'aws_ec2_transit_gateway_vpc_attachment', 'aws_ecr_replication_configuration', 'aws_ecr_repository_creation_template', 'aws_iam_service_linked_role', 'aws_resourceexplorer2_index'],
        statement: {
          Sid: 'CreateServiceLinkedRoles',
          Effect: 'Allow',
          Action: 'iam:CreateServiceLinkedRole',
          Resource: `arn:${partition}:iam::${account}:role/aws-service-role/*`,
          Condition: { StringEquals: { 'iam:AWSServiceName': [...SERVICE_LINKED_ROLE_SERVICES] } },
        },
      },
      { covers: ['data.aws_caller_identity'], statement: { Sid: 'WhoAmI', Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' } },
      {
        covers: [],
        statement: {
          Sid: 'NeverChangeBootstrapRolesOrPolicies',
          Effect: 'Deny',
          Action: CHANGES,
          Resource: [...bootstrapRoleNames(project).map(role), ...bootstrapPolicies],
        },
      },
      {
        covers: [],
        statement: {
          Sid: 'NeverAttachBootstrapPolicies',
          Effect: 'Deny',
          Action: ['iam:AttachRolePolicy', 'iam:AttachUserPolicy', 'iam:AttachGroupPolicy'],
          Resource: '*',
          Condition: { ArnLike: { 'iam:PolicyARN': bootstrapPolicies } },
        },
      },
      {
        covers: [],
        statement: { Sid: 'NeverRemovePermissionsBoundaries', Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'], Resource: '*' },
      },
      { covers: [], statement: { Sid: 'NeverAssumeRoles', Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' } },
    ];
    if (permissionsBoundaryArn !== undefined) {
      grants.push({
        covers: [],
        statement: {
          Sid: 'RequirePermissionsBoundary',
          Effect: 'Deny',
          Action: BOUNDARY_CHECKED,
          Resource: `arn:${partition}:iam::${account}:role/*`,
          // StringNotEquals is true when the key is missing too: a role without a boundary is refused.
          Condition: { StringNotEquals: { 'iam:PermissionsBoundary': permissionsBoundaryArn } },
        },
      });
    }
    return grants;
  },
};
