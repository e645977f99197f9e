import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Statement, policyDocument } from '../../src/aws/policy-documents';
import { IamPolicyNoBoundaryRemoval } from '../../src/compliance/iam-policy-no-boundary-removal';
import { policyFixture } from '../helpers/inspect';

const RULE = IamPolicyNoBoundaryRemoval.name;
const OTHER = 'arn:aws:iam::123456789012:role/elsewhere';

const policyWith = (statements: Statement[]) => policyFixture((scope) => new IamPolicy(scope, 'policy', { name: 'acme-x', policy: policyDocument(statements) }));

describe('IamPolicyNoBoundaryRemoval', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('IamPolicyNoBoundaryRemoval');
  });

  describe('compliant', () => {
    test('setting a boundary, and denying its removal', () => {
      const fixture = policyWith([
        { Sid: 'SetBoundary', Effect: 'Allow', Action: ['iam:PutRolePermissionsBoundary', 'iam:CreateRole'], Resource: OTHER },
        { Sid: 'NeverRemove', Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:Delete*'], Resource: '*' },
      ]);
      expect(fixture.synthError()).toBeUndefined();
    });
  });

  describe('non-compliant', () => {
    test.each<[string, Statement, string]>([
      ['the action by name', { Sid: 'Remove', Effect: 'Allow', Action: 'iam:DeleteRolePermissionsBoundary', Resource: OTHER }, 'iam:DeleteRolePermissionsBoundary'],
      ['a wildcard that matches it', { Sid: 'Deletes', Effect: 'Allow', Action: 'iam:Delete*', Resource: OTHER }, 'iam:DeleteRolePermissionsBoundary and iam:DeleteUserPermissionsBoundary'],
      ['another case', { Sid: 'Lower', Effect: 'Allow', Action: 'IAM:deleteuserpermissionsboundary', Resource: '*' }, 'iam:DeleteUserPermissionsBoundary'],
      ['NotAction that leaves it in', { Sid: 'AllBut', Effect: 'Allow', NotAction: 's3:*', Resource: OTHER } as unknown as Statement, 'iam:DeleteRolePermissionsBoundary and iam:DeleteUserPermissionsBoundary'],
    ])('%s fails synth', (_name, statement, actions) => {
      const error = policyWith([statement]).synthError();
      expect(error).toContain(`${RULE}: fixture/policy (aws_iam_policy.policy): policy statement "${statement.Sid}" allows ${actions}; expected no statement that can remove a permissions boundary`);
    });

    test('inline policies of a role are checked too', () => {
      const fixture = policyFixture((scope) => {
        new IamRole(scope, 'role', {
          name: 'acme-x',
          assumeRolePolicy: policyDocument([{ Sid: 'Ci', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/ci' }, Action: 'sts:AssumeRole' }]),
          inlinePolicy: [{ name: 'x', policy: policyDocument([{ Sid: 'Remove', Effect: 'Allow', Action: 'iam:DeleteRolePermissionsBoundary', Resource: OTHER }]) }],
        });
      });
      expect(fixture.violations().filter((v) => v.rule === RULE).map((v) => v.message.split(' allows')[0])).toEqual(['inline_policy[0].policy statement "Remove"']);
    });
  });
});
