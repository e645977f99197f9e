import { StackContract } from './contract';

const TRAIL_ON = 'security.cloudTrail.enable';
const LOG_BUCKET_ON = 'security.cloudTrail.enable or security.config.enable';
const CONFIG_ON = 'security.config.enable';

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
  cloudtrail_arn: { type: 'string', description: 'The multi-Region trail', readBy: ['operators'], when: TRAIL_ON },
  audit_log_bucket_name: {
    type: 'string',
    description: 'Central CloudTrail bucket (Object Lock, SSE-KMS)',
    readBy: ['security team'],
    when: TRAIL_ON,
  },
  config_bucket_name: {
    type: 'string',
    description: 'AWS Config bucket every Region delivers to (SSE-KMS, no Object Lock: Config does not deliver to such a bucket)',
    readBy: ['security team'],
    when: CONFIG_ON,
  },
  access_log_bucket_name: {
    type: 'string',
    description: 'Server access logs of the audit and AWS Config buckets',
    readBy: ['operators'],
    when: LOG_BUCKET_ON,
  },
  audit_alert_topic_arn: {
    type: 'string',
    description: 'SNS topic (KMS-encrypted) alerted when a log bucket\'s protection changes, the trail is stopped, deleted or changed, or the primary Region\'s AWS Config recorder or delivery channel is stopped, deleted or changed',
    readBy: ['security team'],
    when: TRAIL_ON,
  },
  config_service_linked_role_arn: {
    type: 'string',
    description: 'AWS Config\'s service-linked role, AWSServiceRoleForConfig (read by region-* for their recorders)',
    readBy: ['region-*'],
    when: CONFIG_ON,
  },
  dlm_role_arn: {
    type: 'string',
    description: 'Role every Region\'s Data Lifecycle Manager snapshot policy runs as (read by global-compute)',
    readBy: ['global-compute'],
    when: 'compute.snapshots.enable',
  },
  image_builder_service_linked_role_arn: {
    type: 'string',
    description: 'EC2 Image Builder\'s service-linked role, named in every Region\'s key policy',
    readBy: ['operators'],
    when: 'compute.imageBuilder.enable',
  },
  hosted_zone_id: {
    type: 'string',
    description: 'Route 53 public hosted zone of edge.domainName (created here, or the configured hostedZoneId): certificates and records',
    readBy: ['region-*', 'global-edge'],
    when: 'edge.enable and edge.domainName',
  },
  hosted_zone_name_servers: {
    type: 'list',
    description: 'Name servers of the created zone: delegate edge.domainName to them at its registrar before region-* validates certificates',
    readBy: ['operators'],
    when: 'edge.enable and edge.domainName without edge.hostedZoneId',
  },
} as const satisfies StackContract;
