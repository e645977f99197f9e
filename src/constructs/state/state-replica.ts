import { Construct } from 'constructs';
import { TerraformProvider, TerraformResource } from 'cdktf';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { privateBucket } from '../../aws/private-bucket';
import { AccountFacts } from '../../aws/account-facts';
import { policyDocument, Statement } from '../../aws/policy-documents';
import { StateAccess, denyDeployRoleBucketChanges, stateBucketPolicy, stateKeyPolicy } from '../../aws/state-policies';
import { AccessLogBucket } from '../audit/access-log-bucket';
import { ReplicatedBucket, replicationRoleStatements, S3_SERVICE } from '../edge/static-content-replication';
import { stateLifecycleRules } from './state-bucket';

/** The state bucket replicated from: a `StateBucket` of the same stack. */
export interface ReplicatedStateBucket {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly region: string;
  readonly kmsKeyArn: string;
  readonly versioning: S3BucketVersioningA;
}

export interface StateReplicaProps {
  /** Provider of the replica's Region (an aliased provider of the stack). */
  readonly provider: TerraformProvider;
  /** `state.replicaRegion`: the provider's Region, never the source's. */
  readonly region: string;
  readonly source: ReplicatedStateBucket;
  /** `stateReplicaBucketName(state.bucket)`. */
  readonly bucketName: string;
  /** `stateReplicaAccessLogBucketName(state.bucket)`: server access logs of the replica, in its Region. */
  readonly accessLogBucketName: string;
  /** Same alias as the state key (`state.kmsKeyAlias`): aliases are per Region, so a backend's `kms_key_id` works unchanged after a failover. */
  readonly kmsKeyAlias: string;
  /** Days to keep superseded versions, as in the source. */
  readonly noncurrentVersionExpirationDays: number;
  /** The state principals: the same as the source's, so they read and write the replica after a failover. */
  readonly access: StateAccess;
  /** Principals that administer the key (never use it). @default the account root */
  readonly keyAdministratorArns?: readonly string[];
  /** `roleNames(project).stateReplicationRole`. */
  readonly roleName: string;
  /** `security.iam.permissionsBoundaryArn`. @default none */
  readonly permissionsBoundaryArn?: string;
  readonly facts: AccountFacts;
}

/** The replication role's key permission on each side: decrypt the source, encrypt the replicas. */
export const SOURCE_KEY_REPLICATION_ACTIONS = ['kms:Decrypt'];
export const REPLICA_KEY_REPLICATION_ACTIONS = ['kms:Encrypt', 'kms:GenerateDataKey'];

/**
 * The state bucket's copy in another Region, so that every stack can still be planned and applied
 * when the state's Region is lost (issue 12 item 1; docs/state-recovery.md).
 *
 * - The replica has the state bucket's baseline: versioned, SSE-KMS with its own customer key in
 *   its Region (rotation, the state key's policy with the replica's Region in kms:ViaService), public
 *   access blocked, owner-enforced, TLS-only, the same principals only, superseded versions expired,
 *   server access logs to a bucket in its Region (after a failover every state read and write goes
 *   here, and S3 logs only into a bucket of the same Region). Bucket and key survive destroy.
 * - Every object is replicated (`filter {}`), SSE-KMS ones included, re-encrypted with the replica key.
 * - Delete markers are replicated: the S3 backend's lock file (`<key>.tflock`) is written and then
 *   deleted on every run; without the deletion the replica would keep every lock ever taken and,
 *   after a failover, every stack would look locked. A version's deletion is never replicated, so
 *   earlier state versions stay recoverable in both buckets for the noncurrent-version days.
 * - One-way and without Replication Time Control: S3 replicates most objects within seconds to
 *   minutes; RTC (15-minute SLA) costs per GB and is one setting away when an RPO needs it.
 * - The role's permissions are the static-content replication's, narrowed to these two buckets and
 *   keys; the keys' policies name the role too (`StateKeyPolicyProps.replication`).
 */
export class StateReplica extends Construct {
  readonly bucket: S3Bucket;
  readonly key: KmsKey;
  readonly versioning: S3BucketVersioningA;
  readonly accessLogBucket: AccessLogBucket;
  readonly role: IamRole;
  readonly rolePolicy: IamRolePolicy;
  readonly configuration: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: StateReplicaProps) {
    super(scope, id);
    const { source, access, facts } = props;
    const { account, partition } = facts;
    if (props.region === source.region) {
      throw new Error(`StateReplica region: received "${props.region}", the state bucket's Region; expected another Region (state.replicaRegion)`);
    }
    const roleArn = `arn:${partition}:iam::${account}:role/${props.roleName}`;

    // Everything in the replica's Region is built under one scope and given its provider at the end.
    const replicaSide = new Construct(this, 'replica');
    this.key = new KmsKey(replicaSide, 'key', {
      description: `Encrypts the replica of Terraform state in s3://${props.bucketName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: stateKeyPolicy({
        account,
        partition,
        region: props.region,
        administratorArns: props.keyAdministratorArns ?? [],
        access,
        replication: { roleArn, actions: REPLICA_KEY_REPLICATION_ACTIONS },
      }),
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(replicaSide, 'key_alias', { name: props.kmsKeyAlias, targetKeyId: this.key.keyId });

    const bucketArn = `arn:${partition}:s3:::${props.bucketName}`;
    this.accessLogBucket = new AccessLogBucket(replicaSide, 'access_logs', {
      bucketName: props.accessLogBucketName,
      sourceBucketArns: [bucketArn],
      additionalStatements: [denyDeployRoleBucketChanges(`arn:${partition}:s3:::${props.accessLogBucketName}`, access.deployRoleArn)],
      facts,
    });
    const { bucket, versioning } = privateBucket(replicaSide, props.bucketName);
    this.bucket = bucket;
    this.versioning = versioning;
    new S3BucketServerSideEncryptionConfigurationA(replicaSide, 'encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.arn }, bucketKeyEnabled: true }],
    });
    new S3BucketPolicy(replicaSide, 'policy', { bucket: bucket.id, policy: stateBucketPolicy(bucket.arn, access) });
    new S3BucketLoggingA(replicaSide, 'logging', {
      bucket: bucket.id,
      targetBucket: this.accessLogBucket.bucketName,
      targetPrefix: `${props.bucketName}/`,
      dependsOn: [this.accessLogBucket.policy],
    });
    new S3BucketLifecycleConfiguration(replicaSide, 'lifecycle', {
      bucket: bucket.id,
      rule: stateLifecycleRules(props.noncurrentVersionExpirationDays),
      dependsOn: [versioning],
    });
    for (const resource of replicaSide.node.findAll()) {
      if (resource instanceof TerraformResource) resource.provider = props.provider;
    }

    // IAM is global and the configuration belongs to the source bucket: the stack's home provider.
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: 'S3 replicates the Terraform state bucket to its replica in another Region',
      permissionsBoundary: props.permissionsBoundaryArn,
      assumeRolePolicy: policyDocument([
        {
          // Confused deputy: only S3 acting for this account's state bucket.
          Sid: 'S3ReplicationOfTheStateBucket',
          Effect: 'Allow',
          Principal: { Service: S3_SERVICE },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': source.bucketArn } },
        },
      ]),
    });
    this.rolePolicy = new IamRolePolicy(this, 'role_policy', {
      name: 'replicate-terraform-state',
      role: this.role.id,
      policy: policyDocument(stateReplicationStatements(source, { bucketName: props.bucketName, bucketArn, region: props.region, kmsKeyArn: this.key.arn })),
    });
    this.configuration = new S3BucketReplicationConfigurationA(this, 'configuration', {
      bucket: source.bucketName,
      role: this.role.arn,
      rule: [
        {
          id: 'state-to-replica-region',
          status: 'Enabled',
          priority: 1,
          filter: {},
          deleteMarkerReplication: { status: 'Enabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: { bucket: bucketArn, encryptionConfiguration: { replicaKmsKeyId: this.key.arn } },
        },
      ],
      // S3 refuses the configuration until both sides are versioned, and replicates at once.
      dependsOn: [this.rolePolicy, source.versioning, versioning],
    });
  }
}

/** The replication role's permissions: the static-content replication's, for the state buckets and keys. */
export function stateReplicationStatements(source: ReplicatedBucket, destination: ReplicatedBucket): Statement[] {
  return replicationRoleStatements(source, destination).map((s) => (s.Sid === 'ReplicateToFailover' ? { ...s, Sid: 'ReplicateToReplica' } : s));
}
