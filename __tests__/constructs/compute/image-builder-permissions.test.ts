import { Construct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { MANAGED_POLICY_MAX_CHARS, policySize, worstCaseContext } from '../../../src/aws/deploy-permissions';
import { policyDocument, Statement } from '../../../src/aws/policy-documents';
import { IMAGE_BUILDER_POLICY_BUDGET, imageBuilderGrants } from '../../../src/constructs/compute/image-builder-permissions';
import { imageBuilderNames } from '../../../src/constructs/compute/image-builder-names';
import { deployableRoleNames } from '../../../src/aws/resource-names';
import { GoldenAmiPipeline } from '../../../src/constructs/compute/golden-ami-pipeline';
import { GoldenAmiLifecycle } from '../../../src/constructs/compute/golden-ami-lifecycle';
import { ImageBuildInfrastructure } from '../../../src/constructs/compute/image-build-infrastructure';
import { ImageBuildEndpoints } from '../../../src/constructs/compute/image-build-endpoints';
import { CONTEXT, actionsOf, describeDomainPermissions, grantsAction } from '../../helpers/deploy-permissions';
import { COMPUTE_IMAGES_PERMISSIONS } from '../../../src/constructs/compute/permissions';
import { decide } from '../../helpers/iam-evaluator';
import { asList, blocks, isWildcardAction, policyFixture } from '../../helpers/inspect';
import { synthConstruct } from '../../helpers/synth';

const grants = imageBuilderGrants(CONTEXT);
const statements = grants.map((g) => g.statement);
const names = imageBuilderNames('acme');
const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

/**
 * Declared by other domains: the roles themselves are the identity domain's (ManageProjectRoles on
 * deployableRoleNames, which lists the build and lifecycle roles); the build's security groups and
 * VPC endpoints, and the EC2 Describe calls Image Builder makes as the caller, are the network's.
 */
const OTHER_DOMAIN_TYPES = ['aws_iam_role', 'aws_iam_role_policy', 'aws_security_group', 'aws_vpc_endpoint'];

/** What Terraform needs from these statements for each type the golden AMI constructs synthesize. */
const REQUIRED: Record<string, readonly string[]> = {
  aws_imagebuilder_component: ['imagebuilder:CreateComponent', 'imagebuilder:GetComponent', 'imagebuilder:DeleteComponent', 'imagebuilder:TagResource'],
  aws_imagebuilder_image_recipe: ['imagebuilder:CreateImageRecipe', 'imagebuilder:GetImageRecipe', 'imagebuilder:DeleteImageRecipe', 'ssm:GetParameter'],
  aws_imagebuilder_infrastructure_configuration: [
    'imagebuilder:CreateInfrastructureConfiguration', 'imagebuilder:UpdateInfrastructureConfiguration', 'imagebuilder:DeleteInfrastructureConfiguration', 'iam:PassRole', 'iam:GetInstanceProfile',
  ],
  aws_imagebuilder_distribution_configuration: ['imagebuilder:CreateDistributionConfiguration', 'imagebuilder:UpdateDistributionConfiguration', 'imagebuilder:DeleteDistributionConfiguration'],
  aws_imagebuilder_image_pipeline: ['imagebuilder:CreateImagePipeline', 'imagebuilder:UpdateImagePipeline', 'imagebuilder:DeleteImagePipeline'],
  aws_imagebuilder_lifecycle_policy: ['imagebuilder:CreateLifecyclePolicy', 'imagebuilder:GetLifecyclePolicy', 'imagebuilder:UpdateLifecyclePolicy', 'imagebuilder:DeleteLifecyclePolicy', 'iam:PassRole'],
  aws_iam_role_policy_attachment: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
  aws_iam_instance_profile: ['iam:CreateInstanceProfile', 'iam:GetInstanceProfile', 'iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile', 'iam:PassRole'],
  aws_iam_service_linked_role: ['iam:GetRole', 'iam:DeleteServiceLinkedRole', 'iam:GetServiceLinkedRoleDeletionStatus'],
};

describeDomainPermissions(COMPUTE_IMAGES_PERMISSIONS, REQUIRED);

describe('Image Builder deploy permissions', () => {
  test('covers every resource type the golden AMI constructs synthesize', () => {
    const stack = synthConstruct((scope: Construct) => {
      const infrastructure = new ImageBuildInfrastructure(scope, 'build', {
        name: names.goldenAmi, roleName: names.buildRole, partition: 'aws', vpcId: 'vpc-0123456789abcdef0', subnetId: 'subnet-0123456789abcdef0', instanceTypes: ['t3.small'], logBucketName: 'acme-logs',
      });
      const pipeline = new GoldenAmiPipeline(scope, 'golden', {
        name: names.goldenAmi, buildRegion: 'us-east-1', kmsKeyArns: { 'us-east-1': 'arn:aws:kms:us-east-1:123456789012:key/k' }, parentImageSsmParameter: '/aws/service/x',
        rootVolumeSizeGb: 8, infrastructureConfigurationArn: infrastructure.infrastructureConfiguration.arn, schedule: 'cron(0 3 ? * sun *)',
      });
      new GoldenAmiLifecycle(scope, 'lifecycle', { name: names.goldenAmi, roleName: names.lifecycleRole, partition: 'aws', recipeName: pipeline.recipe.name, recipeVersion: pipeline.recipe.version, keepLatest: 3 });
      new ImageBuildEndpoints(scope, 'endpoints', { name: 'acme-us-east-1', region: 'us-east-1', vpcId: 'vpc-1', vpcCidr: '10.0.0.0/16', privateSubnetIds: ['subnet-1'], privateRouteTableIds: ['rtb-1'] });
    });
    const covered = new Set(grants.flatMap((g) => g.covers));
    const types = [...new Set(blocks(stack).map((b) => (b.kind === 'data' ? `data.${b.type}` : b.type)))];
    expect(types.filter((t) => !covered.has(t)).sort()).toEqual(OTHER_DOMAIN_TYPES);
  });

  test('Image Builder actions only on resources named for the project, in any Region', () => {
    const imageBuilder = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('imagebuilder:')));
    expect(imageBuilder.map((s) => s.Resource)).toEqual(['arn:aws:imagebuilder:*:123456789012:*/acme-*']);
    const arn = (kind: string) => `arn:aws:imagebuilder:eu-west-1:123456789012:${kind}`;
    expect(decide(statements, { action: 'imagebuilder:DeleteImagePipeline', resource: arn('image-pipeline/acme-golden-ami') })).toBe('Allow');
    expect(decide(statements, { action: 'imagebuilder:DeleteComponent', resource: arn('component/acme-golden-ami-hardening/1.0.5/1') })).toBe('Allow');
    expect(decide(statements, { action: 'imagebuilder:DeleteImagePipeline', resource: arn('image-pipeline/other-golden-ami') })).toBe('ImplicitDeny');
  });

  test('every PassRole names one role and the service it may go to', () => {
    const passes = statements.filter((s) => actionsOf(s).includes('iam:PassRole'));
    expect(passes.map((s) => [s.Resource, s.Condition])).toEqual([
      [role(names.buildRole), { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'imagebuilder.amazonaws.com'] } }],
      [role(names.lifecycleRole), { StringEquals: { 'iam:PassedToService': 'imagebuilder.amazonaws.com' } }],
    ]);
    expect(decide(statements, { action: 'iam:PassRole', resource: role(names.buildRole), context: { 'iam:PassedToService': 'lambda.amazonaws.com' } })).toBe('ImplicitDeny');
    expect(decide(statements, { action: 'iam:PassRole', resource: role(names.lifecycleRole), context: { 'iam:PassedToService': 'ec2.amazonaws.com' } })).toBe('ImplicitDeny');
  });

  test('IAM grants reach only the two roles, the build instance profile and Image Builder\'s service-linked role, by exact name', () => {
    const iamResources = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('iam:'))).flatMap((s) => asList(s.Resource));
    expect([...new Set(iamResources)].sort()).toEqual([
      'arn:aws:iam::123456789012:instance-profile/acme-imagebuilder-build',
      'arn:aws:iam::123456789012:role/acme-imagebuilder-build',
      'arn:aws:iam::123456789012:role/acme-imagebuilder-lifecycle',
      'arn:aws:iam::123456789012:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder',
    ]);
    expect(grantsAction(statements, 'iam:CreateRole')).toBe(false);
    expect(grantsAction(statements, 'iam:PutRolePolicy')).toBe(false);
    expect(deployableRoleNames('acme')).toEqual(expect.arrayContaining([names.buildRole, names.lifecycleRole]));
    expect(grantsAction(statements, 'iam:DeleteRolePermissionsBoundary')).toBe(false);
  });

  test('only the named AWS managed policies may be attached, each to its own role', () => {
    const attach = (roleName: string, policy: string) => decide(statements, { action: 'iam:AttachRolePolicy', resource: role(roleName), context: { 'iam:PolicyARN': `arn:aws:iam::aws:policy/${policy}` } });
    expect(attach(names.buildRole, 'AmazonSSMManagedInstanceCore')).toBe('Allow');
    expect(attach(names.buildRole, 'EC2InstanceProfileForImageBuilder')).toBe('Allow');
    expect(attach(names.lifecycleRole, 'service-role/EC2ImageBuilderLifecycleExecutionPolicy')).toBe('Allow');
    expect(attach(names.buildRole, 'AdministratorAccess')).toBe('ImplicitDeny');
    expect(attach(names.buildRole, 'service-role/EC2ImageBuilderLifecycleExecutionPolicy')).toBe('ImplicitDeny');
    expect(attach(names.lifecycleRole, 'AmazonSSMManagedInstanceCore')).toBe('ImplicitDeny');
  });

  test('Image Builder\'s service-linked role: read, tagged and deleted by exact ARN; created by the identity domain', () => {
    const slr = 'arn:aws:iam::123456789012:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder';
    expect(decide(statements, { action: 'iam:DeleteServiceLinkedRole', resource: slr })).toBe('Allow');
    expect(decide(statements, { action: 'iam:DeleteServiceLinkedRole', resource: 'arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig' })).toBe('ImplicitDeny');
    expect(grantsAction(statements, 'iam:CreateServiceLinkedRole')).toBe(false);
  });

  test('only AWS public parameters are readable, never the account\'s', () => {
    expect(decide(statements, { action: 'ssm:GetParameter', resource: 'arn:aws:ssm:us-east-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' })).toBe('Allow');
    expect(decide(statements, { action: 'ssm:GetParameter', resource: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db-password' })).toBe('ImplicitDeny');
  });

  test('nothing on "*"; no wildcard action, no NotAction or NotResource; Sids unique', () => {
    expect(statements.filter((s) => asList(s.Resource).includes('*'))).toEqual([]);
    expect(statements.flatMap(actionsOf).filter(isWildcardAction)).toEqual([]);
    for (const s of statements) expect(Object.keys(s).filter((k) => k.startsWith('Not'))).toEqual([]);
    expect(new Set(statements.map((s) => s.Sid)).size).toBe(statements.length);
  });

  test('stays within its budget of the compute domain\'s policy with the longest partition and project name', () => {
    const longest = { ...worstCaseContext(CONTEXT), project: 'a'.repeat(32) };
    const size = policySize(imageBuilderGrants(longest).map((g) => g.statement));
    expect(size).toBeLessThanOrEqual(IMAGE_BUILDER_POLICY_BUDGET);
    expect(IMAGE_BUILDER_POLICY_BUDGET).toBeLessThan(MANAGED_POLICY_MAX_CHARS);
  });

  test('the Image Builder action patterns match exactly the calls of the resource types created', () => {
    // Every Image Builder API action (2025) with a resource type; the patterns must pick these and no other.
    const all = [
      'CancelImageCreation', 'CreateComponent', 'CreateContainerRecipe', 'CreateDistributionConfiguration', 'CreateImage', 'CreateImagePipeline', 'CreateImageRecipe',
      'CreateInfrastructureConfiguration', 'CreateLifecyclePolicy', 'CreateWorkflow', 'DeleteComponent', 'DeleteContainerRecipe', 'DeleteDistributionConfiguration', 'DeleteImage',
      'DeleteImagePipeline', 'DeleteImageRecipe', 'DeleteInfrastructureConfiguration', 'DeleteLifecyclePolicy', 'DeleteWorkflow', 'GetComponent', 'GetComponentPolicy',
      'GetContainerRecipe', 'GetDistributionConfiguration', 'GetImage', 'GetImagePipeline', 'GetImagePolicy', 'GetImageRecipe', 'GetImageRecipePolicy',
      'GetInfrastructureConfiguration', 'GetLifecycleExecution', 'GetLifecyclePolicy', 'GetWorkflow', 'ImportComponent', 'ImportVmImage', 'ListComponentBuildVersions',
      'ListComponents', 'ListImagePipelineImages', 'ListImages', 'ListLifecyclePolicies', 'ListTagsForResource', 'PutComponentPolicy', 'PutImagePolicy',
      'PutImageRecipePolicy', 'StartImagePipelineExecution', 'StartResourceStateUpdate', 'TagResource', 'UntagResource', 'UpdateDistributionConfiguration',
      'UpdateImagePipeline', 'UpdateInfrastructureConfiguration', 'UpdateLifecyclePolicy',
    ].map((a) => `imagebuilder:${a}`);
    const granted = all.filter((a) => grantsAction(statements, a)).map((a) => a.replace('imagebuilder:', ''));
    expect(granted).toEqual([
      'CreateComponent', 'CreateDistributionConfiguration', 'CreateImagePipeline', 'CreateImageRecipe', 'CreateInfrastructureConfiguration', 'CreateLifecyclePolicy',
      'DeleteComponent', 'DeleteDistributionConfiguration', 'DeleteImagePipeline', 'DeleteImageRecipe', 'DeleteInfrastructureConfiguration', 'DeleteLifecyclePolicy',
      'GetComponent', 'GetDistributionConfiguration', 'GetImagePipeline', 'GetImageRecipe', 'GetInfrastructureConfiguration', 'GetLifecyclePolicy', 'ImportComponent',
      'ListTagsForResource', 'TagResource', 'UntagResource', 'UpdateDistributionConfiguration', 'UpdateImagePipeline', 'UpdateInfrastructureConfiguration', 'UpdateLifecyclePolicy',
    ]);
  });

  test('pass the compliance rules as a managed policy', () => {
    const fixture = policyFixture((scope) => new IamPolicy(scope, 'policy', { name: 'acme-deploy-compute', policy: policyDocument(statements as Statement[]) }));
    expect(fixture.violations()).toEqual([]);
  });
});
