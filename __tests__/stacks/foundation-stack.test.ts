import { Construct } from 'constructs';
import { Testing } from 'cdktf';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { FoundationStack } from '../../src/stacks/foundation-stack';
import { FoundationConfig } from '../../src/config/validate';
import { synthApp, testConfig } from '../helpers/synth';
import { blocks, synthStack } from '../helpers/inspect';

class TestStack extends FoundationStack {}

const config = testConfig();

describe('FoundationStack logical ids', () => {
  const stack = new TestStack(Testing.app(), 'test', config, { region: 'us-east-1' });
  const outer = new Construct(stack, 'network');
  new Vpc(outer, 'vpc', { cidrBlock: '10.0.0.0/16' });
  new Subnet(new Construct(outer, 'tier.private'), 'us-east-1 az1', { vpcId: 'v', cidrBlock: '10.0.0.0/24' });
  new Vpc(stack, 'top', { cidrBlock: '10.1.0.0/16' });
  const json = synthStack(stack);

  test('are the construct path joined with "_" and no hash suffix', () => {
    expect(Object.keys(json.resource!.aws_vpc).sort()).toEqual(['network_vpc', 'top']);
  });

  test('characters Terraform does not allow become "_" (hyphens stay)', () => {
    expect(Object.keys(json.resource!.aws_subnet)).toEqual(['network_tier_private_us-east-1_az1']);
  });

  test('the stack keeps its name and config', () => {
    expect(stack.stackName).toBe('test');
    expect(stack.config).toBe(config);
  });
});

describe('FoundationStack logical id collisions', () => {
  const build = (populate: (stack: FoundationStack) => void) => () => {
    const stack = new TestStack(Testing.app(), 'clash', config as FoundationConfig, { region: 'us-east-1' });
    populate(stack);
    synthStack(stack);
  };

  test('two paths mapping to one id fail the synth, naming both paths and the id', () => {
    const attempt = build((stack) => {
      new Vpc(stack, 'a_b', { cidrBlock: '10.0.0.0/16' });
      new Vpc(new Construct(stack, 'a'), 'b', { cidrBlock: '10.1.0.0/16' });
    });
    expect(attempt).toThrow(/Stack clash: "clash\/a\/b" and "clash\/a_b" both map to logical id "a_b"; rename one construct/);
  });

  test('ids that differ only in disallowed characters collide too', () => {
    const attempt = build((stack) => {
      new Vpc(stack, 'x.y', { cidrBlock: '10.0.0.0/16' });
      new Vpc(stack, 'x y', { cidrBlock: '10.1.0.0/16' });
    });
    expect(attempt).toThrow(/both map to logical id "x_y"/);
  });

  test('distinct ids synthesize fine', () => {
    expect(
      build((stack) => {
        new Vpc(stack, 'a_b', { cidrBlock: '10.0.0.0/16' });
        new Vpc(new Construct(stack, 'a'), 'c', { cidrBlock: '10.1.0.0/16' });
      }),
    ).not.toThrow();
  });
});

describe('logical ids across the whole app', () => {
  const stacks = synthApp(testConfig({ network: { topology: 'hub-and-spoke' }, regions: [
    { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
    { name: 'eu-west-1', vpcCidr: '10.20.0.0/16' },
    { name: 'ap-southeast-2', vpcCidr: '10.30.0.0/16' },
  ] }));

  test('are valid Terraform identifiers with no generated hash suffix', () => {
    for (const stack of Object.values(stacks)) {
      for (const block of blocks(stack)) {
        expect(block.id).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
        expect(block.id).not.toMatch(/_[0-9A-F]{8}$/);
      }
    }
  });

  test('read like the network', () => {
    const network = stacks['global-network'];
    expect(Object.keys(network.resource!.aws_ec2_transit_gateway_route)).toContain('tgw_route_eu-west-1_to_ap-southeast-2');
    expect(Object.keys(network.resource!.aws_ec2_transit_gateway_peering_attachment).sort()).toEqual([
      'tgw_peering_us-east-1_ap-southeast-2_attachment',
      'tgw_peering_us-east-1_eu-west-1_attachment',
    ]);
    expect(Object.keys(stacks['region-eu-west-1'].resource!.aws_vpc)).toEqual(['network_vpc']);
  });
});
