import { Construct } from 'constructs';
import { FoundationConfig, RegionConfig } from '../config/validate';
import { VpcNetwork } from '../constructs/network/vpc-network';
import { VpcFlowLogs } from '../constructs/network/vpc-flow-logs';
import { TransitGatewayHub } from '../constructs/network/transit-gateway-hub';
import { MultiRegionKey } from '../constructs/security/multi-region-key';
import { SecurityHub } from '../constructs/security/security-hub';
import { ConfigRecorder } from '../constructs/security/config-recorder';
import { EbsDefaults } from '../constructs/compute/ebs-defaults';
import { ImageBuildEndpoints } from '../constructs/compute/image-build-endpoints';
import { RegionalEntryPoint } from '../constructs/edge/regional-entry-point';
import { ResourceExplorerIndex } from '../constructs/operations/resource-explorer-index';
import { ResourceExplorerView } from '../constructs/operations/resource-explorer-view';
import { recordFqdn } from '../aws/dns-names';
import { configBucketName, flowLogGroupPrefix, resourceNames } from '../aws/resource-names';
import { FoundationStack } from './foundation-stack';
import { accountFacts } from './account-facts';
import { multiRegionKeyProps } from './key-props';
import { StackState } from './remote-state';
import { writeOutputs } from './outputs';
import { GLOBAL_OUTPUTS } from './contracts/global-outputs';
import { REGION_OUTPUTS } from './contracts/region-outputs';
import { GLOBAL_STACK, regionStackName } from './stack-names';

/** Everything that lives in one Region; its default provider is that Region. */
export class RegionStack extends FoundationStack {
  readonly network: VpcNetwork;
  readonly transitGateway?: TransitGatewayHub;

  constructor(scope: Construct, config: FoundationConfig, readonly region: RegionConfig) {
    const name = regionStackName(region.name);
    super(scope, name, config, { region: region.name });
    const global = new StackState(this, config.state, GLOBAL_STACK, GLOBAL_OUTPUTS);
    const facts = accountFacts(this);
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
      deliveryRoleArn: global.get('flow_logs_role_arn'),
      retentionDays: config.network.flowLogs.retentionDays,
      trafficType: config.network.flowLogs.trafficType,
      facts,
    });

    // The primary Region uses the global stack's primary key; every other Region holds a replica.
    const kmsKeyArn = region.isPrimary
      ? global.get('kms_primary_key_arn')
      : new MultiRegionKey(this, 'kms', { ...multiRegionKeyProps(config, facts, region.name), primaryKeyArn: global.get('kms_primary_key_arn') }).keyArn;

    // Every new volume and snapshot copy of the Region on its copy of the key; nothing shared publicly.
    new EbsDefaults(this, 'ebs_defaults', { region: region.name, kmsKeyArn });

    // The golden AMI builds here, without a public IP: endpoints reach Image Builder, Systems Manager,
    // CloudWatch Logs and S3 (package repositories) unless a NAT gateway does (config cross-check).
    const { imageBuilder } = config.compute;
    if (region.isPrimary && imageBuilder.enable && imageBuilder.vpcEndpoints) {
      new ImageBuildEndpoints(this, 'image_build_endpoints', {
        name: prefix,
        region: region.name,
        vpcId: this.network.vpc.id,
        vpcCidr: this.network.vpc.cidrBlock,
        privateSubnetIds: this.network.privateSubnets.map((s) => s.id),
        privateRouteTableIds: this.network.privateRouteTables.map((t) => t.id),
      });
    }

    const hub = config.security.securityHub.enable
      ? new SecurityHub(this, 'security_hub', { standards: config.security.securityHub.standards, region: region.name, facts })
      : undefined;

    if (config.security.config.enable) {
      // Delivered to the one Config bucket in the primary Region (the global stack's, by its computed
      // name), so encrypted with the primary key there (S3 accepts only a key of the bucket's
      // Region), not this Region's replica.
      new ConfigRecorder(this, 'config', {
        name: resourceNames(config).configRecorder,
        serviceLinkedRoleArn: global.get('config_service_linked_role_arn'),
        recordGlobalResourceTypes: region.isPrimary,
        bucketName: configBucketName(config, facts.account),
        kmsKeyArn: global.get('kms_primary_key_arn'),
      });
    }

    if (config.network.interRegion === 'transit-gateway') {
      this.transitGateway = new TransitGatewayHub(this, 'tgw', {
        name: prefix,
        amazonSideAsn: region.transitGatewayAsn,
        vpcId: this.network.vpc.id,
        subnetIds: this.network.privateSubnets.map((s) => s.id),
      });
    }
    const tgw = this.transitGateway;

    // The Region's entry point; HTTPS with a certificate validated in the global stack's zone when a
    // domain is configured (the zone exists before any region stack).
    const { edge } = config;
    const entry = edge.enable
      ? new RegionalEntryPoint(this, 'entry', {
          ...edge.loadBalancer,
          namePrefix: config.project,
          region: region.name,
          facts,
          vpcId: this.network.vpc.id,
          vpcCidr: this.network.vpc.cidrBlock,
          publicSubnetIds: this.network.publicSubnets.map((s) => s.id),
          https: edge.domainName !== undefined ? { domainName: recordFqdn(edge.domainName, edge.recordName), zoneId: global.get('hosted_zone_id') } : undefined,
        })
      : undefined;

    // Inventory across Regions: an index in every Region, the account's one aggregator in the primary,
    // and there the project's view, created after the index it searches (same stack: no extra depth).
    const explorer = config.operations.resourceExplorer.enable
      ? new ResourceExplorerIndex(this, 'resource_explorer', { type: region.isPrimary ? 'AGGREGATOR' : 'LOCAL' })
      : undefined;
    const view = explorer && region.isPrimary ? new ResourceExplorerView(this, 'resource_explorer_project', { project: config.project, index: explorer.index }) : undefined;

    writeOutputs(
      this,
      REGION_OUTPUTS,
      {
        region: region.name,
        vpc_id: this.network.vpc.id,
        vpc_cidr: this.network.vpc.cidrBlock,
        availability_zones: this.network.availabilityZones,
        private_subnet_ids: this.network.privateSubnets.map((s) => s.id),
        public_subnet_ids: this.network.publicSubnets.map((s) => s.id),
        private_route_table_ids: this.network.privateRouteTables.map((t) => t.id),
        public_route_table_id: this.network.publicRouteTable.id,
        flow_log_group_name: flowLogs.logGroup.name,
        kms_key_arn: kmsKeyArn,
        security_hub_arn: hub?.hubArn,
        transit_gateway_id: tgw?.transitGateway.id,
        transit_gateway_route_table_id: tgw?.routeTable.id,
        transit_gateway_vpc_attachment_id: tgw?.vpcAttachment.id,
        load_balancer_arn: entry?.loadBalancerArn,
        load_balancer_dns_name: entry?.dnsName,
        load_balancer_zone_id: entry?.zoneId,
        http_listener_arn: entry?.httpListenerArn,
        https_listener_arn: entry?.httpsListenerArn,
        entry_security_group_id: entry?.securityGroupId,
        resource_explorer_index_arn: explorer?.arn,
        resource_explorer_view_arn: view?.arn,
      },
      {
        kms_key_arn: region.isPrimary ? 'here: the primary, from the global stack' : 'a replica of the global primary',
        resource_explorer_index_arn: region.isPrimary ? 'AGGREGATOR: searches here cover every indexed Region' : 'LOCAL, replicated to the primary\'s aggregator',
      },
    );
  }
}
