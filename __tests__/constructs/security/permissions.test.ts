import { DIRECTORY_SERVICE_NETWORK, SECURITY_PERMISSIONS } from '../../../src/constructs/security/permissions';
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
  aws_directory_service_directory: [
    'ds:CreateMicrosoftAD',
    'ds:DeleteDirectory',
    'ds:DescribeDirectories',
    'ec2:CreateSecurityGroup',
    'ec2:AuthorizeSecurityGroupIngress',
    'ec2:AuthorizeSecurityGroupEgress',
    'ec2:CreateNetworkInterface',
    'ec2:DeleteNetworkInterface',
    'ec2:DeleteSecurityGroup',
  ],
  aws_directory_service_region: ['ds:AddRegion', 'ds:RemoveRegion', 'ds:DescribeRegions'],
  aws_config_configuration_recorder: ['config:PutConfigurationRecorder', 'config:DescribeConfigurationRecorders', 'config:DeleteConfigurationRecorder', 'iam:PassRole'],
  aws_config_delivery_channel: ['config:PutDeliveryChannel', 'config:DescribeDeliveryChannels', 'config:DeleteDeliveryChannel'],
  aws_config_configuration_recorder_status: ['config:StartConfigurationRecorder', 'config:StopConfigurationRecorder', 'config:DescribeConfigurationRecorderStatus'],
  aws_iam_service_linked_role: ['iam:CreateServiceLinkedRole', 'iam:GetRole', 'iam:TagRole', 'iam:DeleteServiceLinkedRole', 'iam:GetServiceLinkedRoleDeletionStatus'],
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

  test('the key-policy lockout safety check can never be bypassed', () => {
    const denies = statements.filter((s) => s.Effect === 'Deny');
    expect(denies).toEqual([
      {
        Sid: 'NeverBypassKeyPolicyLockoutCheck',
        Effect: 'Deny',
        Action: ['kms:CreateKey', 'kms:PutKeyPolicy', 'kms:ReplicateKey'],
        Resource: '*',
        Condition: { Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' } },
      },
    ]);
  });

  test('key material and data: no export, import or use of a key outside the services (that is the state access\'s kms:ViaService grant)', () => {
    for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ImportKeyMaterial', 'kms:CreateGrant']) {
      expect(grantsAction(statements, action)).toBe(false);
    }
  });

  test('EC2 only for the security groups and interfaces of domain controllers, and only while a directory is deployed', () => {
    const ec2 = statements.flatMap(actionsOf).filter((a) => a.startsWith('ec2:'));
    expect(ec2).toEqual(DIRECTORY_SERVICE_NETWORK);
    expect(statementOf(SECURITY_PERMISSIONS, 'PlaceDomainControllers').Resource).toBe('*');
    const withoutDirectory = SECURITY_PERMISSIONS.grants({ ...CONTEXT, managedDirectory: false }).map((g) => g.statement);
    expect(withoutDirectory.flatMap(actionsOf).filter((a) => a.startsWith('ec2:'))).toEqual([]);
    expect(withoutDirectory.map((s) => s.Sid)).not.toContain('PlaceDomainControllers');
  });

  describe('AWS Config', () => {
    const slr = 'arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig';

    test('recorders by ARN; only delivery channels, which have no resource type, on "*"', () => {
      expect(statementOf(SECURITY_PERMISSIONS, 'ManageConfigRecorders').Resource).toBe('arn:aws:config:*:123456789012:configuration-recorder/*');
      expect(statementOf(SECURITY_PERMISSIONS, 'ManageConfigDeliveryChannels')).toMatchObject({
        Action: ['config:PutDeliveryChannel', 'config:DescribeDeliveryChannels', 'config:DeleteDeliveryChannel'],
        Resource: '*',
      });
      for (const s of statements.filter((s) => actionsOf(s).some((a) => a.startsWith('config:')))) {
        expect(['ManageConfigRecorders', 'ManageConfigDeliveryChannels']).toContain(s.Sid);
        for (const a of actionsOf(s)) expect(a).toMatch(/^config:[A-Za-z]+$/);
      }
    });

    test('creates only Config\'s service-linked role, and uses no other', () => {
      expect(statementOf(SECURITY_PERMISSIONS, 'CreateConfigServiceLinkedRole')).toEqual({
        Sid: 'CreateConfigServiceLinkedRole',
        Effect: 'Allow',
        Action: 'iam:CreateServiceLinkedRole',
        Resource: slr,
        Condition: { StringEquals: { 'iam:AWSServiceName': 'config.amazonaws.com' } },
      });
      const iam = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('iam:')));
      expect(iam.map((s) => s.Sid)).toEqual(['CreateConfigServiceLinkedRole', 'UseConfigServiceLinkedRole']);
      for (const s of iam) expect(s.Resource).toBe(slr);
    });

    test('the role is passed to Config only, and never edited beyond its tags', () => {
      const use = statementOf(SECURITY_PERMISSIONS, 'UseConfigServiceLinkedRole');
      expect(use.Condition).toEqual({ StringEqualsIfExists: { 'iam:PassedToService': 'config.amazonaws.com' } });
      for (const action of ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:CreateRole']) expect(grantsAction(statements, action)).toBe(false);
    });
  });
});
