import { DomainPermissions } from '../../aws/deploy-permissions';

/** Bucket-level configuration of the project's buckets; no object access (the audit logs stay unreadable). */
const BUCKETS = [
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
];

const BUCKET_TYPES = [
  'aws_s3_bucket',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_object_lock_configuration',
  'aws_s3_bucket_logging',
];

const TRAILS = [
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
];

const LOG_GROUPS = [
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
];

/**
 * The trail, its log buckets, and every CloudWatch Logs group of the project: the trail's
 * (/aws/cloudtrail/) and the VPC flow logs' (/<project>/), so that one domain owns the logs actions.
 * Everything is limited to the project's names but DescribeTrails and DescribeLogGroups, which
 * cannot be.
 */
export const AUDIT_PERMISSIONS: DomainPermissions = {
  domain: 'audit',
  description: 'CloudTrail, the audit and access log buckets, CloudWatch Logs groups',
  grants: ({ partition, account, project }) => [
    { covers: BUCKET_TYPES, statement: { Sid: 'ManageProjectBuckets', Effect: 'Allow', Action: BUCKETS, Resource: `arn:${partition}:s3:::${project}-*` } },
    {
      covers: ['aws_cloudtrail'],
      statement: { Sid: 'ManageProjectTrails', Effect: 'Allow', Action: TRAILS, Resource: `arn:${partition}:cloudtrail:*:${account}:trail/${project}-*` },
    },
    // DescribeTrails has no resource-level permissions.
    { covers: ['aws_cloudtrail'], statement: { Sid: 'FindTrails', Effect: 'Allow', Action: 'cloudtrail:DescribeTrails', Resource: '*' } },
    {
      covers: ['aws_cloudwatch_log_group'],
      statement: {
        Sid: 'ManageProjectLogGroups',
        Effect: 'Allow',
        Action: LOG_GROUPS,
        Resource: [`arn:${partition}:logs:*:${account}:log-group:/${project}/*`, `arn:${partition}:logs:*:${account}:log-group:/aws/cloudtrail/*`],
      },
    },
    {
      covers: ['aws_cloudwatch_log_group'],
      statement: { Sid: 'FindLogGroups', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: `arn:${partition}:logs:*:${account}:log-group:*` },
    },
  ],
};
