import {
  GetBucketEncryptionCommand,
  GetBucketReplicationCommand,
  GetObjectCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import { DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { FoundationConfig } from '../../../src/config/validate';
import { resourceNames, roleArn } from '../../../src/aws/resource-names';
import { stateKey } from '../../../src/stacks/backend';
import { asList, globMatches } from '../../../src/compliance/rule';
import { IamStatement } from '../../../src/compliance/iam-documents';
import { BOOTSTRAP_STACK } from '../../../src/stacks/stack-names';
import { stateReplicaBucketName } from '../../../src/aws/bucket-name';
import { EmulatorAws } from '../aws';
import { Checklist, sameMembers } from '../checklist';
import { DeployedOutputs } from '../outputs';

function statementsOf(policy: string | undefined, what: string): { statements: IamStatement[]; problems: string[] } {
  let parsed: { Statement?: IamStatement | IamStatement[] };
  try {
    parsed = JSON.parse(policy ?? '');
  } catch {
    return { statements: [], problems: [`${what} is not a JSON policy (got ${JSON.stringify(policy ?? null).slice(0, 80)})`] };
  }
  const raw = parsed?.Statement;
  return { statements: raw === undefined ? [] : Array.isArray(raw) ? raw : [raw], problems: [] };
}

/** The state principals, as the bootstrap stack names them: the deploy role, the operators, break-glass. */
export function expectedStatePrincipals(config: FoundationConfig, partition: string, account: string): string[] {
  const deployRole = roleArn(partition, account, resourceNames(config).deployRole);
  return [...new Set([deployRole, ...config.state.operatorArns, ...config.security.cloudTrail.breakGlassArns])];
}

/**
 * What is wrong with a deployed state bucket policy: it must deny object reads, writes and deletes
 * (and their versions) to every principal but `principals`, and deny plain HTTP.
 */
export function stateBucketPolicyProblems(policy: string | undefined, principals: readonly string[]): string[] {
  const read = statementsOf(policy, 'state bucket policy');
  if (read.problems.length) return read.problems;
  const problems: string[] = [];
  const deny = read.statements.find(
    (s) => s.Effect === 'Deny' && ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectVersion', 's3:DeleteObjectVersion'].every((a) => asList(s.Action).includes(a)),
  );
  if (!deny) problems.push('state bucket policy has no Deny of object reads, writes and deletes');
  else {
    const except = asList(deny.Condition?.ArnNotLike?.['aws:PrincipalArn'] ?? deny.Condition?.ArnNotEquals?.['aws:PrincipalArn']);
    if (!sameMembers(except, principals)) {
      problems.push(`state bucket policy exempts ${JSON.stringify(except)} from its object Deny; expected exactly ${JSON.stringify(principals)}`);
    }
  }
  if (!read.statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')) {
    problems.push('state bucket policy does not deny requests without TLS');
  }
  if (read.statements.some((s) => s.Effect === 'Allow')) problems.push('state bucket policy allows something; expected Deny statements only');
  return problems;
}

/** The role S3 replication of the state assumes (bootstrap's `StateReplica`). */
export function stateReplicationRoleArn(config: FoundationConfig, partition: string, account: string): string {
  return roleArn(partition, account, resourceNames(config).stateReplicationRole);
}

/**
 * What is wrong with a deployed state key policy (the state key or its replica's): only `principals`
 * use it, and only through S3 in `region`; besides them, only the replication role, through S3
 * there too, and it must be there (state replication needs it on both keys).
 */
export function stateKeyPolicyProblems(policy: string | undefined, principals: readonly string[], region: string, replicationRoleArn?: string): string[] {
  const read = statementsOf(policy, 'state key policy');
  if (read.problems.length) return read.problems;
  const crypto = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom'];
  const allUses = read.statements.filter((s) => s.Effect === 'Allow' && asList(s.Action).some((pattern) => crypto.some((a) => globMatches(pattern, a, true))));
  const isReplication = (s: IamStatement) => replicationRoleArn !== undefined && sameMembers(asList(s.Condition?.ArnLike?.['aws:PrincipalArn']), [replicationRoleArn]);
  const replication = allUses.filter(isReplication);
  const uses = allUses.filter((s) => !isReplication(s));
  if (replicationRoleArn !== undefined) {
    if (replication.length !== 1) return [`state key policy has ${replication.length} statements for the replication role ${replicationRoleArn}; expected one`];
    const via = replication[0].Condition?.StringEquals?.['kms:ViaService'];
    if (via !== `s3.${region}.amazonaws.com`) return [`state key is usable by the replication role via ${JSON.stringify(via)}; expected only s3.${region}.amazonaws.com`];
  }
  if (uses.length !== 1) return [`state key policy has ${uses.length} statements that allow encrypt or decrypt; expected one, for the state principals through S3`];
  const problems: string[] = [];
  const via = uses[0].Condition?.StringEquals?.['kms:ViaService'];
  if (via !== `s3.${region}.amazonaws.com`) problems.push(`state key is usable via ${JSON.stringify(via)}; expected only s3.${region}.amazonaws.com`);
  const who = asList(uses[0].Condition?.ArnLike?.['aws:PrincipalArn']);
  if (!sameMembers(who, principals)) problems.push(`state key is usable by ${JSON.stringify(who)}; expected exactly ${JSON.stringify(principals)}`);
  return problems;
}

/** Lock files (`<key>.tflock`) left in the state bucket under the key prefix. */
export async function leftoverLocks(aws: EmulatorAws, config: FoundationConfig): Promise<string[]> {
  const listed = await aws.s3(config.state.region).send(new ListObjectsV2Command({ Bucket: config.state.bucket, Prefix: config.state.keyPrefix }));
  return (listed.Contents ?? []).map((o) => o.Key!).filter((k) => k.endsWith('.tflock'));
}

/**
 * Every stack but bootstrap keeps its state under the documented key, and no lock is left behind;
 * the bucket and key policies keep state to its principals, and the bucket logs access to its log bucket.
 */
export async function checkStateDeployed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, stackNames: string[], c: Checklist): Promise<void> {
  const s3 = aws.s3(config.state.region);
  for (const stack of stackNames.filter((s) => s !== BOOTSTRAP_STACK)) {
    const key = stateKey(config.state, stack);
    const head = await s3.send(new HeadObjectCommand({ Bucket: config.state.bucket, Key: key })).catch(() => undefined);
    c.expect(Boolean(head), `state object s3://${config.state.bucket}/${key} exists`);
  }
  c.expect((await leftoverLocks(aws, config)).length === 0, 'no .tflock object is left in the state bucket');

  const keyArn = outputs.bootstrap.get('state_kms_key_arn');
  const [, partition, , , account] = keyArn.split(':');
  const principals = expectedStatePrincipals(config, partition, account);
  const bucketPolicy = await s3.send(new GetBucketPolicyCommand({ Bucket: config.state.bucket })).catch(() => undefined);
  const bucketProblems = stateBucketPolicyProblems(bucketPolicy?.Policy, principals);
  c.expect(bucketProblems.length === 0, `state bucket policy keeps state objects to ${principals.join(', ')}: ${bucketProblems.join('; ')}`);
  const keyPolicy = await aws.kms(config.state.region).send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' })).catch(() => undefined);
  const keyProblems = stateKeyPolicyProblems(keyPolicy?.Policy, principals, config.state.region, stateReplicationRoleArn(config, partition, account));
  c.expect(keyProblems.length === 0, `state key is usable only by the state principals through S3: ${keyProblems.join('; ')}`);

  const logBucket = outputs.bootstrap.get('state_access_log_bucket_name');
  const logging = await s3.send(new GetBucketLoggingCommand({ Bucket: config.state.bucket }));
  c.expect(
    logging.LoggingEnabled?.TargetBucket === logBucket && logging.LoggingEnabled?.TargetPrefix === `${config.state.bucket}/`,
    `state bucket logs access to ${logBucket}/${config.state.bucket}/ (got ${logging.LoggingEnabled?.TargetBucket}/${logging.LoggingEnabled?.TargetPrefix})`,
  );
  const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: logBucket }));
  const sse = encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
  c.expect(sse === 'AES256', `state access-log bucket is SSE-S3 (got ${sse})`);
  await checkStateReplica(aws, config, outputs, stackNames, principals, c);
}

/**
 * The state replica (issue 12 item 1): the replication rule as bootstrap put it, the replica's
 * bucket and key policies as strict as the source's, and every stack's state object in the replica
 * with the source's content and version, encrypted with the replica key (S3 replication; the
 * emulator's is synchronous, so no wait is needed here; against AWS it takes seconds to minutes).
 */
export async function checkStateReplica(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, stackNames: string[], principals: readonly string[], c: Checklist): Promise<void> {
  const replicaBucket = outputs.bootstrap.get('state_replica_bucket_name');
  const replicaRegion = outputs.bootstrap.get('state_replica_region');
  const replicaKeyArn = outputs.bootstrap.get('state_replica_kms_key_arn');
  c.expect(
    replicaBucket === stateReplicaBucketName(config.state.bucket) && replicaRegion === config.state.replicaRegion,
    `state replica is ${stateReplicaBucketName(config.state.bucket)} in ${config.state.replicaRegion} (got ${replicaBucket} in ${replicaRegion})`,
  );
  const [, partition, , , account] = replicaKeyArn.split(':');
  const replicationRole = stateReplicationRoleArn(config, partition, account);
  const source = aws.s3(config.state.region);
  const replica = aws.s3(replicaRegion);

  const rules = (await source.send(new GetBucketReplicationCommand({ Bucket: config.state.bucket })).catch(() => undefined))?.ReplicationConfiguration;
  const rule = rules?.Rules?.[0];
  c.expect(
    rules?.Role === replicationRole &&
      rules?.Rules?.length === 1 &&
      rule?.Status === 'Enabled' &&
      rule?.DeleteMarkerReplication?.Status === 'Enabled' &&
      rule?.SourceSelectionCriteria?.SseKmsEncryptedObjects?.Status === 'Enabled' &&
      rule?.Destination?.Bucket === `arn:${partition}:s3:::${replicaBucket}` &&
      rule?.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID === replicaKeyArn,
    `state bucket replicates everything, delete markers and SSE-KMS objects included, to ${replicaBucket} with its key, as ${replicationRole} (got ${JSON.stringify(rules ?? null).slice(0, 300)})`,
  );

  const bucketPolicy = await replica.send(new GetBucketPolicyCommand({ Bucket: replicaBucket })).catch(() => undefined);
  const bucketProblems = stateBucketPolicyProblems(bucketPolicy?.Policy, principals);
  c.expect(bucketProblems.length === 0, `state replica bucket policy keeps state objects to ${principals.join(', ')}: ${bucketProblems.join('; ')}`);
  const keyPolicy = await aws.kms(replicaRegion).send(new GetKeyPolicyCommand({ KeyId: replicaKeyArn, PolicyName: 'default' })).catch(() => undefined);
  const keyProblems = stateKeyPolicyProblems(keyPolicy?.Policy, principals, replicaRegion, replicationRole);
  c.expect(keyProblems.length === 0, `state replica key is usable only by the state principals and the replication role through S3 in ${replicaRegion}: ${keyProblems.join('; ')}`);
  const logBucket = outputs.bootstrap.get('state_replica_access_log_bucket_name');
  const logging = await replica.send(new GetBucketLoggingCommand({ Bucket: replicaBucket })).catch(() => undefined);
  c.expect(logging?.LoggingEnabled?.TargetBucket === logBucket, `state replica logs access to ${logBucket} (got ${logging?.LoggingEnabled?.TargetBucket})`);

  for (const stack of stackNames.filter((s) => s !== BOOTSTRAP_STACK)) {
    const key = stateKey(config.state, stack);
    const original = await source.send(new GetObjectCommand({ Bucket: config.state.bucket, Key: key })).catch(() => undefined);
    const copy = await replica.send(new GetObjectCommand({ Bucket: replicaBucket, Key: key })).catch(() => undefined);
    const [originalBody, copyBody] = await Promise.all([original?.Body?.transformToString(), copy?.Body?.transformToString()]);
    c.expect(
      originalBody !== undefined && originalBody === copyBody && original?.VersionId === copy?.VersionId,
      `state replica holds ${key} with the source's content and version (source version ${original?.VersionId}, replica ${copy ? copy.VersionId : 'missing'})`,
    );
    c.expect(
      original?.ReplicationStatus === 'COMPLETED' && copy?.ReplicationStatus === 'REPLICA' && copy?.SSEKMSKeyId === replicaKeyArn,
      `${key}: replication COMPLETED at the source, REPLICA in the replica, encrypted with the replica key (got ${original?.ReplicationStatus}, ${copy?.ReplicationStatus}, ${copy?.SSEKMSKeyId})`,
    );
  }
}

/** After destroy: the protected state bucket, its key, its access-log bucket and the replica are kept, and no lock is left behind in either. */
export async function checkStateDestroyed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const s3 = aws.s3(config.state.region);
  const bucket = await s3.send(new HeadBucketCommand({ Bucket: config.state.bucket })).catch(() => undefined);
  c.expect(Boolean(bucket), `protected state bucket ${config.state.bucket} is kept`);
  const logBucket = outputs.bootstrap.get('state_access_log_bucket_name');
  const logs = await s3.send(new HeadBucketCommand({ Bucket: logBucket })).catch(() => undefined);
  c.expect(Boolean(logs), `protected state access-log bucket ${logBucket} is kept`);
  const keyArn = outputs.bootstrap.find('state_kms_key_arn');
  const key = keyArn && (await aws.kms(config.state.region).send(new DescribeKeyCommand({ KeyId: keyArn })).catch(() => undefined));
  c.expect(Boolean(key && key.KeyMetadata?.KeyState === 'Enabled'), 'protected state KMS key is kept and enabled');
  c.expect((await leftoverLocks(aws, config)).length === 0, 'no .tflock object is left in the state bucket');
  const replicaBucket = outputs.bootstrap.find('state_replica_bucket_name');
  const replicaRegion = outputs.bootstrap.find('state_replica_region');
  const replicaKeyArn = outputs.bootstrap.find('state_replica_kms_key_arn');
  if (replicaBucket && replicaRegion) {
    const kept = await aws.s3(replicaRegion).send(new HeadBucketCommand({ Bucket: replicaBucket })).catch(() => undefined);
    c.expect(Boolean(kept), `protected state replica bucket ${replicaBucket} is kept`);
    const replicaKey = replicaKeyArn && (await aws.kms(replicaRegion).send(new DescribeKeyCommand({ KeyId: replicaKeyArn })).catch(() => undefined));
    c.expect(Boolean(replicaKey && replicaKey.KeyMetadata?.KeyState === 'Enabled'), 'protected state replica KMS key is kept and enabled');
    const locks = await aws.s3(replicaRegion).send(new ListObjectsV2Command({ Bucket: replicaBucket, Prefix: config.state.keyPrefix }));
    c.expect(!(locks.Contents ?? []).some((o) => o.Key!.endsWith('.tflock')), 'no .tflock object is left in the state replica (delete markers replicate)');
  } else {
    c.expect(false, 'bootstrap outputs name the state replica (state_replica_bucket_name, state_replica_region)');
  }
}
