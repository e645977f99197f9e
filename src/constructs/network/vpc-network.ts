import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { planSubnets } from '../../config/subnet-plan';

export interface VpcNetworkProps {
  /** Name tag prefix, e.g. "multi-region-us-east-1". */
  readonly name: string;
  /** IPv4 CIDR of the VPC, /16 to /24. */
  readonly cidr: string;
  /** Availability Zones to spread subnets over. @default 2 */
  readonly azCount?: number;
  /** One NAT gateway per AZ for private egress. @default false */
  readonly enableNatGateway?: boolean;
}

/**
 * A multi-AZ VPC: one public and one private subnet per AZ with CIDRs fixed at synth time, a
 * public route table to an internet gateway, one private route table per AZ (so that each AZ's
 * egress and inter-Region routes stay independent), optional NAT per AZ, and a default security
 * group with every rule removed.
 */
export class VpcNetwork extends Construct {
  readonly vpc: Vpc;
  readonly privateSubnets: Subnet[] = [];
  readonly publicSubnets: Subnet[] = [];
  readonly privateRouteTables: RouteTable[] = [];
  readonly publicRouteTable: RouteTable;
  readonly natGateways: NatGateway[] = [];
  readonly availabilityZones: string[] = [];

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    const azCount = props.azCount ?? 2;
    if (!Number.isInteger(azCount) || azCount < 2) {
      throw new Error(`VpcNetwork ${id} azCount: received ${azCount}; expected an integer of at least 2 (multi-AZ)`);
    }
    const plan = planSubnets(props.cidr, azCount);

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.name },
    });
    new DefaultSecurityGroup(this, 'default_security_group', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${props.name}-default-deny` },
    });
    const zones = new DataAwsAvailabilityZones(this, 'zones', {
      state: 'available',
      filter: [{ name: 'zone-type', values: ['availability-zone'] }],
    });
    const igw = new InternetGateway(this, 'internet_gateway', { vpcId: this.vpc.id, tags: { Name: props.name } });

    this.publicRouteTable = new RouteTable(this, 'public_route_table', {
      vpcId: this.vpc.id,
      tags: { Name: `${props.name}-public` },
    });
    new Route(this, 'public_default_route', {
      routeTableId: this.publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.id,
    });

    for (let i = 0; i < azCount; i++) {
      const az = `az${i + 1}`;
      const zone = Fn.element(zones.names, i);
      this.availabilityZones.push(zone);
      const publicSubnet = new Subnet(this, `public_subnet_${az}`, {
        vpcId: this.vpc.id,
        cidrBlock: plan.publicCidrs[i],
        availabilityZone: zone,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-public-${az}`, Tier: 'public' },
      });
      this.publicSubnets.push(publicSubnet);
      new RouteTableAssociation(this, `public_route_table_association_${az}`, {
        subnetId: publicSubnet.id,
        routeTableId: this.publicRouteTable.id,
      });

      const privateSubnet = new Subnet(this, `private_subnet_${az}`, {
        vpcId: this.vpc.id,
        cidrBlock: plan.privateCidrs[i],
        availabilityZone: zone,
        tags: { Name: `${props.name}-private-${az}`, Tier: 'private' },
      });
      this.privateSubnets.push(privateSubnet);
      const privateRouteTable = new RouteTable(this, `private_route_table_${az}`, {
        vpcId: this.vpc.id,
        tags: { Name: `${props.name}-private-${az}` },
      });
      this.privateRouteTables.push(privateRouteTable);
      new RouteTableAssociation(this, `private_route_table_association_${az}`, {
        subnetId: privateSubnet.id,
        routeTableId: privateRouteTable.id,
      });

      if (props.enableNatGateway) {
        const eip = new Eip(this, `nat_eip_${az}`, { domain: 'vpc', tags: { Name: `${props.name}-nat-${az}` } });
        const nat = new NatGateway(this, `nat_gateway_${az}`, {
          allocationId: eip.allocationId,
          subnetId: publicSubnet.id,
          tags: { Name: `${props.name}-${az}` },
          dependsOn: [igw],
        });
        this.natGateways.push(nat);
        new Route(this, `private_default_route_${az}`, {
          routeTableId: privateRouteTable.id,
          destinationCidrBlock: '0.0.0.0/0',
          natGatewayId: nat.id,
        });
      }
    }
  }
}
