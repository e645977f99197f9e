import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { REGION_NAME_PATTERN } from '../../aws/regions';

/**
 * What an Image Builder build or test instance in a private subnet calls, besides S3: the SSM
 * agent's three endpoints (Image Builder drives the build through Run Command), Image Builder itself
 * (AWSTOE fetches the component document with imagebuilder:GetComponent) and CloudWatch Logs
 * (AWSTOE's step logs). S3 is a gateway endpoint: AWSTOE and the Amazon Linux package repositories
 * are served from S3 buckets.
 */
export const IMAGE_BUILD_INTERFACE_SERVICES = ['ssm', 'ssmmessages', 'ec2messages', 'imagebuilder', 'logs'] as const;

export interface ImageBuildEndpointsProps {
  /** Name prefix of the security group and the endpoints' Name tags, e.g. "multi-region-us-east-1". */
  readonly name: string;
  /** Region of the VPC (the primary Region): endpoint service names are per Region. */
  readonly region: string;
  readonly vpcId: string;
  /** IPv4 CIDR of the VPC: the only source the endpoints accept HTTPS from. */
  readonly vpcCidr: string;
  /** Private subnets, one per AZ: each interface endpoint gets a network interface in every one. */
  readonly privateSubnetIds: readonly string[];
  /** Private route tables: the S3 gateway endpoint adds its prefix-list route to each. */
  readonly privateRouteTableIds: readonly string[];
  /** Provider of the VPC's Region when the stack's default provider is another one. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * VPC endpoints that let instances without a public IP and without NAT reach what an Image Builder
 * build needs: interface endpoints with private DNS (so the SDKs' default hostnames resolve to
 * them) behind a security group that accepts HTTPS from the VPC only, and an S3 gateway endpoint on
 * the private route tables. The endpoints serve every private workload of the VPC, not only builds.
 */
export class ImageBuildEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  /** Interface endpoints by service ("ssm", ...). */
  readonly interfaceEndpoints: Record<(typeof IMAGE_BUILD_INTERFACE_SERVICES)[number], VpcEndpoint>;
  readonly s3GatewayEndpoint: VpcEndpoint;

  constructor(scope: Construct, id: string, props: ImageBuildEndpointsProps) {
    super(scope, id);
    validate(id, props);
    const { provider } = props;

    this.securityGroup = new SecurityGroup(this, 'security_group', {
      provider,
      name: `${props.name}-vpc-endpoints`,
      description: 'HTTPS from the VPC to its interface endpoints',
      vpcId: props.vpcId,
      // Every field given: Terraform reads these blocks as attributes, which have no optional fields in JSON.
      ingress: [
        { description: 'HTTPS from the VPC', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: [props.vpcCidr], ipv6CidrBlocks: [], prefixListIds: [], securityGroups: [], selfAttribute: false },
      ],
      // An interface endpoint only answers: it opens no connection of its own.
      egress: [],
      tags: { Name: `${props.name}-vpc-endpoints` },
    });

    const interfaces = {} as Record<(typeof IMAGE_BUILD_INTERFACE_SERVICES)[number], VpcEndpoint>;
    for (const service of IMAGE_BUILD_INTERFACE_SERVICES) {
      interfaces[service] = new VpcEndpoint(this, `${service}_endpoint`, {
        provider,
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...props.privateSubnetIds],
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: `${props.name}-${service}` },
      });
    }
    this.interfaceEndpoints = interfaces;

    this.s3GatewayEndpoint = new VpcEndpoint(this, 's3_endpoint', {
      provider,
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...props.privateRouteTableIds],
      tags: { Name: `${props.name}-s3` },
    });
  }
}

function validate(id: string, props: ImageBuildEndpointsProps): void {
  const where = `ImageBuildEndpoints ${id}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,200}$/.test(props.name)) {
    throw new Error(`${where} name: received ${JSON.stringify(props.name)}; expected 1-201 letters, digits, "_", "." or "-", starting with a letter or digit`);
  }
  if (!REGION_NAME_PATTERN.test(props.region)) {
    throw new Error(`${where} region: received ${JSON.stringify(props.region)}; expected a Region name such as us-east-1`);
  }
  if (!Token.isUnresolved(props.vpcCidr) && !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(props.vpcCidr)) {
    throw new Error(`${where} vpcCidr: received ${JSON.stringify(props.vpcCidr)}; expected an IPv4 CIDR such as 10.10.0.0/16`);
  }
  for (const [key, list] of [['privateSubnetIds', props.privateSubnetIds], ['privateRouteTableIds', props.privateRouteTableIds]] as const) {
    // A whole list from remote state is one token: only a literal empty list is known to be wrong.
    if (!Token.isUnresolved(list) && list.length === 0) {
      throw new Error(`${where} ${key}: received []; expected at least one id (one per AZ)`);
    }
  }
}
