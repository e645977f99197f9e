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
import { HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { FoundationConfig } from '../../src/config/validate';
import { peeringLinks, remoteRoutes } from '../../src/config/topology';
import { stateKey } from '../../src/stacks/backend';
import { regionStackName } from '../../src/stacks/stack-names';
import { resourceNames } from '../../src/aws/resource-names';
import { EmulatorAws } from './aws';
import { checkSecurityDeployed, checkSecurityDestroyed } from './security-checks';

export type Outputs = Record<string, Record<string, any>>;

/** Named outputs of one Region's stack. */
export function regionOutputs(outputs: Outputs, region: string): Record<string, any> {
  return outputs[regionStackName(region)] ?? {};
}

/** Collects failed expectations instead of stopping at the first. */
export class Checklist {
  readonly failures: string[] = [];
  passed = 0;

  expect(ok: boolean, what: string): void {
    if (ok) this.passed++;
    else this.failures.push(what);
  }
}

/** Everything the deployed foundation must have, read back Region by Region with the SDK. */
export async function checkDeployed(aws: EmulatorAws, config: FoundationConfig, outputs: Outputs, stackNames: string[]): Promise<Checklist> {
  const c = new Checklist();
  const out = (region: string) => regionOutputs(outputs, region);
  const tgwMode = config.network.interRegion === 'transit-gateway';

  for (const region of config.regions) {
    const ec2 = aws.ec2(region.name);
    const o = out(region.name);
    const vpcs = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [o.vpc_id] }))).Vpcs ?? [];
    c.expect(vpcs[0]?.CidrBlock === region.vpcCidr, `${region.name}: VPC ${o.vpc_id} has CIDR ${region.vpcCidr} (got ${vpcs[0]?.CidrBlock})`);
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [o.vpc_id] }] }))).Subnets ?? [];
    const expected = [...region.subnets.privateCidrs, ...region.subnets.publicCidrs].sort();
    const actual = subnets.map((s) => s.CidrBlock!).sort();
    c.expect(JSON.stringify(actual) === JSON.stringify(expected), `${region.name}: subnets ${expected.join(', ')} (got ${actual.join(', ')})`);
    c.expect(new Set(subnets.map((s) => s.AvailabilityZone)).size === region.azCount, `${region.name}: subnets span ${region.azCount} AZs`);
    c.expect(subnets.every((s) => s.AvailabilityZone?.startsWith(region.name)), `${region.name}: every subnet is in an AZ of ${region.name}`);

    const flowLogs = (await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [o.vpc_id] }] }))).FlowLogs ?? [];
    const intoGroup = (f: (typeof flowLogs)[number]) =>
      f.LogGroupName === o.flow_log_group_name || Boolean(f.LogDestination?.endsWith(`:log-group:${o.flow_log_group_name}`));
    c.expect(flowLogs.length === 1 && intoGroup(flowLogs[0]), `${region.name}: one flow log into ${o.flow_log_group_name} (got ${JSON.stringify(flowLogs.map((f) => f.LogDestination ?? f.LogGroupName))})`);
    const groups = (await aws.logs(region.name).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: o.flow_log_group_name }))).logGroups ?? [];
    c.expect(Boolean(groups[0]?.kmsKeyId), `${region.name}: flow-log group is encrypted with a KMS key`);

    if (tgwMode) {
      const tgws = (await ec2.send(new DescribeTransitGatewaysCommand({ TransitGatewayIds: [o.transit_gateway_id] }))).TransitGateways ?? [];
      c.expect(tgws[0]?.State === 'available', `${region.name}: TGW ${o.transit_gateway_id} is available (got ${tgws[0]?.State})`);
      c.expect(tgws[0]?.Options?.AmazonSideAsn === region.transitGatewayAsn, `${region.name}: TGW ASN ${region.transitGatewayAsn} (got ${tgws[0]?.Options?.AmazonSideAsn})`);
      c.expect(tgws[0]?.Options?.DefaultRouteTableAssociation === 'disable', `${region.name}: TGW default route-table association is off`);
    }
  }

  const network = outputs['global-network'] ?? {};
  for (const link of peeringLinks(config)) {
    if (tgwMode) {
      const id = network.transit_gateway_peering_attachment_ids?.[link.name];
      for (const side of [link.requester, link.accepter]) {
        const found = (await aws.ec2(side.name).send(new DescribeTransitGatewayPeeringAttachmentsCommand({ TransitGatewayAttachmentIds: [id] })))
          .TransitGatewayPeeringAttachments ?? [];
        c.expect(found[0]?.State === 'available', `peering ${link.name} (${id}) is accepted and available in ${side.name} (got ${found[0]?.State})`);
      }
    } else {
      const id = network.vpc_peering_connection_ids?.[link.name];
      const found = (await aws.ec2(link.accepter.name).send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [id] })))
        .VpcPeeringConnections ?? [];
      c.expect(found[0]?.Status?.Code === 'active', `VPC peering ${link.name} (${id}) is active in ${link.accepter.name} (got ${found[0]?.Status?.Code})`);
    }
  }

  for (const route of remoteRoutes(config)) {
    const ec2 = aws.ec2(route.region.name);
    const o = out(route.region.name);
    const label = `${route.region.name} -> ${route.destination.name} (${route.destination.vpcCidr})`;
    if (tgwMode) {
      const found = (
        await ec2.send(
          new SearchTransitGatewayRoutesCommand({
            TransitGatewayRouteTableId: o.transit_gateway_route_table_id,
            Filters: [{ Name: 'route-search.exact-match', Values: [route.destination.vpcCidr] }],
          }),
        )
      ).Routes ?? [];
      c.expect(found.some((r) => r.Type === 'static'), `${label}: static TGW route in ${o.transit_gateway_route_table_id}`);
    }
    const tables = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: o.private_route_table_ids }))).RouteTables ?? [];
    c.expect(tables.length === route.region.azCount, `${label}: ${route.region.azCount} private route tables exist`);
    for (const table of tables) {
      const hit = table.Routes?.find((r) => r.DestinationCidrBlock === route.destination.vpcCidr);
      const target = tgwMode ? hit?.TransitGatewayId === o.transit_gateway_id : Boolean(hit?.VpcPeeringConnectionId);
      c.expect(target, `${label}: route in ${table.RouteTableId} via ${tgwMode ? o.transit_gateway_id : 'the peering connection'}`);
    }
  }

  const role = await aws.iam().send(new GetRoleCommand({ RoleName: resourceNames(config).flowLogsRole })).catch(() => undefined);
  c.expect(Boolean(role?.Role), `IAM role ${resourceNames(config).flowLogsRole} exists`);

  const s3 = aws.s3(config.state.region);
  for (const stack of stackNames.filter((s) => s !== 'bootstrap')) {
    const key = stateKey(config.state, stack);
    const head = await s3.send(new HeadObjectCommand({ Bucket: config.state.bucket, Key: key })).catch(() => undefined);
    c.expect(Boolean(head), `state object s3://${config.state.bucket}/${key} exists`);
  }
  c.expect((await leftoverLocks(aws, config)).length === 0, 'no .tflock object is left in the state bucket');
  await checkSecurityDeployed(aws, config, outputs, c);
  return c;
}

export async function leftoverLocks(aws: EmulatorAws, config: FoundationConfig): Promise<string[]> {
  const listed = await aws.s3(config.state.region).send(new ListObjectsV2Command({ Bucket: config.state.bucket, Prefix: config.state.keyPrefix }));
  return (listed.Contents ?? []).map((o) => o.Key!).filter((k) => k.endsWith('.tflock'));
}

/** After destroy: nothing of ours is left except the deliberately protected state bucket and key. */
export async function checkDestroyed(aws: EmulatorAws, config: FoundationConfig, outputs: Outputs): Promise<Checklist> {
  const c = new Checklist();
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
  const role = await aws.iam().send(new GetRoleCommand({ RoleName: resourceNames(config).flowLogsRole })).catch(() => undefined);
  c.expect(!role, `IAM role ${resourceNames(config).flowLogsRole} is gone`);
  const s3 = aws.s3(config.state.region);
  const bucket = await s3.send(new HeadBucketCommand({ Bucket: config.state.bucket })).catch(() => undefined);
  c.expect(Boolean(bucket), `protected state bucket ${config.state.bucket} is kept`);
  const keyArn = outputs.bootstrap?.state_kms_key_arn;
  const key = keyArn && (await aws.kms(config.state.region).send(new DescribeKeyCommand({ KeyId: keyArn })).catch(() => undefined));
  c.expect(Boolean(key && key.KeyMetadata?.KeyState === 'Enabled'), 'protected state KMS key is kept and enabled');
  c.expect((await leftoverLocks(aws, config)).length === 0, 'no .tflock object is left in the state bucket');
  await checkSecurityDestroyed(aws, config, outputs, c);
  return c;
}
