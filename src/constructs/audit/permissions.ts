import { DomainPermissions } from '../../aws/deploy-permissions';
import { accessLogBucketName, auditBucketName, configBucketName } from '../../aws/resource-names';
import { LOG_TAMPER_ACTIONS } from './protected-actions';

/**
 * Bucket-level configuration of the project's buckets, one action at a time: what Terraform reads
 * for an aws_s3_bucket and writes for the settings this project declares. No object access (the
 * audit logs stay unreadable), no replication, no ACLs.
 */
const BUCKET_READS = [
  's3:ListBucket',
  's3:GetBucketLocation',
  's3:GetBucketPolicy',
  's3:GetBucketAcl',
  's3:GetBucketCORS',
  's3:GetBucketWebsite',
  's3:GetBucketVersioning',
  's3:GetAccelerateConfiguration',
  's3:GetBucketRequestPayment',
  's3:GetBucketLogging',
  's3:GetLifecycleConfiguration',
  's3:GetReplicationConfiguration',
  's3:GetEncryptionConfiguration',
  's3:GetBucketObjectLockConfiguration',
  's3:GetBucketTagging',
  's3:GetBucketPublicAccessBlock',
  's3:GetBucketOwnershipControls',
];

/** Each also covers its Delete* API (DeletePublicAccessBlock needs s3:PutBucketPublicAccessBlock, and so on). */
const BUCKET_WRITES = [
  's3:CreateBucket',
  's3:DeleteBucket',
  's3:PutBucketTagging',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketOwnershipControls',
  's3:PutBucketVersioning',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketLogging',
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

const ALERT_TOPICS = [
  'sns:CreateTopic',
  'sns:DeleteTopic',
  'sns:GetTopicAttributes',
  'sns:SetTopicAttributes',
  'sns:ListTagsForResource',
  'sns:TagResource',
  'sns:UntagResource',
  'sns:Subscribe',
  'sns:Unsubscribe',
  'sns:GetSubscriptionAttributes',
  'sns:SetSubscriptionAttributes',
  'sns:ListSubscriptionsByTopic',
];

const ALERT_RULES = [
  'events:PutRule',
  'events:DeleteRule',
  'events:DescribeRule',
  'events:EnableRule',
  'events:DisableRule',
  'events:PutTargets',
  'events:RemoveTargets',
  'events:ListTargetsByRule',
  'events:ListTagsForResource',
  'events:TagResource',
  'events:UntagResource',
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
 * The trail, the log buckets (audit, AWS Config, access logs), the tampering alerts, and every CloudWatch Logs group of the project:
 * the trail's (/aws/cloudtrail/) and the VPC flow logs' (/<project>/), so that one domain owns the
 * logs actions. Everything is limited to the project's names but DescribeTrails and
 * DescribeLogGroups, which cannot be. Deleting or unlocking a log object is denied outright.
 */
export const AUDIT_PERMISSIONS: DomainPermissions = {
  domain: 'audit',
  description: 'CloudTrail, the audit, Config and access log buckets, tampering alerts, CloudWatch Logs groups',
  grants: ({ partition, account, project }) => [
    {
      covers: BUCKET_TYPES,
      statement: { Sid: 'ManageProjectBuckets', Effect: 'Allow', Action: [...BUCKET_READS, ...BUCKET_WRITES], Resource: `arn:${partition}:s3:::${project}-*` },
    },
    {
      // A guardrail on the Allows around it and on any other policy the role may get.
      covers: [],
      statement: {
        Sid: 'NeverTamperWithLogObjects',
        Effect: 'Deny',
        Action: [...LOG_TAMPER_ACTIONS],
        Resource: [auditBucketName({ project }, account), configBucketName({ project }, account), accessLogBucketName({ project }, account)].map(
          (name) => `arn:${partition}:s3:::${name}/*`,
        ),
      },
    },
    {
      covers: ['aws_cloudtrail'],
      statement: { Sid: 'ManageProjectTrails', Effect: 'Allow', Action: TRAILS, Resource: `arn:${partition}:cloudtrail:*:${account}:trail/${project}-*` },
    },
    // DescribeTrails has no resource-level permissions.
    { covers: ['aws_cloudtrail'], statement: { Sid: 'FindTrails', Effect: 'Allow', Action: 'cloudtrail:DescribeTrails', Resource: '*' } },
    {
      covers: ['aws_sns_topic', 'aws_sns_topic_policy', 'aws_sns_topic_subscription'],
      statement: { Sid: 'ManageAlertTopics', Effect: 'Allow', Action: ALERT_TOPICS, Resource: `arn:${partition}:sns:*:${account}:${project}-*` },
    },
    {
      covers: ['aws_cloudwatch_event_rule', 'aws_cloudwatch_event_target'],
      statement: { Sid: 'ManageAlertRules', Effect: 'Allow', Action: ALERT_RULES, Resource: `arn:${partition}:events:*:${account}:rule/${project}-*` },
    },
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
