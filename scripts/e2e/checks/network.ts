import {
  DescribeFlowLogsCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewayPeeringAttachmentsCommand,
  DescribeTransitGatewaysCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  SearchTransitGatewayRoutesCommand,
} from '@aws-sdk/client-ec2';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { FoundationConfig } from '../../../src/config/validate';
import { peeringLinks, remoteRoutes } from '../../../src/config/topology';
import { resourceNames } from '../../../src/aws/resource-names';
import { EmulatorAws } from '../aws';
import { Checklist } from '../checklist';
import { DeployedOutputs } from '../outputs';

/** VPCs, subnets, flow logs and their role, Transit Gateways, peerings and inter-Region routes, read back Region by Region. */
export async function checkNetworkDeployed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const tgwMode = config.network.interRegion === 'transit-gateway';

  for (const region of config.regions) {
    const ec2 = aws.ec2(region.name);
    const o = outputs.region(region.name);
    const vpcId = o.get('vpc_id');
    const vpcs = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs ?? [];
    c.expect(vpcs[0]?.CidrBlock === region.vpcCidr, `${region.name}: VPC ${vpcId} has CIDR ${region.vpcCidr} (got ${vpcs[0]?.CidrBlock})`);
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Subnets ?? [];
    const expected = [...region.subnets.privateCidrs, ...region.subnets.publicCidrs].sort();
    const actual = subnets.map((s) => s.CidrBlock!).sort();
    c.expect(JSON.stringify(actual) === JSON.stringify(expected), `${region.name}: subnets ${expected.join(', ')} (got ${actual.join(', ')})`);
    c.expect(new Set(subnets.map((s) => s.AvailabilityZone)).size === region.azCount, `${region.name}: subnets span ${region.azCount} AZs`);
    c.expect(subnets.every((s) => s.AvailabilityZone?.startsWith(region.name)), `${region.name}: every subnet is in an AZ of ${region.name}`);

    const group = o.get('flow_log_group_name');
    const flowLogs = (await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpcId] }] }))).FlowLogs ?? [];
    const intoGroup = (f: (typeof flowLogs)[number]) => f.LogGroupName === group || Boolean(f.LogDestination?.endsWith(`:log-group:${group}`));
    c.expect(flowLogs.length === 1 && intoGroup(flowLogs[0]), `${region.name}: one flow log into ${group} (got ${JSON.stringify(flowLogs.map((f) => f.LogDestination ?? f.LogGroupName))})`);
    const groups = (await aws.logs(region.name).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups ?? [];
    c.expect(Boolean(groups[0]?.kmsKeyId), `${region.name}: flow-log group is encrypted with a KMS key`);

    if (tgwMode) {
      const tgwId = o.get('transit_gateway_id');
      const tgws = (await ec2.send(new DescribeTransitGatewaysCommand({ TransitGatewayIds: [tgwId] }))).TransitGateways ?? [];
      c.expect(tgws[0]?.State === 'available', `${region.name}: TGW ${tgwId} is available (got ${tgws[0]?.State})`);
      c.expect(tgws[0]?.Options?.AmazonSideAsn === region.transitGatewayAsn, `${region.name}: TGW ASN ${region.transitGatewayAsn} (got ${tgws[0]?.Options?.AmazonSideAsn})`);
      c.expect(tgws[0]?.Options?.DefaultRouteTableAssociation === 'disable', `${region.name}: TGW default route-table association is off`);
    }
  }

  for (const link of peeringLinks(config)) {
    if (tgwMode) {
      const id = outputs.globalNetwork.get('transit_gateway_peering_attachment_ids')[link.name];
      for (const side of [link.requester, link.accepter]) {
        const found = (await aws.ec2(side.name).send(new DescribeTransitGatewayPeeringAttachmentsCommand({ TransitGatewayAttachmentIds: [id] })))
          .TransitGatewayPeeringAttachments ?? [];
        c.expect(found[0]?.State === 'available', `peering ${link.name} (${id}) is accepted and available in ${side.name} (got ${found[0]?.State})`);
      }
    } else {
      const id = outputs.globalNetwork.get('vpc_peering_connection_ids')[link.name];
      const found = (await aws.ec2(link.accepter.name).send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [id] })))
        .VpcPeeringConnections ?? [];
      c.expect(found[0]?.Status?.Code === 'active', `VPC peering ${link.name} (${id}) is active in ${link.accepter.name} (got ${found[0]?.Status?.Code})`);
    }
  }

  for (const route of remoteRoutes(config)) {
    const ec2 = aws.ec2(route.region.name);
    const o = outputs.region(route.region.name);
    const label = `${route.region.name} -> ${route.destination.name} (${route.destination.vpcCidr})`;
    const tgwId = tgwMode ? o.get('transit_gateway_id') : undefined;
    if (tgwMode) {
      const routeTableId = o.get('transit_gateway_route_table_id');
      const found = (
        await ec2.send(
          new SearchTransitGatewayRoutesCommand({
            TransitGatewayRouteTableId: routeTableId,
            Filters: [{ Name: 'route-search.exact-match', Values: [route.destination.vpcCidr] }],
          }),
        )
      ).Routes ?? [];
      c.expect(found.some((r) => r.Type === 'static'), `${label}: static TGW route in ${routeTableId}`);
    }
    const tables = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: o.get('private_route_table_ids') }))).RouteTables ?? [];
    c.expect(tables.length === route.region.azCount, `${label}: ${route.region.azCount} private route tables exist`);
    for (const table of tables) {
      const hit = table.Routes?.find((r) => r.DestinationCidrBlock === route.destination.vpcCidr);
      const target = tgwMode ? hit?.TransitGatewayId === tgwId : Boolean(hit?.VpcPeeringConnectionId);
      c.expect(target, `${label}: route in ${table.RouteTableId} via ${tgwMode ? tgwId : 'the peering connection'}`);
    }
  }

  // The flow-log delivery role lives in the global stack; it exists for the network's flow logs.
  const roleName = resourceNames(config).flowLogsRole;
  const role = await aws.iam().send(new GetRoleCommand({ RoleName: roleName })).catch(() => undefined);
  c.expect(Boolean(role?.Role), `IAM role ${roleName} exists`);
}

/** After destroy: no VPC, Transit Gateway, peering attachment or flow-log role of ours is left. */
export async function checkNetworkDestroyed(aws: EmulatorAws, config: FoundationConfig, c: Checklist): Promise<void> {
  for (const region of config.regions) {
    const ec2 = aws.ec2(region.name);
    const vpcs = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['false'] }] }))).Vpcs ?? [];
    c.expect(vpcs.length === 0, `${region.name}: no VPC left (found ${vpcs.map((v) => v.VpcId).join(', ')})`);
    const tgws = ((await ec2.send(new DescribeTransitGatewaysCommand({}))).TransitGateways ?? []).filter((t) => t.State !== 'deleted');
    c.expect(tgws.length === 0, `${region.name}: no Transit Gateway left (found ${tgws.map((t) => t.TransitGatewayId).join(', ')})`);
    const peerings = ((await ec2.send(new DescribeTransitGatewayPeeringAttachmentsCommand({}))).TransitGatewayPeeringAttachments ?? []).filter(
      (a) => !['deleted', 'deleting'].includes(a.State ?? ''),
    );
    c.expect(peerings.length === 0, `${region.name}: no TGW peering attachment left`);
  }
  const roleName = resourceNames(config).flowLogsRole;
  const role = await aws.iam().send(new GetRoleCommand({ RoleName: roleName })).catch(() => undefined);
  c.expect(!role, `IAM role ${roleName} is gone`);
}
