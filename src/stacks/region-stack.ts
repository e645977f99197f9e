import { Construct } from 'constructs';
import { FoundationConfig, RegionConfig } from '../config/validate';
import { VpcNetwork } from '../constructs/network/vpc-network';
import { VpcFlowLogs } from '../constructs/network/vpc-flow-logs';
import { TransitGatewayHub } from '../constructs/network/transit-gateway-hub';
import { MultiRegionKey } from '../constructs/security/multi-region-key';
import { SecurityHub } from '../constructs/security/security-hub';
import { FoundationStack } from './foundation-stack';
import { readStackState, useS3Backend } from './backend';
import { homeProvider } from './providers';
import { namedOutput } from './outputs';
import { flowLogGroupPrefix, keyProps } from './global-stack';
import { GLOBAL_STACK, regionStackName } from './stack-names';

/** Everything that lives in one Region; its default provider is that Region. */
export class RegionStack extends FoundationStack {
  readonly network: VpcNetwork;
  readonly transitGateway?: TransitGatewayHub;

  constructor(scope: Construct, config: FoundationConfig, readonly region: RegionConfig) {
    const name = regionStackName(region.name);
    super(scope, name, config);
    useS3Backend(this, config.state, name);
    homeProvider(this, config, name, region.name);
    const global = readStackState(this, config.state, GLOBAL_STACK);
    const prefix = `${config.project}-${region.name}`;

    this.network = new VpcNetwork(this, 'network', {
      name: prefix,
      cidr: region.vpcCidr,
      azCount: region.azCount,
      enableNatGateway: config.network.enableNatGateway,
    });
    const flowLogs = new VpcFlowLogs(this, 'flow_logs', {
      vpcId: this.network.vpc.id,
      logGroupName: `${flowLogGroupPrefix(config)}${region.name}`,
      deliveryRoleArn: global.getString('flow_logs_role_arn'),
      retentionDays: config.network.flowLogs.retentionDays,
      trafficType: config.network.flowLogs.trafficType,
    });

    const out = (key: string, value: unknown, description: string) => namedOutput(this, key, value, description);
    out('region', region.name, 'Region of this stack');
    out('vpc_id', this.network.vpc.id, 'VPC id');
    out('vpc_cidr', this.network.vpc.cidrBlock, 'VPC IPv4 CIDR');
    out('availability_zones', this.network.availabilityZones, 'Availability Zones of the subnets, in AZ order');
    out('private_subnet_ids', this.network.privateSubnets.map((s) => s.id), 'Private subnet ids, one per AZ');
    out('public_subnet_ids', this.network.publicSubnets.map((s) => s.id), 'Public subnet ids, one per AZ');
    out('private_route_table_ids', this.network.privateRouteTables.map((t) => t.id), 'Private route table ids, one per AZ (global-network adds inter-Region routes)');
    out('public_route_table_id', this.network.publicRouteTable.id, 'Public route table id');
    out('flow_log_group_name', flowLogs.logGroup.name, 'CloudWatch log group of the VPC flow logs');

    if (region.isPrimary) {
      out('kms_key_arn', global.getString('kms_primary_key_arn'), 'The multi-Region key in this Region (here: the primary, from the global stack)');
    } else {
      const replica = new MultiRegionKey(this, 'kms', { ...keyProps(this, config), primaryKeyArn: global.getString('kms_primary_key_arn') });
      out('kms_key_arn', replica.keyArn, 'The multi-Region key in this Region (a replica of the global primary)');
    }

    if (config.security.securityHub.enable) {
      const hub = new SecurityHub(this, 'security_hub', { standards: config.security.securityHub.standards, region: region.name });
      out('security_hub_arn', hub.hubArn, 'Security Hub in this Region (global-replication links it to the aggregator)');
    }

    if (config.network.interRegion === 'transit-gateway') {
      this.transitGateway = new TransitGatewayHub(this, 'tgw', {
        name: prefix,
        amazonSideAsn: region.transitGatewayAsn,
        vpcId: this.network.vpc.id,
        subnetIds: this.network.privateSubnets.map((s) => s.id),
      });
      out('transit_gateway_id', this.transitGateway.transitGateway.id, 'Transit Gateway id');
      out('transit_gateway_route_table_id', this.transitGateway.routeTable.id, 'Transit Gateway route table that every attachment is associated with');
      out('transit_gateway_vpc_attachment_id', this.transitGateway.vpcAttachment.id, 'Attachment of the VPC to the Transit Gateway');
    }
  }
}
