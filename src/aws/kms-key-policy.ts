import { policyDocument, Statement } from './policy-documents';

export interface KmsKeyPolicyProps {
  /** Account id and partition of the key (tokens are fine). */
  readonly account: string;
  readonly partition: string;
  /** Region of this copy of the key: CloudWatch Logs' service principal is per Region. */
  readonly region: string;
  /** Principals that administer the key; never granted encrypt or decrypt. */
  readonly administratorArns: readonly string[];
  /**
   * The principal that creates the key and applies its policy through Terraform (the deploy role),
   * when the administrators are not the account root: KMS refuses a new policy that would not let
   * its caller change the policy later, and IAM policies do not reach a key whose policy does not
   * name the account root. Granted KEY_DEPLOYER_ACTIONS, never a cryptographic operation or a
   * grant. @default none (the account root administers the key, and IAM grants the deploy role)
   */
  readonly deployerArn?: string;
  /** Principals that encrypt and decrypt with the key; never granted administration. */
  readonly userArns: readonly string[];
  /** Principals that read SSE-KMS objects through S3 only (the audit-log readers). */
  readonly s3ReaderArns: readonly string[];
  /** What AWS services may encrypt with the key, each for the project's own resources only. */
  readonly services: KeyServiceUse;
}

/** The project's resources that AWS services encrypt with the key. */
export interface KeyServiceUse {
  /** ARN of the one trail whose log files CloudTrail encrypts. @default no CloudTrail statements */
  readonly trailArn?: string;
  /** Names of the log groups CloudWatch Logs encrypts in this Region; a trailing "*" matches a prefix. @default no CloudWatch Logs statement */
  readonly logGroupNames?: readonly string[];
  /** AWS Config encrypts its deliveries to the audit bucket (service principal, this account only). @default false */
  readonly configDelivery?: boolean;
  /** The SNS topic whose messages EventBridge encrypts when it publishes the audit alerts. @default none */
  readonly alertTopicArn?: string;
  /**
   * Statements of the compute and edge layers for this copy of the key (ECR, EBS through EC2, Image
   * Builder, DLM; CloudFront and S3 replication of the static content), each built by its construct
   * domain for this Region and scoped there with `kms:ViaService`. @default none
   */
  readonly layers?: readonly Statement[];
}

export const KEY_ADMIN_ACTIONS = [
  // Not kms:Create*: that includes CreateGrant, with which an administrator could grant itself use.
  'kms:CreateAlias',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:ReplicateKey',
  'kms:RotateKeyOnDemand',
];

export const KEY_USER_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/**
 * What Terraform does to a key of this project once it exists (reads, policy, rotation, state,
 * description, deletion, tags, replication, and the key's side of an alias), one action at a
 * time: the deploy role's IAM grant on project keys, and its key-policy grant when the key policy
 * does not delegate to IAM. No cryptographic operation, no grant (kms:CreateGrant), no import or
 * export of key material, no cancelling a deletion.
 */
export const KEY_DEPLOYER_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:UpdateKeyDescription',
  'kms:ScheduleKeyDeletion',
  'kms:ListResourceTags',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ReplicateKey',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
];

/**
 * One key policy for the multi-Region key and each replica: administrators and users are separate
 * statements, and each AWS service may use the key only for its own resources in this account.
 */
export function kmsKeyPolicy(props: KmsKeyPolicyProps): string {
  if (props.administratorArns.length === 0) {
    throw new Error('kmsKeyPolicy administratorArns: received an empty list; expected at least one principal ARN, or the key could not be managed');
  }
  const { account, partition, region } = props;
  const statements: Statement[] = [
    { Sid: 'KeyAdministrators', Effect: 'Allow', Principal: { AWS: [...props.administratorArns] }, Action: KEY_ADMIN_ACTIONS, Resource: '*' },
  ];
  if (props.deployerArn !== undefined) {
    // Without it KMS refuses to create the key or replica as the deploy role (lockout safety
    // check, which the role may not bypass), and the role could not update it afterwards.
    statements.push({ Sid: 'DeployRoleManagesKey', Effect: 'Allow', Principal: { AWS: props.deployerArn }, Action: KEY_DEPLOYER_ACTIONS, Resource: '*' });
  }
  if (props.userArns.length > 0) {
    statements.push({ Sid: 'KeyUsers', Effect: 'Allow', Principal: { AWS: [...props.userArns] }, Action: KEY_USER_ACTIONS, Resource: '*' });
  }
  statements.push(...serviceStatements(props), ...(props.services.layers ?? []));
  statements.push(
    {
      // Secrets Manager calls KMS as the caller: this delegates to IAM policies of this account,
      // and only through Secrets Manager.
      Sid: 'SecretsManagerForPrincipalsOfThisAccount',
      Effect: 'Allow',
      Principal: { AWS: `arn:${partition}:iam::${account}:root` },
      Action: KEY_USER_ACTIONS,
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } },
    },
  );
  if (props.s3ReaderArns.length > 0) {
    statements.push({
      Sid: 'LogReadersDecryptThroughS3',
      Effect: 'Allow',
      Principal: { AWS: [...props.s3ReaderArns] },
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
    });
  }
  return policyDocument(statements);
}

/** One statement per AWS service that encrypts the project's resources, each pinned to those resources. */
function serviceStatements(props: KmsKeyPolicyProps): Statement[] {
  const { account, partition, region, services } = props;
  const statements: Statement[] = [];
  if (services.trailArn !== undefined) {
    statements.push(
      {
        // CloudTrail puts the trail's ARN in the encryption context of every log file's data key.
        Sid: 'CloudTrailEncryptsOurTrail',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceArn': services.trailArn, 'kms:EncryptionContext:aws:cloudtrail:arn': services.trailArn },
        },
      },
      {
        Sid: 'CloudTrailDescribesKey',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': services.trailArn } },
      },
    );
  }
  const logGroups = services.logGroupNames ?? [];
  if (logGroups.length > 0) {
    statements.push({
      Sid: 'CloudWatchLogsEncryptsOurLogGroups',
      Effect: 'Allow',
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroups.map((name) => `arn:${partition}:logs:${region}:${account}:log-group:${name}`) },
      },
    });
  }
  if (services.configDelivery) {
    // The Config service-linked role cannot use KMS keys: Config delivers as its service principal.
    statements.push({
      Sid: 'ConfigEncryptsDeliveriesOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: 'config.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': account } },
    });
  }
  if (services.alertTopicArn !== undefined) {
    // SNS asks KMS for the topic's data key as the publisher, with the topic's ARN as encryption context.
    statements.push({
      Sid: 'EventBridgePublishesAuditAlerts',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': services.alertTopicArn } },
    });
  }
  return statements;
}
