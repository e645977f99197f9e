import { SECURITY_PERMISSIONS } from '../../../src/constructs/security/permissions';
import { CONTEXT, actionsOf, describeDomainPermissions, grantsAction, statementOf } from '../../helpers/deploy-permissions';

describeDomainPermissions(SECURITY_PERMISSIONS, {
  aws_kms_key: ['kms:CreateKey', 'kms:PutKeyPolicy', 'kms:EnableKeyRotation', 'kms:ScheduleKeyDeletion', 'kms:TagResource', 'kms:DescribeKey'],
  aws_kms_replica_key: ['kms:ReplicateKey', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'],
  aws_kms_alias: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias', 'kms:ListAliases'],
  aws_secretsmanager_secret: ['secretsmanager:CreateSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:DescribeSecret', 'secretsmanager:ReplicateSecretToRegions'],
  aws_secretsmanager_secret_policy: ['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy'],
  'data.aws_secretsmanager_secret_version': ['secretsmanager:GetSecretValue'],
  aws_securityhub_account: ['securityhub:EnableSecurityHub', 'securityhub:DisableSecurityHub', 'securityhub:DescribeHub'],
  aws_securityhub_standards_subscription: ['securityhub:BatchEnableStandards', 'securityhub:BatchDisableStandards', 'securityhub:GetEnabledStandards'],
  aws_securityhub_finding_aggregator: ['securityhub:CreateFindingAggregator', 'securityhub:DeleteFindingAggregator', 'securityhub:GetFindingAggregator'],
  aws_directory_service_directory: ['ds:CreateMicrosoftAD', 'ds:DeleteDirectory', 'ds:DescribeDirectories', 'ec2:CreateSecurityGroup', 'ec2:CreateNetworkInterface'],
  aws_directory_service_region: ['ds:AddRegion', 'ds:RemoveRegion', 'ds:DescribeRegions'],
});

describe('security deploy permissions: scope', () => {
  const withoutReadable = { ...CONTEXT, readableSecretArns: [] };
  const statements = SECURITY_PERMISSIONS.grants(withoutReadable).map((g) => g.statement);

  test('secrets: explicit actions on the account\'s secrets, and never a value unless Terraform must read it', () => {
    expect(statementOf(SECURITY_PERMISSIONS, 'ManageSecretsWithoutValues').Resource).toBe('arn:aws:secretsmanager:*:123456789012:secret:*');
    expect(grantsAction(statements, 'secretsmanager:GetSecretValue')).toBe(false);
    expect(statements.filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')))).toHaveLength(1);
  });

  test('readableSecretArns grants the value of exactly those secrets', () => {
    expect(statementOf(SECURITY_PERMISSIONS, 'ReadValuesTerraformNeeds')).toEqual({
      Sid: 'ReadValuesTerraformNeeds',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: CONTEXT.readableSecretArns,
    });
  });

  test('KMS: keys are created only with the project tag, and changed only while they carry it', () => {
    expect(statementOf(SECURITY_PERMISSIONS, 'CreateProjectKeys')).toEqual({
      Sid: 'CreateProjectKeys',
      Effect: 'Allow',
      Action: ['kms:CreateKey', 'kms:TagResource', 'kms:PutKeyPolicy'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestTag/FoundationProject': 'acme' } },
    });
    expect(statementOf(SECURITY_PERMISSIONS, 'ManageProjectKeys')).toMatchObject({
      Effect: 'Allow',
      Resource: 'arn:aws:kms:*:123456789012:key/*',
      Condition: { StringEquals: { 'aws:ResourceTag/FoundationProject': 'acme' } },
    });
  });

  test('KMS: every Allow is scoped by the project tag or to alias/<project>*, except ListAliases (it has no resource)', () => {
    const kms = statements.filter((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => a.startsWith('kms:')));
    const unscoped = kms.filter((s) => {
      const tagged = Object.values(s.Condition?.StringEquals ?? {}).length > 0 && JSON.stringify(s.Condition).includes('Tag/FoundationProject');
      const aliases = s.Resource === 'arn:aws:kms:*:123456789012:alias/acme*';
      return !tagged && !aliases;
    });
    expect(unscoped).toEqual([{ Sid: 'ListAliases', Effect: 'Allow', Action: 'kms:ListAliases', Resource: '*' }]);
    // An alias change needs permission on the key too: that half is tag-scoped.
    for (const action of ['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias']) {
      expect(actionsOf(statementOf(SECURITY_PERMISSIONS, 'ManageProjectAliases'))).toContain(action);
      expect(actionsOf(statementOf(SECURITY_PERMISSIONS, 'ManageProjectKeys'))).toContain(action);
    }
  });

  test('KMS: the project tag is never set or removed on an existing key, and tagging uses only the default tag keys', () => {
    expect(statementOf(SECURITY_PERMISSIONS, 'NeverRetagKeysIntoOrOutOfProject')).toEqual({
      Sid: 'NeverRetagKeysIntoOrOutOfProject',
      Effect: 'Deny',
      Action: ['kms:TagResource', 'kms:UntagResource'],
      Resource: 'arn:aws:kms:*:123456789012:key/*',
      Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'FoundationProject' } },
    });
    expect(statementOf(SECURITY_PERMISSIONS, 'OnlyDefaultTagKeysOnKeys')).toEqual({
      Sid: 'OnlyDefaultTagKeysOnKeys',
      Effect: 'Deny',
      Action: ['kms:CreateKey', 'kms:ReplicateKey', 'kms:TagResource'],
      Resource: '*',
      Condition: { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': CONTEXT.tagKeys } },
    });
  });

  test('the key-policy lockout safety check can never be bypassed', () => {
    expect(statementOf(SECURITY_PERMISSIONS, 'NeverBypassKeyPolicyLockoutCheck')).toEqual({
      Sid: 'NeverBypassKeyPolicyLockoutCheck',
      Effect: 'Deny',
      Action: ['kms:CreateKey', 'kms:PutKeyPolicy', 'kms:ReplicateKey'],
      Resource: '*',
      Condition: { Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' } },
    });
    expect(statements.filter((s) => s.Effect === 'Deny').map((s) => s.Sid)).toEqual([
      'NeverRetagKeysIntoOrOutOfProject',
      'OnlyDefaultTagKeysOnKeys',
      'NeverBypassKeyPolicyLockoutCheck',
    ]);
  });

  test('key material and data: no export, import or use of a key outside the services (that is the state access\'s kms:ViaService grant)', () => {
    for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ImportKeyMaterial', 'kms:CreateGrant']) {
      expect(grantsAction(statements, action)).toBe(false);
    }
  });

  test('EC2 only for the security groups and interfaces of domain controllers', () => {
    const ec2 = statements.flatMap(actionsOf).filter((a) => a.startsWith('ec2:'));
    expect(ec2).toEqual(['ec2:CreateSecurityGroup', 'ec2:DeleteSecurityGroup', 'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface']);
  });
});
