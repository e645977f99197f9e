import { Construct } from 'constructs';
import { checkTrustedPrincipals, inlinePolicies, principalTrust, trustedRole } from '../../aws/trusted-role';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Statement } from '../../aws/policy-documents';

export interface SecurityAuditRoleProps {
  /** Role name. */
  readonly roleName: string;
  /**
   * IAM principals (roles, users, account roots) that may assume the role; at least one. People
   * assume it, so every one of them must have signed in with MFA.
   */
  readonly trustedPrincipalArns: readonly string[];
  /** Managed policy set as the role's permissions boundary. @default no boundary */
  readonly permissionsBoundaryArn?: string;
  /**
   * The log buckets (audit, AWS Config) whose objects the role may read. Decrypting them is granted
   * by the key's own policy (through S3 only), not here. @default no object access
   */
  readonly logBucketArns?: readonly string[];
}

/** Read-only configuration and findings of the security services and the resources they watch. */
const SECURITY_SERVICES_READ: Statement[] = [
  {
    Sid: 'ReadCloudTrail',
    Effect: 'Allow',
    Action: ['cloudtrail:Describe*', 'cloudtrail:Get*', 'cloudtrail:List*', 'cloudtrail:LookupEvents'],
    Resource: '*',
  },
  { Sid: 'ReadSecurityHub', Effect: 'Allow', Action: ['securityhub:Describe*', 'securityhub:Get*', 'securityhub:List*'], Resource: '*' },
  { Sid: 'ReadConfig', Effect: 'Allow', Action: ['config:Describe*', 'config:Get*', 'config:List*'], Resource: '*' },
  { Sid: 'ReadGuardDuty', Effect: 'Allow', Action: ['guardduty:Get*', 'guardduty:List*'], Resource: '*' },
  { Sid: 'ReadAccessAnalyzer', Effect: 'Allow', Action: ['access-analyzer:Get*', 'access-analyzer:List*'], Resource: '*' },
];

const RESOURCE_CONFIGURATION_READ: Statement[] = [
  {
    Sid: 'ReadNetworkConfiguration',
    Effect: 'Allow',
    Action: [
      'ec2:Describe*',
      'ec2:GetEbsEncryptionByDefault',
      'ec2:GetEbsDefaultKmsKeyId',
      'ec2:GetManagedPrefixListEntries',
      'ec2:GetTransitGatewayRouteTableAssociations',
      'ec2:GetTransitGatewayRouteTablePropagations',
      'ec2:SearchTransitGatewayRoutes',
    ],
    Resource: '*',
  },
  {
    Sid: 'ReadIamConfiguration',
    Effect: 'Allow',
    Action: ['iam:Get*', 'iam:List*', 'iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
    Resource: '*',
  },
  {
    Sid: 'ReadKeyConfiguration',
    Effect: 'Allow',
    Action: ['kms:Describe*', 'kms:List*', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus'],
    Resource: '*',
  },
  {
    Sid: 'ReadBucketConfiguration',
    Effect: 'Allow',
    Action: [
      's3:ListAllMyBuckets',
      's3:GetBucket*',
      's3:GetAccountPublicAccessBlock',
      's3:GetEncryptionConfiguration',
      's3:GetLifecycleConfiguration',
      's3:GetReplicationConfiguration',
    ],
    Resource: '*',
  },
  { Sid: 'ReadLogs', Effect: 'Allow', Action: ['logs:Describe*', 'logs:FilterLogEvents'], Resource: '*' },
  {
    Sid: 'ReadSecretMetadataNeverValues',
    Effect: 'Allow',
    Action: ['secretsmanager:DescribeSecret', 'secretsmanager:ListSecrets', 'secretsmanager:GetResourcePolicy'],
    Resource: '*',
  },
  { Sid: 'ReadDirectories', Effect: 'Allow', Action: ['ds:Describe*', 'ds:ListTagsForResource'], Resource: '*' },
  { Sid: 'WhoAmI', Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' },
];

/**
 * A read-only role for security reviewers, assumed with MFA: configuration and findings of the
 * security services and of the resources the foundation creates, never data (no secret values, no
 * objects) except the logs themselves when their buckets are given.
 */
export class SecurityAuditRole extends Construct {
  readonly role: IamRole;
  /** Inline policies by name. */
  readonly policies: Readonly<Record<string, IamRolePolicy>>;

  constructor(scope: Construct, id: string, props: SecurityAuditRoleProps) {
    super(scope, id);
    checkTrustedPrincipals('SecurityAuditRole', props.trustedPrincipalArns, 'arn:aws:iam::123456789012:role/security-team');
    const buckets = [...(props.logBucketArns ?? [])];
    for (const bucket of buckets) {
      if (bucket.trim() === '' || bucket.includes('*')) {
        throw new Error(`SecurityAuditRole logBucketArns: received "${bucket}"; expected the ARN of one S3 bucket per entry, or leave the list empty`);
      }
    }

    this.role = trustedRole(this, {
      roleName: props.roleName,
      description: 'Read-only security audit: configuration and findings, never secret values',
      trust: principalTrust('TrustedAuditors', props.trustedPrincipalArns, 'always'),
      permissionsBoundaryArn: props.permissionsBoundaryArn,
    });

    const inline: Record<string, Statement[]> = {
      'security-services-read': SECURITY_SERVICES_READ,
      'resource-configuration-read': RESOURCE_CONFIGURATION_READ,
    };
    if (buckets.length > 0) {
      inline['audit-logs-read'] = [
        { Sid: 'ListAuditLogs', Effect: 'Allow', Action: 's3:ListBucket', Resource: buckets },
        { Sid: 'ReadAuditLogs', Effect: 'Allow', Action: 's3:GetObject', Resource: buckets.map((bucket) => `${bucket}/*`) },
      ];
    }

    this.policies = inlinePolicies(this, this.role, inline);
  }
}
