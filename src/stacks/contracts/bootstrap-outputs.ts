import { StackContract } from './contract';

/** Outputs of the bootstrap stack (local state: read by operators, never by another stack). */
export const BOOTSTRAP_OUTPUTS = {
  state_bucket_name: { type: 'string', description: 'Bucket that holds the state of every other stack', readBy: ['operators'] },
  state_bucket_arn: { type: 'string', description: 'ARN of the state bucket', readBy: ['operators'] },
  state_kms_key_arn: { type: 'string', description: 'Customer managed key that encrypts state objects', readBy: ['operators'] },
  state_access_log_bucket_name: { type: 'string', description: 'Server access logs of the state bucket (SSE-S3)', readBy: ['operators'] },
} as const satisfies StackContract;
