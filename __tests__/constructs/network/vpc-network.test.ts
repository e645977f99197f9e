import { Testing, TerraformStack } from 'cdktf';
import { VpcNetwork } from '../../../src/constructs/network/vpc-network';
import { resourceList, resources, synthConstruct, StackJson } from '../../helpers/synth';
import { cidrInside, cidrOverlaps, only, ref, refId } from '../../helpers/inspect';

const subnetsByTier = (stack: StackJson, tier: string) =>
  Object.entries(resources(stack, 'aws_subnet'))
    .filter(([, s]) => s.tags.Tier === tier)
    .sort(([, a], [, b]) => a.tags.Name.localeCompare(b.tags.Name));

describe('VpcNetwork defaults (/16, 2 AZs, no NAT)', () => {
  const stack = synthConstruct((scope) => new VpcNetwork(scope, 'network', { name: 'acme-us-east-1', cidr: '10.10.0.0/16' }));
  const [vpcId, vpc] = only(stack, 'aws_vpc');
  const vpcRef = ref('aws_vpc', vpcId, 'id');
  const privateSubnets = subnetsByTier(stack, 'private');
  const publicSubnets = subnetsByTier(stack, 'public');

  test('VPC has the CIDR, DNS support and DNS hostnames', () => {
    expect(vpc).toMatchObject({ cidr_block: '10.10.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
    expect(vpc.tags.Name).toBe('acme-us-east-1');
  });

  test('default security group is stripped of every rule', () => {
    const [, sg] = only(stack, 'aws_default_security_group');
    expect(sg.vpc_id).toBe(vpcRef);
    expect(sg.ingress).toEqual([]);
    expect(sg.egress).toEqual([]);
  });

  test('one private and one public subnet per AZ, with /20 CIDRs computed at synth time', () => {
    expect(privateSubnets.map(([, s]) => s.cidr_block)).toEqual(['10.10.0.0/20', '10.10.16.0/20']);
    expect(publicSubnets.map(([, s]) => s.cidr_block)).toEqual(['10.10.128.0/20', '10.10.144.0/20']);
    for (const [, s] of [...privateSubnets, ...publicSubnets]) expect(s.vpc_id).toBe(vpcRef);
  });

  test('subnets lie inside the VPC and do not overlap', () => {
    const cidrs = [...privateSubnets, ...publicSubnets].map(([, s]) => s.cidr_block as string);
    cidrs.forEach((a, i) => {
      expect(cidrInside(a, '10.10.0.0/16')).toBe(true);
      cidrs.slice(i + 1).forEach((b) => expect(cidrOverlaps(a, b)).toBe(false));
    });
  });

  test('each tier spreads over two distinct AZs from the available-zones data source', () => {
    const [zonesId, zones] = Object.entries(stack.data?.aws_availability_zones ?? {})[0];
    expect(zones.state).toBe('available');
    expect(zones.filter).toEqual([{ name: 'zone-type', values: ['availability-zone'] }]);
    for (const tier of [privateSubnets, publicSubnets]) {
      expect(tier.map(([, s]) => s.availability_zone)).toEqual([0, 1].map((i) => `\${element(data.aws_availability_zones.${zonesId}.names, ${i})}`));
    }
  });

  test('public subnets do not hand out public IPs by default', () => {
    for (const [, s] of publicSubnets) expect(s.map_public_ip_on_launch).toBe(false);
  });

  test('public route table sends 0.0.0.0/0 to the internet gateway of this VPC', () => {
    const [igwId, igw] = only(stack, 'aws_internet_gateway');
    expect(igw.vpc_id).toBe(vpcRef);
    const defaults = resourceList(stack, 'aws_route').filter((r) => r.destination_cidr_block === '0.0.0.0/0');
    expect(defaults).toHaveLength(1);
    expect(defaults[0].gateway_id).toBe(ref('aws_internet_gateway', igwId, 'id'));
    const table = resources(stack, 'aws_route_table')[refId(defaults[0].route_table_id, 'aws_route_table')];
    expect(table.tags.Name).toBe('acme-us-east-1-public');
  });

  test('one public route table shared by the public subnets, one private route table per AZ', () => {
    const tables = resources(stack, 'aws_route_table');
    expect(Object.keys(tables)).toHaveLength(3);
    const associations = resourceList(stack, 'aws_route_table_association');
    expect(associations).toHaveLength(4);
    const tableOf = (subnetId: string) =>
      refId(associations.find((a) => refId(a.subnet_id, 'aws_subnet') === subnetId)!.route_table_id, 'aws_route_table');
    const publicTables = new Set(publicSubnets.map(([id]) => tableOf(id)));
    expect(publicTables.size).toBe(1);
    const privateTables = privateSubnets.map(([id]) => tableOf(id));
    expect(new Set(privateTables).size).toBe(2);
    privateTables.forEach((t) => expect(publicTables.has(t)).toBe(false));
    privateTables.forEach((t, i) => expect(tables[t].tags.Name).toBe(`acme-us-east-1-private-az${i + 1}`));
  });

  test('no NAT gateway, Elastic IP or private default route unless enabled', () => {
    expect(resources(stack, 'aws_nat_gateway')).toEqual({});
    expect(resources(stack, 'aws_eip')).toEqual({});
    const privateTableIds = Object.entries(resources(stack, 'aws_route_table'))
      .filter(([, t]) => t.tags.Name.includes('-private-'))
      .map(([id]) => ref('aws_route_table', id, 'id'));
    expect(resourceList(stack, 'aws_route').filter((r) => privateTableIds.includes(r.route_table_id))).toEqual([]);
  });
});

describe('VpcNetwork with NAT over 3 AZs', () => {
  let network!: VpcNetwork;
  const stack = synthConstruct((scope) => {
    network = new VpcNetwork(scope, 'network', { name: 'acme', cidr: '10.40.0.0/16', azCount: 3, enableNatGateway: true });
  });
  const subnets = resources(stack, 'aws_subnet');
  const nats = Object.entries(resources(stack, 'aws_nat_gateway'));

  test('exposes three AZs, three subnets per tier and three private route tables', () => {
    expect(network.availabilityZones).toHaveLength(3);
    expect(network.privateSubnets).toHaveLength(3);
    expect(network.publicSubnets).toHaveLength(3);
    expect(network.privateRouteTables).toHaveLength(3);
    expect(network.natGateways).toHaveLength(3);
  });

  test('one NAT gateway per AZ, each in that AZ\'s public subnet with its own VPC Elastic IP', () => {
    expect(nats).toHaveLength(3);
    const eips = resources(stack, 'aws_eip');
    expect(Object.keys(eips)).toHaveLength(3);
    Object.values(eips).forEach((e) => expect(e.domain).toBe('vpc'));
    const names = nats.map(([, nat]) => subnets[refId(nat.subnet_id, 'aws_subnet')].tags.Name).sort();
    expect(names).toEqual(['acme-public-az1', 'acme-public-az2', 'acme-public-az3']);
    expect(new Set(nats.map(([, nat]) => refId(nat.allocation_id, 'aws_eip'))).size).toBe(3);
    const [igwId] = only(stack, 'aws_internet_gateway');
    nats.forEach(([, nat]) => expect(nat.depends_on).toContain(`aws_internet_gateway.${igwId}`));
  });

  test('each private route table defaults to the NAT gateway of its own AZ', () => {
    const tables = resources(stack, 'aws_route_table');
    const natSubnetName = (natId: string) => subnets[refId(resources(stack, 'aws_nat_gateway')[natId].subnet_id, 'aws_subnet')].tags.Name;
    const privateDefaults = resourceList(stack, 'aws_route').filter((r) => r.nat_gateway_id !== undefined);
    expect(privateDefaults).toHaveLength(3);
    for (const route of privateDefaults) {
      expect(route.destination_cidr_block).toBe('0.0.0.0/0');
      const az = /-az(\d)$/.exec(tables[refId(route.route_table_id, 'aws_route_table')].tags.Name)![1];
      expect(natSubnetName(refId(route.nat_gateway_id, 'aws_nat_gateway'))).toBe(`acme-public-az${az}`);
    }
  });
});

describe('VpcNetwork with a /20 VPC', () => {
  const stack = synthConstruct((scope) => new VpcNetwork(scope, 'network', { name: 'small', cidr: '10.30.0.0/20' }));

  test('subnets shrink to /24 and stay inside the VPC', () => {
    expect(subnetsByTier(stack, 'private').map(([, s]) => s.cidr_block)).toEqual(['10.30.0.0/24', '10.30.1.0/24']);
    expect(subnetsByTier(stack, 'public').map(([, s]) => s.cidr_block)).toEqual(['10.30.8.0/24', '10.30.9.0/24']);
    resourceList(stack, 'aws_subnet').forEach((s) => expect(cidrInside(s.cidr_block, '10.30.0.0/20')).toBe(true));
  });
});

describe('VpcNetwork input checks', () => {
  const scope = () => new TerraformStack(Testing.app(), 'bad');

  test.each([1, 0, 2.5])('rejects azCount %p, naming the value and the minimum', (azCount) => {
    expect(() => new VpcNetwork(scope(), 'network', { name: 'x', cidr: '10.0.0.0/16', azCount })).toThrow(
      new RegExp(`azCount: received ${String(azCount).replace('.', '\\.')}; expected an integer of at least 2`),
    );
  });

  test('rejects more AZs than the subnet plan has slots for, naming the value and the maximum', () => {
    expect(() => new VpcNetwork(scope(), 'network', { name: 'x', cidr: '10.0.0.0/16', azCount: 7 })).toThrow(/azCount 7: .*to 6/);
  });

  test('rejects a VPC larger than /16, naming the CIDR and the allowed prefixes', () => {
    expect(() => new VpcNetwork(scope(), 'network', { name: 'x', cidr: '10.0.0.0/8' })).toThrow(/10\.0\.0\.0\/8.*\/16 to \/24/);
  });

  test('rejects a VPC too small for the subnet plan', () => {
    expect(() => new VpcNetwork(scope(), 'network', { name: 'x', cidr: '10.0.0.0/26' })).toThrow(/10\.0\.0\.0\/26.*\/16 to \/24/);
  });

  test('rejects a CIDR with host bits set, suggesting the network address', () => {
    expect(() => new VpcNetwork(scope(), 'network', { name: 'x', cidr: '10.0.0.1/16' })).toThrow(/10\.0\.0\.1\/16.*10\.0\.0\.0\/16/);
  });

  test('rejects something that is not a CIDR', () => {
    expect(() => new VpcNetwork(scope(), 'network', { name: 'x', cidr: 'ten-dot-zero' })).toThrow(/"ten-dot-zero".*IPv4 CIDR/);
  });
});
