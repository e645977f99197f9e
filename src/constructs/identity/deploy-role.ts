import { Construct } from 'constructs';
import { KEY_PREFIX_PATTERN, PROJECT_PATTERN } from '../../config/patterns';
import { checkTrustedPrincipals, inlinePolicies, trustedRole } from '../../aws/trusted-role';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { Statement } from '../../aws/policy-documents';

export interface DeployRoleProps {
  /** Role name. */
  readonly roleName: string;
  /** IAM principals (roles, users, account roots) that may assume the role; at least one. */
  readonly trustedPrincipalArns: readonly string[];
  /** Managed policy set as the role's permissions boundary. @default no boundary */
  readonly permissionsBoundaryArn?: string;
  /** Name prefix of everything the foundation creates (roles, buckets, trails, log groups). */
  readonly project: string;
  /** Bucket that holds every stack's Terraform state. */
  readonly stateBucketName: string;
  /** Prefix of every state key, without leading or trailing "/", e.g. "example/prod". */
  readonly stateKeyPrefix: string;
  /**
   * Secrets whose value Terraform must read at plan time, e.g. the Directory Service admin
   * password (ARN, or "arn:...:secret:<name>-??????" for the random suffix). Every other secret is
   * managed without ever reading its value. @default none
   */
  readonly readableSecretArns?: readonly string[];
}

/** Services the deploy role may hand a project role to. */
export const DEPLOY_ROLE_PASS_ROLE_SERVICES = ['vpc-flow-logs.amazonaws.com', 'cloudtrail.amazonaws.com'] as const;

/** Services whose service-linked role the first deploy creates. */
export const DEPLOY_ROLE_SERVICE_LINKED_ROLES = ['securityhub.amazonaws.com', 'transitgateway.amazonaws.com'] as const;


/** Read-only EC2 calls Terraform makes while planning and refreshing the network. */
const EC2_READ = [
  'ec2:Describe*',
  'ec2:GetTransitGatewayRouteTableAssociations',
  'ec2:GetTransitGatewayRouteTablePropagations',
  'ec2:SearchTransitGatewayRoutes',
];

/** VPCs, subnets, route tables, internet and NAT gateways, Elastic IPs, flow logs, tags. */
const EC2_VPC = [
  'ec2:CreateVpc',
  'ec2:DeleteVpc',
  'ec2:ModifyVpcAttribute',
  'ec2:CreateSubnet',
  'ec2:DeleteSubnet',
  'ec2:ModifySubnetAttribute',
  'ec2:CreateRouteTable',
  'ec2:DeleteRouteTable',
  'ec2:AssociateRouteTable',
  'ec2:DisassociateRouteTable',
  'ec2:ReplaceRouteTableAssociation',
  'ec2:CreateRoute',
  'ec2:ReplaceRoute',
  'ec2:DeleteRoute',
  'ec2:CreateInternetGateway',
  'ec2:DeleteInternetGateway',
  'ec2:AttachInternetGateway',
  'ec2:DetachInternetGateway',
  'ec2:CreateNatGateway',
  'ec2:DeleteNatGateway',
  'ec2:AllocateAddress',
  'ec2:ReleaseAddress',
  'ec2:DisassociateAddress',
  'ec2:CreateFlowLogs',
  'ec2:DeleteFlowLogs',
  // aws_default_security_group strips the default rules.
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:CreateTags',
  'ec2:DeleteTags',
];

/** Transit gateways, their route tables, VPC and peering attachments and routes; VPC peering. */
const EC2_INTER_REGION = [
  'ec2:CreateTransitGateway',
  'ec2:DeleteTransitGateway',
  'ec2:ModifyTransitGateway',
  'ec2:CreateTransitGatewayRouteTable',
  'ec2:DeleteTransitGatewayRouteTable',
  'ec2:AssociateTransitGatewayRouteTable',
  'ec2:DisassociateTransitGatewayRouteTable',
  'ec2:EnableTransitGatewayRouteTablePropagation',
  'ec2:DisableTransitGatewayRouteTablePropagation',
  'ec2:CreateTransitGatewayRoute',
  'ec2:ReplaceTransitGatewayRoute',
  'ec2:DeleteTransitGatewayRoute',
  'ec2:CreateTransitGatewayVpcAttachment',
  'ec2:ModifyTransitGatewayVpcAttachment',
  'ec2:DeleteTransitGatewayVpcAttachment',
  'ec2:CreateTransitGatewayPeeringAttachment',
  'ec2:AcceptTransitGatewayPeeringAttachment',
  'ec2:RejectTransitGatewayPeeringAttachment',
  'ec2:DeleteTransitGatewayPeeringAttachment',
  'ec2:CreateVpcPeeringConnection',
  'ec2:AcceptVpcPeeringConnection',
  'ec2:RejectVpcPeeringConnection',
  'ec2:ModifyVpcPeeringConnectionOptions',
  'ec2:DeleteVpcPeeringConnection',
];

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

/**
 * The role CI assumes to run `cdktf deploy` of the foundation (everything but bootstrap, which an
 * administrator runs once). Least privilege from explicit statements, one inline policy per
 * concern: IAM only on the project's roles, S3 only on the state objects and the project's
 * buckets, logs and trails only under the project's names; services without resource-level
 * permissions (EC2, KMS, Security Hub, Directory Service) get explicit action lists on "*".
 * No "*" action, no "<service>:*", no secret values.
 */
export class DeployRole extends Construct {
  readonly role: IamRole;
  /** Inline policies by name. */
  readonly policies: Readonly<Record<string, IamRolePolicy>>;

  constructor(scope: Construct, id: string, props: DeployRoleProps) {
    super(scope, id);
    checkTrustedPrincipals('DeployRole', props.trustedPrincipalArns, 'arn:aws:iam::123456789012:role/ci');
    if (!PROJECT_PATTERN.test(props.project)) {
      throw new Error(`DeployRole project: received "${props.project}"; expected 3-32 lowercase letters, digits or "-", starting with a letter`);
    }
    if (!KEY_PREFIX_PATTERN.test(props.stateKeyPrefix)) {
      throw new Error(
        `DeployRole stateKeyPrefix: received "${props.stateKeyPrefix}"; expected path segments of letters, digits, ".", "_" or "-" joined by "/", without leading or trailing "/"`,
      );
    }
    const readable = props.readableSecretArns ?? [];
    const broad = readable.find((arn) => typeof arn !== 'string' || !/:secret:[^*?]/.test(arn));
    if (broad !== undefined) {
      throw new Error(
        `DeployRole readableSecretArns: received ${JSON.stringify(broad)}; expected the ARN of one secret (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>, "-??????" allowed for the suffix)`,
      );
    }
    if (props.stateBucketName.trim() === '' || /[*?/]/.test(props.stateBucketName)) {
      throw new Error(`DeployRole stateBucketName: received "${props.stateBucketName}"; expected an S3 bucket name`);
    }

    const account = new DataAwsCallerIdentity(this, 'account').accountId;
    const partition = new DataAwsPartition(this, 'partition').partition;
    const project = props.project;
    const projectRoles = `arn:${partition}:iam::${account}:role/${project}-*`;
    const stateBucket = `arn:${partition}:s3:::${props.stateBucketName}`;

    this.role = trustedRole(this, {
      roleName: props.roleName,
      description: `Deploys the ${project} foundation from CI (cdktf deploy)`,
      trustSid: 'TrustedDeployers',
      trustedPrincipalArns: props.trustedPrincipalArns,
      permissionsBoundaryArn: props.permissionsBoundaryArn,
    });

    const inline: Record<string, Statement[]> = {
      'terraform-state': [
        { Sid: 'ListStateBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: stateBucket },
        {
          Sid: 'ReadWriteStateAndLockFiles',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          Resource: `${stateBucket}/${props.stateKeyPrefix}/*`,
        },
        {
          Sid: 'UseKeysThroughS3AndSecretsManager',
          Effect: 'Allow',
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
          Condition: { StringLike: { 'kms:ViaService': ['s3.*.amazonaws.com', 'secretsmanager.*.amazonaws.com'] } },
        },
      ],
      'iam-roles': [
        {
          Sid: 'ManageProjectRoles',
          Effect: 'Allow',
          Action: [
            'iam:CreateRole',
            'iam:DeleteRole',
            'iam:GetRole',
            'iam:UpdateRole',
            'iam:UpdateRoleDescription',
            'iam:UpdateAssumeRolePolicy',
            'iam:PutRolePermissionsBoundary',
            'iam:DeleteRolePermissionsBoundary',
            'iam:TagRole',
            'iam:UntagRole',
            'iam:ListRoleTags',
            'iam:PutRolePolicy',
            'iam:GetRolePolicy',
            'iam:DeleteRolePolicy',
            'iam:ListRolePolicies',
            'iam:ListAttachedRolePolicies',
            'iam:ListInstanceProfilesForRole',
          ],
          Resource: projectRoles,
        },
        {
          Sid: 'PassProjectRolesToLogDelivery',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: projectRoles,
          Condition: { StringEquals: { 'iam:PassedToService': [...DEPLOY_ROLE_PASS_ROLE_SERVICES] } },
        },
        {
          Sid: 'CreateServiceLinkedRoles',
          Effect: 'Allow',
          Action: 'iam:CreateServiceLinkedRole',
          Resource: `arn:${partition}:iam::${account}:role/aws-service-role/*`,
          Condition: { StringEquals: { 'iam:AWSServiceName': [...DEPLOY_ROLE_SERVICE_LINKED_ROLES] } },
        },
      ],
      's3-buckets': [
        {
          Sid: 'ManageProjectBuckets',
          Effect: 'Allow',
          Action: [
            's3:CreateBucket',
            's3:ListBucket',
            's3:GetBucket*',
            's3:PutBucket*',
            's3:DeleteBucket*',
            's3:GetAccelerateConfiguration',
            's3:GetEncryptionConfiguration',
            's3:PutEncryptionConfiguration',
            's3:GetLifecycleConfiguration',
            's3:PutLifecycleConfiguration',
            's3:GetReplicationConfiguration',
            's3:PutReplicationConfiguration',
          ],
          Resource: `arn:${partition}:s3:::${project}-*`,
        },
      ],
      secrets: [
        {
          Sid: 'ManageSecretsWithoutValues',
          Effect: 'Allow',
          Action: [
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
          ],
          Resource: `arn:${partition}:secretsmanager:*:${account}:secret:*`,
        },
        ...(readable.length > 0
          ? [{ Sid: 'ReadValuesTerraformNeeds', Effect: 'Allow' as const, Action: 'secretsmanager:GetSecretValue', Resource: [...readable] }]
          : []),
      ],
      logs: [
        {
          Sid: 'ManageProjectLogGroups',
          Effect: 'Allow',
          Action: [
            'logs:CreateLogGroup',
            'logs:DeleteLogGroup',
            'logs:PutRetentionPolicy',
            'logs:DeleteRetentionPolicy',
            'logs:AssociateKmsKey',
            'logs:DisassociateKmsKey',
            'logs:TagResource',
            'logs:UntagResource',
            'logs:ListTagsForResource',
            'logs:TagLogGroup',
            'logs:UntagLogGroup',
            'logs:ListTagsLogGroup',
          ],
          Resource: [`arn:${partition}:logs:*:${account}:log-group:/${project}/*`, `arn:${partition}:logs:*:${account}:log-group:/aws/cloudtrail/*`],
        },
        {
          Sid: 'FindLogGroups',
          Effect: 'Allow',
          Action: 'logs:DescribeLogGroups',
          Resource: `arn:${partition}:logs:*:${account}:log-group:*`,
        },
      ],
      cloudtrail: [
        {
          Sid: 'ManageProjectTrails',
          Effect: 'Allow',
          Action: [
            'cloudtrail:CreateTrail',
            'cloudtrail:UpdateTrail',
            'cloudtrail:DeleteTrail',
            'cloudtrail:GetTrail',
            'cloudtrail:GetTrailStatus',
            'cloudtrail:StartLogging',
            'cloudtrail:StopLogging',
            'cloudtrail:GetEventSelectors',
            'cloudtrail:PutEventSelectors',
            'cloudtrail:GetInsightSelectors',
            'cloudtrail:PutInsightSelectors',
            'cloudtrail:AddTags',
            'cloudtrail:RemoveTags',
            'cloudtrail:ListTags',
          ],
          Resource: `arn:${partition}:cloudtrail:*:${account}:trail/${project}-*`,
        },
        // DescribeTrails has no resource-level permissions.
        { Sid: 'FindTrails', Effect: 'Allow', Action: 'cloudtrail:DescribeTrails', Resource: '*' },
      ],
      network: [
        { Sid: 'ReadNetwork', Effect: 'Allow', Action: EC2_READ, Resource: '*' },
        { Sid: 'ManageVpcs', Effect: 'Allow', Action: EC2_VPC, Resource: '*' },
        { Sid: 'ManageInterRegionLinks', Effect: 'Allow', Action: EC2_INTER_REGION, Resource: '*' },
      ],
      kms: [
        { Sid: 'ManageMultiRegionKeys', Effect: 'Allow', Action: KMS_KEYS, Resource: '*' },
        {
          Sid: 'NeverBypassKeyPolicyLockoutCheck',
          Effect: 'Deny',
          Action: ['kms:CreateKey', 'kms:PutKeyPolicy', 'kms:ReplicateKey'],
          Resource: '*',
          Condition: { Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' } },
        },
      ],
      'security-hub': [{ Sid: 'ManageSecurityHub', Effect: 'Allow', Action: SECURITY_HUB, Resource: '*' }],
      'directory-service': [
        { Sid: 'ManageDirectories', Effect: 'Allow', Action: DIRECTORY_SERVICE, Resource: '*' },
        { Sid: 'PlaceDomainControllers', Effect: 'Allow', Action: DIRECTORY_SERVICE_NETWORK, Resource: '*' },
      ],
      identity: [{ Sid: 'WhoAmI', Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
    };

    this.policies = inlinePolicies(this, this.role, inline);
  }
}
