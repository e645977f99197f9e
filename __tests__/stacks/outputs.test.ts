import { Construct } from 'constructs';
import { namedOutput } from '../../src/stacks/outputs';
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
    expect(Object.keys(stacks.bootstrap.output!).sort()).toEqual(['state_bucket_arn', 'state_bucket_name', 'state_kms_key_arn']);
    expect(Object.keys(stacks.global.output!).sort()).toEqual([
      'access_log_bucket_name',
      'audit_log_bucket_name',
      'cloudtrail_arn',
      'deploy_role_arn',
      'flow_logs_role_arn',
      'kms_key_alias',
      'kms_key_id',
      'kms_primary_key_arn',
      'security_audit_role_arn',
    ]);
    expect(Object.keys(stacks['global-network'].output!)).toEqual(['transit_gateway_peering_attachment_ids']);
    expect(Object.keys(stacks['global-replication'].output!).sort()).toEqual(['secret_arns', 'security_hub_aggregation_region']);
  });
});
