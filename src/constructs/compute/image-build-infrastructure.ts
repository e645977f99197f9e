import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { ImagebuilderInfrastructureConfiguration } from '@cdktf/provider-aws/lib/imagebuilder-infrastructure-configuration';
import { policyDocument } from '../../aws/policy-documents';

/**
 * The AWS managed policies the build and test instances need, and nothing else: Systems Manager's
 * agent core (Image Builder runs every step through Run Command) and Image Builder's instance
 * policy (AWSTOE downloads, component reads, its log groups). Named by the permissions builder too:
 * the deploy role may attach these and no other policy to the build role.
 */
export const BUILD_INSTANCE_MANAGED_POLICIES = ['AmazonSSMManagedInstanceCore', 'EC2InstanceProfileForImageBuilder'] as const;

export const managedPolicyArn = (partition: string, name: string) => `arn:${partition}:iam::aws:policy/${name}`;

export interface ImageBuildInfrastructureProps {
  /** Name of the infrastructure configuration and the security group, e.g. "multi-region-golden-ami". */
  readonly name: string;
  /** Name of the build instances' role and of its instance profile, e.g. "multi-region-imagebuilder-build". */
  readonly roleName: string;
  /** Partition of the stack (`accountFacts`): the managed policies' ARNs. */
  readonly partition: string;
  /** The VPC of the build subnet. */
  readonly vpcId: string;
  /** A private subnet of the primary Region: builds and tests run there, without a public IP. */
  readonly subnetId: string;
  /** Instance types to build and test on, tried in order. */
  readonly instanceTypes: readonly string[];
  /**
   * S3 bucket (in the build Region) that receives the build logs under `logKeyPrefix`; the role may
   * then put objects there and nowhere else. @default none: logs go to CloudWatch Logs only
   */
  readonly logBucketName?: string;
  /** Key prefix of the build logs in `logBucketName`. @default "imagebuilder" */
  readonly logKeyPrefix?: string;
  /** Tags of the build and test instances and their volumes (provider default_tags do not reach them). @default none */
  readonly resourceTags?: Record<string, string>;
  /** Provider of the build Region when it is not the stack's default. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * Where and as whom Image Builder builds: an instance role holding only the two managed policies a
 * build needs, its instance profile, a security group that opens nothing inbound and lets HTTPS
 * out (to the VPC endpoints, or through NAT), and the infrastructure configuration that puts build
 * and test instances in the private subnet with IMDSv2 required and terminates them when a build
 * fails (no instance is left behind to inspect, nor to pay for).
 */
export class ImageBuildInfrastructure extends Construct {
  readonly role: IamRole;
  readonly instanceProfile: IamInstanceProfile;
  readonly securityGroup: SecurityGroup;
  readonly infrastructureConfiguration: ImagebuilderInfrastructureConfiguration;

  constructor(scope: Construct, id: string, props: ImageBuildInfrastructureProps) {
    super(scope, id);
    const logKeyPrefix = props.logKeyPrefix ?? 'imagebuilder';
    validate(id, props, logKeyPrefix);
    const { provider } = props;

    this.role = new IamRole(this, 'role', {
      provider,
      name: props.roleName,
      description: 'EC2 Image Builder build and test instances of the golden AMI',
      assumeRolePolicy: policyDocument([
        { Sid: 'Ec2Instances', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]),
    });
    BUILD_INSTANCE_MANAGED_POLICIES.forEach((policy) => {
      new IamRolePolicyAttachment(this, `role_${policy}`, { provider, role: this.role.name, policyArn: managedPolicyArn(props.partition, policy) });
    });
    if (props.logBucketName !== undefined) {
      new IamRolePolicy(this, 'write_build_logs', {
        provider,
        name: 'write-build-logs',
        role: this.role.id,
        policy: policyDocument([
          {
            Sid: 'WriteBuildLogs',
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: `arn:${props.partition}:s3:::${props.logBucketName}/${logKeyPrefix}/*`,
          },
        ]),
      });
    }
    this.instanceProfile = new IamInstanceProfile(this, 'instance_profile', { provider, name: props.roleName, role: this.role.name });

    this.securityGroup = new SecurityGroup(this, 'security_group', {
      provider,
      name: `${props.name}-build`,
      description: 'Image Builder build and test instances: nothing inbound, HTTPS out',
      vpcId: props.vpcId,
      ingress: [],
      // Every field given: Terraform reads these blocks as attributes, which have no optional fields in JSON.
      egress: [
        {
          description: 'HTTPS to the VPC endpoints, S3 and the package repositories',
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          cidrBlocks: ['0.0.0.0/0'],
          ipv6CidrBlocks: [],
          prefixListIds: [],
          securityGroups: [],
          selfAttribute: false,
        },
      ],
      tags: { Name: `${props.name}-build` },
    });

    this.infrastructureConfiguration = new ImagebuilderInfrastructureConfiguration(this, 'infrastructure_configuration', {
      provider,
      name: props.name,
      description: 'Golden AMI builds: private subnet, no inbound access, IMDSv2, terminated on failure',
      instanceProfileName: this.instanceProfile.name,
      instanceTypes: [...props.instanceTypes],
      subnetId: props.subnetId,
      securityGroupIds: [this.securityGroup.id],
      terminateInstanceOnFailure: true,
      instanceMetadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
      ...(props.logBucketName !== undefined ? { logging: { s3Logs: { s3BucketName: props.logBucketName, s3KeyPrefix: logKeyPrefix } } } : {}),
      ...(props.resourceTags !== undefined ? { resourceTags: props.resourceTags } : {}),
    });
  }
}

const NAME = /^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$/;

function validate(id: string, props: ImageBuildInfrastructureProps, logKeyPrefix: string): void {
  const where = `ImageBuildInfrastructure ${id}`;
  if (!NAME.test(props.name)) {
    throw new Error(`${where} name: received ${JSON.stringify(props.name)}; expected 3-128 letters, digits, "-", "_" or inner spaces (Image Builder's resource names)`);
  }
  if (!/^[\w+=,.@-]{1,64}$/.test(props.roleName)) {
    throw new Error(`${where} roleName: received ${JSON.stringify(props.roleName)}; expected an IAM role name of 1-64 letters, digits or +=,.@_-`);
  }
  if (!Token.isUnresolved(props.subnetId) && !/^subnet-[0-9a-f]{8,17}$/.test(props.subnetId)) {
    throw new Error(`${where} subnetId: received ${JSON.stringify(props.subnetId)}; expected a subnet id (subnet-...) of the primary Region's private subnets`);
  }
  if (props.instanceTypes.length === 0 || props.instanceTypes.some((t) => !/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(t))) {
    throw new Error(`${where} instanceTypes: received ${JSON.stringify(props.instanceTypes)}; expected at least one EC2 instance type name such as "t3.small"`);
  }
  if (props.logBucketName !== undefined && !Token.isUnresolved(props.logBucketName) && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.logBucketName)) {
    throw new Error(`${where} logBucketName: received ${JSON.stringify(props.logBucketName)}; expected an S3 bucket name`);
  }
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(logKeyPrefix)) {
    throw new Error(`${where} logKeyPrefix: received ${JSON.stringify(logKeyPrefix)}; expected path segments joined by "/", without leading or trailing "/"`);
  }
}
