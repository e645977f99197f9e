import { DeployContext, DeployGrant } from '../../aws/deploy-permissions';
import { PROJECT_TAG_KEY } from '../../aws/tags';
import { roleArn } from '../../aws/resource-names';
import { DLM_SERVICE, dlmManagedPolicyArn, dlmRoleName } from './dlm-execution-role';

/**
 * What aws_dlm_lifecycle_policy calls on an existing policy: read, update, delete, tags. No
 * ListTagsForResource: the provider reads the tags from GetLifecyclePolicy's answer.
 */
const LIFECYCLE_POLICIES = ['dlm:GetLifecyclePolicy', 'dlm:UpdateLifecyclePolicy', 'dlm:DeleteLifecyclePolicy', 'dlm:TagResource', 'dlm:UntagResource'];

/**
 * The account's EBS and AMI settings of a Region (`EbsDefaults`). IAM has no resource type for them
 * (each exists once per account and Region), so they can only be granted on "*": listed with this
 * reason in UNSCOPABLE_EC2_WRITES (src/compliance/iam-policy-ec2-writes-scoped.ts).
 */
export const EBS_ACCOUNT_SETTINGS = [
  'ec2:EnableEbsEncryptionByDefault',
  'ec2:DisableEbsEncryptionByDefault',
  'ec2:GetEbsEncryptionByDefault',
  'ec2:ModifyEbsDefaultKmsKeyId',
  'ec2:ResetEbsDefaultKmsKeyId',
  'ec2:GetEbsDefaultKmsKeyId',
  'ec2:EnableSnapshotBlockPublicAccess',
  'ec2:DisableSnapshotBlockPublicAccess',
  'ec2:GetSnapshotBlockPublicAccessState',
  'ec2:EnableImageBlockPublicAccess',
  'ec2:DisableImageBlockPublicAccess',
  'ec2:GetImageBlockPublicAccessState',
];

/** Sid of the statement that grants EBS_ACCOUNT_SETTINGS, the key of its UNSCOPABLE_EC2_WRITES entry. */
export const EBS_ACCOUNT_SETTINGS_SID = 'ManageEbsAccountSettings';

/** Why EBS_ACCOUNT_SETTINGS are granted on "*", for UNSCOPABLE_EC2_WRITES. */
export const EBS_ACCOUNT_SETTINGS_REASON =
  'encryption by default, the default EBS key and the snapshot and AMI public-access blocks are settings of the account in a Region, not resources: IAM has no ARN or tag to scope them by';

const LIFECYCLE_POLICY_TYPES = ['aws_dlm_lifecycle_policy'];
const EBS_TYPES = ['aws_ebs_encryption_by_default', 'aws_ebs_default_kms_key', 'aws_ebs_snapshot_block_public_access', 'aws_ec2_image_block_public_access'];

/**
 * What the deploy role needs for issue 9 items 3 and 4 (snapshot policies, their role, EBS defaults).
 *
 * DLM policies are created only with the project tag (CreateLifecyclePolicy has no resource type,
 * only aws:RequestTag) and changed only while they carry it; the tag is never set on, or removed
 * from, an existing policy, so no policy joins or leaves the scope by retagging (the same guard as
 * the project's keys). Unlike the keys, no Deny limits the other tag keys of a DLM policy: a stray
 * tag there widens nothing. The DLM role (the identity domain's, by exact ARN) is passed only to
 * DLM and given only AWS's managed policy for it. The EBS account settings cannot be scoped (EBS_ACCOUNT_SETTINGS_REASON).
 */
export function snapshotGrants({ partition, account, project }: DeployContext): DeployGrant[] {
  const policies = `arn:${partition}:dlm:*:${account}:policy/*`;
  const role = roleArn(partition, account, dlmRoleName(project));
  return [
    {
      covers: LIFECYCLE_POLICY_TYPES,
      statement: {
        Sid: 'CreateProjectDlmPolicies',
        Effect: 'Allow',
        // TagResource: DLM checks it too when the create request carries tags.
        Action: ['dlm:CreateLifecyclePolicy', 'dlm:TagResource'],
        Resource: '*',
        Condition: { StringEquals: { [`aws:RequestTag/${PROJECT_TAG_KEY}`]: project } },
      },
    },
    {
      covers: LIFECYCLE_POLICY_TYPES,
      statement: {
        Sid: 'ManageProjectDlmPolicies',
        Effect: 'Allow',
        Action: LIFECYCLE_POLICIES,
        Resource: policies,
        Condition: { StringEquals: { [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: project } },
      },
    },
    {
      covers: [],
      statement: {
        Sid: 'NeverRetagDlmPolicies',
        Effect: 'Deny',
        Action: ['dlm:TagResource', 'dlm:UntagResource'],
        Resource: policies,
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': PROJECT_TAG_KEY } },
      },
    },
    {
      covers: LIFECYCLE_POLICY_TYPES,
      statement: {
        Sid: 'PassDlmRoleToDlm',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: role,
        Condition: { StringEquals: { 'iam:PassedToService': DLM_SERVICE } },
      },
    },
    {
      covers: ['aws_iam_role_policy_attachment'],
      statement: {
        Sid: 'AttachOnlyDlmManagedPolicy',
        Effect: 'Allow',
        Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
        Resource: role,
        // ArnLike without a wildcard is an exact match; the policy is AWS's, so no account to vary.
        Condition: { ArnLike: { 'iam:PolicyARN': dlmManagedPolicyArn(partition) } },
      },
    },
    { covers: EBS_TYPES, statement: { Sid: EBS_ACCOUNT_SETTINGS_SID, Effect: 'Allow', Action: EBS_ACCOUNT_SETTINGS, Resource: '*' } },
  ];
}
