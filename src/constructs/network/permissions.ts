import { DeployContext, DeployGrant, DomainPermissions } from '../../aws/deploy-permissions';
import { PROJECT_TAG_KEY } from '../../aws/tags';

/**
 * Read-only calls Terraform makes while planning and refreshing the network. Describe* and the two
 * Get*TransitGatewayRouteTable* calls have no resource type in IAM, so they can only be granted on
 * "*"; SearchTransitGatewayRoutes is a read beside them.
 */
const EC2_READ = [
  'ec2:Describe*',
  'ec2:GetTransitGatewayRouteTableAssociations',
  'ec2:GetTransitGatewayRouteTablePropagations',
  'ec2:SearchTransitGatewayRoutes',
];

/**
 * Creates are split by the resource types they create, so that no statement pairs an action with
 * the type of a resource that action only uses: a request tag would otherwise authorize that
 * existing resource too (CreateSubnet beside vpc/* would let a project-tagged subnet be created in
 * any VPC). The existing resources a create uses are authorized by ManageProjectNetwork, by tag.
 */
const CREATES = {
  /** Use no other resource. */
  Standalone: { actions: ['ec2:CreateVpc', 'ec2:CreateInternetGateway', 'ec2:AllocateAddress', 'ec2:CreateTransitGateway'], types: ['vpc', 'internet-gateway', 'elastic-ip', 'transit-gateway'] },
  /** Use a VPC or a Transit Gateway. */
  InProjectParents: {
    actions: ['ec2:CreateSubnet', 'ec2:CreateRouteTable', 'ec2:CreateSecurityGroup', 'ec2:CreateTransitGatewayRouteTable', 'ec2:CreateTransitGatewayPeeringAttachment', 'ec2:CreateVpcPeeringConnection'],
    types: ['subnet', 'route-table', 'security-group', 'transit-gateway-route-table', 'transit-gateway-attachment', 'vpc-peering-connection'],
  },
  /**
   * Use subnets (and an Elastic IP, or route tables and security groups for an endpoint): apart from
   * the statement that creates subnets, route tables and groups.
   */
  OnProjectSubnets: { actions: ['ec2:CreateNatGateway', 'ec2:CreateTransitGatewayVpcAttachment', 'ec2:CreateVpcEndpoint'], types: ['natgateway', 'transit-gateway-attachment', 'vpc-endpoint'] },
  /** May target NAT gateways, subnets and TGW attachments: apart from every statement that creates those. */
  FlowLogs: { actions: ['ec2:CreateFlowLogs'], types: ['vpc-flow-log'] },
} as const;

const CREATE_ACTIONS = Object.values(CREATES).flatMap((c) => c.actions);
/** Creates that also use an existing resource (a VPC, gateway, subnet or Elastic IP). */
const CREATES_IN_PARENTS = [...CREATES.InProjectParents.actions, ...CREATES.OnProjectSubnets.actions, ...CREATES.FlowLogs.actions];

/** Every change to an existing resource; each resource it touches must carry the project tag. */
const EC2_MANAGE = [
  'ec2:ModifyVpcAttribute',
  'ec2:DeleteVpc',
  'ec2:ModifySubnetAttribute',
  'ec2:DeleteSubnet',
  'ec2:DeleteRouteTable',
  'ec2:AssociateRouteTable',
  'ec2:DisassociateRouteTable',
  'ec2:ReplaceRouteTableAssociation',
  'ec2:CreateRoute',
  'ec2:ReplaceRoute',
  'ec2:DeleteRoute',
  'ec2:AttachInternetGateway',
  'ec2:DetachInternetGateway',
  'ec2:DeleteInternetGateway',
  'ec2:DeleteNatGateway',
  'ec2:ReleaseAddress',
  'ec2:DisassociateAddress',
  'ec2:DeleteFlowLogs',
  // aws_default_security_group strips the default rules; the groups of the golden AMI's build and
  // its VPC endpoints (compute) hold HTTPS rules.
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:UpdateSecurityGroupRuleDescriptionsIngress',
  'ec2:UpdateSecurityGroupRuleDescriptionsEgress',
  'ec2:DeleteSecurityGroup',
  'ec2:ModifyVpcEndpoint',
  'ec2:DeleteVpcEndpoints',
  'ec2:CreateTags',
  'ec2:DeleteTags',
  'ec2:ModifyTransitGateway',
  'ec2:DeleteTransitGateway',
  'ec2:DeleteTransitGatewayRouteTable',
  'ec2:AssociateTransitGatewayRouteTable',
  'ec2:DisassociateTransitGatewayRouteTable',
  'ec2:EnableTransitGatewayRouteTablePropagation',
  'ec2:DisableTransitGatewayRouteTablePropagation',
  'ec2:CreateTransitGatewayRoute',
  'ec2:ReplaceTransitGatewayRoute',
  'ec2:DeleteTransitGatewayRoute',
  'ec2:ModifyTransitGatewayVpcAttachment',
  'ec2:DeleteTransitGatewayVpcAttachment',
  'ec2:RejectTransitGatewayPeeringAttachment',
  'ec2:DeleteTransitGatewayPeeringAttachment',
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
  'aws_security_group',
  'aws_vpc_endpoint',
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

/** Terraform types created by each group of CREATES. */
const CREATED_BY: Record<keyof typeof CREATES, readonly string[]> = {
  Standalone: ['aws_vpc', 'aws_internet_gateway', 'aws_eip', 'aws_ec2_transit_gateway'],
  InProjectParents: ['aws_subnet', 'aws_route_table', 'aws_security_group', 'aws_ec2_transit_gateway_route_table', 'aws_ec2_transit_gateway_peering_attachment', 'aws_vpc_peering_connection'],
  OnProjectSubnets: ['aws_nat_gateway', 'aws_ec2_transit_gateway_vpc_attachment', 'aws_vpc_endpoint'],
  FlowLogs: ['aws_flow_log'],
};

/**
 * Resources that exist untagged when Terraform first manages them, and that the provider tags
 * right after: the VPC's default security group (created by AWS with the VPC), and the accepter
 * side of a TGW or VPC peering (tags are per side and the accepter's are set after acceptance).
 */
const ADOPTED_TYPES = ['security-group', 'transit-gateway-attachment', 'vpc-peering-connection'];
const ADOPTING_TYPES = ['aws_default_security_group', 'aws_ec2_transit_gateway_peering_attachment_accepter', 'aws_vpc_peering_connection_accepter'];

/**
 * VPCs and the inter-Region links, scoped by the project tag that provider default_tags put on every
 * resource (PROJECT_TAG_KEY = project): creates must carry it in the request (tag on create) and
 * may tag only what they create (ec2:CreateAction); every other change needs it on each resource
 * touched; nothing may remove it or set another value. Routes, associations and propagations have
 * no tags of their own and are authorized on their route table, attachment or gateway. The few
 * calls that cannot be scoped this way are listed in the README ("Network permissions").
 * Flow-log groups are in audit, passing the flow-log role in identity.
 */
export const NETWORK_PERMISSIONS: DomainPermissions = {
  domain: 'network',
  description: 'VPCs, subnets, routes, security groups, VPC endpoints, flow logs, Transit Gateways and VPC peering, by project tag',
  grants: (context) => {
    const { partition, account, project } = context;
    const ec2 = (type: string) => `arn:${partition}:ec2:*:${account}:${type}/*`;
    const anyEc2 = `arn:${partition}:ec2:*:${account}:*`;
    const projectVpcs = ec2('vpc');
    const requestTag = `aws:RequestTag/${PROJECT_TAG_KEY}`;
    const resourceTag = `aws:ResourceTag/${PROJECT_TAG_KEY}`;
    const creates = (Object.keys(CREATES) as Array<keyof typeof CREATES>).map(
      (group): DeployGrant => ({
        covers: CREATED_BY[group],
        statement: {
          Sid: `CreateTagged${group}`,
          Effect: 'Allow',
          Action: [...CREATES[group].actions],
          Resource: CREATES[group].types.map(ec2),
          Condition: {
            StringEquals: { [requestTag]: project },
            // A VPC peering may only be requested towards a VPC of this account.
            ...(group === 'InProjectParents' ? { ArnLikeIfExists: { 'ec2:AccepterVpc': projectVpcs } } : {}),
          },
        },
      }),
    );
    return [
      {
        covers: ['data.aws_availability_zones', 'data.aws_subnet', ...VPC_TYPES, ...INTER_REGION_TYPES],
        statement: { Sid: 'ReadNetwork', Effect: 'Allow', Action: EC2_READ, Resource: '*' },
      },
      ...creates,
      {
        covers: Object.values(CREATED_BY).flat(),
        statement: {
          Sid: 'TagOnlyWhatTheyCreate',
          Effect: 'Allow',
          Action: 'ec2:CreateTags',
          Resource: anyEc2,
          // The API's name, without the service prefix ("CreateVpc").
          Condition: { StringEquals: { 'ec2:CreateAction': CREATE_ACTIONS.map((a) => a.replace(/^ec2:/, '')) } },
        },
      },
      {
        covers: [...VPC_TYPES, ...INTER_REGION_TYPES],
        statement: {
          Sid: 'ManageProjectNetwork',
          Effect: 'Allow',
          Action: [...CREATES_IN_PARENTS, ...EC2_MANAGE],
          Resource: anyEc2,
          Condition: { StringEquals: { [resourceTag]: project }, StringEqualsIfExists: { [requestTag]: project } },
        },
      },
      {
        covers: ADOPTING_TYPES,
        statement: {
          Sid: 'AdoptUntaggedDefaultGroupsAndPeerings',
          Effect: 'Allow',
          Action: 'ec2:CreateTags',
          Resource: ADOPTED_TYPES.map(ec2),
          Condition: { StringEquals: { [requestTag]: project }, Null: { [resourceTag]: 'true' } },
        },
      },
      {
        covers: ['aws_vpc_peering_connection_accepter'],
        statement: {
          Sid: 'AcceptPeeringsBetweenAccountVpcs',
          Effect: 'Allow',
          Action: 'ec2:AcceptVpcPeeringConnection',
          Resource: ec2('vpc-peering-connection'),
          Condition: { ArnLike: { 'ec2:RequesterVpc': projectVpcs, 'ec2:AccepterVpc': projectVpcs } },
        },
      },
      {
        covers: ['aws_ec2_transit_gateway_peering_attachment_accepter'],
        statement: { Sid: 'AcceptTransitGatewayPeerings', Effect: 'Allow', Action: 'ec2:AcceptTransitGatewayPeeringAttachment', Resource: ec2('transit-gateway-attachment') },
      },
      ...projectTagGuards(context),
    ];
  },
};

/** The project tag can neither be removed nor given another value, so no resource leaves or joins the scope by retagging. */
function projectTagGuards({ project }: DeployContext): DeployGrant[] {
  return [
    {
      covers: [],
      statement: {
        Sid: 'NeverRemoveProjectTag',
        Effect: 'Deny',
        Action: 'ec2:DeleteTags',
        Resource: '*',
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': PROJECT_TAG_KEY } },
      },
    },
    // DeleteTags without a tag list removes every tag, the project tag included.
    { covers: [], statement: { Sid: 'NeverRemoveAllTags', Effect: 'Deny', Action: 'ec2:DeleteTags', Resource: '*', Condition: { Null: { 'aws:TagKeys': 'true' } } } },
    {
      covers: [],
      statement: {
        Sid: 'NeverSetAnotherProjectTag',
        Effect: 'Deny',
        Action: 'ec2:CreateTags',
        Resource: '*',
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': PROJECT_TAG_KEY }, StringNotEquals: { [`aws:RequestTag/${PROJECT_TAG_KEY}`]: project } },
      },
    },
  ];
}
