import { Construct } from 'constructs';
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { accountFacts } from '../../src/stacks/account-facts';
import { dataSources, synthStack } from '../helpers/inspect';
import { synthApp, testConfig } from '../helpers/synth';

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

describe('accountFacts reads lazily, through one provider per stack', () => {
  test('no data source until a fact is read, and only the one read', () => {
    const stack = bareStack('lazy');
    const facts = accountFacts(stack);
    new TerraformOutput(stack, 'partition_out', { value: facts.partition });
    const json = synthStack(stack);
    expect(Object.keys(dataSources(json, 'aws_partition'))).toEqual(['partition']);
    expect(dataSources(json, 'aws_caller_identity')).toEqual({});
  });

  test('a given provider reads both facts; asking again with another provider is refused', () => {
    const stack = bareStack('aliased');
    const west = new AwsProvider(stack, 'aws_us_west_2', { region: 'us-west-2', alias: 'us_west_2' });
    const facts = accountFacts(stack, west);
    new TerraformOutput(stack, 'account_out', { value: facts.account });
    new TerraformOutput(stack, 'partition_out', { value: facts.partition });
    expect(accountFacts(stack)).toBe(facts);
    const json = synthStack(stack);
    expect(dataSources(json, 'aws_caller_identity').account.provider).toBe('aws.us_west_2');
    expect(dataSources(json, 'aws_partition').partition.provider).toBe('aws.us_west_2');
    const east = new AwsProvider(stack, 'aws_us_east_1', { region: 'us-east-1', alias: 'us_east_1' });
    expect(() => accountFacts(stack, east)).toThrow('Stack aliased: account facts are already read through provider us_west_2; one provider per stack');
  });
});

describe('account facts of the whole app', () => {
  const stacks = synthApp(testConfig({ security: { cloudTrail: { enableCloudWatchLogs: true } } }));

  test.each(['aws_caller_identity', 'aws_partition'])('every stack reads %s at most once, at the stack root', (type) => {
    for (const [name, json] of Object.entries(stacks)) {
      const ids = Object.keys(dataSources(json, type));
      expect({ stack: name, ids: ids.length <= 1 ? [] : ids }).toEqual({ stack: name, ids: [] });
      for (const id of ids) expect(id).toBe(type === 'aws_partition' ? 'partition' : 'account');
    }
  });
});
