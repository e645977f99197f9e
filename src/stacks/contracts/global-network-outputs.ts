import { StackContract } from './contract';

/** Outputs of the global-network stack: one map per inter-Region mode. */
export const GLOBAL_NETWORK_OUTPUTS = {
  transit_gateway_peering_attachment_ids: {
    type: 'map',
    description: 'TGW peering attachment id per link (requester_accepter)',
    readBy: ['operators'],
    when: 'network.interRegion = "transit-gateway"',
  },
  vpc_peering_connection_ids: {
    type: 'map',
    description: 'VPC peering connection id per link (requester_accepter)',
    readBy: ['operators'],
    when: 'network.interRegion = "vpc-peering"',
  },
} as const satisfies StackContract;
