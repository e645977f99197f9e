import { Construct } from 'constructs';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { isPrivateAsn } from '../../aws/regions';

export interface TransitGatewayHubProps {
  /** Name tag. */
  readonly name: string;
  /** Amazon-side private ASN; distinct per Region. */
  readonly amazonSideAsn: number;
  /** VPC to attach. */
  readonly vpcId: string;
  /** Subnets (one per AZ) that carry the VPC attachment. */
  readonly subnetIds: string[];
}

/**
 * A Region's Transit Gateway with its default route table switched off: every attachment is
 * associated explicitly with one route table, so peering attachments added by the global-network
 * stack never land in a table nobody manages. The VPC attachment propagates the local CIDR.
 */
export class TransitGatewayHub extends Construct {
  readonly transitGateway: Ec2TransitGateway;
  readonly routeTable: Ec2TransitGatewayRouteTable;
  readonly vpcAttachment: Ec2TransitGatewayVpcAttachment;

  constructor(scope: Construct, id: string, props: TransitGatewayHubProps) {
    super(scope, id);
    if (!isPrivateAsn(props.amazonSideAsn)) {
      throw new Error(
        `TransitGatewayHub ${id} amazonSideAsn: received ${props.amazonSideAsn}; expected a private ASN (64512-65534 or 4200000000-4294967294)`,
      );
    }
    this.transitGateway = new Ec2TransitGateway(this, 'transit_gateway', {
      description: props.name,
      amazonSideAsn: props.amazonSideAsn,
      autoAcceptSharedAttachments: 'disable',
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      tags: { Name: props.name },
    });
    this.routeTable = new Ec2TransitGatewayRouteTable(this, 'route_table', {
      transitGatewayId: this.transitGateway.id,
      tags: { Name: props.name },
    });
    this.vpcAttachment = new Ec2TransitGatewayVpcAttachment(this, 'vpc_attachment', {
      transitGatewayId: this.transitGateway.id,
      vpcId: props.vpcId,
      subnetIds: props.subnetIds,
      transitGatewayDefaultRouteTableAssociation: false,
      transitGatewayDefaultRouteTablePropagation: false,
      dnsSupport: 'enable',
      tags: { Name: props.name },
    });
    new Ec2TransitGatewayRouteTableAssociation(this, 'vpc_association', {
      transitGatewayAttachmentId: this.vpcAttachment.id,
      transitGatewayRouteTableId: this.routeTable.id,
    });
    new Ec2TransitGatewayRouteTablePropagation(this, 'vpc_propagation', {
      transitGatewayAttachmentId: this.vpcAttachment.id,
      transitGatewayRouteTableId: this.routeTable.id,
    });
  }
}
