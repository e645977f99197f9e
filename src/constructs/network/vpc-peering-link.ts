import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcPeeringConnectionAccepterA } from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter';

/** One side of a VPC peering: its Region's provider and VPC. */
export interface VpcPeeringSide {
  readonly region: string;
  readonly provider: TerraformProvider;
  readonly vpcId: string;
}

export interface VpcPeeringLinkProps {
  /** Side that requests the peering. */
  readonly requester: VpcPeeringSide;
  /** Side in the far Region that accepts it. */
  readonly accepter: VpcPeeringSide;
  /** Account that owns the accepter VPC. */
  readonly peerAccountId: string;
}

/** An inter-Region VPC peering connection, requested on one side and accepted on the other. */
export class VpcPeeringLink extends Construct {
  readonly connection: VpcPeeringConnection;
  readonly accepter: VpcPeeringConnectionAccepterA;

  constructor(scope: Construct, id: string, props: VpcPeeringLinkProps) {
    super(scope, id);
    const { requester, accepter } = props;
    if (requester.region === accepter.region) {
      throw new Error(`VpcPeeringLink ${id}: requester and accepter are both in ${requester.region}; expected two different Regions`);
    }
    const name = `${requester.region} <-> ${accepter.region}`;
    this.connection = new VpcPeeringConnection(this, 'connection', {
      provider: requester.provider,
      vpcId: requester.vpcId,
      peerVpcId: accepter.vpcId,
      peerRegion: accepter.region,
      peerOwnerId: props.peerAccountId,
      // Cross-Region peerings cannot be auto-accepted by the requester.
      autoAccept: false,
      tags: { Name: name },
    });
    this.accepter = new VpcPeeringConnectionAccepterA(this, 'accepter', {
      provider: accepter.provider,
      vpcPeeringConnectionId: this.connection.id,
      autoAccept: true,
      tags: { Name: name },
    });
  }
}
