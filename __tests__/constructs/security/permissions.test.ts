import { DIRECTORY_SERVICE_NETWORK, SECURITY_PERMISSIONS } from '../../../src/constructs/security/permissions';
import { globMatches } from '../../../src/compliance/rule';
import { asList } from '../../helpers/inspect';
import { CONTEXT, actionsOf, describeDomainPermissions, grantsAction, statementOf } from '../../helpers/deploy-permissions';

describeDomainPermissions(SECURITY_PERMISSIONS, {
  aws_kms_key: ['kms:CreateKey', 'kms:PutKeyPolicy', 'kms:EnableKeyRotation', 'kms:ScheduleKeyDeletion', 'kms:TagResource', 'kms:DescribeKey'],
  aws_kms_replica_key: ['kms:ReplicateKey', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'],
  aws_kms_alias: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias', 'kms:ListAliases'],
  aws_secretsmanager_secret: [
    'secretsmanager:CreateSecret',
    'secretsmanager:DeleteSecret',
    'secretsmanager:DescribeSecret',
    'secretsmanager:GetResourcePolicy',
    'secretsmanager:ReplicateSecretToRegions',
    'secretsmanager:RemoveRegionsFromReplication',
    'secretsmanager:TagResource',
  ],
  aws_secretsmanager_secret_policy: ['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy'],
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
  const statements = SECURITY_PERMISSIONS.grants(CONTEXT).map((g) => g.statement);
  const secretStatements = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));

  test('secrets: explicit actions on the configured secrets ("<name>-??????"), in the configured Regions only', () => {
    expect(statementOf(SECURITY_PERMISSIONS, 'ManageConfiguredSecretsWithoutValues')).toMatchObject({
      Effect: 'Allow',
      Resource: [
        'arn:aws:secretsmanager:*:123456789012:secret:third-party/payments-api-key-??????',
        'arn:aws:secretsmanager:*:123456789012:secret:directory/admin-password-??????',
      ],
      Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1', 'ap-southeast-2'] } },
    });
    for (const s of secretStatements) {
      for (const resource of asList(s.Resource)) expect(s.Effect === 'Deny' || !/(^\*$|:secret:\*$)/.test(resource)).toBe(true);
    }
  });

  test('resource policies only in the primary Region, and only they: a replica takes the primary\'s policy', () => {
    const policyActions = ['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy', 'secretsmanager:ValidateResourcePolicy'];
    expect(statementOf(SECURITY_PERMISSIONS, 'ManageSecretPoliciesInPrimaryRegion')).toEqual({
      Sid: 'ManageSecretPoliciesInPrimaryRegion',
      Effect: 'Allow',
      Action: policyActions,
      Resource: [
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:third-party/payments-api-key-??????',
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:directory/admin-password-??????',
      ],
    });
    const granting = (action: string) => statements.filter((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => globMatches(a, action, true))).map((s) => s.Sid);
    for (const action of policyActions) expect(granting(action)).toEqual(['ManageSecretPoliciesInPrimaryRegion']);
  });

  test('a "-??????" ARN matches the configured secret and no secret whose name merely starts with it', () => {
    const [pattern] = asList(statementOf(SECURITY_PERMISSIONS, 'ManageSecretPoliciesInPrimaryRegion').Resource);
    expect(globMatches(pattern, 'arn:aws:secretsmanager:us-east-1:123456789012:secret:third-party/payments-api-key-AbCdEf')).toBe(true);
    expect(globMatches(pattern, 'arn:aws:secretsmanager:us-east-1:123456789012:secret:third-party/payments-api-key-old-AbCdEf')).toBe(false);
    expect(globMatches(pattern, 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:third-party/payments-api-key-AbCdEf')).toBe(false);
  });

  test('never a secret value: no Allow, and an explicit Deny of GetSecretValue and BatchGetSecretValue on every secret', () => {
    expect(grantsAction(statements, 'secretsmanager:GetSecretValue')).toBe(false);
    expect(grantsAction(statements, 'secretsmanager:BatchGetSecretValue')).toBe(false);
    expect(statementOf(SECURITY_PERMISSIONS, 'NeverReadSecretValues')).toEqual({
      Sid: 'NeverReadSecretValues',
      Effect: 'Deny',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue'],
      Resource: '*',
    });
  });

  test('no secretsmanager action on "*" but the Deny: ListSecrets, the one IAM cannot scope, is never needed', () => {
    expect(secretStatements.filter((s) => asList(s.Resource).includes('*')).map((s) => s.Sid)).toEqual(['NeverReadSecretValues']);
    expect(grantsAction(statements, 'secretsmanager:ListSecrets')).toBe(false);
  });

  test('without configured secrets, only the Deny remains', () => {
    const none = SECURITY_PERMISSIONS.grants({ ...CONTEXT, secretNames: [] }).map((g) => g.statement);
    expect(none.filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:'))).map((s) => s.Sid)).toEqual(['NeverReadSecretValues']);
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
      'NeverReadSecretValues',
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
