import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { MultiRegionKey, MultiRegionKeyProps } from '../../../src/constructs/security/multi-region-key';
import { KEY_ADMIN_ACTIONS, KEY_USER_ACTIONS } from '../../../src/aws/kms-key-policy';
import { accountFacts } from '../../../src/stacks/account-facts';
import { resources, synthConstruct } from '../../helpers/synth';
import {
  asList,
  dataRef,
  KMS_KEY_ADMIN_SID,
  only,
  overlyBroadAllows,
  PolicyDocument,
  policyDocuments,
  policyFixture,
  ref,
  statementBySid,
  wildcardPrincipalAllows,
} from '../../helpers/inspect';

const PRIMARY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef';
const ADMIN = 'arn:aws:iam::123456789012:role/key-admins';
const USER = 'arn:aws:iam::123456789012:role/app';
const READER = 'arn:aws:iam::123456789012:role/security-audit';

function synthKey(props: Omit<MultiRegionKeyProps, 'facts'>) {
  return synthConstruct((scope) => {
    const key = new MultiRegionKey(scope, 'kms', { ...props, facts: accountFacts(scope) });
    new TerraformOutput(scope, 'key_arn', { value: key.keyArn });
    new TerraformOutput(scope, 'key_id', { value: key.keyId });
  });
}

describe('MultiRegionKey as the primary (no primaryKeyArn)', () => {
  const stack = synthKey({ alias: 'alias/acme' });
  const [keyId, key] = only(stack, 'aws_kms_key');
  const policy: PolicyDocument = JSON.parse(key.policy);
  const root = `arn:${dataRef(stack, 'aws_partition', 'partition')}:iam::${dataRef(stack, 'aws_caller_identity', 'account_id')}:root`;

  test('is a multi-Region primary key and no replica', () => {
    expect(key.multi_region).toBe(true);
    expect(resources(stack, 'aws_kms_replica_key')).toEqual({});
  });

  test('rotates automatically, waits 30 days before deletion and cannot be destroyed by Terraform', () => {
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  });

  test('has a description and is a symmetric encryption key (the only kind that rotates and replicates here)', () => {
    expect(key.description).toMatch(/multi-Region/);
    expect(key.customer_master_key_spec).toBeUndefined();
    expect(key.key_usage).toBeUndefined();
  });

  test('the alias points at this key', () => {
    expect(only(stack, 'aws_kms_alias')[1]).toEqual({ name: 'alias/acme', target_key_id: ref('aws_kms_key', keyId, 'key_id') });
  });

  test('keyArn and keyId are the key\'s attributes', () => {
    expect(stack.output!.key_arn.value).toBe(ref('aws_kms_key', keyId, 'arn'));
    expect(stack.output!.key_id.value).toBe(ref('aws_kms_key', keyId, 'key_id'));
  });

  test('administrators default to the account root of the provider, with admin actions only', () => {
    expect(statementBySid(policy, KMS_KEY_ADMIN_SID)).toEqual({ Sid: KMS_KEY_ADMIN_SID, Effect: 'Allow', Principal: { AWS: [root] }, Action: KEY_ADMIN_ACTIONS, Resource: '*' });
  });

  test('no key users and no S3 readers unless given', () => {
    const sids = policy.Statement.map((s) => s.Sid);
    expect(sids).not.toContain('KeyUsers');
    expect(sids).not.toContain('LogReadersDecryptThroughS3');
  });

  test('the service statements name this key\'s own Region', () => {
    expect(statementBySid(policy, 'SecretsManagerForPrincipalsOfThisAccount').Condition!.StringEquals['kms:ViaService']).toBe(
      `secretsmanager.${dataRef(stack, 'aws_region', 'name')}.amazonaws.com`,
    );
  });

  test('without services no AWS service but Secrets Manager may use the key', () => {
    expect(policy.Statement.map((s) => s.Sid)).toEqual([KMS_KEY_ADMIN_SID, 'SecretsManagerForPrincipalsOfThisAccount']);
  });

  test('the services given reach the key policy, log groups in this key\'s own Region', () => {
    const withServices = synthKey({ alias: 'alias/acme', services: { logGroupNames: ['/acme/vpc-flow-logs/*'], configDelivery: true } });
    const document: PolicyDocument = JSON.parse(only(withServices, 'aws_kms_key')[1].policy);
    expect(document.Statement.map((s) => s.Sid)).toEqual([KMS_KEY_ADMIN_SID, 'CloudWatchLogsEncryptsOurLogGroups', 'ConfigEncryptsDeliveriesOfThisAccount', 'SecretsManagerForPrincipalsOfThisAccount']);
    expect(statementBySid(document, 'CloudWatchLogsEncryptsOurLogGroups').Principal).toEqual({ Service: `logs.${dataRef(withServices, 'aws_region', 'name')}.amazonaws.com` });
  });

  test('the key policy parses, with no wildcard admin and no wildcard principal', () => {
    expect(policyDocuments(stack).map((d) => d.address)).toEqual([`aws_kms_key.${keyId}`]);
    expect(overlyBroadAllows(policy)).toEqual([]);
    expect(wildcardPrincipalAllows(policy)).toEqual([]);
  });

  test('passes every foundation policy rule', () => {
    expect(policyFixture((scope) => new MultiRegionKey(scope, 'kms', { alias: 'alias/acme', facts: accountFacts(scope) })).violations()).toEqual([]);
  });
});

describe('MultiRegionKey as a replica (primaryKeyArn set)', () => {
  const stack = synthKey({ alias: 'alias/acme', primaryKeyArn: PRIMARY_ARN });
  const [replicaId, replica] = only(stack, 'aws_kms_replica_key');

  test('is a replica of the given primary and creates no key of its own', () => {
    expect(replica.primary_key_arn).toBe(PRIMARY_ARN);
    expect(resources(stack, 'aws_kms_key')).toEqual({});
  });

  test('waits 30 days before deletion and cannot be destroyed by Terraform', () => {
    expect(replica).toMatchObject({ deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  });

  test('has no rotation or multi-Region setting of its own: it follows the primary', () => {
    expect(replica.enable_key_rotation).toBeUndefined();
    expect(replica.multi_region).toBeUndefined();
  });

  test('carries the same alias, pointing at the replica', () => {
    expect(only(stack, 'aws_kms_alias')[1]).toEqual({ name: 'alias/acme', target_key_id: ref('aws_kms_replica_key', replicaId, 'key_id') });
  });

  test('keyArn and keyId are the replica\'s attributes', () => {
    expect(stack.output!.key_arn.value).toBe(ref('aws_kms_replica_key', replicaId, 'arn'));
    expect(stack.output!.key_id.value).toBe(ref('aws_kms_replica_key', replicaId, 'key_id'));
  });

  test('has the same key policy as a primary built with the same props (here: the default admin)', () => {
    const primary = only(synthKey({ alias: 'alias/acme' }), 'aws_kms_key')[1];
    expect(JSON.parse(replica.policy)).toEqual(JSON.parse(primary.policy));
  });

  test('passes every foundation policy rule', () => {
    expect(policyFixture((scope) => new MultiRegionKey(scope, 'kms', { alias: 'alias/acme', primaryKeyArn: PRIMARY_ARN, facts: accountFacts(scope) })).violations()).toEqual([]);
  });
});

describe('MultiRegionKey with administrators, users and S3 readers', () => {
  const stack = synthKey({ alias: 'alias/team/shared-key', administratorArns: [ADMIN], userArns: [USER], s3ReaderArns: [READER] });
  const policy: PolicyDocument = JSON.parse(only(stack, 'aws_kms_key')[1].policy);
  const admin = statementBySid(policy, KMS_KEY_ADMIN_SID);
  const users = statementBySid(policy, 'KeyUsers');

  test('administrators replace the account root and get admin actions only', () => {
    expect(admin.Principal).toEqual({ AWS: [ADMIN] });
    expect(admin.Action).toEqual(KEY_ADMIN_ACTIONS);
    expect(JSON.stringify(admin)).not.toMatch(/:root/);
  });

  test('users get the use actions only, in their own statement', () => {
    expect(users.Principal).toEqual({ AWS: [USER] });
    expect(users.Action).toEqual(KEY_USER_ACTIONS);
    expect(asList(admin.Action).filter((a) => asList(users.Action).includes(a))).toEqual([]);
  });

  test('S3 readers may decrypt through S3 only', () => {
    expect(statementBySid(policy, 'LogReadersDecryptThroughS3')).toMatchObject({ Principal: { AWS: [READER] }, Action: ['kms:Decrypt', 'kms:DescribeKey'] });
  });

  test('an alias with "/" in its name is accepted', () => {
    expect(only(stack, 'aws_kms_alias')[1].name).toBe('alias/team/shared-key');
  });

  test('an empty administrator list falls back to the account root', () => {
    const fallback: PolicyDocument = JSON.parse(only(synthKey({ alias: 'alias/acme', administratorArns: [] }), 'aws_kms_key')[1].policy);
    expect(asList(statementBySid(fallback, KMS_KEY_ADMIN_SID).Principal.AWS)).toEqual([expect.stringMatching(/^arn:\$\{data\.aws_partition\.[^}]+\}:iam::\$\{data\.aws_caller_identity\.[^}]+\}:root$/)]);
  });
});

describe('MultiRegionKey rejects a bad alias with the value received and what is allowed', () => {
  const attempt = (alias: string) => () => {
    const stack = new TerraformStack(Testing.app(), 'bad');
    return new MultiRegionKey(stack, 'kms', { alias, facts: accountFacts(stack) });
  };

  test.each(['acme', 'alias/', 'alias/has space', 'alias/acme.key', 'ALIAS/acme'])('%j', (alias) => {
    expect(attempt(alias)).toThrow(`MultiRegionKey alias: received "${alias}"; expected "alias/<name>" not under alias/aws/`);
  });

  test('an alias under alias/aws/, which AWS reserves for its own keys', () => {
    expect(attempt('alias/aws/acme')).toThrow('MultiRegionKey alias: received "alias/aws/acme"; expected "alias/<name>" not under alias/aws/');
  });
});
