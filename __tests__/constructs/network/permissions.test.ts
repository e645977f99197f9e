import { NETWORK_PERMISSIONS } from '../../../src/constructs/network/permissions';
import { CONTEXT, actionsOf, describeDomainPermissions, grantsAction } from '../../helpers/deploy-permissions';

describeDomainPermissions(NETWORK_PERMISSIONS, {
  'data.aws_availability_zones': ['ec2:DescribeAvailabilityZones'],
  'data.aws_subnet': ['ec2:DescribeSubnets'],
  aws_vpc: ['ec2:CreateVpc', 'ec2:DeleteVpc', 'ec2:ModifyVpcAttribute', 'ec2:DescribeVpcAttribute', 'ec2:CreateTags'],
  aws_default_security_group: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress', 'ec2:DescribeSecurityGroups'],
  aws_subnet: ['ec2:CreateSubnet', 'ec2:DeleteSubnet', 'ec2:ModifySubnetAttribute'],
  aws_route_table: ['ec2:CreateRouteTable', 'ec2:DeleteRouteTable'],
  aws_route_table_association: ['ec2:AssociateRouteTable', 'ec2:DisassociateRouteTable'],
  aws_route: ['ec2:CreateRoute', 'ec2:DeleteRoute', 'ec2:ReplaceRoute'],
  aws_internet_gateway: ['ec2:CreateInternetGateway', 'ec2:AttachInternetGateway', 'ec2:DetachInternetGateway', 'ec2:DeleteInternetGateway'],
  aws_nat_gateway: ['ec2:CreateNatGateway', 'ec2:DeleteNatGateway'],
  aws_eip: ['ec2:AllocateAddress', 'ec2:ReleaseAddress'],
  aws_flow_log: ['ec2:CreateFlowLogs', 'ec2:DeleteFlowLogs', 'ec2:DescribeFlowLogs'],
  aws_ec2_transit_gateway: ['ec2:CreateTransitGateway', 'ec2:DeleteTransitGateway', 'ec2:DescribeTransitGateways'],
  aws_ec2_transit_gateway_route_table: ['ec2:CreateTransitGatewayRouteTable', 'ec2:DeleteTransitGatewayRouteTable'],
  aws_ec2_transit_gateway_vpc_attachment: ['ec2:CreateTransitGatewayVpcAttachment', 'ec2:DeleteTransitGatewayVpcAttachment'],
  aws_ec2_transit_gateway_route_table_association: ['ec2:AssociateTransitGatewayRouteTable', 'ec2:DisassociateTransitGatewayRouteTable', 'ec2:GetTransitGatewayRouteTableAssociations'],
  aws_ec2_transit_gateway_route_table_propagation: ['ec2:EnableTransitGatewayRouteTablePropagation', 'ec2:DisableTransitGatewayRouteTablePropagation', 'ec2:GetTransitGatewayRouteTablePropagations'],
  aws_ec2_transit_gateway_peering_attachment: ['ec2:CreateTransitGatewayPeeringAttachment', 'ec2:DeleteTransitGatewayPeeringAttachment'],
  aws_ec2_transit_gateway_peering_attachment_accepter: ['ec2:AcceptTransitGatewayPeeringAttachment'],
  aws_ec2_transit_gateway_route: ['ec2:CreateTransitGatewayRoute', 'ec2:DeleteTransitGatewayRoute', 'ec2:SearchTransitGatewayRoutes'],
  aws_vpc_peering_connection: ['ec2:CreateVpcPeeringConnection', 'ec2:DeleteVpcPeeringConnection'],
  aws_vpc_peering_connection_accepter: ['ec2:AcceptVpcPeeringConnection'],
  aws_vpc_peering_connection_options: ['ec2:ModifyVpcPeeringConnectionOptions'],
});

describe('network deploy permissions: scope', () => {
  const statements = NETWORK_PERMISSIONS.grants(CONTEXT).map((g) => g.statement);

  test('EC2 only, explicit actions on "*" (EC2 has no resource-level scoping for most of them); the only wildcard is Describe*', () => {
    for (const s of statements) {
      expect(s).toMatchObject({ Effect: 'Allow', Resource: '*' });
      expect(s.Condition).toBeUndefined();
      for (const a of actionsOf(s)) expect(a).toMatch(/^ec2:[A-Za-z]+$|^ec2:Describe\*$/);
    }
  });

  test('nothing that would touch instances, volumes or images', () => {
    for (const action of ['ec2:RunInstances', 'ec2:TerminateInstances', 'ec2:DeleteVolume', 'ec2:DeregisterImage']) {
      expect(grantsAction(statements, action)).toBe(false);
    }
  });
});
