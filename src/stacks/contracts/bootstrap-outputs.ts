import { StackContract } from './contract';

/** Outputs of the bootstrap stack (local state: read by operators and CI, never by another stack). */
export const BOOTSTRAP_OUTPUTS = {
  state_bucket_name: { type: 'string', description: 'Bucket that holds the state of every other stack', readBy: ['operators'] },
  state_bucket_arn: { type: 'string', description: 'ARN of the state bucket', readBy: ['operators'] },
  state_kms_key_arn: { type: 'string', description: 'Customer managed key that encrypts state objects', readBy: ['operators'] },
  deploy_role_arn: { type: 'string', description: 'Role that deploys every stack after bootstrap (CI, or people with MFA)', readBy: ['CI'] },
  security_audit_role_arn: {
    type: 'string',
    description: 'Read-only security audit role (MFA); the only default reader of the audit logs',
    readBy: ['security team'],
  },
  github_oidc_provider_arn: {
    type: 'string',
    description: 'IAM OIDC provider GitHub Actions assumes the roles through (created here unless given)',
    readBy: ['CI'],
    when: 'security.iam.githubOidc',
  },
  plan_role_arn: {
    type: 'string',
    description: 'Read-only role pull-request workflows assume to run terraform plan -lock=false',
    readBy: ['CI'],
    when: 'security.iam.githubOidc.pullRequests',
  },
  state_access_log_bucket_name: { type: 'string', description: 'Server access logs of the state bucket (SSE-S3)', readBy: ['operators'] },
  state_replica_bucket_name: {
    type: 'string',
    description: 'Replica of the state bucket (S3 replication): the backends point here after the loss of the state Region',
    readBy: ['operators'],
  },
  state_replica_region: { type: 'string', description: 'Region of the state replica (state.replicaRegion)', readBy: ['operators'] },
  state_replica_kms_key_arn: {
    type: 'string',
    description: 'Customer managed key that encrypts the replica (same alias as the state key, in the replica Region)',
    readBy: ['operators'],
  },
  state_replica_access_log_bucket_name: { type: 'string', description: 'Server access logs of the state replica (SSE-S3)', readBy: ['operators'] },
} as const satisfies StackContract;
