import { S3Backend, TerraformStack } from 'cdktf';
import { FoundationConfig } from '../config/validate';

type StateConfig = FoundationConfig['state'];

export function stateKey(state: StateConfig, stackName: string): string {
  return `${state.keyPrefix}/${stackName}.tfstate`;
}

/**
 * S3 backend with native lock files (Terraform >= 1.11) instead of a DynamoDB table, and state
 * objects encrypted with the bootstrap stack's customer key.
 */
export function useS3Backend(stack: TerraformStack, state: StateConfig, stackName: string): S3Backend {
  const backend = new S3Backend(stack, {
    bucket: state.bucket,
    key: stateKey(state, stackName),
    region: state.region,
    encrypt: true,
    kmsKeyId: state.kmsKeyAlias,
  });
  // cdktf 0.21 predates use_lockfile.
  backend.addOverride('use_lockfile', true);
  return backend;
}
