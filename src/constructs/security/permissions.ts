import { DeployContext, DeployGrant, DomainPermissions } from '../../aws/deploy-permissions';
import { PROJECT_TAG_KEY } from '../../aws/tags';
import { KEY_DEPLOYER_ACTIONS } from '../../aws/kms-key-policy';

/**
 * What KMS checks when a key is created with tags and a policy: CreateKey, and in the replica's
 * Region for ReplicateKey. There is no key yet, so these are checked on "*" and can only be
 * scoped by the tags in the request.
 */
const KEY_CREATION_ACTIONS = ['kms:CreateKey', 'kms:TagResource', 'kms:PutKeyPolicy'];

/** An alias change needs permission on the alias and on each key it names. */
const ALIAS_ACTIONS = ['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias'];

/**
 * Secrets and their replicas, never a value (values are set outside Terraform). No list action:
 * ListSecrets is the one secretsmanager action IAM cannot scope, and Terraform never calls it.
 */
const SECRETS = [
  'secretsmanager:CreateSecret',
  'secretsmanager:DescribeSecret',
  'secretsmanager:UpdateSecret',
  'secretsmanager:DeleteSecret',
  'secretsmanager:ReplicateSecretToRegions',
  'secretsmanager:RemoveRegionsFromReplication',
  'secretsmanager:GetResourcePolicy',
  'secretsmanager:TagResource',
  'secretsmanager:UntagResource',
];

/** Primary Region only: replicas take the primary's policy (PutResourcePolicy on a replica fails). */
const SECRET_POLICIES = ['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy', 'secretsmanager:ValidateResourcePolicy'];

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

/**
 * EC2 calls Directory Service makes with the caller's credentials (the dependent actions of
 * ds:CreateMicrosoftAD and ds:DeleteDirectory) to create, open and remove its domain controllers'
 * security group and network interfaces. Directory Service neither tags them with the project tag
 * nor lets the caller choose their VPC's ARN in advance, so these cannot be scoped: granted only
 * while a directory is deployed (README, "Network permissions").
 */
export const DIRECTORY_SERVICE_NETWORK = [
  'ec2:CreateSecurityGroup',
  'ec2:DeleteSecurityGroup',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
];

/** What the recorder and its status need; recorders have an ARN (`configuration-recorder/<name>/<id>`). */
const CONFIG_RECORDERS = [
  'config:PutConfigurationRecorder',
  'config:DescribeConfigurationRecorders',
  'config:DeleteConfigurationRecorder',
  'config:StartConfigurationRecorder',
  'config:StopConfigurationRecorder',
  'config:DescribeConfigurationRecorderStatus',
];

/** Delivery channels have no resource type in IAM: these can only be granted on "*". */
const CONFIG_DELIVERY_CHANNELS = ['config:PutDeliveryChannel', 'config:DescribeDeliveryChannels', 'config:DeleteDeliveryChannel'];

/** AWS Config's service-linked role: created once by the global stack, handed to every Region's recorder. */
export const CONFIG_SERVICE = 'config.amazonaws.com';
const CONFIG_SERVICE_LINKED_ROLE = [
  'iam:GetRole',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:PassRole',
  'iam:DeleteServiceLinkedRole',
  'iam:GetServiceLinkedRoleDeletionStatus',
];

const KEY_TYPES = ['aws_kms_key', 'aws_kms_replica_key', 'aws_kms_alias'];
const DIRECTORY_TYPES = ['aws_directory_service_directory', 'aws_directory_service_region'];
const CONFIG_TYPES = ['aws_config_configuration_recorder', 'aws_config_delivery_channel', 'aws_config_configuration_recorder_status'];

/**
 * The project's keys: created only with the project tag, changed only while they carry it, and the
 * tag itself never set or removed on an existing key (which would bring another key into scope or
 * take one out). Aliases only under alias/<project>, and only for the project's keys.
 */
function keyGrants({ partition, account, project, tagKeys }: Pick<DeployContext, 'partition' | 'account' | 'project' | 'tagKeys'>): DeployGrant[] {
  const keys = `arn:${partition}:kms:*:${account}:key/*`;
  return [
    {
      covers: ['aws_kms_key', 'aws_kms_replica_key'],
      statement: {
        Sid: 'CreateProjectKeys',
        Effect: 'Allow',
        Action: KEY_CREATION_ACTIONS,
        Resource: '*',
        Condition: { StringEquals: { [`aws:RequestTag/${PROJECT_TAG_KEY}`]: project } },
      },
    },
    {
      covers: KEY_TYPES,
      statement: {
        Sid: 'ManageProjectKeys',
        Effect: 'Allow',
        // The list the key policy grants the deploy role when administrators are configured.
        Action: KEY_DEPLOYER_ACTIONS,
        Resource: keys,
        Condition: { StringEquals: { [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: project } },
      },
    },
    {
      covers: ['aws_kms_alias'],
      statement: { Sid: 'ManageProjectAliases', Effect: 'Allow', Action: ALIAS_ACTIONS, Resource: `arn:${partition}:kms:*:${account}:alias/${project}*` },
    },
    // ListAliases has no resource to scope by: it lists every alias of the account and Region.
    { covers: ['aws_kms_alias'], statement: { Sid: 'ListAliases', Effect: 'Allow', Action: 'kms:ListAliases', Resource: '*' } },
    {
      // On existing keys only: the tags given at creation are checked on "*" (CreateProjectKeys).
      covers: [],
      statement: {
        Sid: 'NeverRetagKeysIntoOrOutOfProject',
        Effect: 'Deny',
        Action: ['kms:TagResource', 'kms:UntagResource'],
        Resource: keys,
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': PROJECT_TAG_KEY } },
      },
    },
    {
      covers: [],
      statement: {
        Sid: 'OnlyDefaultTagKeysOnKeys',
        Effect: 'Deny',
        Action: ['kms:CreateKey', 'kms:ReplicateKey', 'kms:TagResource'],
        Resource: '*',
        Condition: { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': [...tagKeys] } },
      },
    },
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
  ];
}

/**
 * A configured secret in `region` ("*" for any): "-??????" is the six characters Secrets Manager
 * appends, so "a-??????" matches the secret "a" and no other (any other name adds more than six).
 */
const secretArn = (partition: string, region: string, account: string, name: string) => `arn:${partition}:secretsmanager:${region}:${account}:secret:${name}-??????`;

/**
 * The configured secrets in every configured Region, and their resource policies in the primary
 * Region only. The Regions are a condition rather than one ARN per secret and Region: the same
 * scope, but N + M entries instead of N × M (32 Regions of one secret alone would take half the
 * policy). aws:RequestedRegion is the secret's own Region for every action listed.
 */
function secretGrants({ partition, account, primaryRegion, regions, secretNames }: DeployContext): DeployGrant[] {
  if (secretNames.length === 0) return [];
  return [
    {
      covers: ['aws_secretsmanager_secret'],
      statement: {
        Sid: 'ManageConfiguredSecretsWithoutValues',
        Effect: 'Allow',
        Action: SECRETS,
        Resource: secretNames.map((name) => secretArn(partition, '*', account, name)),
        Condition: { StringEquals: { 'aws:RequestedRegion': [...regions] } },
      },
    },
    {
      covers: ['aws_secretsmanager_secret_policy'],
      statement: {
        Sid: 'ManageSecretPoliciesInPrimaryRegion',
        Effect: 'Allow',
        Action: SECRET_POLICIES,
        Resource: secretNames.map((name) => secretArn(partition, primaryRegion, account, name)),
      },
    },
  ];
}

/**
 * Keys, secrets, Security Hub, the managed directory and AWS Config. KMS actions are scoped to the
 * project's keys by tag (keyGrants); Security Hub, Directory Service and Config's delivery channels
 * get explicit action lists on "*"; secrets are limited to the configured ones, and no secret value
 * is ever readable: an explicit Deny, so that no resource policy the role could write (it manages
 * them) and no other policy attached to it can grant one. Config recorders and Config's
 * service-linked role are named by ARN.
 */
export const SECURITY_PERMISSIONS: DomainPermissions = {
  domain: 'security',
  description: 'KMS multi-Region keys, secrets and replicas, Security Hub, AWS Managed Microsoft AD, AWS Config',
  grants: (context): DeployGrant[] => {
    const { partition, account, managedDirectory } = context;
    return [
      ...keyGrants(context),
      ...secretGrants(context),
      {
        covers: [],
        statement: {
          Sid: 'NeverReadSecretValues',
          Effect: 'Deny',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue'],
          Resource: '*',
        },
      },
      {
        covers: ['aws_securityhub_account', 'aws_securityhub_standards_subscription', 'aws_securityhub_finding_aggregator'],
        statement: { Sid: 'ManageSecurityHub', Effect: 'Allow', Action: SECURITY_HUB, Resource: '*' },
      },
      { covers: DIRECTORY_TYPES, statement: { Sid: 'ManageDirectories', Effect: 'Allow', Action: DIRECTORY_SERVICE, Resource: '*' } },
      ...(managedDirectory
        ? [{ covers: DIRECTORY_TYPES, statement: { Sid: 'PlaceDomainControllers', Effect: 'Allow', Action: DIRECTORY_SERVICE_NETWORK, Resource: '*' } } satisfies DeployGrant]
        : []),
      {
        covers: CONFIG_TYPES,
        statement: { Sid: 'ManageConfigRecorders', Effect: 'Allow', Action: CONFIG_RECORDERS, Resource: `arn:${partition}:config:*:${account}:configuration-recorder/*` },
      },
      { covers: CONFIG_TYPES, statement: { Sid: 'ManageConfigDeliveryChannels', Effect: 'Allow', Action: CONFIG_DELIVERY_CHANNELS, Resource: '*' } },
      {
        covers: ['aws_iam_service_linked_role'],
        statement: {
          Sid: 'CreateConfigServiceLinkedRole',
          Effect: 'Allow',
          Action: 'iam:CreateServiceLinkedRole',
          Resource: configServiceLinkedRoleArn(partition, account),
          Condition: { StringEquals: { 'iam:AWSServiceName': CONFIG_SERVICE } },
        },
      },
      {
        covers: ['aws_iam_service_linked_role', 'aws_config_configuration_recorder'],
        statement: {
          Sid: 'UseConfigServiceLinkedRole',
          Effect: 'Allow',
          Action: CONFIG_SERVICE_LINKED_ROLE,
          Resource: configServiceLinkedRoleArn(partition, account),
          Condition: { StringEqualsIfExists: { 'iam:PassedToService': CONFIG_SERVICE } },
        },
      },
    ];
  },
};

/** ARN of AWS Config's service-linked role, `AWSServiceRoleForConfig`, fixed by AWS. */
export function configServiceLinkedRoleArn(partition: string, account: string): string {
  return `arn:${partition}:iam::${account}:role/aws-service-role/${CONFIG_SERVICE}/AWSServiceRoleForConfig`;
}
