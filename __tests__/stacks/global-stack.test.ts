import { Testing } from 'cdktf';
import { GlobalStack, flowLogGroupPrefix } from '../../src/stacks/global-stack';
import { RegionStack } from '../../src/stacks/region-stack';
import { testConfig } from '../helpers/synth';
import { asList, only, overlyBroadAllows, policyDocuments, ref, synthStack } from '../helpers/inspect';

describe('GlobalStack', () => {
  const config = testConfig({
    project: 'acme-net',
    primaryRegion: 'eu-west-1',
  });
  const stack = new GlobalStack(Testing.app(), config);
  const json = synthStack(stack);

  test('is named global and lives in the primary Region', () => {
    expect(stack.stackName).toBe('global');
    expect(json.provider!.aws).toEqual([expect.objectContaining({ region: 'eu-west-1' })]);
    expect(json.provider!.aws[0].alias).toBeUndefined();
  });

  test('keeps its state in S3 under <keyPrefix>/global.tfstate', () => {
    expect(json.terraform.backend.s3).toMatchObject({ key: 'example/prod/global.tfstate', encrypt: true, use_lockfile: true });
  });

  test('flow-log group prefix derives from the project name', () => {
    expect(flowLogGroupPrefix(config)).toBe('/acme-net/vpc-flow-logs/');
    expect(flowLogGroupPrefix(testConfig())).toBe('/multi-region/vpc-flow-logs/');
  });

  test('creates the flow-logs delivery role named after the project', () => {
    const [, role] = only(json, 'aws_iam_role');
    expect(role.name).toBe('acme-net-vpc-flow-logs');
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Statement[0].Principal).toEqual({ Service: 'vpc-flow-logs.amazonaws.com' });
  });

  test('the role may write only under the project\'s flow-log prefix', () => {
    const [, inline] = only(json, 'aws_iam_role_policy');
    const resourcesAllowed = asList<string>(JSON.parse(inline.policy).Statement[0].Resource);
    for (const arn of resourcesAllowed) expect(arn).toContain(':log-group:/acme-net/vpc-flow-logs/*');
  });

  test('every policy parses and none allows a wildcard action on every resource', () => {
    const documents = policyDocuments(json);
    expect(documents).toHaveLength(2);
    for (const { document } of documents) expect(overlyBroadAllows(document)).toEqual([]);
  });

  test('exports flow_logs_role_arn with a description', () => {
    expect(json.output).toEqual({
      flow_logs_role_arn: { value: ref('aws_iam_role', 'flow_logs_delivery_role', 'arn'), description: expect.stringContaining('region') },
    });
  });

  test('every region stack\'s flow-log group sits under the prefix the role may write to', () => {
    for (const region of config.regions) {
      const regional = synthStack(new RegionStack(Testing.app(), config, region));
      const [, group] = only(regional, 'aws_cloudwatch_log_group');
      expect(group.name).toBe(`/acme-net/vpc-flow-logs/${region.name}`);
      expect(only(regional, 'aws_flow_log')[1].iam_role_arn).toBe('${data.terraform_remote_state.global.outputs.flow_logs_role_arn}');
    }
  });
});
