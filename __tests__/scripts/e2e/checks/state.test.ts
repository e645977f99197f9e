import { Testing } from 'cdktf';
import { BootstrapStack } from '../../../../src/stacks/bootstrap-stack';
import { tlsOnlyBucketPolicy } from '../../../../src/aws/policy-documents';
import { expectedStatePrincipals, stateBucketPolicyProblems, stateKeyPolicyProblems, stateReplicationRoleArn } from '../../../../scripts/e2e/checks/state';
import { synthStack } from '../../../helpers/inspect';
import { testConfig } from '../../../helpers/synth';

const ACCOUNT = '123456789012';
const OPERATOR = 'arn:aws:iam::123456789012:role/platform-admins';
const BREAK_GLASS = 'arn:aws:iam::123456789012:role/break-glass';

const withoutReplicationStatement = (policy: string) =>
  JSON.stringify({ Statement: JSON.parse(policy).Statement.filter((st: { Sid: string }) => st.Sid !== 'ReplicationRoleThroughS3') });

/** A policy of the bootstrap stack as AWS returns it once Terraform has resolved its references. */
function deployed(policy: string, region: string, bucket: string): string {
  return policy
    .replace(/\$\{data\.aws_partition\.partition\.partition\}/g, 'aws')
    .replace(/\$\{data\.aws_caller_identity\.account\.account_id\}/g, ACCOUNT)
    .replace(/\$\{data\.aws_region\.state_region\.name\}/g, region)
    .replace(/\$\{aws_s3_bucket\.state_bucket\.arn\}/g, `arn:aws:s3:::${bucket}`)
    .replace(/\$\{aws_s3_bucket\.state_replication_replica_bucket\.arn\}/g, `arn:aws:s3:::${bucket}-replica`);
}

describe('e2e state checks: reading back the state bucket and key policies', () => {
  const config = testConfig({
    state: { bucket: 'acme-tfstate', region: 'eu-west-1', keyPrefix: 'acme/prod', operatorArns: [OPERATOR] },
    security: { cloudTrail: { breakGlassArns: [BREAK_GLASS] } },
  });
  const json = synthStack(new BootstrapStack(Testing.app(), config));
  const bucketPolicy = deployed(json.resource!.aws_s3_bucket_policy.state_policy.policy, 'eu-west-1', 'acme-tfstate');
  const keyPolicy = deployed(json.resource!.aws_kms_key.state_key.policy, 'eu-west-1', 'acme-tfstate');
  const principals = expectedStatePrincipals(config, 'aws', ACCOUNT);
  const replication = stateReplicationRoleArn(config, 'aws', ACCOUNT);
  const replicaBucketPolicy = deployed(json.resource!.aws_s3_bucket_policy.state_replication_replica_policy.policy, 'eu-west-1', 'acme-tfstate');
  const replicaKeyPolicy = deployed(json.resource!.aws_kms_key.state_replication_replica_key.policy, 'eu-west-1', 'acme-tfstate');

  test('the expected principals are the deploy role, the operators and break-glass', () => {
    expect(principals).toEqual([`arn:aws:iam::${ACCOUNT}:role/multi-region-deploy`, OPERATOR, BREAK_GLASS]);
  });

  test('the policies bootstrap deploys pass', () => {
    expect(stateBucketPolicyProblems(bucketPolicy, principals)).toEqual([]);
    expect(stateKeyPolicyProblems(keyPolicy, principals, 'eu-west-1', replication)).toEqual([]);
    expect(replication).toBe(`arn:aws:iam::${ACCOUNT}:role/multi-region-state-replication`);
  });

  test('the replica\'s policies pass, in the replica Region only; the replication role must be on each key', () => {
    expect(config.state.replicaRegion).toBe('us-east-1');
    expect(stateBucketPolicyProblems(replicaBucketPolicy, principals)).toEqual([]);
    expect(stateKeyPolicyProblems(replicaKeyPolicy, principals, 'us-east-1', replication)).toEqual([]);
    expect(stateKeyPolicyProblems(replicaKeyPolicy, principals, 'eu-west-1', replication)).toEqual([
      'state key is usable by the replication role via "s3.us-east-1.amazonaws.com"; expected only s3.eu-west-1.amazonaws.com',
    ]);
    const withoutReplication = JSON.stringify({ Statement: JSON.parse(keyPolicy).Statement.filter((st: { Sid: string }) => st.Sid !== 'ReplicationRoleThroughS3') });
    expect(stateKeyPolicyProblems(withoutReplication, principals, 'eu-west-1', replication)).toEqual([
      `state key policy has 0 statements for the replication role ${replication}; expected one`,
    ]);
    // Without the role to expect, its statement is one more user of the key.
    expect(stateKeyPolicyProblems(keyPolicy, principals, 'eu-west-1')).toEqual([
      'state key policy has 2 statements that allow encrypt or decrypt; expected one, for the state principals through S3',
    ]);
  });

  test('a TLS-only bucket policy (the policy before object access was restricted) fails', () => {
    expect(stateBucketPolicyProblems(tlsOnlyBucketPolicy('arn:aws:s3:::acme-tfstate'), principals)).toEqual([
      'state bucket policy has no Deny of object reads, writes and deletes',
    ]);
  });

  test('a bucket policy that exempts another principal, or none of the operators, fails', () => {
    const widened = bucketPolicy.replace(OPERATOR, 'arn:aws:iam::123456789012:role/anyone');
    expect(stateBucketPolicyProblems(widened, principals)).toEqual([
      expect.stringMatching(/^state bucket policy exempts .*role\/anyone.* from its object Deny; expected exactly /),
    ]);
  });

  test('a key policy usable outside S3, by other principals, or not JSON fails', () => {
    expect(stateKeyPolicyProblems(withoutReplicationStatement(keyPolicy), principals, 'us-east-1')).toEqual(['state key is usable via "s3.eu-west-1.amazonaws.com"; expected only s3.us-east-1.amazonaws.com']);
    expect(stateKeyPolicyProblems(keyPolicy, principals.slice(0, 1), 'eu-west-1', replication)).toEqual([expect.stringMatching(/^state key is usable by .*; expected exactly /)]);
    const rootKmsAll = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] });
    expect(stateKeyPolicyProblems(rootKmsAll, principals, 'eu-west-1')).toEqual([
      'state key is usable via undefined; expected only s3.eu-west-1.amazonaws.com',
      expect.stringMatching(/^state key is usable by \[\]; expected exactly /),
    ]);
    const twoUsers = JSON.stringify({ Statement: [JSON.parse(keyPolicy).Statement[1], { Effect: 'Allow', Principal: { AWS: OPERATOR }, Action: 'kms:Decrypt', Resource: '*' }] });
    expect(stateKeyPolicyProblems(twoUsers, principals, 'eu-west-1')).toEqual([
      'state key policy has 2 statements that allow encrypt or decrypt; expected one, for the state principals through S3',
    ]);
    expect(stateBucketPolicyProblems(undefined, principals)).toEqual(['state bucket policy is not a JSON policy (got null)']);
  });
});
