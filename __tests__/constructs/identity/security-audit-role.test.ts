import { Testing, TerraformStack } from 'cdktf';
import { SecurityAuditRole, SecurityAuditRoleProps } from '../../../src/constructs/identity/security-audit-role';
import { globMatches } from '../../../src/compliance/rule';
import { resourceList, synthConstruct } from '../../helpers/synth';
import { PolicyStatement, asList, isWildcardAction, only, overlyBroadAllows, policyDocuments, policyFixture, ref, wildcardPrincipalAllows } from '../../helpers/inspect';

const PROPS: SecurityAuditRoleProps = {
  roleName: 'acme-security-audit',
  trustedPrincipalArns: ['arn:aws:iam::123456789012:role/security-team'],
};
const BUCKET = 'arn:aws:s3:::acme-audit-logs';
const CONFIG_BUCKET = 'arn:aws:s3:::acme-config';
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

type Inline = { name: string; statements: PolicyStatement[] };

function inlineOf(json: ReturnType<typeof synthConstruct>): Inline[] {
  return resourceList(json, 'aws_iam_role_policy').map((p) => ({ name: p.name, statements: JSON.parse(p.policy).Statement }));
}

const actionsOf = (s: PolicyStatement) => asList(s.Action).map(String);
const grantsIn = (statements: PolicyStatement[], action: string) =>
  statements.filter((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => globMatches(a, action, true)));

describe('SecurityAuditRole', () => {
  describe('without audit-log access', () => {
    const stack = synthConstruct((scope) => new SecurityAuditRole(scope, 'audit', PROPS));
    const [roleId, role] = only(stack, 'aws_iam_role');
    const inline = inlineOf(stack);
    const statements = inline.flatMap((p) => p.statements);

    test('role has the given name, a one-hour session and no boundary unless given', () => {
      expect(role.name).toBe('acme-security-audit');
      expect(role.max_session_duration).toBe(3600);
      expect(role.permissions_boundary).toBeUndefined();
    });

    test('only the trusted principals may assume the role, and only with MFA', () => {
      expect(JSON.parse(role.assume_role_policy)).toEqual({
        Version: '2012-10-17',
        Statement: [{ Sid: 'TrustedAuditorsWithMfa', Effect: 'Allow', Principal: { AWS: PROPS.trustedPrincipalArns }, Action: 'sts:AssumeRole', Condition: MFA }],
      });
    });

    test('an account root and named roles alike need MFA', () => {
      const arns = ['arn:aws:iam::123456789012:root', 'arn:aws:iam::123456789012:user/alice'];
      const trust = JSON.parse(only(synthConstruct((scope) => new SecurityAuditRole(scope, 'audit', { ...PROPS, trustedPrincipalArns: arns })), 'aws_iam_role')[1].assume_role_policy);
      expect(trust.Statement).toEqual([{ Sid: 'TrustedAuditorsWithMfa', Effect: 'Allow', Principal: { AWS: arns }, Action: 'sts:AssumeRole', Condition: MFA }]);
    });

    test('named inline policies attached to the role; no audit-log policy without the bucket', () => {
      expect(inline.map((p) => p.name).sort()).toEqual(['resource-configuration-read', 'security-services-read']);
      for (const p of resourceList(stack, 'aws_iam_role_policy')) expect(p.role).toBe(ref('aws_iam_role', roleId, 'id'));
    });

    test('every policy document parses; no wildcard admin, no wildcard principal, only Allow statements with Sids', () => {
      const documents = policyDocuments(stack);
      expect(documents).toHaveLength(3);
      for (const { document } of documents) {
        expect(overlyBroadAllows(document)).toEqual([]);
        expect(wildcardPrincipalAllows(document)).toEqual([]);
        for (const s of document.Statement) {
          expect(s.Effect).toBe('Allow');
          expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
          expect(s.NotAction).toBeUndefined();
          for (const a of actionsOf(s)) expect(isWildcardAction(a)).toBe(false);
        }
      }
      expect(policyFixture((scope) => new SecurityAuditRole(scope, 'audit', PROPS)).synthError()).toBeUndefined();
    });

    test('read-only: every action is a Describe/Get/List-style read', () => {
      const READ = /^[a-z0-9-]+:(Describe|Get|List|LookupEvents$|FilterLogEvents$|GenerateCredentialReport$|SearchTransitGatewayRoutes$)/;
      for (const s of statements) for (const a of actionsOf(s)) expect(a).toMatch(READ);
    });

    test.each([
      'secretsmanager:GetSecretValue',
      's3:GetObject',
      's3:GetObjectVersion',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'ec2:GetPasswordData',
      'ec2:GetConsoleOutput',
      'ssm:GetParameter',
      'iam:PassRole',
      'iam:CreateAccessKey',
      'sts:AssumeRole',
    ])('never grants %s', (action) => {
      expect(grantsIn(statements, action)).toEqual([]);
    });

    test.each([
      'cloudtrail:DescribeTrails',
      'cloudtrail:GetTrailStatus',
      'cloudtrail:LookupEvents',
      'securityhub:GetFindings',
      'securityhub:DescribeHub',
      'config:DescribeConfigRules',
      'ec2:DescribeVpcs',
      'ec2:DescribeFlowLogs',
      'ec2:GetEbsEncryptionByDefault',
      'iam:GetAccountAuthorizationDetails',
      'iam:ListRoles',
      'iam:GenerateCredentialReport',
      'iam:GetCredentialReport',
      'kms:DescribeKey',
      'kms:ListKeys',
      'kms:GetKeyPolicy',
      'kms:GetKeyRotationStatus',
      's3:ListAllMyBuckets',
      's3:GetBucketPolicy',
      's3:GetBucketPublicAccessBlock',
      's3:GetEncryptionConfiguration',
      'logs:DescribeLogGroups',
      'logs:FilterLogEvents',
      'secretsmanager:DescribeSecret',
      'secretsmanager:ListSecrets',
      'ds:DescribeDirectories',
      'guardduty:ListDetectors',
      'guardduty:GetFindings',
      'access-analyzer:ListFindings',
      'access-analyzer:GetAnalyzer',
    ])('grants %s for the audit', (action) => {
      expect(grantsIn(statements, action).length).toBeGreaterThan(0);
    });
  });

  describe('with the audit and Config buckets', () => {
    const stack = synthConstruct((scope) =>
      new SecurityAuditRole(scope, 'audit', { ...PROPS, logBucketArns: [BUCKET, CONFIG_BUCKET], permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary' }),
    );
    const logs = inlineOf(stack).find((p) => p.name === 'audit-logs-read')!;
    const statements = inlineOf(stack).flatMap((p) => p.statements);

    test('permissions boundary is set', () => {
      expect(only(stack, 'aws_iam_role')[1].permissions_boundary).toBe('arn:aws:iam::123456789012:policy/boundary');
    });

    test('reads objects of the log buckets only', () => {
      expect(logs.statements).toEqual([
        { Sid: 'ListAuditLogs', Effect: 'Allow', Action: 's3:ListBucket', Resource: [BUCKET, CONFIG_BUCKET] },
        { Sid: 'ReadAuditLogs', Effect: 'Allow', Action: 's3:GetObject', Resource: [`${BUCKET}/*`, `${CONFIG_BUCKET}/*`] },
      ]);
      const objectReads = grantsIn(statements, 's3:GetObject');
      expect(objectReads.flatMap((s) => asList(s.Resource))).toEqual([`${BUCKET}/*`, `${CONFIG_BUCKET}/*`]);
    });

    test('no decrypt statement and no Region lookup: the key policy lets the role decrypt through S3', () => {
      expect(grantsIn(statements, 'kms:Decrypt')).toEqual([]);
      expect(stack.data?.aws_region).toBeUndefined();
    });

    test('still never reads a secret value', () => {
      expect(grantsIn(statements, 'secretsmanager:GetSecretValue')).toEqual([]);
    });

    test('passes the foundation policy rules', () => {
      expect(policyFixture((scope) => new SecurityAuditRole(scope, 'audit', { ...PROPS, logBucketArns: [BUCKET] })).synthError()).toBeUndefined();
    });
  });

  describe('input checks', () => {
    const scope = () => new TerraformStack(Testing.app(), 'bad');

    test.each([[[]], [undefined]])('trustedPrincipalArns %p is rejected with a clear error', (value) => {
      expect(() => new SecurityAuditRole(scope(), 'a', { ...PROPS, trustedPrincipalArns: value as unknown as string[] })).toThrow(
        `SecurityAuditRole trustedPrincipalArns: received ${JSON.stringify(value)}; expected at least one IAM principal ARN`,
      );
    });

    test.each(['*', ' ', 'arn:aws:iam::*:root'])('trusted principal %p is rejected', (arn) => {
      expect(() => new SecurityAuditRole(scope(), 'a', { ...PROPS, trustedPrincipalArns: [arn] })).toThrow(
        `SecurityAuditRole trustedPrincipalArns: received ${JSON.stringify(arn)}; expected an IAM principal ARN without wildcards`,
      );
    });

    test.each(['*', '', 'arn:aws:s3:::acme-*'])('a logBucketArns entry %p is rejected', (value) => {
      expect(() => new SecurityAuditRole(scope(), 'a', { ...PROPS, logBucketArns: [BUCKET, value] })).toThrow(
        `SecurityAuditRole logBucketArns: received "${value}"; expected the ARN of one S3 bucket per entry, or leave the list empty`,
      );
    });

    test('an empty list is no bucket: no read policy', () => {
      const stack = synthConstruct((s) => new SecurityAuditRole(s, 'audit', { ...PROPS, logBucketArns: [] }));
      expect(inlineOf(stack).map((p) => p.name)).not.toContain('audit-logs-read');
    });
  });
});
