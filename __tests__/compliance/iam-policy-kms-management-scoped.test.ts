import { Construct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Statement, policyDocument } from '../../src/aws/policy-documents';
import { IamPolicyKmsManagementScoped } from '../../src/compliance/iam-policy-kms-management-scoped';
import { SECURITY_PERMISSIONS } from '../../src/constructs/security/permissions';
import { CONTEXT } from '../helpers/deploy-permissions';
import { policyFixture } from '../helpers/inspect';

const RULE = IamPolicyKmsManagementScoped.name;

function policyWith(scope: Construct, statements: Statement[]): void {
  new IamPolicy(scope, 'deploy', { name: 'acme-deploy-security', policy: policyDocument(statements) });
}

describe('IamPolicyKmsManagementScoped', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('IamPolicyKmsManagementScoped');
  });

  describe('compliant', () => {
    test('the security domain\'s deploy statements', () => {
      const fixture = policyFixture((scope) => policyWith(scope, SECURITY_PERMISSIONS.grants(CONTEXT).map((g) => g.statement)));
      expect(fixture.synthError()).toBeUndefined();
    });

    test('reads and cryptography on "*", management on one key or on the project\'s aliases, tag-scoped management on every key', () => {
      const fixture = policyFixture((scope) => {
        policyWith(scope, [
          { Sid: 'Read', Effect: 'Allow', Action: ['kms:DescribeKey', 'kms:List*', 'kms:GetKeyPolicy'], Resource: '*' },
          { Sid: 'Use', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*', Condition: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } } },
          { Sid: 'OneKey', Effect: 'Allow', Action: 'kms:PutKeyPolicy', Resource: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
          { Sid: 'Aliases', Effect: 'Allow', Action: 'kms:CreateAlias', Resource: 'arn:aws:kms:*:123456789012:alias/acme*' },
          { Sid: 'Tagged', Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:kms:*:123456789012:key/*', Condition: { StringEquals: { 'aws:ResourceTag/FoundationProject': 'acme' } } },
          { Sid: 'NoDeletes', Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' },
        ]);
        // Key policies are not IAM policies: "*" there is the key itself.
        new KmsKey(scope, 'key', {
          enableKeyRotation: true,
          policy: policyDocument([{ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/key-admins' }, Action: ['kms:Put*', 'kms:ScheduleKeyDeletion'], Resource: '*' }]),
        });
      });
      expect(fixture.synthError()).toBeUndefined();
    });
  });

  describe('non-compliant', () => {
    const cases: Array<[string, Statement, string]> = [
      [
        'the deploy policy before scoping: key management on "*"',
        { Sid: 'ManageMultiRegionKeys', Effect: 'Allow', Action: ['kms:CreateKey', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:ListAliases'], Resource: '*' },
        'allows kms:CreateKey, kms:PutKeyPolicy, kms:ScheduleKeyDeletion on every key (*) without a tag condition',
      ],
      [
        'a wildcard that covers management on every key ARN',
        { Sid: 'AllKeys', Effect: 'Allow', Action: 'kms:Disable*', Resource: 'arn:aws:kms:*:123456789012:key/*' },
        'allows kms:DisableKey, kms:DisableKeyRotation on every key (arn:aws:kms:*:123456789012:key/*) without a tag condition',
      ],
      [
        'a negated tag condition does not scope',
        { Sid: 'NotOthers', Effect: 'Allow', Action: 'kms:PutKeyPolicy', Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceTag/FoundationProject': 'other' } } },
        'allows kms:PutKeyPolicy on every key (*) without a tag condition',
      ],
      [
        'IfExists passes keys without the tag',
        { Sid: 'IfExists', Effect: 'Allow', Action: 'kms:PutKeyPolicy', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:ResourceTag/FoundationProject': 'acme' } } },
        'allows kms:PutKeyPolicy on every key (*) without a tag condition',
      ],
      [
        'a tag condition that matches any value',
        { Sid: 'AnyValue', Effect: 'Allow', Action: 'kms:CreateGrant', Resource: '*', Condition: { StringLike: { 'aws:ResourceTag/FoundationProject': '*' } } },
        'allows kms:CreateGrant on every key (*) without a tag condition',
      ],
      [
        'alias changes on every alias',
        { Sid: 'AllAliases', Effect: 'Allow', Action: ['kms:UpdateAlias', 'kms:DeleteAlias'], Resource: 'arn:aws:kms:*:123456789012:alias/*' },
        'allows kms:UpdateAlias, kms:DeleteAlias on every alias (arn:aws:kms:*:123456789012:alias/*); expected the project\'s aliases (alias/<project>*)',
      ],
    ];

    test.each(cases)('%s fails synth, naming the rule, the resource and what is expected', (_name, statement, problem) => {
      const fixture = policyFixture((scope) => policyWith(scope, [statement]));
      expect(fixture.synthError()).toContain(`${RULE}: fixture/deploy (aws_iam_policy.deploy): policy statement "${statement.Sid}" ${problem}`);
      expect(fixture.violations().map((v) => v.rule)).toEqual([RULE]);
    });
  });
});
