import { Construct } from 'constructs';
import { DataTerraformRemoteStateS3, Fn, TerraformProvider } from 'cdktf';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Route } from '@cdktf/provider-aws/lib/route';
import { FoundationConfig, RegionConfig } from '../config/validate';
import { peeringLinks, remoteRoutes, RemoteRoute, PeeringLink } from '../config/topology';
import { TgwPeeringLink } from '../constructs/network/tgw-peering-link';
import { VpcPeeringLink } from '../constructs/network/vpc-peering-link';
import { FoundationStack } from './foundation-stack';
import { readStackState, useS3Backend } from './backend';
import { homeProvider, regionProviders } from './providers';
import { namedOutput } from './outputs';
import { GLOBAL_NETWORK_STACK, regionStackName } from './stack-names';

/**
 * Links the Regions' networks. Every resource names the aliased provider of the Region it lives
 * in; every value about a Region comes from that Region stack's named outputs in remote state.
 * One resource per link and per route, so the plan reads like the network.
 */
export class GlobalNetworkStack extends FoundationStack {
  private readonly providers: Map<string, TerraformProvider>;
  private readonly states = new Map<string, DataTerraformRemoteStateS3>();

  constructor(scope: Construct, config: FoundationConfig) {
    super(scope, GLOBAL_NETWORK_STACK, config);
    useS3Backend(this, config.state, GLOBAL_NETWORK_STACK);
    homeProvider(this, config, GLOBAL_NETWORK_STACK, config.primaryRegion);
    this.providers = regionProviders(this, config, GLOBAL_NETWORK_STACK);
    for (const region of config.regions) {
      this.states.set(region.name, readStackState(this, config.state, regionStackName(region.name)));
    }
    const account = new DataAwsCallerIdentity(this, 'account', { provider: this.provider(config.primaryRegion) }).accountId;

    const links = peeringLinks(config);
    const routes = remoteRoutes(config);
    if (config.network.interRegion === 'transit-gateway') {
      this.transitGatewayMesh(links, routes, account);
    } else {
      this.vpcPeeringMesh(links, routes, account);
    }
  }

  private provider(region: string): TerraformProvider {
    const provider = this.providers.get(region);
    if (!provider) throw new Error(`No provider for Region ${region}`);
    return provider;
  }

  private state(region: RegionConfig): DataTerraformRemoteStateS3 {
    return this.states.get(region.name)!;
  }

  private transitGatewayMesh(links: PeeringLink[], routes: RemoteRoute[], account: string): void {
    const side = (region: RegionConfig) => ({
      region: region.name,
      provider: this.provider(region.name),
      transitGatewayId: this.state(region).getString('transit_gateway_id'),
      routeTableId: this.state(region).getString('transit_gateway_route_table_id'),
    });
    const built = new Map<string, TgwPeeringLink>();
    for (const link of links) {
      const peering = new TgwPeeringLink(this, `tgw_peering_${link.name}`, {
        requester: side(link.requester),
        accepter: side(link.accepter),
        peerAccountId: account,
      });
      built.set(link.name, peering);
    }
    namedOutput(
      this,
      'transit_gateway_peering_attachment_ids',
      Object.fromEntries(links.map((l) => [l.name, built.get(l.name)!.attachment.id])),
      'TGW peering attachment id per link (requester_accepter)',
    );

    for (const route of routes) {
      const peering = built.get(route.link.name)!;
      const from = route.region;
      new Ec2TransitGatewayRoute(this, `tgw_route_${from.name}_to_${route.destination.name}`, {
        provider: this.provider(from.name),
        transitGatewayRouteTableId: this.state(from).getString('transit_gateway_route_table_id'),
        destinationCidrBlock: route.destination.vpcCidr,
        transitGatewayAttachmentId: peering.accepter.transitGatewayAttachmentId,
        dependsOn: peering.associations,
      });
      this.privateRoutes(route, { transitGatewayId: this.state(from).getString('transit_gateway_id') });
    }
  }

  private vpcPeeringMesh(links: PeeringLink[], routes: RemoteRoute[], account: string): void {
    const side = (region: RegionConfig) => ({
      region: region.name,
      provider: this.provider(region.name),
      vpcId: this.state(region).getString('vpc_id'),
    });
    const built = new Map<string, VpcPeeringLink>();
    for (const link of links) {
      built.set(
        link.name,
        new VpcPeeringLink(this, `vpc_peering_${link.name}`, {
          requester: side(link.requester),
          accepter: side(link.accepter),
          peerAccountId: account,
        }),
      );
    }
    namedOutput(
      this,
      'vpc_peering_connection_ids',
      Object.fromEntries(links.map((l) => [l.name, built.get(l.name)!.connection.id])),
      'VPC peering connection id per link (requester_accepter)',
    );
    for (const route of routes) {
      this.privateRoutes(route, { vpcPeeringConnectionId: built.get(route.link.name)!.accepter.vpcPeeringConnectionId });
    }
  }

  /** One route per private route table (one per AZ) of the route's Region towards its destination. */
  private privateRoutes(route: RemoteRoute, target: { transitGatewayId: string } | { vpcPeeringConnectionId: string }): void {
    const from = route.region;
    for (let az = 0; az < from.azCount; az++) {
      new Route(this, `vpc_route_${from.name}_az${az + 1}_to_${route.destination.name}`, {
        provider: this.provider(from.name),
        routeTableId: Fn.element(this.state(from).getList('private_route_table_ids'), az),
        destinationCidrBlock: route.destination.vpcCidr,
        ...target,
      });
    }
  }
}
