import { Construct } from 'constructs';
import { ITerraformDependable, TerraformProvider } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { Statement, policyDocument } from '../../aws/policy-documents';
import { checkKeyArnInRegion } from '../compute/ecr-key-check';
import { isReference } from '../compute/regional-key-arn';
import { s3Endpoint } from './static-content-key-statements';

/** Service principal S3 replication assumes its role as. */
export const S3_SERVICE = 's3.amazonaws.com';

/** One side of the replication: a `StaticContentBucket` and the key that encrypts it. */
export interface ReplicatedBucket {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly region: string;
  /** That Region's copy of the multi-Region key (its ARN). */
  readonly kmsKeyArn: string;
  /**
   * The bucket's versioning resource, when it is in the same stack: S3 refuses a replication
   * configuration until both buckets are versioned. @default none (the bucket's stack deployed first)
   */
  readonly versioning?: ITerraformDependable;
}

export interface StaticContentReplicationProps {
  /** Provider of the source (primary) bucket's Region: S3 stores the replication configuration on the source bucket. */
  readonly provider?: TerraformProvider;
  readonly source: ReplicatedBucket;
  readonly destination: ReplicatedBucket;
  /** `staticReplicationRoleName(project)`: a name the deploy role may create and pass. */
  readonly roleName: string;
  readonly account: string;
  /** `security.iam.permissionsBoundaryArn`: every role of the project carries it. @default none */
  readonly permissionsBoundaryArn?: string;
}

/**
 * S3 Cross-Region Replication of the static content from the primary bucket to the failover bucket,
 * so that CloudFront's failover origin serves the same objects (issue 10 item 2).
 *
 * - Every object is replicated (`filter {}`), SSE-KMS objects included (`sse_kms_encrypted_objects`),
 *   and re-encrypted with the failover Region's key (a key is used only in its Region; the
 *   multi-Region key's replica there has the same key material, but S3 still needs its ARN).
 * - Delete markers are replicated: a page deleted in the primary must not come back when CloudFront
 *   fails over (and answers 404 from both origins alike). S3 never replicates the deletion of a
 *   version, so an accidental delete stays recoverable in both buckets for the noncurrent-version days.
 * - One-way: replica modifications are not synced back, and the failover bucket has no rule of its own.
 * - No Replication Time Control (it costs per GB); S3 replicates most objects within minutes.
 *   Objects that existed before the rule are not replicated (S3 Batch Replication, once, by hand).
 *
 * The role may read object versions of the source only, replicate into the destination only, and
 * use each key only through S3 of its Region for that bucket. The key policies must also name it
 * (`staticReplicationKeyStatements`).
 */
export class StaticContentReplication extends Construct {
  readonly role: IamRole;
  readonly rolePolicy: IamRolePolicy;
  readonly configuration: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: StaticContentReplicationProps) {
    super(scope, id);
    validate(`StaticContentReplication ${id}`, props);
    const { source, destination, account } = props;
    this.role = new IamRole(this, 'role', {
      provider: props.provider,
      name: props.roleName,
      description: 'S3 replicates the static content from the primary Region to the failover Region',
      permissionsBoundary: props.permissionsBoundaryArn,
      assumeRolePolicy: policyDocument([
        {
          // Confused deputy: only S3 acting for this account's source bucket.
          Sid: 'S3ReplicationOfTheStaticBucket',
          Effect: 'Allow',
          Principal: { Service: S3_SERVICE },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': source.bucketArn } },
        },
      ]),
    });
    this.rolePolicy = new IamRolePolicy(this, 'policy', {
      provider: props.provider,
      name: 'replicate-static-content',
      role: this.role.id,
      policy: policyDocument(replicationRoleStatements(source, destination)),
    });
    this.configuration = new S3BucketReplicationConfigurationA(this, 'configuration', {
      provider: props.provider,
      bucket: source.bucketName,
      role: this.role.arn,
      rule: [
        {
          id: 'static-content-to-failover',
          status: 'Enabled',
          priority: 1,
          filter: {},
          deleteMarkerReplication: { status: 'Enabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: { bucket: destination.bucketArn, encryptionConfiguration: { replicaKmsKeyId: destination.kmsKeyArn } },
        },
      ],
      // S3 starts replicating at once: the role must hold its permissions by then.
      dependsOn: [this.rolePolicy, ...[source.versioning, destination.versioning].filter((v): v is ITerraformDependable => v !== undefined)],
    });
  }
}

/** The replication role's permissions: AWS's live-replication policy, narrowed to the two buckets and keys. */
export function replicationRoleStatements(source: ReplicatedBucket, destination: ReplicatedBucket): Statement[] {
  // With an S3 bucket key the encryption context is the bucket's ARN, without one the object's.
  const context = (bucketArn: string) => ({ 'kms:EncryptionContext:aws:s3:arn': [bucketArn, `${bucketArn}/*`] });
  return [
    { Sid: 'ReadReplicationConfiguration', Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: source.bucketArn },
    {
      Sid: 'ReadSourceVersions',
      Effect: 'Allow',
      Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
      Resource: `${source.bucketArn}/*`,
    },
    { Sid: 'ReplicateToFailover', Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], Resource: `${destination.bucketArn}/*` },
    {
      Sid: 'DecryptSourceThroughS3',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: source.kmsKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': s3Endpoint(source.region) }, StringLike: context(source.bucketArn) },
    },
    {
      Sid: 'EncryptReplicasThroughS3',
      Effect: 'Allow',
      Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: destination.kmsKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': s3Endpoint(destination.region) }, StringLike: context(destination.bucketArn) },
    },
  ];
}

function validate(owner: string, props: StaticContentReplicationProps): void {
  const { source, destination } = props;
  if (!isReference(source.region) && source.region === destination.region) {
    throw new Error(`${owner} destination.region: received ${JSON.stringify(destination.region)}, the source's Region; expected another Region (the failover Region)`);
  }
  checkKeyArnInRegion(owner, 'source.kmsKeyArn', source.kmsKeyArn, source.region, "the source Region's copy of the multi-Region key");
  checkKeyArnInRegion(owner, 'destination.kmsKeyArn', destination.kmsKeyArn, destination.region, "the failover Region's copy of the multi-Region key");
  if (!isReference(props.roleName) && !/^[\w+=,.@-]{1,64}$/.test(props.roleName)) {
    throw new Error(`${owner} roleName: received ${JSON.stringify(props.roleName)}; expected 1-64 letters, digits or +=,.@_- (an IAM role name)`);
  }
}
