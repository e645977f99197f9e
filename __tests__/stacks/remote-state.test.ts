import { Fn, Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { StackState } from '../../src/stacks/remote-state';
import { REGION_OUTPUTS } from '../../src/stacks/contracts/region-outputs';
import { GLOBAL_REPLICATION_OUTPUTS } from '../../src/stacks/contracts/global-replication-outputs';
import { testConfig } from '../helpers/synth';
import { synthStack } from '../helpers/inspect';

describe('StackState', () => {
  const stack = new TerraformStack(Testing.app(), 'reader');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const state = testConfig().state;
  const region = new StackState(stack, state, 'region-eu-west-1', REGION_OUTPUTS);
  const replication = new StackState(stack, state, 'global-replication', GLOBAL_REPLICATION_OUTPUTS);

  // Compile-time half of the contract: these lines only type-check with the declared kinds.
  const vpcId: string = region.get('vpc_id');
  const routeTables: string[] = region.get('private_route_table_ids');
  const secrets: Record<string, string> = replication.get('secret_arns');
  new TerraformOutput(stack, 'vpc', { value: vpcId });
  new TerraformOutput(stack, 'first_table', { value: Fn.element(routeTables, 0) });
  new TerraformOutput(stack, 'secrets', { value: secrets });
  const json = synthStack(stack);

  test('reads the stack\'s state object by the stack name', () => {
    expect(json.data!.terraform_remote_state['region-eu-west-1'].config.key).toBe('example/prod/region-eu-west-1.tfstate');
  });

  test('each declared kind reads as a Terraform reference to that output', () => {
    expect(json.output!.vpc.value).toBe('${data.terraform_remote_state.region-eu-west-1.outputs.vpc_id}');
    expect(json.output!.first_table.value).toBe('${element(data.terraform_remote_state.region-eu-west-1.outputs.private_route_table_ids, 0)}');
    expect(json.output!.secrets.value).toBe('${data.terraform_remote_state.global-replication.outputs.secret_arns}');
  });

  test('a misspelled output name is a compile error, and refused at run time too', () => {
    // @ts-expect-error: "vpc_idd" is not declared in REGION_OUTPUTS
    expect(() => region.get('vpc_idd')).toThrow('Stack region-eu-west-1 declares no output "vpc_idd"; declared: region, vpc_id,');
  });

  test('a value is typed by its declared kind', () => {
    // @ts-expect-error: vpc_id is declared as a string, not a list
    const wrong: string[] = region.get('vpc_id');
    expect(typeof wrong).toBe('string');
  });
});
