import { Construct } from 'constructs';
import { FoundationConfig } from '../config/validate';
import { StateBucket } from '../constructs/state/state-bucket';
import { FoundationStack } from './foundation-stack';
import { writeOutputs } from './outputs';
import { BOOTSTRAP_OUTPUTS } from './contracts/bootstrap-outputs';
import { BOOTSTRAP_STACK } from './stack-names';

/**
 * Creates the state bucket every other stack keeps its state in. Its own state is local (the
 * bucket cannot hold the state of its own creation); bucket and key survive `terraform destroy`.
 */
export class BootstrapStack extends FoundationStack {
  readonly stateBucket: StateBucket;

  constructor(scope: Construct, config: FoundationConfig) {
    super(scope, BOOTSTRAP_STACK, config, { region: config.state.region, localState: true });
    this.stateBucket = new StateBucket(this, 'state', {
      bucketName: config.state.bucket,
      kmsKeyAlias: config.state.kmsKeyAlias,
      noncurrentVersionExpirationDays: config.state.noncurrentVersionExpirationDays,
    });
    writeOutputs(this, BOOTSTRAP_OUTPUTS, {
      state_bucket_name: this.stateBucket.bucket.bucket,
      state_bucket_arn: this.stateBucket.bucket.arn,
      state_kms_key_arn: this.stateBucket.key.arn,
    });
  }
}
