import { Construct } from 'constructs';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretPolicy } from '@cdktf/provider-aws/lib/secretsmanager-secret-policy';
import { Statement, policyDocument } from '../../src/aws/policy-documents';
import { SecretsManagerSecretResourcePolicy } from '../../src/compliance/secrets-manager-secret-resource-policy';
import { policyFixture } from '../helpers/inspect';

const RULE = SecretsManagerSecretResourcePolicy.name;
const READER = 'arn:aws:iam::123456789012:role/payments-app';
const READERS_ONLY: Statement = {
  Sid: 'OnlyReadersGetTheValue',
  Effect: 'Deny',
  Principal: '*',
  Action: 'secretsmanager:GetSecretValue',
  Resource: '*',
  Condition: { ArnNotEquals: { 'aws:PrincipalArn': [READER] } },
};

/** A secret and, unless `statements` is null, its policy resource. */
function secretWith(scope: Construct, statements: Statement[] | null, options: { blockPublicPolicy?: boolean; attribute?: 'arn' | 'id' } = {}): SecretsmanagerSecret {
  const secret = new SecretsmanagerSecret(scope, 'secret', { name: 'third-party/api-key' });
  if (statements) {
    new SecretsmanagerSecretPolicy(scope, 'policy', {
      secretArn: options.attribute === 'id' ? secret.id : secret.arn,
      policy: policyDocument(statements),
      blockPublicPolicy: options.blockPublicPolicy ?? true,
    });
  }
  return secret;
}

const ruleViolations = (build: (scope: Construct) => void) =>
  policyFixture(build)
    .violations()
    .filter((v) => v.rule === RULE)
    .map((v) => `${v.address}: ${v.message}`);

describe('SecretsManagerSecretResourcePolicy', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('SecretsManagerSecretResourcePolicy');
  });

  describe('compliant', () => {
    test('a secret whose policy denies GetSecretValue to all but its readers, public policies blocked', () => {
      const fixture = policyFixture((scope) => secretWith(scope, [READERS_ONLY]));
      expect(fixture.synthError()).toBeUndefined();
      expect(fixture.violations()).toEqual([]);
    });

    test('readers exempted with StringNotEquals, beside an Allow for them', () => {
      const exact: Statement = { ...READERS_ONLY, Condition: { StringNotEquals: { 'aws:PrincipalArn': READER } } };
      const allow: Statement = { Sid: 'Reader', Effect: 'Allow', Principal: { AWS: READER }, Action: 'secretsmanager:GetSecretValue', Resource: '*' };
      expect(ruleViolations((scope) => secretWith(scope, [exact, allow]))).toEqual([]);
    });

    test('a Deny without readers (nobody reads the value), attached by the secret\'s id', () => {
      const { Condition: _none, ...nobody } = READERS_ONLY;
      expect(ruleViolations((scope) => secretWith(scope, [nobody], { attribute: 'id' }))).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    test('a secret without a resource policy (every secret before issue 8)', () => {
      const fixture = policyFixture((scope) => secretWith(scope, null));
      expect(fixture.synthError()).toContain(
        `${RULE}: fixture/secret (aws_secretsmanager_secret.secret): has 0 aws_secretsmanager_secret_policy resources; expected exactly one, denying secretsmanager:GetSecretValue to every principal but the secret's readers`,
      );
    });

    test('two policies for one secret', () => {
      expect(
        ruleViolations((scope) => {
          const secret = secretWith(scope, [READERS_ONLY]);
          new SecretsmanagerSecretPolicy(scope, 'second', { secretArn: secret.arn, policy: policyDocument([READERS_ONLY]), blockPublicPolicy: true });
        }),
      ).toEqual([expect.stringContaining('aws_secretsmanager_secret.secret: has 2 aws_secretsmanager_secret_policy resources')]);
    });

    test('an inline policy on the secret', () => {
      expect(
        ruleViolations((scope) => {
          const secret = secretWith(scope, [READERS_ONLY]);
          secret.addOverride('policy', policyDocument([READERS_ONLY]));
        }),
      ).toEqual(['aws_secretsmanager_secret.secret: sets policy inline; expected the policy in its own aws_secretsmanager_secret_policy, one manager per policy']);
    });

    test('public policies not blocked', () => {
      expect(ruleViolations((scope) => secretWith(scope, [READERS_ONLY], { blockPublicPolicy: false }))).toEqual([
        'aws_secretsmanager_secret_policy.policy: block_public_policy is false; expected true',
      ]);
    });

    const NO_DENY = 'policy has no statement that denies secretsmanager:GetSecretValue to Principal "*" on Resource "*" except the aws:PrincipalArn values of one ArnNotEquals (no wildcards)';
    test.each<[string, Statement]>([
      ['an Allow instead of the Deny', { ...READERS_ONLY, Effect: 'Allow', Principal: { AWS: READER }, Condition: undefined }],
      ['a Deny of only some principals', { ...READERS_ONLY, Principal: { AWS: 'arn:aws:iam::123456789012:role/intruder' }, Condition: undefined }],
      ['readers given as a wildcard pattern', { ...READERS_ONLY, Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/*' } } }],
      ['a reader ARN with a wildcard', { ...READERS_ONLY, Condition: { ArnNotEquals: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/app-*'] } } }],
      ['an exemption on another key', { ...READERS_ONLY, Condition: { StringNotEquals: { 'aws:PrincipalAccount': '123456789012' } } }],
      ['a Deny of another action', { ...READERS_ONLY, Action: 'secretsmanager:PutSecretValue' }],
    ])('%s', (_name, statement) => {
      const found = ruleViolations((scope) => secretWith(scope, [JSON.parse(JSON.stringify(statement))]));
      expect(found).toContainEqual(expect.stringContaining(`aws_secretsmanager_secret_policy.policy: ${NO_DENY}`));
    });

    test.each<[string, Statement, string]>([
      ['secretsmanager:* to everyone', { Sid: 'Lock', Effect: 'Deny', Principal: '*', Action: 'secretsmanager:*', Resource: '*' }, 'secretsmanager:*'],
      [
        'management actions beside the read',
        { Sid: 'Lock', Effect: 'Deny', Principal: '*', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DeleteResourcePolicy'], Resource: '*' },
        'secretsmanager:DeleteResourcePolicy',
      ],
    ])('a Deny that could lock administrators out: %s', (_name, lockout, denied) => {
      expect(ruleViolations((scope) => secretWith(scope, [READERS_ONLY, lockout]))).toEqual([
        `aws_secretsmanager_secret_policy.policy: policy statement "Lock" denies ${denied}; expected a Deny of secretsmanager:GetSecretValue only, so that administrators can always manage the secret and its policy`,
      ]);
    });

    test('a policy that is not literal JSON cannot be checked', () => {
      expect(
        ruleViolations((scope) => {
          const secret = new SecretsmanagerSecret(scope, 'secret', { name: 'x' });
          new SecretsmanagerSecretPolicy(scope, 'policy', { secretArn: secret.arn, policy: '${data.aws_iam_policy_document.x.json}', blockPublicPolicy: true });
        }),
      ).toEqual([expect.stringMatching(/^aws_secretsmanager_secret_policy\.policy: policy is the Terraform expression .*expected a literal JSON policy document/)]);
    });
  });
});
