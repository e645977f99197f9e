import { Testing } from 'cdktf';
import { GlobalNetworkStack } from '../../src/stacks/global-network-stack';
import { FoundationConfig } from '../../src/config/validate';
import { BASE_CONFIG, resourceList, resources, synthApp, testConfig, StackJson } from '../helpers/synth';
import { blocks, ref, synthStack } from '../helpers/inspect';

const alias = (region: string) => region.replace(/-/g, '_');
const remote = (region: string, output: string) => `\${data.terraform_remote_state.region-${region}.outputs.${output}}`;
const cidrOf = (config: FoundationConfig, region: string) => config.regions.find((r) => r.name === region)!.vpcCidr;

/** Every cross-stack read must name an output the region stack really exports, with a description. */
function expectReadsMatchContract(stacks: Record<string, StackJson>) {
  const text = JSON.stringify(stacks['global-network']);
  const reads = [...text.matchAll(/data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([a-z0-9_]+)/g)];
  expect(reads.length).toBeGreaterThan(0);
  for (const [, stackName, output] of reads) {
    expect(stacks[stackName]).toBeDefined();
    expect(Object.keys(stacks[stackName].output!)).toContain(output);
    expect(stacks[stackName].output![output].description).toBeTruthy();
  }
}

/** Every resource and data source (remote state aside) names an aliased provider that the stack defines. */
function expectAliasedProviders(json: StackJson) {
  const defined = new Map(json.provider!.aws.filter((p) => p.alias).map((p) => [`aws.${p.alias}`, p.region]));
  const located = blocks(json).filter((b) => b.type !== 'terraform_remote_state');
  expect(located.length).toBeGreaterThan(0);
  for (const block of located) {
    expect({ address: block.address, provider: block.body.provider }).toEqual({ address: block.address, provider: expect.any(String) });
    expect(defined.has(block.body.provider)).toBe(true);
  }
  return defined;
}

describe('GlobalNetworkStack, Transit Gateway full mesh over 3 Regions', () => {
  const config = testConfig({
    regions: [
      { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
      { name: 'eu-west-1', vpcCidr: '10.20.0.0/16', azCount: 3 },
      { name: 'ap-southeast-2', vpcCidr: '10.30.0.0/20' },
    ],
  });
  const stacks = synthApp(config);
  const json = stacks['global-network'];
  const names = config.regions.map((r) => r.name);
  const attachments = resources(json, 'aws_ec2_transit_gateway_peering_attachment');
  const accepters = resources(json, 'aws_ec2_transit_gateway_peering_attachment_accepter');
  const expectedLinks = ['us-east-1_eu-west-1', 'us-east-1_ap-southeast-2', 'ap-southeast-2_eu-west-1'];

  test('home provider is the primary Region; one aliased provider per Region resolving to it', () => {
    const providers = json.provider!.aws;
    expect(providers.filter((p) => !p.alias)).toEqual([expect.objectContaining({ region: 'us-east-1' })]);
    expect(Object.fromEntries(providers.filter((p) => p.alias).map((p) => [p.alias, p.region]))).toEqual(
      Object.fromEntries(names.map((n) => [alias(n), n])),
    );
  });

  test('every resource and data source names an aliased provider', () => {
    expectAliasedProviders(json);
  });

  test('N(N-1)/2 peerings, each named for the Regions it connects', () => {
    expect(Object.keys(attachments).sort()).toEqual(expectedLinks.map((l) => `tgw_peering_${l}_attachment`).sort());
    expect(Object.keys(accepters).sort()).toEqual(expectedLinks.map((l) => `tgw_peering_${l}_accepter`).sort());
  });

  test('requester in its own Region towards the far Region\'s TGW, in the caller\'s account', () => {
    for (const link of expectedLinks) {
      const [requester, accepter] = link.split('_');
      expect(attachments[`tgw_peering_${link}_attachment`]).toMatchObject({
        provider: `aws.${alias(requester)}`,
        transit_gateway_id: remote(requester, 'transit_gateway_id'),
        peer_transit_gateway_id: remote(accepter, 'transit_gateway_id'),
        peer_region: accepter,
        peer_account_id: '${data.aws_caller_identity.account.account_id}',
      });
    }
  });

  test('accepter sits in the far Region and accepts that attachment', () => {
    for (const link of expectedLinks) {
      const [, accepter] = link.split('_');
      const body = accepters[`tgw_peering_${link}_accepter`];
      expect(body.provider).toBe(`aws.${alias(accepter)}`);
      expect(body.transit_gateway_attachment_id).toBe(ref('aws_ec2_transit_gateway_peering_attachment', `tgw_peering_${link}_attachment`, 'id'));
      expect(attachments[`tgw_peering_${link}_attachment`].peer_region).toBe(accepter);
    }
  });

  test('each peering is associated with the TGW route table on both sides', () => {
    const associations = resources(json, 'aws_ec2_transit_gateway_route_table_association');
    expect(Object.keys(associations)).toHaveLength(2 * expectedLinks.length);
    for (const link of expectedLinks) {
      for (const side of link.split('_')) {
        expect(associations[`tgw_peering_${link}_association_${side}`]).toEqual({
          provider: `aws.${alias(side)}`,
          transit_gateway_attachment_id: ref('aws_ec2_transit_gateway_peering_attachment_accepter', `tgw_peering_${link}_accepter`, 'transit_gateway_attachment_id'),
          transit_gateway_route_table_id: remote(side, 'transit_gateway_route_table_id'),
          depends_on: [`aws_ec2_transit_gateway_peering_attachment_accepter.tgw_peering_${link}_accepter`],
        });
      }
    }
  });

  test('static TGW routes both ways for every remote CIDR, over the direct link, after association', () => {
    const routes = resources(json, 'aws_ec2_transit_gateway_route');
    expect(Object.keys(routes)).toHaveLength(names.length * (names.length - 1));
    for (const from of names) {
      for (const to of names.filter((n) => n !== from)) {
        const link = expectedLinks.find((l) => l.split('_').includes(from) && l.split('_').includes(to))!;
        const route = routes[`tgw_route_${from}_to_${to}`];
        expect(route).toMatchObject({
          provider: `aws.${alias(from)}`,
          destination_cidr_block: cidrOf(config, to),
          transit_gateway_route_table_id: remote(from, 'transit_gateway_route_table_id'),
          transit_gateway_attachment_id: ref('aws_ec2_transit_gateway_peering_attachment_accepter', `tgw_peering_${link}_accepter`, 'transit_gateway_attachment_id'),
        });
        expect(route.depends_on.sort()).toEqual(link.split('_').map((side) => `aws_ec2_transit_gateway_route_table_association.tgw_peering_${link}_association_${side}`).sort());
      }
    }
  });

  test('every private route table of every Region routes every remote CIDR to its local TGW', () => {
    const routes = resources(json, 'aws_route');
    const expected = config.regions.reduce((n, r) => n + r.azCount * (names.length - 1), 0);
    expect(Object.keys(routes)).toHaveLength(expected);
    for (const from of config.regions) {
      for (let az = 1; az <= from.azCount; az++) {
        for (const to of names.filter((n) => n !== from.name)) {
          expect(routes[`vpc_route_${from.name}_az${az}_to_${to}`]).toEqual({
            provider: `aws.${alias(from.name)}`,
            route_table_id: `\${element(data.terraform_remote_state.region-${from.name}.outputs.private_route_table_ids, ${az - 1})}`,
            destination_cidr_block: cidrOf(config, to),
            transit_gateway_id: remote(from.name, 'transit_gateway_id'),
          });
        }
      }
    }
  });

  test('reads only named outputs that the region stacks export', () => {
    expectReadsMatchContract(stacks);
  });

  test('exports the peering attachment ids by link name', () => {
    expect(json.output!.transit_gateway_peering_attachment_ids.value).toEqual(
      Object.fromEntries(expectedLinks.map((l) => [l, ref('aws_ec2_transit_gateway_peering_attachment', `tgw_peering_${l}_attachment`, 'id')])),
    );
    expect(json.output!.transit_gateway_peering_attachment_ids.description).toBeTruthy();
  });

  test('one resource per link and per route: no count or for_each', () => {
    for (const block of blocks(json)) {
      expect(block.body.count).toBeUndefined();
      expect(block.body.for_each).toBeUndefined();
    }
    expect(resources(json, 'aws_vpc_peering_connection')).toEqual({});
  });
});

describe('GlobalNetworkStack, hub-and-spoke with a non-default primary', () => {
  const config = testConfig({
    primaryRegion: 'eu-west-1',
    regions: [
      { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
      { name: 'eu-west-1', vpcCidr: '10.20.0.0/16' },
      { name: 'ap-southeast-2', vpcCidr: '10.30.0.0/16' },
    ],
    network: { topology: 'hub-and-spoke' },
  });
  const json = synthStack(new GlobalNetworkStack(Testing.app(), config));
  const attachments = resources(json, 'aws_ec2_transit_gateway_peering_attachment');
  const tgwRoutes = resources(json, 'aws_ec2_transit_gateway_route');
  const via = (route: Record<string, any>) => /tgw_peering_([^.]+)_accepter/.exec(route.transit_gateway_attachment_id)![1];

  test('N-1 peerings, all requested by the hub in the primary Region and accepted by a spoke', () => {
    expect(Object.keys(attachments).sort()).toEqual(['tgw_peering_eu-west-1_ap-southeast-2_attachment', 'tgw_peering_eu-west-1_us-east-1_attachment']);
    for (const attachment of Object.values(attachments)) expect(attachment.provider).toBe('aws.eu_west_1');
    expect(resourceList(json, 'aws_ec2_transit_gateway_peering_attachment_accepter').map((a) => a.provider).sort()).toEqual([
      'aws.ap_southeast_2',
      'aws.us_east_1',
    ]);
  });

  test('home provider and account lookup use the primary Region', () => {
    expect(json.provider!.aws.filter((p) => !p.alias)).toEqual([expect.objectContaining({ region: 'eu-west-1' })]);
    expect(json.data!.aws_caller_identity.account.provider).toBe('aws.eu_west_1');
    expectAliasedProviders(json);
  });

  test('spokes reach each other through the hub', () => {
    expect(via(tgwRoutes['tgw_route_us-east-1_to_ap-southeast-2'])).toBe('eu-west-1_us-east-1');
    expect(via(tgwRoutes['tgw_route_ap-southeast-2_to_us-east-1'])).toBe('eu-west-1_ap-southeast-2');
    expect(tgwRoutes['tgw_route_us-east-1_to_ap-southeast-2'].destination_cidr_block).toBe('10.30.0.0/16');
  });

  test('the hub routes each spoke CIDR over that spoke\'s link', () => {
    expect(via(tgwRoutes['tgw_route_eu-west-1_to_us-east-1'])).toBe('eu-west-1_us-east-1');
    expect(via(tgwRoutes['tgw_route_eu-west-1_to_ap-southeast-2'])).toBe('eu-west-1_ap-southeast-2');
    expect(tgwRoutes['tgw_route_eu-west-1_to_us-east-1'].provider).toBe('aws.eu_west_1');
  });

  test('routes exist both ways for every ordered pair of Regions', () => {
    expect(Object.keys(tgwRoutes)).toHaveLength(6);
    expect(Object.keys(resources(json, 'aws_route'))).toHaveLength(6 * 2);
  });
});

describe('GlobalNetworkStack, VPC peering', () => {
  const config = testConfig({
    regions: [
      { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
      { name: 'eu-west-1', vpcCidr: '10.20.0.0/16' },
      { name: 'us-west-2', vpcCidr: '10.30.0.0/16' },
    ],
    network: { interRegion: 'vpc-peering' },
  });
  const stacks = synthApp(config);
  const json = stacks['global-network'];
  const connections = resources(json, 'aws_vpc_peering_connection');
  const accepters = resources(json, 'aws_vpc_peering_connection_accepter');
  const links = ['us-east-1_eu-west-1', 'us-east-1_us-west-2', 'eu-west-1_us-west-2'];

  test('no Transit Gateway resources', () => {
    expect(Object.keys(json.resource!).filter((t) => t.startsWith('aws_ec2_transit_gateway'))).toEqual([]);
  });

  test('one connection per pair, requested in one Region and accepted in the far one', () => {
    expect(Object.keys(connections).sort()).toEqual(links.map((l) => `vpc_peering_${l}_connection`).sort());
    for (const link of links) {
      const [requester, accepter] = link.split('_');
      expect(connections[`vpc_peering_${link}_connection`]).toMatchObject({
        provider: `aws.${alias(requester)}`,
        vpc_id: remote(requester, 'vpc_id'),
        peer_vpc_id: remote(accepter, 'vpc_id'),
        peer_region: accepter,
        auto_accept: false,
      });
      expect(accepters[`vpc_peering_${link}_accepter`]).toMatchObject({
        provider: `aws.${alias(accepter)}`,
        vpc_peering_connection_id: ref('aws_vpc_peering_connection', `vpc_peering_${link}_connection`, 'id'),
        auto_accept: true,
      });
    }
  });

  test('private route tables route every remote CIDR over the peering, both ways', () => {
    const routes = resources(json, 'aws_route');
    expect(Object.keys(routes)).toHaveLength(3 * 2 * 2);
    for (const from of config.regions) {
      for (const to of config.regions.filter((r) => r !== from)) {
        const link = links.find((l) => l.split('_').includes(from.name) && l.split('_').includes(to.name))!;
        for (let az = 1; az <= from.azCount; az++) {
          expect(routes[`vpc_route_${from.name}_az${az}_to_${to.name}`]).toEqual({
            provider: `aws.${alias(from.name)}`,
            route_table_id: `\${element(data.terraform_remote_state.region-${from.name}.outputs.private_route_table_ids, ${az - 1})}`,
            destination_cidr_block: to.vpcCidr,
            vpc_peering_connection_id: ref('aws_vpc_peering_connection_accepter', `vpc_peering_${link}_accepter`, 'vpc_peering_connection_id'),
          });
        }
      }
    }
  });

  test('every resource names an aliased provider and every read matches the contract', () => {
    expectAliasedProviders(json);
    expectReadsMatchContract(stacks);
  });

  test('exports the connection ids by link name', () => {
    expect(Object.keys(json.output!)).toEqual(['vpc_peering_connection_ids']);
    expect(Object.keys(json.output!.vpc_peering_connection_ids.value).sort()).toEqual([...links].sort());
  });
});

describe('GlobalNetworkStack with a single Region', () => {
  const json = synthStack(new GlobalNetworkStack(Testing.app(), testConfig({ regions: [{ name: 'us-east-1', vpcCidr: '10.10.0.0/16' }], state: { ...BASE_CONFIG.state, replicaRegion: 'us-west-2' } })));

  test('has nothing to link and creates no resources', () => {
    expect(json.resource ?? {}).toEqual({});
    expect(json.output!.transit_gateway_peering_attachment_ids.value).toEqual({});
  });
});
