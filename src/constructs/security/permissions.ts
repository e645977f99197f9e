import { DeployGrant, DomainPermissions } from '../../aws/deploy-permissions';

/** Multi-Region keys, replicas, aliases, key policies and rotation. Key material is never exported. */
const KMS_KEYS = [
  'kms:CreateKey',
  'kms:ReplicateKey',
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:UpdateKeyDescription',
  'kms:ScheduleKeyDeletion',
  'kms:ListResourceTags',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:ListAliases',
];

/** Secrets and their replicas, never a value (values are set outside Terraform). */
const SECRETS = [
  'secretsmanager:CreateSecret',
  'secretsmanager:DescribeSecret',
  'secretsmanager:UpdateSecret',
  'secretsmanager:DeleteSecret',
  'secretsmanager:ReplicateSecretToRegions',
  'secretsmanager:RemoveRegionsFromReplication',
  'secretsmanager:GetResourcePolicy',
  'secretsmanager:PutResourcePolicy',
  'secretsmanager:DeleteResourcePolicy',
  'secretsmanager:ValidateResourcePolicy',
  'secretsmanager:TagResource',
  'secretsmanager:UntagResource',
];

const SECURITY_HUB = [
  'securityhub:EnableSecurityHub',
  'securityhub:DisableSecurityHub',
  'securityhub:DescribeHub',
  'securityhub:UpdateSecurityHubConfiguration',
  'securityhub:DescribeStandards',
  'securityhub:GetEnabledStandards',
  'securityhub:BatchEnableStandards',
  'securityhub:BatchDisableStandards',
  'securityhub:CreateFindingAggregator',
  'securityhub:UpdateFindingAggregator',
  'securityhub:DeleteFindingAggregator',
  'securityhub:GetFindingAggregator',
  'securityhub:ListFindingAggregators',
  'securityhub:ListTagsForResource',
  'securityhub:TagResource',
  'securityhub:UntagResource',
];

const DIRECTORY_SERVICE = [
  'ds:CreateMicrosoftAD',
  'ds:DeleteDirectory',
  'ds:DescribeDirectories',
  'ds:DescribeDomainControllers',
  'ds:UpdateNumberOfDomainControllers',
  'ds:AddRegion',
  'ds:RemoveRegion',
  'ds:DescribeRegions',
  'ds:AddTagsToResource',
  'ds:RemoveTagsFromResource',
  'ds:ListTagsForResource',
];

/** EC2 calls Directory Service makes with the caller's credentials to place domain controllers. */
const DIRECTORY_SERVICE_NETWORK = [
  'ec2:CreateSecurityGroup',
  'ec2:DeleteSecurityGroup',
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
];

const KEY_TYPES = ['aws_kms_key', 'aws_kms_replica_key', 'aws_kms_alias'];
const DIRECTORY_TYPES = ['aws_directory_service_directory', 'aws_directory_service_region'];

/**
 * Keys, secrets, Security Hub and the managed directory. KMS, Security Hub and Directory Service
 * get explicit action lists on "*"; secrets are limited to the account's secrets, and only the
 * secrets Terraform must read (readableSecretArns) have a readable value.
 */
export const SECURITY_PERMISSIONS: DomainPermissions = {
  domain: 'security',
  description: 'KMS multi-Region keys, secrets and replicas, Security Hub, AWS Managed Microsoft AD',
  grants: ({ partition, account, readableSecretArns }) => [
    { covers: KEY_TYPES, statement: { Sid: 'ManageMultiRegionKeys', Effect: 'Allow', Action: KMS_KEYS, Resource: '*' } },
    {
      covers: [],
      statement: {
        Sid: 'NeverBypassKeyPolicyLockoutCheck',
        Effect: 'Deny',
        Action: ['kms:CreateKey', 'kms:PutKeyPolicy', 'kms:ReplicateKey'],
        Resource: '*',
        Condition: { Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' } },
      },
    },
    {
      covers: ['aws_secretsmanager_secret', 'aws_secretsmanager_secret_policy'],
      statement: { Sid: 'ManageSecretsWithoutValues', Effect: 'Allow', Action: SECRETS, Resource: `arn:${partition}:secretsmanager:*:${account}:secret:*` },
    },
    ...(readableSecretArns.length > 0
      ? [
          {
            covers: ['data.aws_secretsmanager_secret_version'],
            statement: { Sid: 'ReadValuesTerraformNeeds', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [...readableSecretArns] },
          } satisfies DeployGrant,
        ]
      : []),
    {
      covers: ['aws_securityhub_account', 'aws_securityhub_standards_subscription', 'aws_securityhub_finding_aggregator'],
      statement: { Sid: 'ManageSecurityHub', Effect: 'Allow', Action: SECURITY_HUB, Resource: '*' },
    },
    { covers: DIRECTORY_TYPES, statement: { Sid: 'ManageDirectories', Effect: 'Allow', Action: DIRECTORY_SERVICE, Resource: '*' } },
    { covers: DIRECTORY_TYPES, statement: { Sid: 'PlaceDomainControllers', Effect: 'Allow', Action: DIRECTORY_SERVICE_NETWORK, Resource: '*' } },
  ],
};
