import { IDENTITY_PERMISSIONS, PASS_ROLE_SERVICES, SERVICE_LINKED_ROLE_SERVICES } from '../../../src/constructs/identity/permissions';
import { CONTEXT, actionsOf, describeDomainPermissions, grantsAction, statementOf } from '../../helpers/deploy-permissions';

describeDomainPermissions(IDENTITY_PERMISSIONS, {
  aws_iam_role: ['iam:CreateRole', 'iam:DeleteRole', 'iam:GetRole', 'iam:UpdateAssumeRolePolicy', 'iam:TagRole', 'iam:ListAttachedRolePolicies', 'iam:ListInstanceProfilesForRole'],
  aws_iam_role_policy: ['iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy'],
  aws_iam_policy: [
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
  ],
  aws_iam_role_policy_attachment: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:ListAttachedRolePolicies'],
  // Types of other domains that need a role passed or a service-linked role created.
  aws_flow_log: ['iam:PassRole'],
  aws_cloudtrail: ['iam:PassRole'],
  aws_securityhub_account: ['iam:CreateServiceLinkedRole'],
  aws_ec2_transit_gateway_vpc_attachment: ['iam:CreateServiceLinkedRole'],
  'data.aws_caller_identity': ['sts:GetCallerIdentity'],
});

describe('identity deploy permissions: scope', () => {
  const statements = IDENTITY_PERMISSIONS.grants(CONTEXT).map((g) => g.statement);
  const projectRoles = 'arn:aws:iam::123456789012:role/acme-*';
  const projectPolicies = 'arn:aws:iam::123456789012:policy/acme-*';
  const iamStatements = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('iam:')));

  test('IAM actions only on the project\'s roles and policies (service-linked roles under aws-service-role/), never with a wildcard action', () => {
    const resources = new Set(iamStatements.map((s) => String(s.Resource)));
    expect([...resources].sort()).toEqual(['arn:aws:iam::123456789012:role/aws-service-role/*', projectPolicies, projectRoles].sort());
    for (const a of iamStatements.flatMap(actionsOf)) expect(a).not.toContain('*');
    for (const action of ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:PutUserPolicy', 'iam:AttachUserPolicy', 'iam:CreateLoginProfile']) {
      expect(grantsAction(statements, action)).toBe(false);
    }
  });

  test('managed policies: only policies named <project>-* (the deploy role\'s own domain policies among them)', () => {
    expect(statementOf(IDENTITY_PERMISSIONS, 'ManageProjectPolicies').Resource).toBe(projectPolicies);
  });

  test('attaching: only project policies to project roles, never an AWS managed policy', () => {
    expect(statementOf(IDENTITY_PERMISSIONS, 'AttachProjectPoliciesToProjectRoles')).toEqual({
      Sid: 'AttachProjectPoliciesToProjectRoles',
      Effect: 'Allow',
      Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
      Resource: projectRoles,
      Condition: { ArnLike: { 'iam:PolicyARN': projectPolicies } },
    });
    expect(statements.filter((s) => grantsAction([s], 'iam:AttachRolePolicy'))).toHaveLength(1);
  });

  test('iam:PassRole only for project roles and only to VPC Flow Logs and CloudTrail', () => {
    expect(statements.filter((s) => grantsAction([s], 'iam:PassRole'))).toEqual([
      {
        Sid: 'PassProjectRolesToLogDelivery',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: projectRoles,
        Condition: { StringEquals: { 'iam:PassedToService': ['vpc-flow-logs.amazonaws.com', 'cloudtrail.amazonaws.com'] } },
      },
    ]);
    expect(PASS_ROLE_SERVICES).toEqual(['vpc-flow-logs.amazonaws.com', 'cloudtrail.amazonaws.com']);
  });

  test('service-linked roles only for the services that need one, under aws-service-role/', () => {
    expect(statementOf(IDENTITY_PERMISSIONS, 'CreateServiceLinkedRoles')).toMatchObject({
      Action: 'iam:CreateServiceLinkedRole',
      Resource: 'arn:aws:iam::123456789012:role/aws-service-role/*',
      Condition: { StringEquals: { 'iam:AWSServiceName': ['securityhub.amazonaws.com', 'transitgateway.amazonaws.com'] } },
    });
    expect(SERVICE_LINKED_ROLE_SERVICES).toEqual(['securityhub.amazonaws.com', 'transitgateway.amazonaws.com']);
  });

  test('STS: only GetCallerIdentity, never AssumeRole', () => {
    const sts = statements.flatMap(actionsOf).filter((a) => a.startsWith('sts:'));
    expect(sts).toEqual(['sts:GetCallerIdentity']);
  });
});
