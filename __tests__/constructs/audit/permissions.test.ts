import { AUDIT_PERMISSIONS } from '../../../src/constructs/audit/permissions';
import { globMatches } from '../../../src/compliance/rule';
import { CONTEXT, actionsOf, describeDomainPermissions, statementOf } from '../../helpers/deploy-permissions';

/** What the provider reads for every aws_s3_bucket (hashicorp/aws 5.100.0), whatever settings it has. */
const BUCKET_READ = [
  's3:ListBucket',
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
];

describeDomainPermissions(AUDIT_PERMISSIONS, {
  // Creating a bucket with Object Lock needs the lock and versioning permissions too.
  aws_s3_bucket: ['s3:CreateBucket', 's3:DeleteBucket', 's3:PutBucketTagging', 's3:PutBucketObjectLockConfiguration', 's3:PutBucketVersioning', ...BUCKET_READ],
  aws_s3_bucket_policy: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:GetBucketPolicy'],
  // DeletePublicAccessBlock and DeleteBucketOwnershipControls need the Put permissions.
  aws_s3_bucket_public_access_block: ['s3:PutBucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
  aws_s3_bucket_ownership_controls: ['s3:PutBucketOwnershipControls', 's3:GetBucketOwnershipControls'],
  aws_s3_bucket_versioning: ['s3:PutBucketVersioning', 's3:GetBucketVersioning'],
  aws_s3_bucket_server_side_encryption_configuration: ['s3:PutEncryptionConfiguration', 's3:GetEncryptionConfiguration'],
  aws_s3_bucket_lifecycle_configuration: ['s3:PutLifecycleConfiguration', 's3:GetLifecycleConfiguration'],
  aws_s3_bucket_object_lock_configuration: ['s3:PutBucketObjectLockConfiguration', 's3:GetBucketObjectLockConfiguration'],
  aws_s3_bucket_logging: ['s3:PutBucketLogging', 's3:GetBucketLogging'],
  aws_cloudtrail: ['cloudtrail:CreateTrail', 'cloudtrail:StartLogging', 'cloudtrail:PutEventSelectors', 'cloudtrail:DeleteTrail', 'cloudtrail:DescribeTrails'],
  aws_cloudwatch_log_group: ['logs:CreateLogGroup', 'logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:AssociateKmsKey', 'logs:DescribeLogGroups'],
  aws_sns_topic: ['sns:CreateTopic', 'sns:DeleteTopic', 'sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:ListTagsForResource', 'sns:TagResource'],
  aws_sns_topic_policy: ['sns:SetTopicAttributes', 'sns:GetTopicAttributes'],
  aws_sns_topic_subscription: ['sns:Subscribe', 'sns:Unsubscribe', 'sns:GetSubscriptionAttributes', 'sns:SetSubscriptionAttributes'],
  aws_cloudwatch_event_rule: ['events:PutRule', 'events:DeleteRule', 'events:DescribeRule', 'events:ListTagsForResource', 'events:TagResource'],
  aws_cloudwatch_event_target: ['events:PutTargets', 'events:RemoveTargets', 'events:ListTargetsByRule'],
});

describe('audit deploy permissions: scope', () => {
  const statements = AUDIT_PERMISSIONS.grants(CONTEXT).map((g) => g.statement);

  test('buckets only named <project>-*, and no object access (the audit logs stay unreadable)', () => {
    expect(statementOf(AUDIT_PERMISSIONS, 'ManageProjectBuckets').Resource).toBe('arn:aws:s3:::acme-*');
    const s3 = statements.filter((s) => s.Effect === 'Allow').flatMap(actionsOf).filter((a) => a.startsWith('s3:'));
    for (const object of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectVersion', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention']) {
      expect(s3.filter((a) => globMatches(a, object, true))).toEqual([]);
    }
  });

  test('S3 actions are listed one by one: no wildcard (s3:PutBucket*, s3:DeleteBucket*), no replication or ACL changes', () => {
    const s3 = statements.flatMap(actionsOf).filter((a) => a.startsWith('s3:'));
    expect(s3.filter((a) => a.includes('*') || a.includes('?'))).toEqual([]);
    for (const action of ['s3:PutReplicationConfiguration', 's3:PutBucketAcl', 's3:PutObjectAcl']) expect(s3).not.toContain(action);
  });

  test('an explicit Deny: the log objects of the audit, Config and access-log buckets are never deleted, hidden or unlocked', () => {
    expect(statementOf(AUDIT_PERMISSIONS, 'NeverTamperWithLogObjects')).toEqual({
      Sid: 'NeverTamperWithLogObjects',
      Effect: 'Deny',
      Action: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention', 's3:PutObjectRetention', 's3:PutObjectLegalHold'],
      Resource: ['arn:aws:s3:::acme-audit-logs-123456789012/*', 'arn:aws:s3:::acme-config-123456789012/*', 'arn:aws:s3:::acme-access-logs-123456789012/*'],
    });
  });

  test('alert topics and rules only named <project>-*', () => {
    expect(statementOf(AUDIT_PERMISSIONS, 'ManageAlertTopics').Resource).toBe('arn:aws:sns:*:123456789012:acme-*');
    expect(statementOf(AUDIT_PERMISSIONS, 'ManageAlertRules').Resource).toBe('arn:aws:events:*:123456789012:rule/acme-*');
  });

  test('log groups only under /<project>/ and /aws/cloudtrail/; only DescribeLogGroups on every log group', () => {
    expect(statementOf(AUDIT_PERMISSIONS, 'ManageProjectLogGroups').Resource).toEqual([
      'arn:aws:logs:*:123456789012:log-group:/acme/*',
      'arn:aws:logs:*:123456789012:log-group:/aws/cloudtrail/*',
    ]);
    expect(statementOf(AUDIT_PERMISSIONS, 'FindLogGroups')).toMatchObject({ Action: 'logs:DescribeLogGroups', Resource: 'arn:aws:logs:*:123456789012:log-group:*' });
  });

  test('trails only named <project>-*; DescribeTrails (no resource-level permissions) alone on "*"', () => {
    expect(statementOf(AUDIT_PERMISSIONS, 'ManageProjectTrails').Resource).toBe('arn:aws:cloudtrail:*:123456789012:trail/acme-*');
    expect(statements.filter((s) => s.Resource === '*')).toEqual([{ Sid: 'FindTrails', Effect: 'Allow', Action: 'cloudtrail:DescribeTrails', Resource: '*' }]);
  });
});
