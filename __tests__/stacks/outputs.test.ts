import { Construct } from 'constructs';
import { namedOutput, writeOutputs } from '../../src/stacks/outputs';
import { BOOTSTRAP_OUTPUTS } from '../../src/stacks/contracts/bootstrap-outputs';
import { GLOBAL_REPLICATION_OUTPUTS } from '../../src/stacks/contracts/global-replication-outputs';
import { synthApp, synthConstruct, testConfig } from '../helpers/synth';

describe('namedOutput', () => {
  const stack = synthConstruct((scope) => {
    const deep = new Construct(new Construct(scope, 'network'), 'vpc');
    namedOutput(deep, 'vpc_id', 'vpc-123', 'VPC id');
    namedOutput(scope, 'subnet_ids', ['a', 'b'], 'Subnet ids');
  });

  test('keeps exactly the given name wherever it sits in the construct tree', () => {
    expect(Object.keys(stack.output!).sort()).toEqual(['subnet_ids', 'vpc_id']);
  });

  test('carries value and description', () => {
    expect(stack.output!.vpc_id).toEqual({ value: 'vpc-123', description: 'VPC id' });
    expect(stack.output!.subnet_ids).toEqual({ value: ['a', 'b'], description: 'Subnet ids' });
  });
});

describe('writeOutputs', () => {
  const bootstrap = {
    state_bucket_name: 'b',
    state_bucket_arn: 'arn:aws:s3:::b',
    state_kms_key_arn: 'arn:aws:kms:us-east-1:1:key/k',
    deploy_role_arn: 'arn:aws:iam::1:role/d',
    security_audit_role_arn: 'arn:aws:iam::1:role/a',
    state_access_log_bucket_name: 'b-access-logs',
    state_replica_bucket_name: 'b-replica',
    state_replica_region: 'eu-west-1',
    state_replica_kms_key_arn: 'arn:aws:kms:eu-west-1:1:key/k',
    state_replica_access_log_bucket_name: 'b-replica-logs',
  };
  const stack = synthConstruct((scope) => {
    writeOutputs(scope, BOOTSTRAP_OUTPUTS, bootstrap, { state_bucket_arn: 'a note' });
    writeOutputs(new Construct(scope, 'replication'), GLOBAL_REPLICATION_OUTPUTS, { secret_arns: { app: 'arn:secret' }, directory_id: 'd-1' });
  });

  test('writes every given output under its declared name with its declared description', () => {
    expect(stack.output!.state_bucket_name).toEqual({ value: 'b', description: BOOTSTRAP_OUTPUTS.state_bucket_name.description });
    expect(stack.output!.secret_arns).toEqual({ value: { app: 'arn:secret' }, description: GLOBAL_REPLICATION_OUTPUTS.secret_arns.description });
  });

  test('a note is appended to the declared description in parentheses', () => {
    expect(stack.output!.state_bucket_arn.description).toBe(`${BOOTSTRAP_OUTPUTS.state_bucket_arn.description} (a note)`);
  });

  test('a conditional output that is not given is not written', () => {
    expect(stack.output!.directory_id.value).toBe('d-1');
    expect(stack.output!.security_hub_aggregation_region).toBeUndefined();
  });

  test('a misspelled output name is a compile error, and refused at run time too', () => {
    const write = () =>
      synthConstruct((scope) =>
        writeOutputs(scope, BOOTSTRAP_OUTPUTS, {
          ...bootstrap,
          // @ts-expect-error: "state_bucket_nmae" is not declared in BOOTSTRAP_OUTPUTS
          state_bucket_nmae: 'x',
        }),
      );
    expect(write).toThrow('Outputs state_bucket_nmae are not declared; declared: state_bucket_name, state_bucket_arn, state_kms_key_arn');
  });

  test('a missing always-written output is a compile error, and refused at run time too', () => {
    const { state_kms_key_arn: _left, ...partial } = bootstrap;
    // @ts-expect-error: state_kms_key_arn is always written
    const write = () => synthConstruct((scope) => writeOutputs(scope, BOOTSTRAP_OUTPUTS, partial));
    expect(write).toThrow('Output "state_kms_key_arn" is declared as always written, but no value was given');
  });

  test('a value of the wrong kind is a compile error', () => {
    const json = synthConstruct((scope) =>
      writeOutputs(scope, GLOBAL_REPLICATION_OUTPUTS, {
        // @ts-expect-error: secret_arns is declared as a map
        secret_arns: 'arn:secret',
      }),
    );
    expect(json.output!.secret_arns.value).toBe('arn:secret');
  });
});

describe('outputs of the whole app', () => {
  const stacks = synthApp(testConfig());

  test('every output of every stack has a snake_case name and a description', () => {
    for (const stack of Object.values(stacks)) {
      for (const [name, output] of Object.entries(stack.output ?? {})) {
        expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(typeof output.description).toBe('string');
        expect(output.description!.length).toBeGreaterThan(5);
      }
    }
  });

  test('each stack exports its documented outputs', () => {
    expect(Object.keys(stacks.bootstrap.output!).sort()).toEqual([
      'deploy_role_arn',
      'security_audit_role_arn',
      'state_access_log_bucket_name',
      'state_bucket_arn',
      'state_bucket_name',
      'state_kms_key_arn',
      'state_replica_access_log_bucket_name',
      'state_replica_bucket_name',
      'state_replica_kms_key_arn',
      'state_replica_region',
    ]);
    expect(Object.keys(stacks.global.output!).sort()).toEqual([
      'access_log_bucket_name',
      'audit_alert_topic_arn',
      'audit_log_bucket_name',
      'cloudtrail_arn',
      'config_bucket_name',
      'config_service_linked_role_arn',
      'dlm_role_arn',
      'flow_logs_role_arn',
      'image_builder_service_linked_role_arn',
      'kms_key_alias',
      'kms_key_id',
      'kms_primary_key_arn',
    ]);
    expect(Object.keys(stacks['global-network'].output!)).toEqual(['transit_gateway_peering_attachment_ids']);
    expect(Object.keys(stacks['global-replication'].output!).sort()).toEqual(['secret_arns', 'security_hub_aggregation_region']);
    expect(Object.keys(stacks['global-compute'].output!).sort()).toEqual(['dlm_policy_ids', 'ecr_repository_urls', 'golden_ami_distribution_regions', 'golden_ami_pipeline_arn']);
  });
});
