import { Testing } from 'cdktf';
import { BootstrapStack } from '../../../src/stacks/bootstrap-stack';
import { Statement } from '../../../src/aws/policy-documents';
import { StateReplica } from '../../../src/constructs/state/state-replica';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { resources, synthConstruct, testConfig } from '../../helpers/synth';
import { ref, synthStack } from '../../helpers/inspect';
import { decide } from '../../helpers/iam-evaluator';

const ACCOUNT = '${data.aws_caller_identity.account.account_id}';
const PARTITION = '${data.aws_partition.partition.partition}';
const SOURCE = 'arn:aws:s3:::acme-tfstate';
const REPLICA = 'arn:aws:s3:::acme-tfstate-replica';
const SOURCE_KEY = 'arn:aws:kms:us-east-1:123456789012:key/source';
const REPLICA_KEY = 'arn:aws:kms:us-west-2:123456789012:key/replica';

describe('StateReplica in the bootstrap stack (state in us-east-1, replica in us-west-2)', () => {
  const config = testConfig({
    regions: [
      { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
      { name: 'us-west-2', vpcCidr: '10.20.0.0/16' },
    ],
    state: { bucket: 'acme-tfstate', region: 'us-east-1', keyPrefix: 'acme/prod', operatorArns: ['arn:aws:iam::123456789012:role/ops'] },
  });
  const json = synthStack(new BootstrapStack(Testing.app(), config));
  const res = (type: string, id: string) => resources(json, type)[`state_replication_${id}`];
  const deployRole = `arn:${PARTITION}:iam::${ACCOUNT}:role/multi-region-deploy`;
  const replicationRole = `arn:${PARTITION}:iam::${ACCOUNT}:role/multi-region-state-replication`;

  test('config default: the replica Region is the first other listed Region', () => {
    expect(config.state.replicaRegion).toBe('us-west-2');
  });

  test('every resource of the replica side is in the replica Region\'s aliased provider; role and replication are home', () => {
    expect(json.provider!.aws.find((p) => p.alias === 'us_west_2')?.region).toBe('us-west-2');
    const replicaSide = Object.entries(json.resource!).flatMap(([type, byId]) =>
      Object.entries(byId).filter(([id]) => id.startsWith('state_replication_replica_')).map(([id, r]) => [`${type}.${id}`, r.provider]),
    );
    // Key and alias, the bucket and its 8 settings, the log bucket and its 6.
    expect(replicaSide.length).toBe(17);
    for (const [, provider] of replicaSide) expect(provider).toBe('aws.us_west_2');
    expect(res('aws_iam_role', 'role').provider).toBeUndefined();
    expect(res('aws_s3_bucket_replication_configuration', 'configuration').provider).toBeUndefined();
  });

  test('bucket <bucket>-replica and its key survive destroy; versioned, SSE-KMS with the replica key, private', () => {
    expect(res('aws_s3_bucket', 'replica_bucket')).toMatchObject({ bucket: 'acme-tfstate-replica', lifecycle: { prevent_destroy: true } });
    const key = res('aws_kms_key', 'replica_key');
    expect(key).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    expect(res('aws_kms_alias', 'replica_key_alias')).toMatchObject({ name: 'alias/terraform-state' });
    expect(res('aws_s3_bucket_versioning', 'replica_versioning').versioning_configuration.status).toBe('Enabled');
    expect(res('aws_s3_bucket_server_side_encryption_configuration', 'replica_encryption').rule[0]).toEqual({
      apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: ref('aws_kms_key', 'state_replication_replica_key', 'arn') },
      bucket_key_enabled: true,
    });
    expect(res('aws_s3_bucket_public_access_block', 'replica_public_access_block')).toMatchObject({ block_public_acls: true, restrict_public_buckets: true });
    expect(res('aws_s3_bucket_ownership_controls', 'replica_ownership').rule.object_ownership).toBe('BucketOwnerEnforced');
    expect(res('aws_s3_bucket_lifecycle_configuration', 'replica_lifecycle').rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
    expect(res('aws_s3_bucket_logging', 'replica_logging')).toMatchObject({
      target_bucket: ref('aws_s3_bucket', 'state_replication_replica_access_logs_bucket', 'bucket'),
      target_prefix: 'acme-tfstate-replica/',
    });
  });

  test('the replica bucket policy is the state bucket\'s: TLS only, the same principals, no bucket changes by the deploy role', () => {
    const policy = (id: string) => JSON.parse(resources(json, 'aws_s3_bucket_policy')[id].policy).Statement as Statement[];
    const replica = policy('state_replication_replica_policy');
    const source = policy('state_policy');
    const withoutResources = (ss: Statement[]) => ss.map(({ Resource: _r, ...rest }) => rest);
    expect(withoutResources(replica)).toEqual(withoutResources(source));
    expect(replica.find((s) => s.Sid === 'DenyStateAccessToOthers')!.Condition).toEqual({
      ArnNotLike: { 'aws:PrincipalArn': [deployRole, 'arn:aws:iam::123456789012:role/ops'] },
    });
  });

  test('the replica key: the state principals through S3 in us-west-2 only; the replication role encrypts there', () => {
    const statements = JSON.parse(res('aws_kms_key', 'replica_key').policy).Statement as Statement[];
    const sid = (id: string) => statements.find((s) => s.Sid === id)!;
    expect(sid('StatePrincipalsThroughS3').Condition!.StringEquals).toEqual({ 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 's3.us-west-2.amazonaws.com' });
    expect(sid('ReplicationRoleThroughS3')).toMatchObject({
      Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
      Condition: { StringEquals: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' }, ArnLike: { 'aws:PrincipalArn': replicationRole } },
    });
    expect(sid('DenyDeployRoleKeyChanges').Effect).toBe('Deny');
  });

  test('the state key lets the replication role decrypt, through S3 of the state Region only', () => {
    const statements = JSON.parse(resources(json, 'aws_kms_key').state_key.policy).Statement as Statement[];
    expect(statements.find((s) => s.Sid === 'ReplicationRoleThroughS3')).toMatchObject({
      Action: ['kms:Decrypt'],
      Condition: { ArnLike: { 'aws:PrincipalArn': replicationRole } },
    });
  });

  test('replication: whole bucket, delete markers, SSE-KMS objects, re-encrypted with the replica key, after both versionings', () => {
    const replication = res('aws_s3_bucket_replication_configuration', 'configuration');
    expect(replication.bucket).toBe('acme-tfstate');
    expect(replication.role).toBe(ref('aws_iam_role', 'state_replication_role', 'arn'));
    expect(replication.rule).toEqual([
      {
        id: 'state-to-replica-region',
        status: 'Enabled',
        priority: 1,
        filter: {},
        delete_marker_replication: { status: 'Enabled' },
        source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
        destination: {
          bucket: `arn:${PARTITION}:s3:::acme-tfstate-replica`,
          encryption_configuration: { replica_kms_key_id: ref('aws_kms_key', 'state_replication_replica_key', 'arn') },
        },
      },
    ]);
    expect(replication.depends_on).toEqual(
      expect.arrayContaining(['aws_iam_role_policy.state_replication_role_policy', 'aws_s3_bucket_versioning.state_versioning', 'aws_s3_bucket_versioning.state_replication_replica_versioning']),
    );
  });

  test('the role trusts S3 for this account\'s state bucket only', () => {
    expect(JSON.parse(res('aws_iam_role', 'role').assume_role_policy).Statement).toEqual([
      {
        Sid: 'S3ReplicationOfTheStateBucket',
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': ref('aws_s3_bucket', 'state_bucket', 'arn') } },
      },
    ]);
  });

  test('the deploy role reads and writes state in both buckets; the key grant is through S3 in any Region', () => {
    const statements = JSON.parse(resources(json, 'aws_iam_role_policy').deploy_role_policy_terraform_state.policy).Statement as Statement[];
    const buckets = [`arn:${PARTITION}:s3:::acme-tfstate`, `arn:${PARTITION}:s3:::acme-tfstate-replica`];
    for (const bucket of buckets) {
      expect(decide(statements, { action: 's3:ListBucket', resource: bucket })).toBe('Allow');
      expect(decide(statements, { action: 's3:PutObject', resource: `${bucket}/acme/prod/global.tfstate` })).toBe('Allow');
      expect(decide(statements, { action: 's3:PutObject', resource: `${bucket}/other/global.tfstate` })).toBe('ImplicitDeny');
    }
    expect(decide(statements, { action: 'kms:Decrypt', resource: REPLICA_KEY, context: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' } })).toBe('Allow');
  });
});

describe('StateReplica role policy: least privilege', () => {
  const json = synthConstruct((scope) => {
    const west = new AwsProvider(scope, 'west', { region: 'us-west-2', alias: 'us_west_2' });
    const versioning = new S3BucketVersioningA(scope, 'source_versioning', { bucket: 'acme-tfstate', versioningConfiguration: { status: 'Enabled' } });
    new StateReplica(scope, 'replication', {
      provider: west,
      region: 'us-west-2',
      source: { bucketName: 'acme-tfstate', bucketArn: SOURCE, region: 'us-east-1', kmsKeyArn: SOURCE_KEY, versioning },
      bucketName: 'acme-tfstate-replica',
      accessLogBucketName: 'acme-tfstate-replica-logs',
      kmsKeyAlias: 'alias/terraform-state',
      noncurrentVersionExpirationDays: 30,
      access: { deployRoleArn: 'arn:aws:iam::123456789012:role/deploy', operatorArns: [], breakGlassArns: [] },
      roleName: 'acme-state-replication',
      facts: { account: '123456789012', partition: 'aws' } as never,
    });
  });
  const policy = JSON.parse(Object.values(resources(json, 'aws_iam_role_policy'))[0].policy).Statement as Statement[];
  const keyIds = Object.keys(resources(json, 'aws_kms_key'));
  // The replica key is a reference in the stack; the evaluator compares the synthesized string.
  const replicaKey = ref('aws_kms_key', keyIds[0], 'arn');
  const viaS3 = (region: string, bucketArn: string) => ({ 'kms:ViaService': `s3.${region}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': bucketArn });

  test.each([
    ['s3:GetReplicationConfiguration', SOURCE, undefined],
    ['s3:GetObjectVersionForReplication', `${SOURCE}/acme/prod/global.tfstate`, undefined],
    ['s3:ReplicateObject', `${REPLICA}/acme/prod/global.tfstate`, undefined],
    ['s3:ReplicateDelete', `${REPLICA}/acme/prod/global.tfstate.tflock`, undefined],
    ['kms:Decrypt', SOURCE_KEY, viaS3('us-east-1', SOURCE)],
    ['kms:Encrypt', replicaKey, viaS3('us-west-2', REPLICA)],
    ['kms:GenerateDataKey', replicaKey, viaS3('us-west-2', REPLICA)],
  ])('allows %s on %s', (action, resource, context) => {
    expect(decide(policy, { action, resource, context })).toBe('Allow');
  });

  test.each([
    ['reading the replica', 's3:GetObjectVersionForReplication', `${REPLICA}/acme/prod/global.tfstate`, undefined],
    ['replicating into the source', 's3:ReplicateObject', `${SOURCE}/acme/prod/global.tfstate`, undefined],
    ['reading objects as a client', 's3:GetObject', `${SOURCE}/acme/prod/global.tfstate`, undefined],
    ['writing objects as a client', 's3:PutObject', `${REPLICA}/acme/prod/global.tfstate`, undefined],
    ['decrypting outside S3', 'kms:Decrypt', SOURCE_KEY, { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': SOURCE }],
    ['decrypting through S3 of another Region', 'kms:Decrypt', SOURCE_KEY, viaS3('us-west-2', SOURCE)],
    ['decrypting another bucket\'s objects', 'kms:Decrypt', SOURCE_KEY, viaS3('us-east-1', 'arn:aws:s3:::other')],
    ['decrypting with the replica key', 'kms:Decrypt', replicaKey, viaS3('us-west-2', REPLICA)],
    ['encrypting with the source key', 'kms:Encrypt', SOURCE_KEY, viaS3('us-east-1', SOURCE)],
    ['encrypting through S3 of the source Region', 'kms:Encrypt', replicaKey, viaS3('us-east-1', REPLICA)],
  ])('denies %s', (_what, action, resource, context) => {
    expect(decide(policy, { action, resource, context })).not.toBe('Allow');
  });

  test('refuses a replica in the state bucket\'s own Region', () => {
    expect(() =>
      synthConstruct((scope) => {
        const east = new AwsProvider(scope, 'east', { region: 'us-east-1', alias: 'us_east_1' });
        const versioning = new S3BucketVersioningA(scope, 'v', { bucket: 'acme-tfstate', versioningConfiguration: { status: 'Enabled' } });
        new StateReplica(scope, 'replication', {
          provider: east,
          region: 'us-east-1',
          source: { bucketName: 'acme-tfstate', bucketArn: SOURCE, region: 'us-east-1', kmsKeyArn: SOURCE_KEY, versioning },
          bucketName: 'acme-tfstate-replica',
          accessLogBucketName: 'acme-tfstate-replica-logs',
          kmsKeyAlias: 'alias/terraform-state',
          noncurrentVersionExpirationDays: 30,
          access: { deployRoleArn: 'arn:aws:iam::123456789012:role/deploy', operatorArns: [], breakGlassArns: [] },
          roleName: 'acme-state-replication',
          facts: { account: '123456789012', partition: 'aws' } as never,
        });
      }),
    ).toThrow('StateReplica region: received "us-east-1", the state bucket\'s Region; expected another Region (state.replicaRegion)');
  });
});
