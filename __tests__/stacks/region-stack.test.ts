import { Testing } from 'cdktf';
import { RegionStack } from '../../src/stacks/region-stack';
import { FoundationConfig } from '../../src/config/validate';
import { defaultTransitGatewayAsn } from '../../src/config/regions';
import { resourceList, resources, testConfig, StackJson } from '../helpers/synth';
import { cidrInside, cidrOverlaps, only, overlyBroadAllows, policyDocuments, ref, synthStack } from '../helpers/inspect';

function synthRegion(config: FoundationConfig, name: string): { stack: RegionStack; json: StackJson } {
  const region = config.regions.find((r) => r.name === name)!;
  const stack = new RegionStack(Testing.app(), config, region);
  return { stack, json: synthStack(stack) };
}

const CONTRACT = [
  'region',
  'vpc_id',
  'vpc_cidr',
  'availability_zones',
  'private_subnet_ids',
  'public_subnet_ids',
  'private_route_table_ids',
  'public_route_table_id',
  'flow_log_group_name',
];
const TGW_CONTRACT = ['transit_gateway_id', 'transit_gateway_route_table_id', 'transit_gateway_vpc_attachment_id'];

describe('RegionStack, default config (transit-gateway, 2 AZs, no NAT)', () => {
  const config = testConfig();
  const { stack, json } = synthRegion(config, 'eu-west-1');

  test('is named region-<name>, with one unaliased provider in its own Region', () => {
    expect(stack.stackName).toBe('region-eu-west-1');
    expect(json.provider!.aws).toEqual([expect.objectContaining({ region: 'eu-west-1' })]);
    expect(json.provider!.aws[0].alias).toBeUndefined();
    for (const block of resourceList(json, 'aws_vpc')) expect(block.provider).toBeUndefined();
  });

  test('keeps its state under <keyPrefix>/region-<name>.tfstate', () => {
    expect(json.terraform.backend.s3.key).toBe('example/prod/region-eu-west-1.tfstate');
  });

  test('exports the whole remote-state contract, every output with a description', () => {
    expect(Object.keys(json.output!).sort()).toEqual([...CONTRACT, ...TGW_CONTRACT].sort());
    for (const output of Object.values(json.output!)) expect(output.description).toEqual(expect.stringMatching(/\w{3,}/));
  });

  test('outputs point at the resources they name', () => {
    const out = (name: string) => json.output![name].value;
    expect(out('region')).toBe('eu-west-1');
    expect(out('vpc_id')).toBe(ref('aws_vpc', 'network_vpc', 'id'));
    expect(out('vpc_cidr')).toBe(ref('aws_vpc', 'network_vpc', 'cidr_block'));
    expect(out('private_route_table_ids')).toEqual([1, 2].map((i) => ref('aws_route_table', `network_private_route_table_az${i}`, 'id')));
    expect(out('private_subnet_ids')).toEqual([1, 2].map((i) => ref('aws_subnet', `network_private_subnet_az${i}`, 'id')));
    expect(out('public_subnet_ids')).toEqual([1, 2].map((i) => ref('aws_subnet', `network_public_subnet_az${i}`, 'id')));
    expect(out('public_route_table_id')).toBe(ref('aws_route_table', 'network_public_route_table', 'id'));
    expect(out('transit_gateway_id')).toBe(ref('aws_ec2_transit_gateway', 'tgw_transit_gateway', 'id'));
    expect(out('transit_gateway_route_table_id')).toBe(ref('aws_ec2_transit_gateway_route_table', 'tgw_route_table', 'id'));
    expect(out('flow_log_group_name')).toBe(ref('aws_cloudwatch_log_group', 'flow_logs_log_group', 'name'));
  });

  test('VPC has the configured CIDR with DNS support and hostnames', () => {
    expect(only(json, 'aws_vpc')[1]).toMatchObject({ cidr_block: '10.20.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
  });

  test('/16 VPC: /20 subnets, inside the VPC, not overlapping', () => {
    const cidrs = resourceList(json, 'aws_subnet').map((s) => s.cidr_block as string);
    expect(cidrs).toHaveLength(4);
    cidrs.forEach((c, i) => {
      expect(c).toMatch(/\/20$/);
      expect(cidrInside(c, '10.20.0.0/16')).toBe(true);
      cidrs.slice(i + 1).forEach((d) => expect(cidrOverlaps(c, d)).toBe(false));
    });
  });

  test('no NAT gateway by default', () => {
    expect(resources(json, 'aws_nat_gateway')).toEqual({});
    expect(resources(json, 'aws_eip')).toEqual({});
  });

  test('Transit Gateway with the Region\'s distinct default ASN and default tables off', () => {
    const [, tgw] = only(json, 'aws_ec2_transit_gateway');
    expect(tgw.amazon_side_asn).toBe(defaultTransitGatewayAsn('eu-west-1'));
    expect(tgw.default_route_table_association).toBe('disable');
    expect(tgw.default_route_table_propagation).toBe('disable');
  });

  test('TGW VPC attachment sits on the private subnets', () => {
    expect(only(json, 'aws_ec2_transit_gateway_vpc_attachment')[1].subnet_ids).toEqual(
      [1, 2].map((i) => ref('aws_subnet', `network_private_subnet_az${i}`, 'id')),
    );
  });

  test('flow logs go to an encrypted log group through the role from the global stack', () => {
    const [, flowLog] = only(json, 'aws_flow_log');
    expect(flowLog.vpc_id).toBe(ref('aws_vpc', 'network_vpc', 'id'));
    expect(flowLog.iam_role_arn).toBe('${data.terraform_remote_state.global.outputs.flow_logs_role_arn}');
    const [, group] = only(json, 'aws_cloudwatch_log_group');
    expect(group.kms_key_id).toBe(ref('aws_kms_key', 'flow_logs_key', 'arn'));
    expect(group.retention_in_days).toBe(365);
    expect(flowLog.traffic_type).toBe('ALL');
  });

  test('default security group has no rules', () => {
    const [, sg] = only(json, 'aws_default_security_group');
    expect(sg.ingress).toEqual([]);
    expect(sg.egress).toEqual([]);
  });

  test('every policy parses; only the documented key-admin statement is a wildcard Allow', () => {
    const documents = policyDocuments(json);
    expect(documents.length).toBeGreaterThan(0);
    for (const { document } of documents) expect(overlyBroadAllows(document)).toEqual([]);
  });
});

describe('RegionStack ASNs', () => {
  const config = testConfig({
    regions: [
      { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
      { name: 'eu-west-1', vpcCidr: '10.20.0.0/16', transitGatewayAsn: 4200000001 },
      { name: 'us-west-2', vpcCidr: '10.30.0.0/16' },
    ],
  });

  test('every Region\'s Transit Gateway has a distinct ASN, explicit ones honoured', () => {
    const asns = config.regions.map((r) => only(synthRegion(config, r.name).json, 'aws_ec2_transit_gateway')[1].amazon_side_asn);
    expect(asns[1]).toBe(4200000001);
    expect(new Set(asns).size).toBe(3);
  });
});

describe('RegionStack in vpc-peering mode', () => {
  const config = testConfig({ network: { interRegion: 'vpc-peering' } });
  const { json } = synthRegion(config, 'us-east-1');

  test('has no Transit Gateway resources at all', () => {
    expect(Object.keys(json.resource!).filter((type) => type.startsWith('aws_ec2_transit_gateway'))).toEqual([]);
  });

  test('exports the VPC part of the contract and no transit_gateway_* outputs', () => {
    expect(Object.keys(json.output!).sort()).toEqual([...CONTRACT].sort());
  });
});

describe('RegionStack with NAT over 3 AZs and custom flow logs', () => {
  const config = testConfig({
    network: { enableNatGateway: true, azCount: 3, flowLogs: { retentionDays: 30, trafficType: 'REJECT' } },
  });
  const { json } = synthRegion(config, 'us-east-1');

  test('one NAT gateway per AZ, each in a different public subnet', () => {
    const nats = resourceList(json, 'aws_nat_gateway');
    expect(nats).toHaveLength(3);
    expect(new Set(nats.map((n) => n.subnet_id)).size).toBe(3);
    for (const nat of nats) expect(nat.subnet_id).toMatch(/aws_subnet\.network_public_subnet_az\d\.id/);
    expect(resourceList(json, 'aws_eip')).toHaveLength(3);
  });

  test('each private route table defaults to the NAT in its own AZ', () => {
    for (const az of [1, 2, 3]) {
      expect(resources(json, 'aws_route')[`network_private_default_route_az${az}`]).toEqual({
        route_table_id: ref('aws_route_table', `network_private_route_table_az${az}`, 'id'),
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: ref('aws_nat_gateway', `network_nat_gateway_az${az}`, 'id'),
      });
    }
  });

  test('outputs list three AZs worth of subnets and route tables', () => {
    expect(json.output!.private_route_table_ids.value).toHaveLength(3);
    expect(json.output!.private_subnet_ids.value).toHaveLength(3);
    expect(json.output!.availability_zones.value).toHaveLength(3);
  });

  test('flow-log retention and traffic type come from config', () => {
    expect(only(json, 'aws_cloudwatch_log_group')[1].retention_in_days).toBe(30);
    expect(only(json, 'aws_flow_log')[1].traffic_type).toBe('REJECT');
  });
});

describe('RegionStack with a /20 VPC and a per-Region AZ count', () => {
  const config = testConfig({
    regions: [
      { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
      { name: 'eu-west-1', vpcCidr: '10.20.16.0/20', azCount: 3 },
    ],
  });
  const { json } = synthRegion(config, 'eu-west-1');

  test('subnets are /24, inside the /20, one per tier per AZ', () => {
    const subnets = resourceList(json, 'aws_subnet');
    expect(subnets).toHaveLength(6);
    for (const s of subnets) {
      expect(s.cidr_block).toMatch(/\/24$/);
      expect(cidrInside(s.cidr_block, '10.20.16.0/20')).toBe(true);
    }
    expect(resources(json, 'aws_subnet').network_private_subnet_az1.cidr_block).toBe('10.20.16.0/24');
    expect(resources(json, 'aws_subnet').network_public_subnet_az1.cidr_block).toBe('10.20.24.0/24');
  });

  test('the other Region keeps the network default of 2 AZs', () => {
    expect(resourceList(synthRegion(config, 'us-east-1').json, 'aws_subnet')).toHaveLength(4);
  });
});
