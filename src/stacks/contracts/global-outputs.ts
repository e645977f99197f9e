import { StackContract } from './contract';

const TRAIL_ON = 'security.cloudTrail.enable';
const AUDIT_BUCKET_ON = 'security.cloudTrail.enable or security.config.enable';

/** Outputs of the global stack. */
export const GLOBAL_OUTPUTS = {
  flow_logs_role_arn: {
    type: 'string',
    description: 'Role VPC Flow Logs assumes in every Region (read by region-* stacks)',
    readBy: ['region-*'],
  },
  kms_primary_key_arn: {
    type: 'string',
    description: 'Multi-Region primary key (read by region-* for replicas and by global-replication)',
    readBy: ['region-*', 'global-replication'],
  },
  kms_key_id: { type: 'string', description: 'Key id, the same in every Region (mrk-...)', readBy: ['operators'] },
  kms_key_alias: { type: 'string', description: 'Alias of the key in every Region', readBy: ['operators'] },
  deploy_role_arn: { type: 'string', description: 'Role CI assumes to deploy the foundation', readBy: ['CI'] },
  security_audit_role_arn: {
    type: 'string',
    description: 'Read-only security audit role; the only default reader of the audit logs',
    readBy: ['security team'],
  },
  cloudtrail_arn: { type: 'string', description: 'The multi-Region trail', readBy: ['operators'], when: TRAIL_ON },
  audit_log_bucket_name: {
    type: 'string',
    description: 'Central CloudTrail and AWS Config bucket (Object Lock, SSE-KMS)',
    readBy: ['security team'],
    when: AUDIT_BUCKET_ON,
  },
  access_log_bucket_name: { type: 'string', description: 'Server access logs of the audit log bucket', readBy: ['operators'], when: AUDIT_BUCKET_ON },
  audit_alert_topic_arn: {
    type: 'string',
    description: 'SNS topic (KMS-encrypted) alerted when the audit bucket\'s protection changes or the trail is stopped, deleted or changed',
    readBy: ['security team'],
    when: TRAIL_ON,
  },
} as const satisfies StackContract;
