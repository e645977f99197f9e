import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Statement, policyDocument } from '../../src/aws/policy-documents';
import { IamPolicyNoRoleEscalation } from '../../src/compliance/iam-policy-no-role-escalation';
import { policyFixture } from '../helpers/inspect';

const RULE = IamPolicyNoRoleEscalation.name;
const ARN = 'arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.a.account_id}';
const trust = policyDocument([{ Sid: 'Ci', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/ci' }, Action: 'sts:AssumeRole' }]);

/** A deploy-like role holding `statements` in a managed policy, beside an audit role, as bootstrap builds them. */
function deployer(scope: Construct, statements: Statement[], policyName = 'acme-deploy-identity'): void {
  const deploy = new IamRole(scope, 'deploy', { name: 'acme-deploy', assumeRolePolicy: trust });
  new IamRole(scope, 'audit', { name: 'acme-security-audit', assumeRolePolicy: trust });
  const policy = new IamPolicy(scope, 'policy', { name: policyName, policy: policyDocument(statements) });
  new IamRolePolicyAttachment(scope, 'attach', { role: deploy.name, policyArn: policy.arn });
}

const GUARD: Statement = {
  Sid: 'NeverChangeBootstrap',
  Effect: 'Deny',
  Action: ['iam:Add*', 'iam:Attach*', 'iam:Create*', 'iam:Delete*', 'iam:Detach*', 'iam:PassRole', 'iam:Put*', 'iam:Set*', 'iam:Tag*', 'iam:Untag*', 'iam:Update*'],
  Resource: [`${ARN}:role/acme-deploy`, `${ARN}:role/acme-security-audit`, `${ARN}:policy/acme-deploy-*`],
};
const PROJECT_ROLES: Statement = { Sid: 'ManageProjectRoles', Effect: 'Allow', Action: ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'], Resource: `${ARN}:role/acme-*` };
const PROJECT_POLICIES: Statement = { Sid: 'ManageProjectPolicies', Effect: 'Allow', Action: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'], Resource: `${ARN}:policy/acme-*` };

describe('IamPolicyNoRoleEscalation', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('IamPolicyNoRoleEscalation');
  });

  describe('compliant', () => {
    test('broad project patterns with a Deny in the same policy covering the stack\'s roles and policies', () => {
      const fixture = policyFixture((scope) => deployer(scope, [PROJECT_ROLES, PROJECT_POLICIES, GUARD]));
      expect(fixture.synthError()).toBeUndefined();
      expect(fixture.violations()).toEqual([]);
    });

    test('changes scoped to roles the stack does not define (exact ARNs of other stacks\' roles) need no Deny', () => {
      const fixture = policyFixture((scope) =>
        deployer(scope, [{ Sid: 'FlowLogsRole', Effect: 'Allow', Action: ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:PassRole'], Resource: `${ARN}:role/acme-vpc-flow-logs` }]),
      );
      expect(fixture.violations()).toEqual([]);
    });

    test('reads of the stack\'s own roles are fine', () => {
      const fixture = policyFixture((scope) => deployer(scope, [{ Sid: 'Read', Effect: 'Allow', Action: ['iam:GetRole', 'iam:List*'], Resource: `${ARN}:role/*` }]));
      expect(fixture.violations()).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    test('role/<project>-* writes with no Deny: one violation per role of the stack, naming the actions', () => {
      const fixture = policyFixture((scope) => deployer(scope, [PROJECT_ROLES]));
      const error = fixture.synthError();
      expect(error).toContain(
        `${RULE}: fixture/policy (aws_iam_policy.policy): policy statement "ManageProjectRoles" allows iam:CreateRole, iam:UpdateAssumeRolePolicy, iam:PutRolePolicy on role acme-deploy (aws_iam_role.deploy), which this stack defines, with no unconditional Deny in the same policy; expected a Deny of those actions on its ARN, or an Allow scoped to other roles`,
      );
      expect(fixture.violations().map((v) => v.message.match(/on role (\S+)/)?.[1])).toEqual(['acme-deploy', 'acme-security-audit']);
    });

    test('a new version of the role\'s own managed policy, unguarded', () => {
      const fixture = policyFixture((scope) => deployer(scope, [PROJECT_POLICIES]));
      expect(fixture.synthError()).toContain(
        'policy statement "ManageProjectPolicies" allows iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion on policy acme-deploy-identity (aws_iam_policy.policy)',
      );
    });

    test('a Deny that misses an action leaves that action open', () => {
      const partial: Statement = { ...GUARD, Action: ['iam:PutRolePolicy', 'iam:CreateRole'] };
      const fixture = policyFixture((scope) => deployer(scope, [PROJECT_ROLES, partial]));
      expect(fixture.violations().map((v) => v.message.split(' on ')[0])).toEqual([
        'policy statement "ManageProjectRoles" allows iam:UpdateAssumeRolePolicy',
        'policy statement "ManageProjectRoles" allows iam:UpdateAssumeRolePolicy',
      ]);
    });

    test('a conditional Deny does not count', () => {
      const conditional: Statement = { ...GUARD, Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'platform' } } };
      expect(policyFixture((scope) => deployer(scope, [PROJECT_ROLES, conditional])).violations()).toHaveLength(2);
    });

    test('a Deny in another policy of the role does not count: it could be detached alone', () => {
      const fixture = policyFixture((scope) => {
        deployer(scope, [PROJECT_ROLES]);
        new IamRolePolicy(scope, 'guard', { name: 'guard', role: 'acme-deploy', policy: policyDocument([GUARD]) });
      });
      expect(fixture.violations()).toHaveLength(2);
    });

    test('"*" actions or resources, an inline policy and a reference to the role\'s arn are all caught', () => {
      const fixture = policyFixture((scope) => {
        const role = new IamRole(scope, 'role', { name: 'acme-app', assumeRolePolicy: trust });
        new IamRolePolicy(scope, 'inline', {
          name: 'self',
          role: role.id,
          policy: policyDocument([
            { Sid: 'Everything', Effect: 'Allow', Action: 'iam:Put*', Resource: '*' },
            { Sid: 'Self', Effect: 'Allow', Action: 'iam:UpdateAssumeRolePolicy', Resource: role.arn },
          ]),
        });
      });
      expect(fixture.violations().map((v) => v.message.split(' on ')[0])).toEqual([
        'policy statement "Everything" allows iam:PutRolePolicy, iam:PutRolePermissionsBoundary',
        'policy statement "Self" allows iam:UpdateAssumeRolePolicy',
      ]);
    });

    test('a role without a literal name cannot be checked and is reported', () => {
      const fixture = policyFixture((scope) => {
        new IamRole(scope, 'generated', { namePrefix: 'acme-', assumeRolePolicy: trust });
        deployer(scope, [{ Sid: 'Other', Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: `${ARN}:role/elsewhere` }]);
      });
      expect(fixture.synthError()).toContain('policy statement "Other" allows IAM changes, and role aws_iam_role.generated (aws_iam_role.generated) has no literal name to check them against');
    });

    test('trust policies are not identity policies and are not read as grants', () => {
      const fixture = policyFixture((scope) => deployer(scope, []));
      expect(fixture.violations()).toEqual([]);
    });
  });
});
