import { policyDocument, Statement } from './policy-documents';

export interface KmsKeyPolicyProps {
  /** Account id and partition of the key (tokens are fine). */
  readonly account: string;
  readonly partition: string;
  /** Region of this copy of the key: CloudWatch Logs' service principal is per Region. */
  readonly region: string;
  /** Principals that administer the key; never granted encrypt or decrypt. */
  readonly administratorArns: readonly string[];
  /** Principals that encrypt and decrypt with the key; never granted administration. */
  readonly userArns: readonly string[];
  /** Principals that read SSE-KMS objects through S3 only (the audit-log readers). */
  readonly s3ReaderArns: readonly string[];
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
  if (props.userArns.length > 0) {
    statements.push({ Sid: 'KeyUsers', Effect: 'Allow', Principal: { AWS: [...props.userArns] }, Action: KEY_USER_ACTIONS, Resource: '*' });
  }
  statements.push(
    {
      Sid: 'CloudTrailEncryptsTrailsOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceAccount': account },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${partition}:cloudtrail:*:${account}:trail/*` },
      },
    },
    {
      Sid: 'CloudTrailDescribesKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': account } },
    },
    {
      Sid: 'CloudWatchLogsUsesKeyForThisAccount',
      Effect: 'Allow',
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*` } },
    },
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
