import { DeployContext, DeployGrant } from '../../aws/deploy-permissions';
import { PROJECT_TAG_KEY } from '../../aws/tags';
import { roleArn } from '../../aws/resource-names';
import { BUILD_INSTANCE_MANAGED_POLICIES, managedPolicyArn } from './image-build-infrastructure';
import { LIFECYCLE_MANAGED_POLICY } from './golden-ami-lifecycle';
import { IMAGE_BUILDER_SERVICE, imageBuilderNames, imageBuilderServiceLinkedRoleArn } from './image-builder-names';

/**
 * Every verb on each Image Builder resource type the constructs create, one pattern per type (the
 * resource ARN pattern limits them to the project's names): *Component is Create, Get, Delete (and
 * Import) Component; *ImageRecipe is Create, Get, Delete ImageRecipe; *InfrastructureConfiguration,
 * *DistributionConfiguration, *ImagePipeline and *LifecyclePolicy are Create, Get, Update, Delete;
 * *Resource is TagResource, UntagResource, ListTagsForResource. Patterns rather than the 25 names:
 * the compute domain's policy holds ECR and DLM too, within 6,144 characters.
 */
const IMAGE_BUILDER = [
  'imagebuilder:*Component',
  'imagebuilder:*ImageRecipe',
  'imagebuilder:*InfrastructureConfiguration',
  'imagebuilder:*DistributionConfiguration',
  'imagebuilder:*ImagePipeline',
  'imagebuilder:*LifecyclePolicy',
  'imagebuilder:*Resource',
];

const INSTANCE_PROFILES = [
  'iam:CreateInstanceProfile',
  'iam:DeleteInstanceProfile',
  'iam:GetInstanceProfile',
  'iam:AddRoleToInstanceProfile',
  'iam:RemoveRoleFromInstanceProfile',
  'iam:TagInstanceProfile',
  'iam:UntagInstanceProfile',
  'iam:ListInstanceProfileTags',
];

/** Creates of the build network; each also uses resources that exist (VPC, subnets, route tables, groups). */
const EC2_CREATES = ['ec2:CreateSecurityGroup', 'ec2:CreateVpcEndpoint'];

/** Changes to the build and endpoint security groups and the endpoints once they exist. */
const EC2_MANAGE = [
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:UpdateSecurityGroupRuleDescriptionsIngress',
  'ec2:UpdateSecurityGroupRuleDescriptionsEgress',
  'ec2:DeleteSecurityGroup',
  'ec2:ModifyVpcEndpoint',
  'ec2:DeleteVpcEndpoints',
];

/**
 * Reads while planning, and the parent AMI's lookup: Describe* have no resource type in IAM.
 * DescribeImages because Image Builder checks the caller may use the parent AMI, DescribeSubnets
 * because it checks the infrastructure configuration's subnet.
 */
const EC2_READ = [
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSecurityGroupRules',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeVpcEndpointServices',
  'ec2:DescribePrefixLists',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DescribeImages',
];

const IMAGE_BUILDER_TYPES = [
  'aws_imagebuilder_component',
  'aws_imagebuilder_image_recipe',
  'aws_imagebuilder_infrastructure_configuration',
  'aws_imagebuilder_distribution_configuration',
  'aws_imagebuilder_image_pipeline',
  'aws_imagebuilder_lifecycle_policy',
];

/** Size of these statements with the longest partition and project name; the rest of the compute domain's 6,144 characters is ECR's and DLM's. */
export const IMAGE_BUILDER_POLICY_BUDGET = 4500;

/**
 * The deploy role's statements for the golden AMI (GoldenAmiPipeline, GoldenAmiLifecycle,
 * ImageBuildInfrastructure, ImageBuildEndpoints), for the compute domain's policy:
 * - Image Builder resources only under `<project>-` names (ARN pattern, every Region);
 * - the build instance profile by exact name; policies attached to the build and lifecycle roles
 *   only the three AWS managed ones, each to its own role (iam:PolicyARN); each role passed only to
 *   its service. The roles themselves (create, trust, inline policy, tags, delete) are the identity
 *   domain's ManageProjectRoles, by exact ARN, once their names (imageBuilderRoleNames) are in
 *   deployableRoleNames, as every role a stack after bootstrap declares must be;
 * - security groups and VPC endpoints created only with the project tag in the request and only in
 *   the project's tagged VPC, subnets and route tables, changed only while tagged;
 * - Image Builder's service-linked role created for Image Builder only;
 * - the parent image's public parameter read (only AWS public parameters, never the account's).
 * Not scopable, hence on "*": the EC2 Describe calls (IAM has no resource type for them).
 */
export function imageBuilderGrants({ partition, account, project }: Pick<DeployContext, 'partition' | 'account' | 'project'>): DeployGrant[] {
  const names = imageBuilderNames(project);
  const ec2 = (type: string) => `arn:${partition}:ec2:*:${account}:${type}/*`;
  const requestTag = { [`aws:RequestTag/${PROJECT_TAG_KEY}`]: project };
  const resourceTag = { [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: project };
  const buildRole = roleArn(partition, account, names.buildRole);
  const lifecycleRole = roleArn(partition, account, names.lifecycleRole);
  return [
    {
      covers: IMAGE_BUILDER_TYPES,
      statement: { Sid: 'ManageGoldenAmiImageBuilder', Effect: 'Allow', Action: IMAGE_BUILDER, Resource: `arn:${partition}:imagebuilder:*:${account}:*/${project}-*` },
    },
    {
      // Image Builder resolves the recipe's ssm: parent image with the caller's credentials.
      covers: ['aws_imagebuilder_image_recipe'],
      statement: { Sid: 'ResolvePublicParentImage', Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParameters'], Resource: `arn:${partition}:ssm:*::parameter/aws/service/*` },
    },
    {
      // Created by the stack (see the lead's wiring) or by Image Builder with the caller's rights on
      // its first pipeline; then read, tagged and deleted on destroy. IfExists: only the create
      // carries iam:AWSServiceName, and the exact ARN is Image Builder's role alone.
      covers: ['aws_iam_service_linked_role', 'aws_imagebuilder_image_pipeline'],
      statement: {
        Sid: 'ImageBuilderServiceLinkedRole',
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole', 'iam:GetRole', 'iam:TagRole', 'iam:UntagRole', 'iam:DeleteServiceLinkedRole', 'iam:GetServiceLinkedRoleDeletionStatus'],
        Resource: imageBuilderServiceLinkedRoleArn(partition, account),
        Condition: { StringEqualsIfExists: { 'iam:AWSServiceName': IMAGE_BUILDER_SERVICE } },
      },
    },
    {
      covers: ['aws_iam_role_policy_attachment'],
      statement: {
        Sid: 'AttachBuildInstancePolicies',
        Effect: 'Allow',
        Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
        Resource: buildRole,
        Condition: { ArnLike: { 'iam:PolicyARN': BUILD_INSTANCE_MANAGED_POLICIES.map((p) => managedPolicyArn(partition, p)) } },
      },
    },
    {
      covers: ['aws_iam_role_policy_attachment'],
      statement: {
        Sid: 'AttachLifecycleExecutionPolicy',
        Effect: 'Allow',
        Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
        Resource: lifecycleRole,
        Condition: { ArnLike: { 'iam:PolicyARN': managedPolicyArn(partition, LIFECYCLE_MANAGED_POLICY) } },
      },
    },
    {
      // Image Builder reads the profile the infrastructure configuration names.
      covers: ['aws_iam_instance_profile', 'aws_imagebuilder_infrastructure_configuration'],
      statement: { Sid: 'ManageBuildInstanceProfile', Effect: 'Allow', Action: INSTANCE_PROFILES, Resource: `arn:${partition}:iam::${account}:instance-profile/${names.buildRole}` },
    },
    {
      // Adding the role to the instance profile, and the infrastructure configuration that names the
      // profile, both pass the role; EC2 is the service that finally receives it.
      covers: ['aws_iam_instance_profile', 'aws_imagebuilder_infrastructure_configuration'],
      statement: {
        Sid: 'PassBuildRoleToEc2',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: buildRole,
        Condition: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', IMAGE_BUILDER_SERVICE] } },
      },
    },
    {
      covers: ['aws_imagebuilder_lifecycle_policy'],
      statement: {
        Sid: 'PassLifecycleRoleToImageBuilder',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: lifecycleRole,
        Condition: { StringEquals: { 'iam:PassedToService': IMAGE_BUILDER_SERVICE } },
      },
    },
    {
      covers: ['aws_security_group'],
      statement: { Sid: 'CreateTaggedSecurityGroups', Effect: 'Allow', Action: 'ec2:CreateSecurityGroup', Resource: ec2('security-group'), Condition: { StringEquals: requestTag } },
    },
    {
      covers: ['aws_vpc_endpoint'],
      statement: { Sid: 'CreateTaggedVpcEndpoints', Effect: 'Allow', Action: 'ec2:CreateVpcEndpoint', Resource: ec2('vpc-endpoint'), Condition: { StringEquals: requestTag } },
    },
    {
      covers: ['aws_security_group', 'aws_vpc_endpoint'],
      statement: {
        Sid: 'TagGroupsAndEndpointsAtCreation',
        Effect: 'Allow',
        Action: 'ec2:CreateTags',
        Resource: [ec2('security-group'), ec2('vpc-endpoint')],
        Condition: { StringEquals: { 'ec2:CreateAction': EC2_CREATES.map((a) => a.replace(/^ec2:/, '')) } },
      },
    },
    {
      covers: ['aws_security_group', 'aws_vpc_endpoint'],
      // The existing resources a create uses (VPC, subnets, route tables, the endpoint group) and
      // every later change, by tag. Apart from the two create statements above, each of which names
      // only the type its action creates: a request tag never authorizes an existing resource.
      statement: {
        Sid: 'ManageProjectGroupsAndEndpoints',
        Effect: 'Allow',
        Action: [...EC2_CREATES, ...EC2_MANAGE],
        Resource: `arn:${partition}:ec2:*:${account}:*`,
        Condition: { StringEquals: resourceTag, StringEqualsIfExists: requestTag },
      },
    },
    {
      covers: ['aws_security_group', 'aws_vpc_endpoint', 'aws_imagebuilder_image_recipe', 'aws_imagebuilder_infrastructure_configuration'],
      statement: { Sid: 'ReadBuildNetwork', Effect: 'Allow', Action: EC2_READ, Resource: '*' },
    },
  ];
}
