import { DeployContext, DeployGrant } from '../../aws/deploy-permissions';
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
 * - Image Builder's service-linked role read, tagged and deleted by exact ARN (created by the
 *   identity domain's CreateServiceLinkedRoles);
 * - the parent image's public parameter read (only AWS public parameters, never the account's).
 * The build's security groups and VPC endpoints are the network domain's (by project tag), as are
 * the EC2 Describe calls Image Builder makes as the caller (DescribeImages, DescribeSubnets).
 */
export function imageBuilderGrants({ partition, account, project }: Pick<DeployContext, 'partition' | 'account' | 'project'>): DeployGrant[] {
  const names = imageBuilderNames(project);
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
      // The global stack creates it (the identity domain's CreateServiceLinkedRoles), before the key
      // policy that names it; read, tagged and deleted here, by exact ARN.
      covers: ['aws_iam_service_linked_role'],
      statement: {
        Sid: 'ImageBuilderServiceLinkedRole',
        Effect: 'Allow',
        Action: ['iam:GetRole', 'iam:TagRole', 'iam:UntagRole', 'iam:DeleteServiceLinkedRole', 'iam:GetServiceLinkedRoleDeletionStatus'],
        Resource: imageBuilderServiceLinkedRoleArn(partition, account),
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
  ];
}
