import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Statement, policyDocument } from '../../src/aws/policy-documents';
import { IamPolicyNoWildcardSecretPolicy } from '../../src/compliance/iam-policy-no-wildcard-secret-policy';
import { policyFixture } from '../helpers/inspect';

const RULE = IamPolicyNoWildcardSecretPolicy.name;
const trust = policyDocument([{ Sid: 'Ci', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/ci' }, Action: 'sts:AssumeRole' }]);
const PARTITION = '${data.aws_partition.partition.partition}';
const ACCOUNT = '${data.aws_caller_identity.account.account_id}';

function roleWith(scope: Construct, statements: Statement[]): void {
  const role = new IamRole(scope, 'role', { name: 'acme-fixture', assumeRolePolicy: trust });
  new IamRolePolicy(scope, 'inline', { name: 'fixture', role: role.id, policy: policyDocument(statements) });
}

describe('IamPolicyNoWildcardSecretPolicy', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('IamPolicyNoWildcardSecretPolicy');
  });

  describe('compliant', () => {
    test('policy writes on named secrets, reads on "*", and Denies on "*" pass', () => {
      const fixture = policyFixture((scope) =>
        roleWith(scope, [
          {
            Sid: 'Named',
            Effect: 'Allow',
            Action: ['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy'],
            Resource: [`arn:${PARTITION}:secretsmanager:us-east-1:${ACCOUNT}:secret:third-party/api-key-??????`],
          },
          { Sid: 'Prefix', Effect: 'Allow', Action: 'secretsmanager:*ResourcePolicy', Resource: 'arn:aws:secretsmanager:*:123456789012:secret:app/*' },
          { Sid: 'Describe', Effect: 'Allow', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy', 'secretsmanager:ListSecrets'], Resource: '*' },
          { Sid: 'Guard', Effect: 'Deny', Action: 'secretsmanager:PutResourcePolicy', Resource: '*' },
        ]),
      );
      expect(fixture.synthError()).toBeUndefined();
      expect(fixture.violations()).toEqual([]);
    });

    test('a resource policy is not an identity policy: there "*" is the resource itself', () => {
      const fixture = policyFixture((scope) => {
        new KmsKey(scope, 'key', {
          enableKeyRotation: true,
          policy: policyDocument([{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: '*', Resource: '*' }]),
        });
      });
      expect(fixture.violations().filter((v) => v.rule === RULE)).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    const cases: Array<[string, Statement, string]> = [
      [
        'PutResourcePolicy on secret:* (the deploy role before issue 8)',
        { Sid: 'Secrets', Effect: 'Allow', Action: ['secretsmanager:CreateSecret', 'secretsmanager:PutResourcePolicy'], Resource: `arn:${PARTITION}:secretsmanager:*:${ACCOUNT}:secret:*` },
        `allows secretsmanager:PutResourcePolicy on "arn:${PARTITION}:secretsmanager:*:${ACCOUNT}:secret:*"`,
      ],
      ['DeleteResourcePolicy on "*"', { Sid: 'Drop', Effect: 'Allow', Action: 'secretsmanager:DeleteResourcePolicy', Resource: '*' }, 'allows secretsmanager:DeleteResourcePolicy on "*"'],
      [
        'secretsmanager:* on every secret of an account',
        { Sid: 'All', Effect: 'Allow', Action: 'secretsmanager:*', Resource: 'arn:aws:secretsmanager:us-east-1:123456789012:*' },
        'allows secretsmanager:PutResourcePolicy and secretsmanager:DeleteResourcePolicy on "arn:aws:secretsmanager:us-east-1:123456789012:*"',
      ],
      [
        'secretsmanager:*ResourcePolicy on "*" among scoped resources',
        { Sid: 'Mixed', Effect: 'Allow', Action: 'secretsmanager:*ResourcePolicy', Resource: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:a-??????', '*'] },
        'allows secretsmanager:PutResourcePolicy and secretsmanager:DeleteResourcePolicy on "*"',
      ],
      [
        'NotResource',
        { Sid: 'Not', Effect: 'Allow', Action: 'secretsmanager:PutResourcePolicy', NotResource: 'arn:aws:secretsmanager:*:*:secret:x-??????' } as unknown as Statement,
        'allows secretsmanager:PutResourcePolicy on every resource but NotResource',
      ],
    ];

    test.each(cases)('%s fails synth, naming the rule, the resource and what is expected', (_name, statement, problem) => {
      const fixture = policyFixture((scope) => roleWith(scope, [statement]));
      expect(fixture.synthError()).toContain(`${RULE}: fixture/inline (aws_iam_role_policy.inline): policy statement "${statement.Sid}" ${problem}`);
      expect(fixture.synthError()).toContain('expected the ARNs of named secrets (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-??????)');
      expect(fixture.violations().filter((v) => v.rule === RULE)).toHaveLength(1);
    });

    test('managed policies are checked as well as inline ones', () => {
      const fixture = policyFixture((scope) => {
        new IamPolicy(scope, 'managed', {
          name: 'acme-secrets',
          policy: policyDocument([{ Sid: 'Put', Effect: 'Allow', Action: 'secretsmanager:PutResourcePolicy', Resource: 'arn:aws:secretsmanager:*:*:secret:*' }]),
        });
      });
      expect(fixture.synthError()).toContain(`${RULE}: fixture/managed (aws_iam_policy.managed): policy statement "Put" allows secretsmanager:PutResourcePolicy`);
    });
  });
});
