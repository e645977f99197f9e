import { Construct } from 'constructs';
import { StaticContentReplication, StaticContentReplicationProps, replicationRoleStatements } from '../../../src/constructs/edge/static-content-replication';
import { staticReplicationRoleName } from '../../../src/constructs/edge/static-content-names';
import { synthConstruct } from '../../helpers/synth';
import { only, policyFixture, ref } from '../../helpers/inspect';
import { decide } from '../../helpers/iam-evaluator';

const SOURCE = { bucketName: 'acme-static-us-east-1-123456789012', bucketArn: 'arn:aws:s3:::acme-static-us-east-1-123456789012', region: 'us-east-1', kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1' };
const DEST = { bucketName: 'acme-static-eu-west-1-123456789012', bucketArn: 'arn:aws:s3:::acme-static-eu-west-1-123456789012', region: 'eu-west-1', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/mrk-1' };
const BASE: StaticContentReplicationProps = { source: SOURCE, destination: DEST, roleName: staticReplicationRoleName('acme'), account: '123456789012' };
const build = (props: Partial<StaticContentReplicationProps> = {}) => (scope: Construct) => new StaticContentReplication(scope, 'replication', { ...BASE, ...props });

describe('StaticContentReplication', () => {
  const stack = synthConstruct(build());
  const [roleId, role] = only(stack, 'aws_iam_role');
  const [, configuration] = only(stack, 'aws_s3_bucket_replication_configuration');

  test('the role <project>-static-replication, trusted by S3 for this account\'s source bucket only', () => {
    expect(role.name).toBe('acme-static-replication');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      {
        Sid: 'S3ReplicationOfTheStaticBucket',
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': SOURCE.bucketArn } },
      },
    ]);
  });

  test('every object, SSE-KMS ones included, re-encrypted with the failover key, delete markers too', () => {
    expect(configuration.bucket).toBe(SOURCE.bucketName);
    expect(configuration.role).toBe(ref('aws_iam_role', roleId, 'arn'));
    expect(configuration.rule).toEqual([
      {
        id: 'static-content-to-failover',
        status: 'Enabled',
        priority: 1,
        filter: {},
        delete_marker_replication: { status: 'Enabled' },
        source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
        destination: { bucket: DEST.bucketArn, encryption_configuration: { replica_kms_key_id: DEST.kmsKeyArn } },
      },
    ]);
    expect(configuration.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\./)]);
  });

  describe('least privilege', () => {
    const statements = replicationRoleStatements(SOURCE, DEST);
    const s3Src = { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': SOURCE.bucketArn };
    const s3Dest = { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': `${DEST.bucketArn}/index.html` };
    test('reads versions of the source, replicates into the destination, nothing the other way', () => {
      expect(decide(statements, { action: 's3:GetObjectVersionForReplication', resource: `${SOURCE.bucketArn}/index.html` })).toBe('Allow');
      expect(decide(statements, { action: 's3:GetReplicationConfiguration', resource: SOURCE.bucketArn })).toBe('Allow');
      expect(decide(statements, { action: 's3:ReplicateObject', resource: `${DEST.bucketArn}/index.html` })).toBe('Allow');
      expect(decide(statements, { action: 's3:ReplicateDelete', resource: `${DEST.bucketArn}/index.html` })).toBe('Allow');
      expect(decide(statements, { action: 's3:ReplicateObject', resource: `${SOURCE.bucketArn}/index.html` })).toBe('ImplicitDeny');
      expect(decide(statements, { action: 's3:GetObjectVersionForReplication', resource: `${DEST.bucketArn}/index.html` })).toBe('ImplicitDeny');
      expect(decide(statements, { action: 's3:GetObject', resource: `${SOURCE.bucketArn}/index.html` })).toBe('ImplicitDeny');
    });
    test('decrypts with the source key and encrypts with the destination key, each only through S3 of its Region for its bucket', () => {
      expect(decide(statements, { action: 'kms:Decrypt', resource: SOURCE.kmsKeyArn, context: s3Src })).toBe('Allow');
      expect(decide(statements, { action: 'kms:Encrypt', resource: DEST.kmsKeyArn, context: s3Dest })).toBe('Allow');
      expect(decide(statements, { action: 'kms:GenerateDataKey', resource: DEST.kmsKeyArn, context: { ...s3Dest, 'kms:EncryptionContext:aws:s3:arn': DEST.bucketArn } })).toBe('Allow');
      expect(decide(statements, { action: 'kms:Decrypt', resource: SOURCE.kmsKeyArn, context: { ...s3Src, 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } })).toBe('ImplicitDeny');
      expect(decide(statements, { action: 'kms:Decrypt', resource: SOURCE.kmsKeyArn, context: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::other/x' } })).toBe('ImplicitDeny');
      expect(decide(statements, { action: 'kms:Decrypt', resource: DEST.kmsKeyArn, context: s3Dest })).toBe('ImplicitDeny');
      expect(decide(statements, { action: 'kms:Encrypt', resource: SOURCE.kmsKeyArn, context: s3Src })).toBe('ImplicitDeny');
    });
  });

  test('passes every compliance rule', () => {
    expect(policyFixture(build({ permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/acme-boundary' })).violations()).toEqual([]);
  });

  describe('clear errors', () => {
    const attempt = (props: Partial<StaticContentReplicationProps>) => () => synthConstruct(build(props));
    test('a destination in the source Region', () => {
      expect(attempt({ destination: { ...DEST, region: 'us-east-1', kmsKeyArn: SOURCE.kmsKeyArn } })).toThrow('StaticContentReplication replication destination.region: received "us-east-1", the source\'s Region; expected another Region (the failover Region)');
    });
    test('a destination key of the source Region', () => {
      expect(attempt({ destination: { ...DEST, kmsKeyArn: SOURCE.kmsKeyArn } })).toThrow('destination.kmsKeyArn: received "arn:aws:kms:us-east-1:123456789012:key/mrk-1"; a key of us-east-1; expected a key in eu-west-1');
    });
  });
});
