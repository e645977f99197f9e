import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Statement, policyDocument } from '../../src/aws/policy-documents';
import { IamRoleTrustNarrow } from '../../src/compliance/iam-role-trust-narrow';
import { policyFixture } from '../helpers/inspect';

const RULE = IamRoleTrustNarrow.name;
const ROOT = 'arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.a.account_id}:root';
const PROVIDER = '${aws_iam_openid_connect_provider.github.arn}';
const HOST = 'token.actions.githubusercontent.com';

const roleTrusting = (statements: Statement[]) =>
  policyFixture((scope) => new IamRole(scope, 'role', { name: 'acme-deploy', assumeRolePolicy: policyDocument(statements) }));
const github = (condition: Statement['Condition']): Statement => ({
  Sid: 'GitHub',
  Effect: 'Allow',
  Principal: { Federated: PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: condition,
});

describe('IamRoleTrustNarrow', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('IamRoleTrustNarrow');
  });

  describe('compliant', () => {
    test.each<[string, Statement]>([
      ['a named role', { Sid: 'Ci', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/ci' }, Action: 'sts:AssumeRole' }],
      ['the account with MFA', { Sid: 'People', Effect: 'Allow', Principal: { AWS: [ROOT] }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
      ['the account, principals with a tag', { Sid: 'Tagged', Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalTag/deployer': 'yes' } } }],
      ['a service', { Sid: 'Flow', Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      ['GitHub with exact audience and subjects', github({ StringEquals: { [`${HOST}:aud`]: 'sts.amazonaws.com', [`${HOST}:sub`]: ['repo:acme/infra:ref:refs/heads/main'] } })],
      ['a Deny of the account', { Sid: 'NoOne', Effect: 'Deny', Principal: { AWS: ROOT }, Action: 'sts:AssumeRole' }],
    ])('%s', (_name, statement) => {
      const fixture = roleTrusting([statement]);
      expect(fixture.synthError()).toBeUndefined();
    });

    test('only the trust policy is read: an inline policy naming the account is not trust', () => {
      const fixture = policyFixture(
        (scope) =>
          new IamRole(scope, 'role', {
            name: 'acme-x',
            assumeRolePolicy: policyDocument([{ Sid: 'Ci', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/ci' }, Action: 'sts:AssumeRole' }]),
            inlinePolicy: [{ name: 'read', policy: policyDocument([{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme/*' }]) }],
          }),
      );
      expect(fixture.violations().filter((v) => v.rule === RULE)).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    test('the account root without a condition (what both roles had by default)', () => {
      const error = roleTrusting([{ Sid: 'TrustedDeployers', Effect: 'Allow', Principal: { AWS: [ROOT] }, Action: 'sts:AssumeRole' }]).synthError();
      expect(error).toContain(
        `${RULE}: fixture/role (aws_iam_role.role): assume_role_policy statement "TrustedDeployers" trusts every principal of ${ROOT} without a condition; expected aws:MultiFactorAuthPresent, aws:PrincipalTag/<key> or aws:PrincipalArn, or named roles instead of the account`,
      );
    });

    test('a bare account id, with a condition that picks no principal', () => {
      const error = roleTrusting([
        { Sid: 'Account', Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
      ]).synthError();
      expect(error).toContain('statement "Account" trusts every principal of 123456789012 without a condition');
    });

    test.each<[string, Statement['Condition'], string]>([
      ['no condition', undefined, `trusts web identities of "${PROVIDER}" without StringEquals on the token's "aud"; expected the exact audience`],
      ['no subject', { StringEquals: { [`${HOST}:aud`]: 'sts.amazonaws.com' } }, `trusts web identities of "${PROVIDER}" without StringEquals on the token's "sub"; expected the exact subjects (repository and branch)`],
      ['a wildcard repository', { StringEquals: { [`${HOST}:aud`]: 'sts.amazonaws.com', [`${HOST}:sub`]: 'repo:acme/*' } }, 'pins the token\'s "sub" to a pattern (repo:acme/*); expected exact values'],
      [
        'StringLike on the subject',
        { StringEquals: { [`${HOST}:aud`]: 'sts.amazonaws.com', [`${HOST}:sub`]: 'repo:acme/infra:ref:refs/heads/main' }, StringLike: { [`${HOST}:sub`]: 'repo:acme/infra:*' } },
        'matches the token\'s "sub" or "aud" with a Like operator; expected StringEquals only',
      ],
    ])('GitHub web identities with %s', (_name, condition, problem) => {
      expect(roleTrusting([github(condition)]).synthError()).toContain(`${RULE}: fixture/role (aws_iam_role.role): assume_role_policy statement "GitHub" ${problem}`);
    });
  });
});
