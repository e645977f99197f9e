import { KEY_ADMIN_ACTIONS, KEY_DEPLOYER_ACTIONS, KEY_USER_ACTIONS, KeyServiceUse, kmsKeyPolicy, KmsKeyPolicyProps } from '../../src/aws/kms-key-policy';
import { globMatches } from '../../src/compliance/rule';
import { asList, isWildcardAction, KMS_KEY_ADMIN_SID, overlyBroadAllows, PolicyDocument, statementBySid, wildcardPrincipalAllows } from '../helpers/inspect';

const ACCOUNT = '123456789012';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/key-admins`;
const USER = `arn:aws:iam::${ACCOUNT}:role/app`;
const READER = `arn:aws:iam::${ACCOUNT}:role/security-audit`;

const TRAIL = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/acme-trail`;
const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:acme-audit-alerts`;
/** What the foundation's key serves: its trail, its flow-log and trail log groups, AWS Config, the alert topic. */
const SERVICES: KeyServiceUse = {
  trailArn: TRAIL,
  logGroupNames: ['/acme/vpc-flow-logs/*', '/aws/cloudtrail/acme-trail'],
  configDelivery: true,
  alertTopicArn: TOPIC,
};

const MINIMAL: KmsKeyPolicyProps = { account: ACCOUNT, partition: 'aws', region: 'eu-west-1', administratorArns: [ROOT], userArns: [], s3ReaderArns: [], services: SERVICES };
const parse = (props: Partial<KmsKeyPolicyProps> = {}): PolicyDocument => JSON.parse(kmsKeyPolicy({ ...MINIMAL, ...props }));

/** Cryptographic operations: using the key, as opposed to administering it. */
const CRYPTO_OPERATIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:GenerateMac',
  'kms:VerifyMac',
  'kms:Sign',
  'kms:Verify',
];
const grants = (patterns: readonly string[], action: string) => patterns.some((p) => globMatches(p, action, true));

describe('KEY_ADMIN_ACTIONS and KEY_USER_ACTIONS', () => {
  test('administrators cannot run a single cryptographic operation', () => {
    expect(CRYPTO_OPERATIONS.filter((op) => grants(KEY_ADMIN_ACTIONS, op))).toEqual([]);
  });

  test('administrators can manage the whole key life cycle, replication and rotation included', () => {
    for (const action of ['kms:PutKeyPolicy', 'kms:EnableKeyRotation', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:ReplicateKey', 'kms:TagResource', 'kms:DescribeKey']) {
      expect({ action, granted: grants(KEY_ADMIN_ACTIONS, action) }).toEqual({ action, granted: true });
    }
  });

  test('users can encrypt and decrypt but not administer the key', () => {
    for (const op of ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext']) {
      expect({ op, granted: grants(KEY_USER_ACTIONS, op) }).toEqual({ op, granted: true });
    }
    for (const action of ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:CreateGrant', 'kms:ReplicateKey', 'kms:UpdateAlias']) {
      expect({ action, granted: grants(KEY_USER_ACTIONS, action) }).toEqual({ action, granted: false });
    }
  });

  test('neither list holds "*" or "kms:*", and the two lists share nothing', () => {
    for (const action of [...KEY_ADMIN_ACTIONS, ...KEY_USER_ACTIONS]) expect(isWildcardAction(action)).toBe(false);
    expect(KEY_ADMIN_ACTIONS.filter((a) => KEY_USER_ACTIONS.includes(a))).toEqual([]);
  });
});

describe('kmsKeyPolicy with administrators only', () => {
  const policy = parse();

  test('is a JSON policy document with the 2012-10-17 version', () => {
    expect(policy.Version).toBe('2012-10-17');
  });

  test('holds exactly the administrator and the service statements, in order', () => {
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      KMS_KEY_ADMIN_SID,
      'CloudTrailEncryptsOurTrail',
      'CloudTrailDescribesKey',
      'CloudWatchLogsEncryptsOurLogGroups',
      'ConfigEncryptsDeliveriesOfThisAccount',
      'EventBridgePublishesAuditAlerts',
      'SecretsManagerForPrincipalsOfThisAccount',
    ]);
    for (const s of policy.Statement) expect(s.Effect).toBe('Allow');
  });

  test('the administrators get the admin actions on this key and nothing else', () => {
    expect(statementBySid(policy, KMS_KEY_ADMIN_SID)).toEqual({
      Sid: KMS_KEY_ADMIN_SID,
      Effect: 'Allow',
      Principal: { AWS: [ROOT] },
      Action: KEY_ADMIN_ACTIONS,
      Resource: '*',
    });
  });

  test('CloudTrail may generate data keys only for our trail (encryption context and source pinned to its ARN), and describe the key for it', () => {
    expect(statementBySid(policy, 'CloudTrailEncryptsOurTrail')).toEqual({
      Sid: 'CloudTrailEncryptsOurTrail',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL, 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL } },
    });
    expect(statementBySid(policy, 'CloudTrailDescribesKey')).toMatchObject({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL } },
    });
  });

  test('no CloudTrail or CloudWatch Logs condition uses a wildcard over trails or log groups', () => {
    const text = JSON.stringify(policy.Statement.filter((s) => (s.Sid ?? '').startsWith('CloudTrail') || (s.Sid ?? '').startsWith('CloudWatchLogs')));
    expect(text).not.toContain('trail/*');
    expect(text).not.toContain('log-group:*');
    expect(text).not.toContain('StringLike');
  });

  test('CloudWatch Logs of this Region may use the key only for the named log groups of this account and Region', () => {
    expect(statementBySid(policy, 'CloudWatchLogsEncryptsOurLogGroups')).toMatchObject({
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': [
            `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/acme/vpc-flow-logs/*`,
            `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/cloudtrail/acme-trail`,
          ],
        },
      },
    });
  });

  test('AWS Config (its service principal: the service-linked role cannot use keys) encrypts deliveries of this account only', () => {
    expect(statementBySid(policy, 'ConfigEncryptsDeliveriesOfThisAccount')).toEqual({
      Sid: 'ConfigEncryptsDeliveriesOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: 'config.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
  });

  test('EventBridge may use the key only for the alert topic\'s messages', () => {
    expect(statementBySid(policy, 'EventBridgePublishesAuditAlerts')).toEqual({
      Sid: 'EventBridgePublishesAuditAlerts',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': TOPIC } },
    });
  });

  test('principals of this account use the key only through Secrets Manager in this Region', () => {
    expect(statementBySid(policy, 'SecretsManagerForPrincipalsOfThisAccount')).toEqual({
      Sid: 'SecretsManagerForPrincipalsOfThisAccount',
      Effect: 'Allow',
      Principal: { AWS: ROOT },
      Action: KEY_USER_ACTIONS,
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
    });
  });

  test('every use of the key by anyone but the administrators is conditional', () => {
    for (const s of policy.Statement.filter((s) => s.Sid !== KMS_KEY_ADMIN_SID)) expect({ sid: s.Sid, condition: s.Condition !== undefined }).toEqual({ sid: s.Sid, condition: true });
  });

  test('no wildcard principal and no wildcard action', () => {
    expect(wildcardPrincipalAllows(policy)).toEqual([]);
    expect(overlyBroadAllows(policy)).toEqual([]);
  });
});

describe('kmsKeyPolicy with administrators, users and S3 log readers', () => {
  const policy = parse({ administratorArns: [ADMIN], userArns: [USER], s3ReaderArns: [READER], partition: 'aws-us-gov', region: 'us-gov-west-1' });
  const admin = statementBySid(policy, KMS_KEY_ADMIN_SID);
  const users = statementBySid(policy, 'KeyUsers');

  test('users come right after the administrators, S3 readers last', () => {
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      KMS_KEY_ADMIN_SID,
      'KeyUsers',
      'CloudTrailEncryptsOurTrail',
      'CloudTrailDescribesKey',
      'CloudWatchLogsEncryptsOurLogGroups',
      'ConfigEncryptsDeliveriesOfThisAccount',
      'EventBridgePublishesAuditAlerts',
      'SecretsManagerForPrincipalsOfThisAccount',
      'LogReadersDecryptThroughS3',
    ]);
  });

  test('administrators and users are separate principals with separate actions', () => {
    expect(admin.Principal).toEqual({ AWS: [ADMIN] });
    expect(users).toEqual({ Sid: 'KeyUsers', Effect: 'Allow', Principal: { AWS: [USER] }, Action: KEY_USER_ACTIONS, Resource: '*' });
    expect(asList(admin.Principal.AWS).filter((p) => asList(users.Principal.AWS).includes(p))).toEqual([]);
    expect(CRYPTO_OPERATIONS.filter((op) => grants(asList(admin.Action), op))).toEqual([]);
  });

  test('S3 log readers may only decrypt and describe, only through S3 in this Region', () => {
    expect(statementBySid(policy, 'LogReadersDecryptThroughS3')).toEqual({
      Sid: 'LogReadersDecryptThroughS3',
      Effect: 'Allow',
      Principal: { AWS: [READER] },
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 's3.us-gov-west-1.amazonaws.com' } },
    });
  });

  test('ARNs the policy builds itself use the given partition', () => {
    expect(statementBySid(policy, 'SecretsManagerForPrincipalsOfThisAccount').Principal).toEqual({ AWS: `arn:aws-us-gov:iam::${ACCOUNT}:root` });
    expect(statementBySid(policy, 'CloudWatchLogsEncryptsOurLogGroups').Condition!.ArnLike).toEqual({
      'kms:EncryptionContext:aws:logs:arn': [
        `arn:aws-us-gov:logs:us-gov-west-1:${ACCOUNT}:log-group:/acme/vpc-flow-logs/*`,
        `arn:aws-us-gov:logs:us-gov-west-1:${ACCOUNT}:log-group:/aws/cloudtrail/acme-trail`,
      ],
    });
  });

  test('Terraform references pass through as they are', () => {
    const tokens = parse({ account: '${data.aws_caller_identity.x.account_id}', partition: '${data.aws_partition.x.partition}', region: '${data.aws_region.x.name}' });
    expect(statementBySid(tokens, 'CloudWatchLogsEncryptsOurLogGroups').Principal).toEqual({ Service: 'logs.${data.aws_region.x.name}.amazonaws.com' });
  });
});

describe('kmsKeyPolicy with configured administrators and the deploy role as deployer', () => {
  const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/acme-deploy`;
  const policy = parse({ administratorArns: [ADMIN], userArns: [USER], deployerArn: DEPLOYER });
  const deployer = statementBySid(policy, 'DeployRoleManagesKey');

  test('the deployer comes right after the administrators, with the key-management actions Terraform uses', () => {
    expect(policy.Statement.map((s) => s.Sid).slice(0, 3)).toEqual([KMS_KEY_ADMIN_SID, 'DeployRoleManagesKey', 'KeyUsers']);
    expect(deployer).toEqual({ Sid: 'DeployRoleManagesKey', Effect: 'Allow', Principal: { AWS: DEPLOYER }, Action: KEY_DEPLOYER_ACTIONS, Resource: '*' });
  });

  test('it may update the key policy (KMS\'s lockout check on create), replicate the key, and schedule its deletion', () => {
    for (const action of ['kms:PutKeyPolicy', 'kms:GetKeyPolicy', 'kms:ReplicateKey', 'kms:ScheduleKeyDeletion', 'kms:CreateAlias', 'kms:TagResource', 'kms:EnableKeyRotation']) {
      expect({ action, granted: grants(asList(deployer.Action), action) }).toEqual({ action, granted: true });
    }
  });

  test('it never uses the key, grants use of it, or cancels a deletion', () => {
    expect(CRYPTO_OPERATIONS.filter((op) => grants(asList(deployer.Action), op))).toEqual([]);
    for (const action of ['kms:CreateGrant', 'kms:RetireGrant', 'kms:CancelKeyDeletion', 'kms:ImportKeyMaterial', 'kms:GetParametersForImport']) {
      expect({ action, granted: grants(asList(deployer.Action), action) }).toEqual({ action, granted: false });
    }
    expect(KEY_DEPLOYER_ACTIONS.filter((a) => a.includes('*'))).toEqual([]);
  });

  test('without a deployer there is no such statement', () => {
    expect(parse({ administratorArns: [ADMIN] }).Statement.map((s) => s.Sid)).not.toContain('DeployRoleManagesKey');
  });
});

describe('kmsKeyPolicy without AWS service resources', () => {
  const policy = parse({ services: {} });

  test('no AWS service may use the key: no trail, no log group, no Config, no alert topic', () => {
    expect(policy.Statement.map((s) => s.Sid)).toEqual([KMS_KEY_ADMIN_SID, 'SecretsManagerForPrincipalsOfThisAccount']);
  });

  test('an empty log group list gives no CloudWatch Logs statement rather than one that matches nothing', () => {
    expect(parse({ services: { logGroupNames: [] } }).Statement.map((s) => s.Sid)).not.toContain('CloudWatchLogsEncryptsOurLogGroups');
  });
});

describe('kmsKeyPolicy rejects', () => {
  test('an empty administrator list, which would leave the key unmanageable', () => {
    expect(() => kmsKeyPolicy({ ...MINIMAL, administratorArns: [] })).toThrow(
      'kmsKeyPolicy administratorArns: received an empty list; expected at least one principal ARN, or the key could not be managed',
    );
  });
});
