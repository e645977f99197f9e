import { KEY_ADMIN_ACTIONS } from './kms-key-policy';
import { policyDocument, Statement, tlsOnlyStatements } from './policy-documents';

/** Who may read and write Terraform state, and who may never change where it is kept. */
export interface StateAccess {
  /** The deploy role: reads and writes state, never changes the bucket, its policy or its key. */
  readonly deployRoleArn: string;
  /** Principals besides the deploy role that read and write state (`state.operatorArns`). */
  readonly operatorArns: readonly string[];
  /** Break-glass principals (`security.cloudTrail.breakGlassArns`): read and write state too. */
  readonly breakGlassArns: readonly string[];
  /** Principals that only read state (the pull-request plan role, which plans with -lock=false). @default [] */
  readonly readerArns?: readonly string[];
}

/** State reads: what `terraform plan -lock=false` and remote-state data sources call. */
export const STATE_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucketVersions'];

/** Every principal that may read and write state objects, each once. */
export function stateAccessArns(access: StateAccess): string[] {
  return [...new Set([access.deployRoleArn, ...access.operatorArns, ...access.breakGlassArns])];
}

/** Object reads, writes and deletes, version listing: state content and its history. */
export const STATE_OBJECT_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:ListBucketVersions',
];

/** Changes to a bucket's configuration: policy, versioning, encryption, lifecycle, logging, deletion. */
export const BUCKET_CHANGE_ACTIONS = [
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:PutBucket*',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
];

/** Key actions that change the key or hand out its use; reads (Describe, Get, List) stay allowed. */
export const KEY_CHANGE_ACTIONS = [...KEY_ADMIN_ACTIONS.filter((a) => !/^kms:(Describe|Get|List)/.test(a)), 'kms:CreateGrant'];

/** The deploy role may never change a bucket of the state (it is not the one that applies bootstrap). */
export function denyDeployRoleBucketChanges(bucketArn: string, deployRoleArn: string): Statement {
  return {
    Sid: 'DenyDeployRoleBucketChanges',
    Effect: 'Deny',
    Principal: '*',
    Action: BUCKET_CHANGE_ACTIONS,
    Resource: bucketArn,
    Condition: { ArnEquals: { 'aws:PrincipalArn': deployRoleArn } },
  };
}

/**
 * The state bucket's policy: TLS 1.2 or later only; state objects and their versions readable and
 * writable only by the deploy role, the operators and break-glass, and readable by the readers (the
 * plan role); everyone else, account root and administrators included, is denied whatever their
 * IAM policies say; the deploy role never changes the bucket. Conditions name the principals, so the policy is valid before they exist.
 *
 * s3:ListBucket stays with IAM: Terraform's refresh of the bucket in bootstrap is a HeadBucket,
 * which needs it, and bootstrap is applied by an administrator who is none of the principals
 * above; a listing shows object keys (the stack names), never their content.
 */
export function stateBucketPolicy(bucketArn: string, access: StateAccess): string {
  const readers = access.readerArns ?? [];
  return policyDocument([
    ...tlsOnlyStatements(bucketArn),
    {
      Sid: 'DenyStateAccessToOthers',
      Effect: 'Deny',
      Principal: '*',
      Action: STATE_OBJECT_ACTIONS,
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [...stateAccessArns(access), ...readers] } },
    },
    // Readers pass the Deny above for every state action: this one takes writes back from them.
    ...(readers.length
      ? [
          {
            Sid: 'DenyStateWritesToReaders',
            Effect: 'Deny',
            Principal: '*',
            Action: STATE_OBJECT_ACTIONS.filter((a) => !STATE_READ_ACTIONS.includes(a)),
            Resource: [bucketArn, `${bucketArn}/*`],
            Condition: { ArnLike: { 'aws:PrincipalArn': [...readers] } },
          } satisfies Statement,
        ]
      : []),
    denyDeployRoleBucketChanges(bucketArn, access.deployRoleArn),
  ]);
}

export interface StateKeyPolicyProps {
  readonly account: string;
  readonly partition: string;
  /** Region of the state bucket: the key is usable only through S3 there. */
  readonly region: string;
  /** Principals that administer the key (never encrypt or decrypt). @default [] = the account root */
  readonly administratorArns: readonly string[];
  readonly access: StateAccess;
  /**
   * The role S3 replication assumes, and what it does with this key (through S3 in `region`):
   * Decrypt on the source's key, Encrypt and GenerateDataKey on the replica's. @default none
   */
  readonly replication?: { readonly roleArn: string; readonly actions: readonly string[] };
}

/**
 * The state key's policy: administrators administer (the account root by default, i.e. whoever
 * IAM lets, as for the multi-Region key); only the state principals use the key, and only through
 * S3 in the bucket's Region; the deploy role never changes the key. The users are named in a
 * condition, not as principals, so the policy is valid before the deploy role exists.
 */
export function stateKeyPolicy(props: StateKeyPolicyProps): string {
  const { account, partition, region, access } = props;
  const administrators = props.administratorArns.length > 0 ? [...props.administratorArns] : [`arn:${partition}:iam::${account}:root`];
  return policyDocument([
    { Sid: 'KeyAdministrators', Effect: 'Allow', Principal: { AWS: administrators }, Action: KEY_ADMIN_ACTIONS, Resource: '*' },
    {
      Sid: 'StatePrincipalsThroughS3',
      Effect: 'Allow',
      Principal: { AWS: `arn:${partition}:iam::${account}:root` },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `s3.${region}.amazonaws.com` },
        ArnLike: { 'aws:PrincipalArn': stateAccessArns(access) },
      },
    },
    ...(props.replication
      ? [
          {
            Sid: 'ReplicationRoleThroughS3',
            Effect: 'Allow' as const,
            Principal: { AWS: `arn:${partition}:iam::${account}:root` },
            Action: [...props.replication.actions],
            Resource: '*',
            Condition: {
              StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `s3.${region}.amazonaws.com` },
              ArnLike: { 'aws:PrincipalArn': props.replication.roleArn },
            },
          },
        ]
      : []),
    ...((access.readerArns ?? []).length
      ? [
          {
            Sid: 'StateReadersDecryptThroughS3',
            Effect: 'Allow',
            Principal: { AWS: `arn:${partition}:iam::${account}:root` },
            Action: 'kms:Decrypt',
            Resource: '*',
            Condition: {
              StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `s3.${region}.amazonaws.com` },
              ArnLike: { 'aws:PrincipalArn': [...access.readerArns!] },
            },
          } satisfies Statement,
        ]
      : []),
    {
      Sid: 'DenyDeployRoleKeyChanges',
      Effect: 'Deny',
      Principal: '*',
      Action: KEY_CHANGE_ACTIONS,
      Resource: '*',
      Condition: { ArnEquals: { 'aws:PrincipalArn': access.deployRoleArn } },
    },
  ]);
}
