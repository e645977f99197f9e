import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Ec2TransitGatewayPeeringAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment';
import { Ec2TransitGatewayPeeringAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment-accepter';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';

/** One side of a Transit Gateway peering: its Region's provider, TGW and TGW route table. */
export interface TgwPeeringSide {
  readonly region: string;
  readonly provider: TerraformProvider;
  readonly transitGatewayId: string;
  readonly routeTableId: string;
}

export interface TgwPeeringLinkProps {
  /** Side that creates the attachment. */
  readonly requester: TgwPeeringSide;
  /** Side in the far Region that accepts it. */
  readonly accepter: TgwPeeringSide;
  /** Account that owns the accepter TGW; explicit so the request never guesses. */
  readonly peerAccountId: string;
}

/**
 * An inter-Region TGW peering: attachment in the requester Region, accepter in the far Region,
 * and the attachment associated with the explicit route table on both sides. Peering attachments
 * carry no propagation, so static routes are added separately for each remote CIDR.
 */
export class TgwPeeringLink extends Construct {
  readonly attachment: Ec2TransitGatewayPeeringAttachment;
  readonly accepter: Ec2TransitGatewayPeeringAttachmentAccepter;
  readonly associations: Ec2TransitGatewayRouteTableAssociation[];

  constructor(scope: Construct, id: string, props: TgwPeeringLinkProps) {
    super(scope, id);
    const { requester, accepter } = props;
    if (requester.region === accepter.region) {
      throw new Error(`TgwPeeringLink ${id}: requester and accepter are both in ${requester.region}; expected two different Regions`);
    }
    const name = `${requester.region} <-> ${accepter.region}`;
    this.attachment = new Ec2TransitGatewayPeeringAttachment(this, 'attachment', {
      provider: requester.provider,
      transitGatewayId: requester.transitGatewayId,
      peerTransitGatewayId: accepter.transitGatewayId,
      peerRegion: accepter.region,
      peerAccountId: props.peerAccountId,
      tags: { Name: name },
    });
    this.accepter = new Ec2TransitGatewayPeeringAttachmentAccepter(this, 'accepter', {
      provider: accepter.provider,
      transitGatewayAttachmentId: this.attachment.id,
      tags: { Name: name },
    });
    // Association fails until the attachment is available, which is after acceptance on both sides.
    this.associations = [requester, accepter].map(
      (side) =>
        new Ec2TransitGatewayRouteTableAssociation(this, `association_${side.region}`, {
          provider: side.provider,
          transitGatewayAttachmentId: this.accepter.transitGatewayAttachmentId,
          transitGatewayRouteTableId: side.routeTableId,
          dependsOn: [this.accepter],
        }),
    );
  }
}
