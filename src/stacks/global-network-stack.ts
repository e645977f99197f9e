import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Route } from '@cdktf/provider-aws/lib/route';
import { FoundationConfig, RegionConfig } from '../config/validate';
import { peeringLinks, remoteRoutes, RemoteRoute, PeeringLink } from '../config/topology';
import { TgwPeeringLink } from '../constructs/network/tgw-peering-link';
import { VpcPeeringLink } from '../constructs/network/vpc-peering-link';
import { LinkStack } from './link-stack';
import { writeOutputs } from './outputs';
import { GLOBAL_NETWORK_OUTPUTS } from './contracts/global-network-outputs';
import { GLOBAL_NETWORK_STACK } from './stack-names';

/**
 * Links the Regions' networks. Every resource names the aliased provider of the Region it lives
 * in; every value about a Region comes from that Region stack's named outputs in remote state.
 * One resource per link and per route, so the plan reads like the network.
 */
export class GlobalNetworkStack extends LinkStack {
  constructor(scope: Construct, config: FoundationConfig) {
    super(scope, GLOBAL_NETWORK_STACK, config);
    const links = peeringLinks(config);
    const routes = remoteRoutes(config);
    if (config.network.interRegion === 'transit-gateway') {
      this.transitGatewayMesh(links, routes, this.facts.account);
    } else {
      this.vpcPeeringMesh(links, routes, this.facts.account);
    }
  }

  private state(region: RegionConfig) {
    return this.regionState(region.name);
  }

  private transitGatewayMesh(links: PeeringLink[], routes: RemoteRoute[], account: string): void {
    const side = (region: RegionConfig) => ({
      region: region.name,
      provider: this.provider(region.name),
      transitGatewayId: this.state(region).get('transit_gateway_id'),
      routeTableId: this.state(region).get('transit_gateway_route_table_id'),
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
    writeOutputs(this, GLOBAL_NETWORK_OUTPUTS, {
      transit_gateway_peering_attachment_ids: Object.fromEntries(links.map((l) => [l.name, built.get(l.name)!.attachment.id])),
    });

    for (const route of routes) {
      const peering = built.get(route.link.name)!;
      const from = route.region;
      new Ec2TransitGatewayRoute(this, `tgw_route_${from.name}_to_${route.destination.name}`, {
        provider: this.provider(from.name),
        transitGatewayRouteTableId: this.state(from).get('transit_gateway_route_table_id'),
        destinationCidrBlock: route.destination.vpcCidr,
        transitGatewayAttachmentId: peering.accepter.transitGatewayAttachmentId,
        dependsOn: peering.associations,
      });
      this.privateRoutes(route, { transitGatewayId: this.state(from).get('transit_gateway_id') });
    }
  }

  private vpcPeeringMesh(links: PeeringLink[], routes: RemoteRoute[], account: string): void {
    const side = (region: RegionConfig) => ({
      region: region.name,
      provider: this.provider(region.name),
      vpcId: this.state(region).get('vpc_id'),
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
    writeOutputs(this, GLOBAL_NETWORK_OUTPUTS, {
      vpc_peering_connection_ids: Object.fromEntries(links.map((l) => [l.name, built.get(l.name)!.connection.id])),
    });
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
        routeTableId: Fn.element(this.state(from).get('private_route_table_ids'), az),
        destinationCidrBlock: route.destination.vpcCidr,
        ...target,
      });
    }
  }
}
