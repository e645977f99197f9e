import { Construct } from 'constructs';
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { accountFacts } from '../../src/stacks/account-facts';
import { dataSources, synthStack } from '../helpers/inspect';

function bareStack(id = 'facts'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  return stack;
}

describe('accountFacts', () => {
  const stack = bareStack();
  const nested = new Construct(new Construct(stack, 'outer'), 'inner');
  const first = accountFacts(stack);
  const second = accountFacts(nested);
  new TerraformOutput(stack, 'account_out', { value: first.account });
  new TerraformOutput(stack, 'partition_out', { value: second.partition });
  const json = synthStack(stack);

  test('reads the account id and partition once per stack, wherever in the stack it is asked', () => {
    expect(second).toBe(first);
    expect(Object.keys(dataSources(json, 'aws_caller_identity'))).toHaveLength(1);
    expect(Object.keys(dataSources(json, 'aws_partition'))).toHaveLength(1);
  });

  test('the data sources sit at the stack root, with the stack\'s default provider', () => {
    const [[identityId, identity]] = Object.entries(dataSources(json, 'aws_caller_identity'));
    const [[partitionId, partition]] = Object.entries(dataSources(json, 'aws_partition'));
    expect(identity.provider).toBeUndefined();
    expect(partition.provider).toBeUndefined();
    expect(json.output!.account_out.value).toBe(`\${data.aws_caller_identity.${identityId}.account_id}`);
    expect(json.output!.partition_out.value).toBe(`\${data.aws_partition.${partitionId}.partition}`);
    expect(identityId).toBe('account');
    expect(partitionId).toBe('partition');
  });

  test('another stack gets its own data sources, never a reference across stacks', () => {
    const other = bareStack('other');
    const facts = accountFacts(other);
    expect(facts).not.toBe(first);
    new TerraformOutput(other, 'account_out', { value: facts.account });
    const otherJson = synthStack(other);
    expect(Object.keys(dataSources(otherJson, 'aws_caller_identity'))).toHaveLength(1);
    expect(otherJson.output!.account_out.value).toBe('${data.aws_caller_identity.account.account_id}');
  });
});
