import { DomainPermissions } from '../../aws/deploy-permissions';

/** Read-only EC2 calls Terraform makes while planning and refreshing the network. */
const EC2_READ = [
  'ec2:Describe*',
  'ec2:GetTransitGatewayRouteTableAssociations',
  'ec2:GetTransitGatewayRouteTablePropagations',
  'ec2:SearchTransitGatewayRoutes',
];

/** VPCs, subnets, route tables, internet and NAT gateways, Elastic IPs, flow logs, tags. */
const EC2_VPC = [
  'ec2:CreateVpc',
  'ec2:DeleteVpc',
  'ec2:ModifyVpcAttribute',
  'ec2:CreateSubnet',
  'ec2:DeleteSubnet',
  'ec2:ModifySubnetAttribute',
  'ec2:CreateRouteTable',
  'ec2:DeleteRouteTable',
  'ec2:AssociateRouteTable',
  'ec2:DisassociateRouteTable',
  'ec2:ReplaceRouteTableAssociation',
  'ec2:CreateRoute',
  'ec2:ReplaceRoute',
  'ec2:DeleteRoute',
  'ec2:CreateInternetGateway',
  'ec2:DeleteInternetGateway',
  'ec2:AttachInternetGateway',
  'ec2:DetachInternetGateway',
  'ec2:CreateNatGateway',
  'ec2:DeleteNatGateway',
  'ec2:AllocateAddress',
  'ec2:ReleaseAddress',
  'ec2:DisassociateAddress',
  'ec2:CreateFlowLogs',
  'ec2:DeleteFlowLogs',
  // aws_default_security_group strips the default rules.
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:CreateTags',
  'ec2:DeleteTags',
];

/** Transit gateways, their route tables, VPC and peering attachments and routes; VPC peering. */
const EC2_INTER_REGION = [
  'ec2:CreateTransitGateway',
  'ec2:DeleteTransitGateway',
  'ec2:ModifyTransitGateway',
  'ec2:CreateTransitGatewayRouteTable',
  'ec2:DeleteTransitGatewayRouteTable',
  'ec2:AssociateTransitGatewayRouteTable',
  'ec2:DisassociateTransitGatewayRouteTable',
  'ec2:EnableTransitGatewayRouteTablePropagation',
  'ec2:DisableTransitGatewayRouteTablePropagation',
  'ec2:CreateTransitGatewayRoute',
  'ec2:ReplaceTransitGatewayRoute',
  'ec2:DeleteTransitGatewayRoute',
  'ec2:CreateTransitGatewayVpcAttachment',
  'ec2:ModifyTransitGatewayVpcAttachment',
  'ec2:DeleteTransitGatewayVpcAttachment',
  'ec2:CreateTransitGatewayPeeringAttachment',
  'ec2:AcceptTransitGatewayPeeringAttachment',
  'ec2:RejectTransitGatewayPeeringAttachment',
  'ec2:DeleteTransitGatewayPeeringAttachment',
  'ec2:CreateVpcPeeringConnection',
  'ec2:AcceptVpcPeeringConnection',
  'ec2:RejectVpcPeeringConnection',
  'ec2:ModifyVpcPeeringConnectionOptions',
  'ec2:DeleteVpcPeeringConnection',
];

const VPC_TYPES = [
  'aws_vpc',
  'aws_default_security_group',
  'aws_subnet',
  'aws_route_table',
  'aws_route_table_association',
  'aws_route',
  'aws_internet_gateway',
  'aws_nat_gateway',
  'aws_eip',
  'aws_flow_log',
];

const INTER_REGION_TYPES = [
  'aws_ec2_transit_gateway',
  'aws_ec2_transit_gateway_route_table',
  'aws_ec2_transit_gateway_route_table_association',
  'aws_ec2_transit_gateway_route_table_propagation',
  'aws_ec2_transit_gateway_vpc_attachment',
  'aws_ec2_transit_gateway_peering_attachment',
  'aws_ec2_transit_gateway_peering_attachment_accepter',
  'aws_ec2_transit_gateway_route',
  'aws_vpc_peering_connection',
  'aws_vpc_peering_connection_accepter',
  'aws_vpc_peering_connection_options',
];

/**
 * VPCs and the inter-Region links. EC2 has no resource-level scoping for most of these calls, so
 * they are explicit action lists on "*". Flow-log groups are in audit, passing the flow-log role in
 * identity.
 */
export const NETWORK_PERMISSIONS: DomainPermissions = {
  domain: 'network',
  description: 'VPCs, subnets, routes, flow logs, Transit Gateways and VPC peering',
  grants: () => [
    {
      covers: ['data.aws_availability_zones', 'data.aws_subnet', ...VPC_TYPES, ...INTER_REGION_TYPES],
      statement: { Sid: 'ReadNetwork', Effect: 'Allow', Action: EC2_READ, Resource: '*' },
    },
    { covers: VPC_TYPES, statement: { Sid: 'ManageVpcs', Effect: 'Allow', Action: EC2_VPC, Resource: '*' } },
    { covers: INTER_REGION_TYPES, statement: { Sid: 'ManageInterRegionLinks', Effect: 'Allow', Action: EC2_INTER_REGION, Resource: '*' } },
  ],
};
