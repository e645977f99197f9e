import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretPolicy } from '@cdktf/provider-aws/lib/secretsmanager-secret-policy';
import { Statement, policyDocument } from '../../src/aws/policy-documents';
import { IamPolicyNoWildcardPrincipal } from '../../src/compliance/iam-policy-no-wildcard-principal';
import { policyFixture } from '../helpers/inspect';

const RULE = IamPolicyNoWildcardPrincipal.name;

function secretWith(scope: Construct, statements: Statement[]): void {
  const secret = new SecretsmanagerSecret(scope, 'secret', { name: 'acme/api-key' });
  // With the readers-only Deny that SecretsManagerSecretResourcePolicy asks of every secret policy.
  const readersOnly: Statement = { Sid: 'OnlyReaders', Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' };
  new SecretsmanagerSecretPolicy(scope, 'secret_policy', { secretArn: secret.arn, policy: policyDocument([readersOnly, ...statements]), blockPublicPolicy: true });
}

describe('IamPolicyNoWildcardPrincipal', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('IamPolicyNoWildcardPrincipal');
  });

  describe('compliant', () => {
    test('named principals in Allow, "*" only in Deny', () => {
      const fixture = policyFixture((scope) => {
        new IamRole(scope, 'role', {
          name: 'acme-fixture',
          assumeRolePolicy: policyDocument([
            { Sid: 'Ci', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::123456789012:role/ci', 'arn:aws:iam::123456789012:root'] }, Action: 'sts:AssumeRole' },
            { Sid: 'Flow', Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ]),
        });
        secretWith(scope, [
          { Sid: 'Reader', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' },
          { Sid: 'NoOneElse', Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/app' } } },
        ]);
      });
      expect(fixture.synthError()).toBeUndefined();
    });
  });

  describe('non-compliant', () => {
    const cases: Array<[string, unknown, string]> = [
      ['Principal "*"', '*', 'allows Principal "*"'],
      ['Principal {"AWS": "*"}', { AWS: '*' }, 'allows Principal {"AWS":"*"}'],
      ['"*" among named principals', { AWS: ['arn:aws:iam::123456789012:role/app', '*'] }, 'allows Principal {"AWS":["arn:aws:iam::123456789012:role/app","*"]}'],
    ];

    test.each(cases)('%s in a resource policy fails synth, naming the rule, the resource and what is expected', (_name, principal, problem) => {
      const fixture = policyFixture((scope) =>
        secretWith(scope, [{ Sid: 'Anyone', Effect: 'Allow', Principal: principal as Statement['Principal'], Action: 'secretsmanager:GetSecretValue', Resource: '*' }]),
      );
      expect(fixture.synthError()).toContain(
        `${RULE}: fixture/secret_policy (aws_secretsmanager_secret_policy.secret_policy): policy statement "Anyone" ${problem}; expected named principals`,
      );
      expect(fixture.violations().map((v) => v.rule)).toEqual([RULE]);
    });

    test('a trust policy that lets anyone assume the role fails', () => {
      const fixture = policyFixture((scope) => {
        new IamRole(scope, 'role', {
          name: 'acme-fixture',
          assumeRolePolicy: policyDocument([{ Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]),
        });
      });
      expect(fixture.synthError()).toContain(`${RULE}: fixture/role (aws_iam_role.role): assume_role_policy statement "Anyone" allows Principal {"AWS":"*"}`);
    });

    test('NotPrincipal in an Allow fails', () => {
      const fixture = policyFixture((scope) => {
        new KmsKey(scope, 'key', {
          enableKeyRotation: true,
          policy: JSON.stringify(
            { Version: '2012-10-17', Statement: [{ Sid: 'AllBut', Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/x' }, Action: 'kms:Decrypt', Resource: '*' }] },
            null,
            2,
          ),
        });
      });
      expect(fixture.synthError()).toContain(`${RULE}: fixture/key (aws_kms_key.key): policy statement "AllBut" allows everyone except NotPrincipal`);
    });
  });
});
