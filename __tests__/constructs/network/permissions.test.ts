import { NETWORK_PERMISSIONS } from '../../../src/constructs/network/permissions';
import { PROJECT_TAG_KEY } from '../../../src/aws/tags';
import { IamPolicyEc2WritesScoped } from '../../../src/compliance/iam-policy-ec2-writes-scoped';
import { CONTEXT, actionsOf, describeDomainPermissions, grantsAction, statementOf } from '../../helpers/deploy-permissions';
import { Authorization, allowsCall, decide } from '../../helpers/iam-evaluator';

describeDomainPermissions(NETWORK_PERMISSIONS, {
  'data.aws_availability_zones': ['ec2:DescribeAvailabilityZones'],
  'data.aws_subnet': ['ec2:DescribeSubnets'],
  aws_vpc: ['ec2:CreateVpc', 'ec2:DeleteVpc', 'ec2:ModifyVpcAttribute', 'ec2:DescribeVpcAttribute', 'ec2:CreateTags'],
  aws_default_security_group: ['ec2:CreateTags', 'ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress', 'ec2:DescribeSecurityGroups'],
  aws_subnet: ['ec2:CreateSubnet', 'ec2:DeleteSubnet', 'ec2:ModifySubnetAttribute', 'ec2:CreateTags'],
  aws_route_table: ['ec2:CreateRouteTable', 'ec2:DeleteRouteTable', 'ec2:CreateTags'],
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
  aws_ec2_transit_gateway_peering_attachment_accepter: ['ec2:AcceptTransitGatewayPeeringAttachment', 'ec2:CreateTags', 'ec2:DeleteTransitGatewayPeeringAttachment'],
  aws_ec2_transit_gateway_route: ['ec2:CreateTransitGatewayRoute', 'ec2:DeleteTransitGatewayRoute', 'ec2:SearchTransitGatewayRoutes'],
  aws_vpc_peering_connection: ['ec2:CreateVpcPeeringConnection', 'ec2:DeleteVpcPeeringConnection'],
  aws_vpc_peering_connection_accepter: ['ec2:AcceptVpcPeeringConnection', 'ec2:CreateTags'],
  aws_vpc_peering_connection_options: ['ec2:ModifyVpcPeeringConnectionOptions'],
  aws_security_group: ['ec2:CreateSecurityGroup', 'ec2:CreateTags', 'ec2:AuthorizeSecurityGroupEgress', 'ec2:RevokeSecurityGroupEgress', 'ec2:DeleteSecurityGroup', 'ec2:DescribeSecurityGroups'],
  aws_vpc_endpoint: ['ec2:CreateVpcEndpoint', 'ec2:CreateTags', 'ec2:ModifyVpcEndpoint', 'ec2:DeleteVpcEndpoints', 'ec2:DescribeVpcEndpoints', 'ec2:DescribePrefixLists'],
});

const statements = NETWORK_PERMISSIONS.grants(CONTEXT).map((g) => g.statement);
const PROJECT = CONTEXT.project;
const ACCOUNT = CONTEXT.account;
const arn = (type: string, id: string, account = ACCOUNT, region = 'us-east-1') => `arn:aws:ec2:${region}:${account}:${type}/${id}`;

/** Tag context of a resource that carries `project` as its project tag (none: untagged). */
const taggedAs = (project?: string) => (project === undefined ? {} : { [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: project });
/** Context of a request that tags what it creates with the provider's default tags. */
const requestTags = (project = PROJECT) => ({ [`aws:RequestTag/${PROJECT_TAG_KEY}`]: project, 'aws:TagKeys': ['ManagedBy', PROJECT_TAG_KEY, 'FoundationStack', 'Name'] });

/** A create with tag specifications: the new resource, the existing ones it uses, and CreateTags on the new one. */
function create(action: string, created: string, uses: Array<[string, string | undefined]> = [], extra = {}): Authorization[] {
  const request = { ...requestTags(), ...extra };
  return [
    { action, resource: created, context: request },
    ...uses.map(([resource, project]) => ({ action, resource, context: { ...request, ...taggedAs(project) } })),
    { action: 'ec2:CreateTags', resource: created, context: { ...request, 'ec2:CreateAction': action.replace('ec2:', '') } },
  ];
}

/** A change to existing resources, each with its project tag (or none). */
function change(action: string, resources: Array<[string, string | undefined]>, extra = {}): Authorization[] {
  return resources.map(([resource, project]) => ({ action, resource, context: { ...taggedAs(project), ...extra } }));
}

const VPC = arn('vpc', 'vpc-1');
const SUBNET = arn('subnet', 'subnet-1');
const ROUTE_TABLE = arn('route-table', 'rtb-1');
const TGW = arn('transit-gateway', 'tgw-1');
const TGW_ROUTE_TABLE = arn('transit-gateway-route-table', 'tgw-rtb-1');
const ATTACHMENT = arn('transit-gateway-attachment', 'tgw-attach-1');
const PEERING = arn('vpc-peering-connection', 'pcx-1');
const GROUP = arn('security-group', 'sg-1');

/**
 * What hashicorp/aws 5.100.0 calls for each resource type the stacks synthesize, with the tags each
 * resource has at that moment (provider default_tags put the project tag on everything taggable).
 */
const TERRAFORM_CALLS: Array<[string, Authorization[]]> = [
  ['aws_vpc: CreateVpc tagged on create, then its DNS attributes', [...create('ec2:CreateVpc', arn('vpc', '*')), ...change('ec2:ModifyVpcAttribute', [[VPC, PROJECT]])]],
  ['aws_subnet in a project VPC', create('ec2:CreateSubnet', arn('subnet', '*'), [[VPC, PROJECT]])],
  ['aws_route_table in a project VPC', create('ec2:CreateRouteTable', arn('route-table', '*'), [[VPC, PROJECT]])],
  ['aws_route_table_association', change('ec2:AssociateRouteTable', [[ROUTE_TABLE, PROJECT], [SUBNET, PROJECT]])],
  ['aws_route: authorized on its route table (routes have no tags)', [...change('ec2:CreateRoute', [[ROUTE_TABLE, PROJECT]]), ...change('ec2:ReplaceRoute', [[ROUTE_TABLE, PROJECT]]), ...change('ec2:DeleteRoute', [[ROUTE_TABLE, PROJECT]])]],
  ['aws_internet_gateway: created tagged, then attached', [...create('ec2:CreateInternetGateway', arn('internet-gateway', '*')), ...change('ec2:AttachInternetGateway', [[arn('internet-gateway', 'igw-1'), PROJECT], [VPC, PROJECT]])]],
  ['aws_eip + aws_nat_gateway on a project subnet', [...create('ec2:AllocateAddress', arn('elastic-ip', '*')), ...create('ec2:CreateNatGateway', arn('natgateway', '*'), [[SUBNET, PROJECT], [arn('elastic-ip', 'eipalloc-1'), PROJECT]])]],
  ['aws_flow_log on a project VPC, later deleted', [...create('ec2:CreateFlowLogs', arn('vpc-flow-log', '*'), [[VPC, PROJECT]]), ...change('ec2:DeleteFlowLogs', [[arn('vpc-flow-log', 'fl-1'), PROJECT]])]],
  [
    'aws_default_security_group: adopted untagged, tagged, then stripped of its rules',
    [{ action: 'ec2:CreateTags', resource: GROUP, context: requestTags() }, ...change('ec2:RevokeSecurityGroupIngress', [[GROUP, PROJECT]]), ...change('ec2:RevokeSecurityGroupEgress', [[GROUP, PROJECT]])],
  ],
  ['aws_ec2_transit_gateway + route table', [...create('ec2:CreateTransitGateway', arn('transit-gateway', '*')), ...create('ec2:CreateTransitGatewayRouteTable', arn('transit-gateway-route-table', '*'), [[TGW, PROJECT]])]],
  ['aws_ec2_transit_gateway_vpc_attachment on project subnets', create('ec2:CreateTransitGatewayVpcAttachment', arn('transit-gateway-attachment', '*'), [[TGW, PROJECT], [VPC, PROJECT], [SUBNET, PROJECT]])],
  ['TGW association and propagation', [...change('ec2:AssociateTransitGatewayRouteTable', [[ATTACHMENT, PROJECT], [TGW_ROUTE_TABLE, PROJECT]]), ...change('ec2:EnableTransitGatewayRouteTablePropagation', [[ATTACHMENT, PROJECT], [TGW_ROUTE_TABLE, PROJECT]])]],
  ['aws_ec2_transit_gateway_peering_attachment (requester)', create('ec2:CreateTransitGatewayPeeringAttachment', arn('transit-gateway-attachment', '*'), [[TGW, PROJECT]])],
  [
    'aws_ec2_transit_gateway_peering_attachment_accepter: untagged on its side until accepted and tagged',
    [...change('ec2:AcceptTransitGatewayPeeringAttachment', [[ATTACHMENT, undefined]]), { action: 'ec2:CreateTags', resource: ATTACHMENT, context: requestTags() }, ...change('ec2:DeleteTransitGatewayPeeringAttachment', [[ATTACHMENT, PROJECT]])],
  ],
  ['aws_ec2_transit_gateway_route: authorized on its TGW route table and attachment', change('ec2:CreateTransitGatewayRoute', [[TGW_ROUTE_TABLE, PROJECT], [ATTACHMENT, PROJECT]])],
  ['aws_vpc_peering_connection towards a VPC of the account', create('ec2:CreateVpcPeeringConnection', arn('vpc-peering-connection', '*'), [[VPC, PROJECT]], { 'ec2:AccepterVpc': arn('vpc', 'vpc-2', ACCOUNT, 'eu-west-1') })],
  [
    'aws_vpc_peering_connection_accepter: the untagged accepter side of a peering between account VPCs',
    [
      { action: 'ec2:AcceptVpcPeeringConnection', resource: PEERING, context: { 'ec2:RequesterVpc': arn('vpc', 'vpc-2', ACCOUNT, 'eu-west-1'), 'ec2:AccepterVpc': VPC } },
      ...change('ec2:AcceptVpcPeeringConnection', [[VPC, PROJECT]]),
      { action: 'ec2:CreateTags', resource: PEERING, context: requestTags() },
    ],
  ],
  ['a tag update on a project resource (Name changed)', change('ec2:CreateTags', [[VPC, PROJECT]], { 'aws:RequestTag/Name': 'new', 'aws:TagKeys': ['Name'] })],
  ['a tag removed from a project resource', change('ec2:DeleteTags', [[VPC, PROJECT]], { 'aws:TagKeys': ['Owner'] })],
  ['destroy: every delete on project resources', change('ec2:DeleteVpc', [[VPC, PROJECT]])],
  ['aws_security_group in a project VPC, with an HTTPS rule', [...create('ec2:CreateSecurityGroup', arn('security-group', '*'), [[VPC, PROJECT]]), ...change('ec2:AuthorizeSecurityGroupEgress', [[GROUP, PROJECT]])]],
  [
    'aws_vpc_endpoint in project subnets, route tables and groups',
    create('ec2:CreateVpcEndpoint', arn('vpc-endpoint', '*'), [[VPC, PROJECT], [SUBNET, PROJECT], [ROUTE_TABLE, PROJECT], [GROUP, PROJECT]]),
  ],
  ['Image Builder\'s checks as the caller: the parent image and the build subnet', [{ action: 'ec2:DescribeImages', resource: '*' }, { action: 'ec2:DescribeSubnets', resource: '*' }]],
];

/** Calls that would reach beyond the project, each of which the policy must refuse. */
const ESCAPES: Array<[string, Authorization[]]> = [
  ['a route in a route table that is not the project\'s', change('ec2:ReplaceRoute', [[ROUTE_TABLE, undefined]])],
  ['a route in another project\'s route table', change('ec2:CreateRoute', [[ROUTE_TABLE, 'other']])],
  ['deleting flow logs the project does not own', change('ec2:DeleteFlowLogs', [[arn('vpc-flow-log', 'fl-9'), undefined]])],
  ['opening a security group that is not the project\'s', change('ec2:AuthorizeSecurityGroupIngress', [[GROUP, undefined]])],
  ['opening another project\'s security group', change('ec2:AuthorizeSecurityGroupIngress', [[GROUP, 'other']])],
  ['a project-tagged security group in a VPC that is not the project\'s', create('ec2:CreateSecurityGroup', arn('security-group', '*'), [[VPC, undefined]])],
  ['a security group created without the project tag', [{ action: 'ec2:CreateSecurityGroup', resource: arn('security-group', '*'), context: { 'aws:TagKeys': ['Name'] } }]],
  ['a VPC endpoint that puts someone else\'s security group to use', create('ec2:CreateVpcEndpoint', arn('vpc-endpoint', '*'), [[VPC, PROJECT], [SUBNET, PROJECT], [GROUP, undefined]])],
  ['deleting a VPC endpoint of another project', change('ec2:DeleteVpcEndpoints', [[arn('vpc-endpoint', 'vpce-1'), 'other']])],
  ['a project-tagged subnet in a VPC that is not the project\'s', create('ec2:CreateSubnet', arn('subnet', '*'), [[VPC, undefined]])],
  ['a NAT gateway in someone else\'s subnet', create('ec2:CreateNatGateway', arn('natgateway', '*'), [[SUBNET, undefined], [arn('elastic-ip', 'eipalloc-1'), PROJECT]])],
  ['a flow log on someone else\'s subnet', create('ec2:CreateFlowLogs', arn('vpc-flow-log', '*'), [[SUBNET, undefined]])],
  ['a VPC created without the project tag', [{ action: 'ec2:CreateVpc', resource: arn('vpc', '*'), context: { 'aws:TagKeys': ['Name'], 'aws:RequestTag/Name': 'x' } }]],
  ['a VPC created with another project\'s tag', create('ec2:CreateVpc', arn('vpc', '*')).map((a) => ({ ...a, context: { ...a.context, ...requestTags('other') } }))],
  ['adopting an untagged VPC into the project', [{ action: 'ec2:CreateTags', resource: VPC, context: requestTags() }]],
  ['adopting a security group of another project', [{ action: 'ec2:CreateTags', resource: GROUP, context: { ...requestTags(), ...taggedAs('other') } }]],
  ['moving a project resource to another project', change('ec2:CreateTags', [[VPC, PROJECT]], requestTags('other'))],
  ['removing the project tag', change('ec2:DeleteTags', [[VPC, PROJECT]], { 'aws:TagKeys': [PROJECT_TAG_KEY] })],
  ['removing every tag at once (no tag list)', change('ec2:DeleteTags', [[VPC, PROJECT]])],
  ['a VPC peering towards another account', create('ec2:CreateVpcPeeringConnection', arn('vpc-peering-connection', '*'), [[VPC, PROJECT]], { 'ec2:AccepterVpc': arn('vpc', 'vpc-9', '210987654321') })],
  [
    'accepting a VPC peering requested from another account',
    [{ action: 'ec2:AcceptVpcPeeringConnection', resource: PEERING, context: { 'ec2:RequesterVpc': arn('vpc', 'vpc-9', '210987654321'), 'ec2:AccepterVpc': VPC } }],
  ],
  ['deleting a VPC that is not the project\'s', change('ec2:DeleteVpc', [[VPC, undefined]])],
];

describe('network deploy permissions: what Terraform calls is allowed, by project tag', () => {
  test.each(TERRAFORM_CALLS)('%s', (_name, call) => {
    const refused = call.filter((a) => decide(statements, a) !== 'Allow').map((a) => `${a.action} on ${a.resource}: ${decide(statements, a)}`);
    expect(refused).toEqual([]);
  });
});

describe('network deploy permissions: nothing beyond the project', () => {
  test.each(ESCAPES)('refuses %s', (_name, call) => {
    expect(allowsCall(statements, call)).toBe(false);
  });

  test('removing or changing the project tag is an explicit Deny, whatever else allows it', () => {
    for (const request of [
      ...change('ec2:DeleteTags', [[VPC, PROJECT]], { 'aws:TagKeys': [PROJECT_TAG_KEY] }),
      ...change('ec2:DeleteTags', [[VPC, PROJECT]]),
      ...change('ec2:CreateTags', [[VPC, PROJECT]], requestTags('other')),
    ]) {
      expect(decide(statements, request)).toBe('ExplicitDeny');
    }
  });
});

describe('network deploy permissions: scope', () => {
  test('passes IamPolicyEc2WritesScoped: the only unconditioned write is accepting a TGW peering', () => {
    expect(IamPolicyEc2WritesScoped.evaluate([{ type: 'aws_iam_policy', logicalId: 'p', address: 'aws_iam_policy.p', path: 'p', attributes: { policy: JSON.stringify({ Statement: statements }) } }])).toEqual([]);
    const unconditioned = statements.filter((s) => s.Effect === 'Allow' && s.Condition === undefined);
    expect(unconditioned.map((s) => s.Sid)).toEqual(['ReadNetwork', 'AcceptTransitGatewayPeerings']);
    expect(statementOf(NETWORK_PERMISSIONS, 'AcceptTransitGatewayPeerings').Resource).toBe(`arn:aws:ec2:*:${ACCOUNT}:transit-gateway-attachment/*`);
  });

  test('"*" holds only reads', () => {
    for (const s of statements.filter((s) => s.Effect === 'Allow' && s.Resource === '*')) {
      for (const a of actionsOf(s)) expect(a).toMatch(/^ec2:(Describe\*|Get[A-Za-z]+|Search[A-Za-z]+)$/);
    }
  });

  test('changes to existing resources need the project tag on each of them; creates carry it in the request', () => {
    expect(statementOf(NETWORK_PERMISSIONS, 'ManageProjectNetwork')).toMatchObject({
      Resource: `arn:aws:ec2:*:${ACCOUNT}:*`,
      Condition: { StringEquals: { [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: PROJECT }, StringEqualsIfExists: { [`aws:RequestTag/${PROJECT_TAG_KEY}`]: PROJECT } },
    });
    for (const s of statements.filter((s) => s.Sid.startsWith('CreateTagged'))) {
      expect(s.Condition?.StringEquals).toEqual({ [`aws:RequestTag/${PROJECT_TAG_KEY}`]: PROJECT });
      for (const r of [s.Resource].flat()) expect(r).toMatch(new RegExp(`^arn:aws:ec2:\\*:${ACCOUNT}:[a-z-]+/\\*$`));
    }
  });

  test('CreateTags on create only for the creates the domain makes', () => {
    const creates = statements.filter((s) => s.Sid.startsWith('CreateTagged')).flatMap(actionsOf).map((a) => a.replace('ec2:', ''));
    expect(statementOf(NETWORK_PERMISSIONS, 'TagOnlyWhatTheyCreate').Condition).toEqual({ StringEquals: { 'ec2:CreateAction': creates } });
  });

  test('nothing that would touch instances, volumes or images (security groups open only while project-tagged: the escapes above)', () => {
    for (const action of ['ec2:RunInstances', 'ec2:TerminateInstances', 'ec2:DeleteVolume', 'ec2:DeregisterImage']) {
      expect(grantsAction(statements, action)).toBe(false);
    }
  });
});
