import { StackContract } from './contract';

const TGW_MODE = 'network.interRegion = "transit-gateway"';
const EDGE_ON = 'edge.enable';
const EXPLORER_ON = 'operations.resourceExplorer.enable';

/** Outputs of every `region-<name>` stack. */
export const REGION_OUTPUTS = {
  region: { type: 'string', description: 'Region of this stack', readBy: ['operators'] },
  vpc_id: { type: 'string', description: 'VPC id', readBy: ['global-network', 'global-replication', 'global-compute'] },
  vpc_cidr: { type: 'string', description: 'VPC IPv4 CIDR', readBy: ['operators'] },
  availability_zones: { type: 'list', description: 'Availability Zones of the subnets, in AZ order', readBy: ['operators'] },
  private_subnet_ids: { type: 'list', description: 'Private subnet ids, one per AZ', readBy: ['global-replication', 'global-compute'] },
  public_subnet_ids: { type: 'list', description: 'Public subnet ids, one per AZ', readBy: ['operators'] },
  private_route_table_ids: {
    type: 'list',
    description: 'Private route table ids, one per AZ (global-network adds inter-Region routes)',
    readBy: ['global-network'],
  },
  public_route_table_id: { type: 'string', description: 'Public route table id', readBy: ['operators'] },
  flow_log_group_name: { type: 'string', description: 'CloudWatch log group of the VPC flow logs', readBy: ['operators'] },
  kms_key_arn: {
    type: 'string',
    // The writer adds whether this Region holds the primary or a replica.
    description: 'The multi-Region key in this Region',
    readBy: ['global-replication', 'global-compute', 'global-edge'],
  },
  security_hub_arn: {
    type: 'string',
    description: 'Security Hub in this Region (global-replication links it to the aggregator)',
    readBy: ['operators'],
    when: 'security.securityHub.enable',
  },
  transit_gateway_id: { type: 'string', description: 'Transit Gateway id', readBy: ['global-network'], when: TGW_MODE },
  transit_gateway_route_table_id: {
    type: 'string',
    description: 'Transit Gateway route table that every attachment is associated with',
    readBy: ['global-network'],
    when: TGW_MODE,
  },
  transit_gateway_vpc_attachment_id: {
    type: 'string',
    description: 'Attachment of the VPC to the Transit Gateway',
    readBy: ['operators'],
    when: TGW_MODE,
  },
  load_balancer_arn: {
    type: 'string',
    description: 'The Region\'s internet-facing Application Load Balancer, the entry point applications attach to',
    readBy: ['global-edge', 'applications'],
    when: EDGE_ON,
  },
  load_balancer_dns_name: { type: 'string', description: 'DNS name of the load balancer', readBy: ['global-edge', 'applications'], when: EDGE_ON },
  load_balancer_zone_id: { type: 'string', description: 'Canonical hosted zone id of the load balancer (Route 53 aliases)', readBy: ['global-edge'], when: EDGE_ON },
  http_listener_arn: {
    type: 'string',
    description: 'HTTP listener (port 80): answers /health, 404 otherwise; redirects to HTTPS when a domain is configured',
    readBy: ['applications'],
    when: EDGE_ON,
  },
  https_listener_arn: {
    type: 'string',
    description: 'HTTPS listener (port 443, TLS 1.2+, this Region\'s ACM certificate): answers /health, 404 otherwise',
    readBy: ['applications'],
    when: 'edge.enable and edge.domainName',
  },
  entry_security_group_id: {
    type: 'string',
    description: 'Security group of the load balancer: open the application\'s targets to it',
    readBy: ['applications'],
    when: EDGE_ON,
  },
  resource_explorer_index_arn: {
    type: 'string',
    // The writer adds whether it is the aggregator.
    description: 'Resource Explorer index of this Region',
    readBy: ['operators'],
    when: EXPLORER_ON,
  },
  resource_explorer_view_arn: {
    type: 'string',
    description: 'Resource Explorer view of the project\'s resources in every Region (filter tag:FoundationProject=<project>, with tags); not the default view: name it in searches',
    readBy: ['operators'],
    when: `${EXPLORER_ON}, in the primary Region`,
  },
} as const satisfies StackContract;
