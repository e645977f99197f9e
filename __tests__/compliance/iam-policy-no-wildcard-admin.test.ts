import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Statement, policyDocument } from '../../src/aws/policy-documents';
import { IamPolicyNoWildcardAdmin } from '../../src/compliance/iam-policy-no-wildcard-admin';
import { policyFixture } from '../helpers/inspect';

const RULE = IamPolicyNoWildcardAdmin.name;
const trust = policyDocument([{ Sid: 'Ci', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/ci' }, Action: 'sts:AssumeRole' }]);

function roleWith(scope: Construct, statements: Statement[]): void {
  const role = new IamRole(scope, 'role', { name: 'acme-fixture', assumeRolePolicy: trust });
  new IamRolePolicy(scope, 'inline', { name: 'fixture', role: role.id, policy: policyDocument(statements) });
}

function keyWith(scope: Construct, statements: Statement[]): void {
  new KmsKey(scope, 'key', { enableKeyRotation: true, policy: policyDocument(statements) });
}

const ROOT = { AWS: 'arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.a.account_id}:root' };

describe('IamPolicyNoWildcardAdmin', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('IamPolicyNoWildcardAdmin');
  });

  describe('compliant', () => {
    test('explicit actions, prefix wildcards on "*", and a service wildcard on a scoped resource pass', () => {
      const fixture = policyFixture((scope) =>
        roleWith(scope, [
          { Sid: 'Read', Effect: 'Allow', Action: ['ec2:Describe*', 'kms:DescribeKey'], Resource: '*' },
          { Sid: 'OneBucket', Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::acme-data', 'arn:aws:s3:::acme-data/*'] },
          { Sid: 'DenyAll', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ]),
      );
      expect(fixture.synthError()).toBeUndefined();
      expect(fixture.violations()).toEqual([]);
    });

    test('a key policy may hand the key to the account root with kms:* (the AWS default key policy)', () => {
      const fixture = policyFixture((scope) =>
        keyWith(scope, [{ Sid: 'AccountAdministersKeyThroughIam', Effect: 'Allow', Principal: ROOT, Action: 'kms:*', Resource: '*' }]),
      );
      expect(fixture.synthError()).toBeUndefined();
    });
  });

  describe('non-compliant', () => {
    // Action "*" on "*" also puts every secret's resource policy within reach.
    const cases: Array<[string, Statement, string, string[]?]> = [
      ['Action "*"', { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' }, 'grants Action "*" (full administrator)', ['IamPolicyNoWildcardSecretPolicy']],
      ['Action "*" on a scoped resource', { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::acme-x' }, 'grants Action "*"'],
      ['"iam:*" even on scoped roles', { Sid: 'Iam', Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::123456789012:role/acme-*' }, 'grants "iam:*"'],
      ['"IAM:*" in other case', { Sid: 'Iam', Effect: 'Allow', Action: ['s3:GetObject', 'IAM:*'], Resource: '*' }, 'grants "iam:*"'],
      ['"<service>:*" on "*"', { Sid: 'AllS3', Effect: 'Allow', Action: ['s3:*'], Resource: '*' }, 'grants "s3:*" on every resource'],
      ['kms:* on "*" in an identity policy', { Sid: 'AllKms', Effect: 'Allow', Action: 'kms:*', Resource: '*' }, 'grants "kms:*" on every resource'],
      ['NotAction', { Sid: 'Everything', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } as unknown as Statement, 'allows every action except those in NotAction'],
    ];

    test.each(cases)('%s fails synth, naming the rule, the resource and what is expected', (_name, statement, problem, alsoBroken = []) => {
      const fixture = policyFixture((scope) => roleWith(scope, [statement]));
      const error = fixture.synthError();
      expect(error).toContain(`${RULE}: fixture/inline (aws_iam_role_policy.inline): policy statement "${statement.Sid}" ${problem}`);
      expect(error).toMatch(/expected (explicit|an explicit)/);
      expect(fixture.violations().map((v) => v.rule)).toEqual([RULE, ...alsoBroken]);
    });

    test('a key policy that gives kms:* on the key to a role other than the account root fails', () => {
      const fixture = policyFixture((scope) =>
        keyWith(scope, [{ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/admin' }, Action: 'kms:*', Resource: '*' }]),
      );
      expect(fixture.synthError()).toContain(`${RULE}: fixture/key (aws_kms_key.key): policy statement "Admins" grants "kms:*" on every resource`);
    });

    test('every offending statement of every policy is listed', () => {
      const fixture = policyFixture((scope) => {
        roleWith(scope, [
          { Sid: 'A', Effect: 'Allow', Action: '*', Resource: '*' },
          { Sid: 'B', Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
        ]);
        keyWith(scope, [{ Sid: 'C', Effect: 'Allow', Principal: ROOT, Action: '*', Resource: '*' }]);
      });
      expect(fixture.violations().filter((v) => v.rule === RULE).map((v) => `${v.address} ${v.message.split(' grants')[0]}`)).toEqual([
        'aws_iam_role_policy.inline policy statement "A"',
        'aws_iam_role_policy.inline policy statement "B"',
        'aws_kms_key.key policy statement "C"',
      ]);
    });

    test('a policy that is a Terraform expression cannot be checked and fails', () => {
      const fixture = policyFixture((scope) => {
        const role = new IamRole(scope, 'role', { name: 'acme-fixture', assumeRolePolicy: trust });
        new IamRolePolicy(scope, 'inline', {
          name: 'fixture',
          role: role.id,
          policy: Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
        });
      });
      expect(fixture.synthError()).toMatch(
        new RegExp(`${RULE}: fixture/inline \\(aws_iam_role_policy.inline\\): policy is the Terraform expression \\$\\{jsonencode.*expected a literal JSON policy document`),
      );
    });

    test('a policy that is not valid JSON fails', () => {
      const fixture = policyFixture((scope) => {
        const role = new IamRole(scope, 'role', { name: 'acme-fixture', assumeRolePolicy: trust });
        new IamRolePolicy(scope, 'inline', { name: 'fixture', role: role.id, policy: '{"Version": "2012-10-17", "Statement": [' });
      });
      expect(fixture.synthError()).toContain(`${RULE}: fixture/inline (aws_iam_role_policy.inline): policy is not valid JSON`);
    });

    test('policies in nested blocks (inline_policy of a role) are checked', () => {
      const fixture = policyFixture((scope) => {
        new IamRole(scope, 'role', {
          name: 'acme-fixture',
          assumeRolePolicy: trust,
          inlinePolicy: [{ name: 'admin', policy: policyDocument([{ Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' }]) }],
        });
      });
      expect(fixture.synthError()).toContain(`${RULE}: fixture/role (aws_iam_role.role): inline_policy[0].policy statement "Admin" grants Action "*"`);
    });

    test('an escape-hatch override is what gets checked', () => {
      const fixture = policyFixture((scope) => {
        const role = new IamRole(scope, 'role', { name: 'acme-fixture', assumeRolePolicy: trust });
        const inline = new IamRolePolicy(scope, 'inline', { name: 'f', role: role.id, policy: policyDocument([{ Sid: 'Ok', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]) });
        inline.addOverride('policy', policyDocument([{ Sid: 'Overridden', Effect: 'Allow', Action: '*', Resource: '*' }]));
      });
      expect(fixture.synthError()).toContain('statement "Overridden" grants Action "*"');
    });
  });
});
