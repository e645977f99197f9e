import { AUDIT_PERMISSIONS } from '../../../src/constructs/audit/permissions';
import { globMatches } from '../../../src/compliance/rule';
import { CONTEXT, actionsOf, describeDomainPermissions, statementOf } from '../../helpers/deploy-permissions';

describeDomainPermissions(AUDIT_PERMISSIONS, {
  aws_s3_bucket: ['s3:CreateBucket', 's3:DeleteBucket', 's3:ListBucket', 's3:GetBucketPolicy', 's3:GetBucketTagging', 's3:PutBucketTagging'],
  aws_s3_bucket_policy: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  aws_s3_bucket_public_access_block: ['s3:PutBucketPublicAccessBlock', 's3:DeleteBucketPublicAccessBlock'],
  aws_s3_bucket_ownership_controls: ['s3:PutBucketOwnershipControls', 's3:DeleteBucketOwnershipControls'],
  aws_s3_bucket_versioning: ['s3:PutBucketVersioning', 's3:GetBucketVersioning'],
  aws_s3_bucket_server_side_encryption_configuration: ['s3:PutEncryptionConfiguration', 's3:GetEncryptionConfiguration'],
  aws_s3_bucket_lifecycle_configuration: ['s3:PutLifecycleConfiguration', 's3:GetLifecycleConfiguration'],
  aws_s3_bucket_object_lock_configuration: ['s3:PutBucketObjectLockConfiguration', 's3:GetBucketObjectLockConfiguration'],
  aws_s3_bucket_logging: ['s3:PutBucketLogging', 's3:GetBucketLogging'],
  aws_cloudtrail: ['cloudtrail:CreateTrail', 'cloudtrail:StartLogging', 'cloudtrail:PutEventSelectors', 'cloudtrail:DeleteTrail', 'cloudtrail:DescribeTrails'],
  aws_cloudwatch_log_group: ['logs:CreateLogGroup', 'logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:AssociateKmsKey', 'logs:DescribeLogGroups'],
});

describe('audit deploy permissions: scope', () => {
  const statements = AUDIT_PERMISSIONS.grants(CONTEXT).map((g) => g.statement);

  test('buckets only named <project>-*, and no object access (the audit logs stay unreadable)', () => {
    expect(statementOf(AUDIT_PERMISSIONS, 'ManageProjectBuckets').Resource).toBe('arn:aws:s3:::acme-*');
    const s3 = statements.flatMap(actionsOf).filter((a) => a.startsWith('s3:'));
    for (const object of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectVersion', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention']) {
      expect(s3.filter((a) => globMatches(a, object, true))).toEqual([]);
    }
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
