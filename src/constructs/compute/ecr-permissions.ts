import { DeployContext, DeployGrant } from '../../aws/deploy-permissions';
import { roleArn } from '../../aws/resource-names';
import { PROJECT_TAG_KEY } from '../../aws/tags';
import { ecrRepositoryPrefix, ecrTemplateRoleName } from './ecr-names';

/**
 * What hashicorp/aws 5.100.0 calls for aws_ecr_repository (create, read incl. tags, update of tag
 * mutability and scanning, tags). No DeleteRepository: repositories are `prevent_destroy` with
 * `force_delete = false`, and the deploy role is denied deleting them (NeverDeleteProjectImages).
 * ecr:CreateRepository is also what ECR checks on the caller of CreateRepositoryCreationTemplate.
 */
export const ECR_REPOSITORY_ACTIONS = [
  'ecr:CreateRepository',
  'ecr:DescribeRepositories',
  'ecr:PutImageTagMutability',
  'ecr:PutImageScanningConfiguration',
  'ecr:ListTagsForResource',
  'ecr:TagResource',
  'ecr:UntagResource',
];

/** aws_ecr_lifecycle_policy; PutLifecyclePolicy is also checked on the caller of a template that carries one. */
export const ECR_LIFECYCLE_ACTIONS = ['ecr:PutLifecyclePolicy', 'ecr:GetLifecyclePolicy', 'ecr:DeleteLifecyclePolicy'];

/** aws_ecr_repository_creation_template: registry-level, no resource type in IAM ("*" only). */
export const ECR_TEMPLATE_ACTIONS = [
  'ecr:CreateRepositoryCreationTemplate',
  'ecr:DescribeRepositoryCreationTemplates',
  'ecr:UpdateRepositoryCreationTemplate',
  'ecr:DeleteRepositoryCreationTemplate',
];

/**
 * aws_ecr_replication_configuration (read: DescribeRegistry; delete: an empty configuration) and
 * aws_ecr_registry_scanning_configuration (delete: BASIC without rules). Registry-level: "*" only.
 */
export const ECR_REPLICATION_ACTIONS = ['ecr:PutReplicationConfiguration', 'ecr:DescribeRegistry'];
export const ECR_SCANNING_ACTIONS = ['ecr:PutRegistryScanningConfiguration', 'ecr:GetRegistryScanningConfiguration'];

const REPOSITORY_TYPES = ['aws_ecr_repository', 'aws_ecr_lifecycle_policy', 'aws_ecr_repository_creation_template'];

/**
 * The deploy role's ECR statements (issue 9 item 1), for the compute domain's policy.
 *
 * Scoped where ECR allows it: repositories and lifecycle policies only under
 * `repository/<project>/*`; the KMS grant ECR makes when it creates an
 * encrypted repository only on the project's keys (tag), only through ECR, only for an AWS
 * resource; the template role passed only to ECR.
 *
 * Not scopable (no resource type in IAM, so "*"), narrowed by `aws:RequestedRegion` instead:
 * PutReplicationConfiguration and DescribeRegistry (primary Region), PutRegistryScanningConfiguration,
 * GetRegistryScanningConfiguration and the four repository-creation-template actions (configured
 * Regions; one list for both keeps 32 Regions small). These are registry-wide settings: the
 * role could change the replication, scanning or templates of repositories outside the project in
 * those Regions; the plan shows any such change.
 *
 * kms:DescribeKey, which ECR also calls as the caller, is in the security domain's
 * ManageProjectKeys (the same project keys); the service-linked roles ECR creates with the caller's
 * credentials on first use are the identity domain's CreateServiceLinkedRoles.
 */
export function ecrDeployGrants({ partition, account, project, primaryRegion, regions }: DeployContext): DeployGrant[] {
  const prefix = ecrRepositoryPrefix(project);
  const repositories = `arn:${partition}:ecr:*:${account}:repository/${prefix}/*`;
  const replicatedRegions = regions.filter((r) => r !== primaryRegion);
  const replicated = replicatedRegions.length > 0;
  const repositoryStatements: DeployGrant[] = [
    {
      // The ARN names the project's namespace; no Region list: it would cost a Region name per
      // configured Region and narrow nothing that matters (a project repository elsewhere).
      covers: REPOSITORY_TYPES,
      statement: { Sid: 'ManageProjectRepositories', Effect: 'Allow', Action: [...ECR_REPOSITORY_ACTIONS, ...ECR_LIFECYCLE_ACTIONS], Resource: repositories },
    },
    {
      covers: ['aws_ecr_repository'],
      statement: {
        Sid: 'EcrGrantsOnProjectKeys',
        Effect: 'Allow',
        Action: 'kms:CreateGrant',
        Resource: `arn:${partition}:kms:*:${account}:key/*`,
        Condition: {
          StringEquals: { [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: project },
          StringLike: { 'kms:ViaService': 'ecr.*.amazonaws.com' },
          Bool: { 'kms:GrantIsForAWSResource': 'true' },
        },
      },
    },
    {
      covers: ['aws_ecr_registry_scanning_configuration', ...(replicated ? ['aws_ecr_repository_creation_template'] : [])],
      statement: {
        Sid: 'ManageRegistrySettings',
        Effect: 'Allow',
        Action: [...ECR_SCANNING_ACTIONS, ...(replicated ? ECR_TEMPLATE_ACTIONS : [])],
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': [...regions] } },
      },
    },
  ];
  // A single-Region foundation has no replication, no templates and no template role.
  const replicationStatements: DeployGrant[] = !replicated
    ? []
    : [
        {
          covers: ['aws_ecr_replication_configuration'],
          statement: {
            Sid: 'ManageRegistryReplication',
            Effect: 'Allow',
            Action: ECR_REPLICATION_ACTIONS,
            Resource: '*',
            // Every configured Region: a promotion moves the source (config activeRegion) without
            // a bootstrap change the deploy role could not make itself.
            Condition: { StringEquals: { 'aws:RequestedRegion': [...regions] } },
          },
        },
        {
          covers: ['aws_ecr_repository_creation_template'],
          statement: {
            Sid: 'PassTemplateRoleToEcr',
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: roleArn(partition, account, ecrTemplateRoleName(project)),
            Condition: { StringEquals: { 'iam:PassedToService': 'ecr.amazonaws.com' } },
          },
        },
      ];
  return [
    ...repositoryStatements,
    ...replicationStatements,
    {
      covers: [],
      statement: { Sid: 'NeverDeleteProjectImages', Effect: 'Deny', Action: ['ecr:DeleteRepository', 'ecr:BatchDeleteImage'], Resource: repositories },
    },
  ];
}
