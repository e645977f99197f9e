import { IDENTITY_PERMISSIONS, SERVICE_LINKED_ROLE_SERVICES } from '../../../src/constructs/identity/permissions';
import { Statement } from '../../../src/aws/policy-documents';
import { globMatches } from '../../../src/compliance/rule';
import { CONTEXT, actionsOf, describeDomainPermissions, grantsAction, statementOf } from '../../helpers/deploy-permissions';

describeDomainPermissions(IDENTITY_PERMISSIONS, {
  aws_iam_role: ['iam:CreateRole', 'iam:DeleteRole', 'iam:GetRole', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:TagRole', 'iam:ListAttachedRolePolicies', 'iam:ListInstanceProfilesForRole'],
  aws_iam_role_policy: ['iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy'],
  // Types of other domains that need a role passed or a service-linked role created.
  aws_flow_log: ['iam:PassRole'],
  aws_cloudtrail: ['iam:PassRole'],
  aws_securityhub_account: ['iam:CreateServiceLinkedRole'],
  aws_ec2_transit_gateway_vpc_attachment: ['iam:CreateServiceLinkedRole'],
  aws_ecr_replication_configuration: ['iam:CreateServiceLinkedRole'],
  aws_ecr_repository_creation_template: ['iam:CreateServiceLinkedRole'],
  aws_iam_service_linked_role: ['iam:CreateServiceLinkedRole'],
  aws_resourceexplorer2_index: ['iam:CreateServiceLinkedRole'],
  'data.aws_caller_identity': ['sts:GetCallerIdentity'],
});

const ARN = 'arn:aws:iam::123456789012';
const role = (name: string) => `${ARN}:role/${name}`;
const DEPLOYABLE = ['acme-vpc-flow-logs', 'acme-trail-cloudwatch-logs', 'acme-ecr-templates', 'acme-imagebuilder-build', 'acme-imagebuilder-lifecycle', 'acme-dlm', 'acme-static-replication'].map(role);
const BOOTSTRAP_ROLES = [role('acme-deploy'), role('acme-security-audit'), role('acme-plan')];

/** What IAM decides for `action` on `resource` from these statements alone: an unconditional Deny wins, else a matching Allow. */
function decide(statements: readonly Statement[], action: string, resource: string, context: Record<string, string> = {}): 'allowed' | 'denied' | 'implicitly denied' {
  const matches = (s: Statement) =>
    actionsOf(s).some((a) => globMatches(a, action, true)) && [s.Resource ?? []].flat().some((r) => globMatches(r, resource));
  const conditionHolds = (s: Statement) =>
    Object.entries(s.Condition ?? {}).every(([op, block]) =>
      Object.entries(block).every(([key, expected]) => {
        const value = context[key];
        const list = [expected].flat().map(String);
        if (op === 'StringEquals') return value !== undefined && list.includes(value);
        if (op === 'StringNotEquals') return value === undefined || !list.includes(value);
        if (op === 'ArnLike') return value !== undefined && list.some((p) => globMatches(p, value));
        if (op === 'ArnNotLike') return value === undefined || !list.some((p) => globMatches(p, value));
        throw new Error(`operator ${op} not modelled by this test`);
      }),
    );
  if (statements.some((s) => s.Effect === 'Deny' && matches(s) && conditionHolds(s))) return 'denied';
  return statements.some((s) => s.Effect === 'Allow' && matches(s) && conditionHolds(s)) ? 'allowed' : 'implicitly denied';
}

describe('identity deploy permissions: scope', () => {
  const statements = IDENTITY_PERMISSIONS.grants(CONTEXT).map((g) => g.statement);
  const unbounded = IDENTITY_PERMISSIONS.grants({ ...CONTEXT, permissionsBoundaryArn: undefined }).map((g) => g.statement);
  const allows = statements.filter((s) => s.Effect === 'Allow');
  const iamAllows = allows.filter((s) => actionsOf(s).some((a) => a.startsWith('iam:')));

  test('IAM Allows only on the project\'s deployable roles (exact ARNs), its policies and service-linked roles, never with a wildcard action', () => {
    const resources = new Set(iamAllows.flatMap((s) => [s.Resource ?? []].flat()));
    expect([...resources].sort()).toEqual([...DEPLOYABLE, `${ARN}:role/aws-service-role/*`].sort());
    for (const a of iamAllows.flatMap(actionsOf)) expect(a).not.toContain('*');
    for (const action of ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:PutUserPolicy', 'iam:AttachUserPolicy', 'iam:CreateLoginProfile']) {
      expect(grantsAction(statements, action)).toBe(false);
    }
  });

  test('no statement allows removing a permissions boundary', () => {
    expect(grantsAction(statements, 'iam:DeleteRolePermissionsBoundary')).toBe(false);
    expect(grantsAction(statements, 'iam:DeleteUserPermissionsBoundary')).toBe(false);
    expect(decide(statements, 'iam:DeleteRolePermissionsBoundary', DEPLOYABLE[0])).toBe('denied');
  });

  test.each([...BOOTSTRAP_ROLES])('%s: every IAM change is explicitly denied, with or without a boundary', (arn) => {
    for (const policy of [statements, unbounded]) {
      for (const action of ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRole', 'iam:PutRolePermissionsBoundary', 'iam:TagRole', 'iam:PassRole', 'iam:AddRoleToInstanceProfile', 'iam:DeleteRolePolicy', 'iam:DetachRolePolicy']) {
        expect([action, decide(policy, action, arn, { 'iam:PermissionsBoundary': CONTEXT.permissionsBoundaryArn!, 'iam:PolicyARN': `${ARN}:policy/acme-x` })]).toEqual([action, 'denied']);
      }
    }
  });

  test('the deploy and plan policies can be neither changed nor attached anywhere', () => {
    for (const name of ['acme-deploy-identity', 'acme-deploy-network', 'acme-plan-audit']) {
      for (const action of ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:TagPolicy']) {
        expect([name, action, decide(statements, action, `${ARN}:policy/${name}`)]).toEqual([name, action, 'denied']);
      }
      expect(decide(statements, 'iam:AttachRolePolicy', DEPLOYABLE[0], { 'iam:PolicyARN': `${ARN}:policy/${name}`, 'iam:PermissionsBoundary': CONTEXT.permissionsBoundaryArn! })).toBe('denied');
    }
    expect(decide(statements, 'iam:CreatePolicyVersion', `${ARN}:policy/acme-app`)).toBe('implicitly denied');
  });

  test('roles outside the declared list cannot be created or edited', () => {
    for (const policy of [statements, unbounded]) {
      for (const name of ['acme-admin', 'acme-vpc-flow-logs-2', 'other-role']) {
        expect(decide(policy, 'iam:CreateRole', role(name), { 'iam:PermissionsBoundary': CONTEXT.permissionsBoundaryArn! })).toBe('implicitly denied');
      }
    }
    expect(decide(unbounded, 'iam:CreateRole', DEPLOYABLE[0])).toBe('allowed');
  });

  test('with a boundary configured, creating or changing a role requires exactly that boundary', () => {
    const boundary = { 'iam:PermissionsBoundary': CONTEXT.permissionsBoundaryArn! };
    for (const action of ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:PutRolePermissionsBoundary']) {
      expect([action, decide(statements, action, DEPLOYABLE[0], boundary)]).toEqual([action, 'allowed']);
      expect([action, decide(statements, action, DEPLOYABLE[0])]).toEqual([action, 'denied']);
      expect([action, decide(statements, action, DEPLOYABLE[0], { 'iam:PermissionsBoundary': `${ARN}:policy/other` })]).toEqual([action, 'denied']);
    }
    expect(statementOf(IDENTITY_PERMISSIONS, 'RequirePermissionsBoundary')).toEqual({
      Sid: 'RequirePermissionsBoundary',
      Effect: 'Deny',
      Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
      Resource: `${ARN}:role/*`,
      Condition: { StringNotEquals: { 'iam:PermissionsBoundary': CONTEXT.permissionsBoundaryArn } },
    });
    expect(unbounded.map((s) => s.Sid)).not.toContain('RequirePermissionsBoundary');
  });

  test('no managed policy is created and none is attached: no stack after bootstrap has one, so an AWS managed admin policy is out of reach', () => {
    for (const action of ['iam:CreatePolicy', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:AttachRolePolicy']) {
      expect([action, statements.filter((s) => grantsAction([s], action)).map((s) => s.Sid)]).toEqual([action, []]);
    }
  });

  test('iam:PassRole: each role only to the service that uses it', () => {
    expect(statements.filter((s) => grantsAction([s], 'iam:PassRole'))).toEqual([
      {
        Sid: 'PassFlowLogsRoleToVpcFlowLogs',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: role('acme-vpc-flow-logs'),
        Condition: { StringEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } },
      },
      {
        Sid: 'PassTrailLogsRoleToCloudTrail',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: role('acme-trail-cloudwatch-logs'),
        Condition: { StringEquals: { 'iam:PassedToService': 'cloudtrail.amazonaws.com' } },
      },
    ]);
    expect(decide(statements, 'iam:PassRole', role('acme-vpc-flow-logs'), { 'iam:PassedToService': 'lambda.amazonaws.com' })).toBe('implicitly denied');
  });

  test('service-linked roles only for the services that need one, under aws-service-role/', () => {
    expect(statementOf(IDENTITY_PERMISSIONS, 'CreateServiceLinkedRoles')).toMatchObject({
      Action: 'iam:CreateServiceLinkedRole',
      Resource: `${ARN}:role/aws-service-role/*`,
      Condition: { StringEquals: { 'iam:AWSServiceName': ['securityhub.amazonaws.com', 'transitgateway.amazonaws.com', 'replication.ecr.amazonaws.com', 'ecr.amazonaws.com', 'imagebuilder.amazonaws.com', 'elasticloadbalancing.amazonaws.com', 'globalaccelerator.amazonaws.com', 'resource-explorer-2.amazonaws.com'] } },
    });
    expect(SERVICE_LINKED_ROLE_SERVICES).toEqual(['securityhub.amazonaws.com', 'transitgateway.amazonaws.com', 'replication.ecr.amazonaws.com', 'ecr.amazonaws.com', 'imagebuilder.amazonaws.com', 'elasticloadbalancing.amazonaws.com', 'globalaccelerator.amazonaws.com', 'resource-explorer-2.amazonaws.com']);
  });

  test('STS: only GetCallerIdentity; assuming any role is explicitly denied, so a rewritten trust is of no use', () => {
    expect(allows.flatMap(actionsOf).filter((a) => a.startsWith('sts:'))).toEqual(['sts:GetCallerIdentity']);
    expect(decide(statements, 'sts:AssumeRole', role('acme-vpc-flow-logs'))).toBe('denied');
  });

  test('every Deny names its resources without a NotResource and covers no type', () => {
    for (const grant of IDENTITY_PERMISSIONS.grants(CONTEXT).filter((g) => g.statement.Effect === 'Deny')) {
      expect(grant.covers).toEqual([]);
      expect(grant.statement.Resource).toBeDefined();
    }
  });
});
