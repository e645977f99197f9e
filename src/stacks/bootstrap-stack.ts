import { Construct } from 'constructs';
import { FoundationConfig } from '../config/validate';
import { StateBucket } from '../constructs/state/state-bucket';
import { AccessLogBucket } from '../constructs/audit/access-log-bucket';
import { stateAccessLogBucketName } from '../aws/bucket-name';
import { resourceNames, roleArn } from '../aws/resource-names';
import { StateAccess, denyDeployRoleBucketChanges } from '../aws/state-policies';
import { FoundationStack } from './foundation-stack';
import { accountFacts } from './account-facts';
import { writeOutputs } from './outputs';
import { BOOTSTRAP_OUTPUTS } from './contracts/bootstrap-outputs';
import { BOOTSTRAP_STACK } from './stack-names';

/**
 * Creates the state bucket every other stack keeps its state in, with its key and the bucket of its
 * access logs. Its own state is local (the bucket cannot hold the state of its own creation);
 * buckets and key survive `terraform destroy`. An administrator applies it, never the deploy role.
 */
export class BootstrapStack extends FoundationStack {
  readonly stateBucket: StateBucket;
  readonly accessLogBucket: AccessLogBucket;

  constructor(scope: Construct, config: FoundationConfig) {
    super(scope, BOOTSTRAP_STACK, config, { region: config.state.region, localState: true });
    const facts = accountFacts(this);
    const { account, partition } = facts;
    const access: StateAccess = {
      deployRoleArn: roleArn(partition, account, resourceNames(config).deployRole),
      operatorArns: config.state.operatorArns,
      breakGlassArns: config.security.cloudTrail.breakGlassArns,
    };
    const logBucketName = stateAccessLogBucketName(config.state.bucket);
    this.accessLogBucket = new AccessLogBucket(this, 'state_access_logs', {
      bucketName: logBucketName,
      sourceBucketArn: `arn:${partition}:s3:::${config.state.bucket}`,
      additionalStatements: [denyDeployRoleBucketChanges(`arn:${partition}:s3:::${logBucketName}`, access.deployRoleArn)],
      facts,
    });
    this.stateBucket = new StateBucket(this, 'state', {
      bucketName: config.state.bucket,
      kmsKeyAlias: config.state.kmsKeyAlias,
      noncurrentVersionExpirationDays: config.state.noncurrentVersionExpirationDays,
      access,
      keyAdministratorArns: config.security.kms.administratorArns,
      accessLogBucket: this.accessLogBucket,
      facts,
    });
    writeOutputs(this, BOOTSTRAP_OUTPUTS, {
      state_bucket_name: this.stateBucket.bucket.bucket,
      state_bucket_arn: this.stateBucket.bucket.arn,
      state_kms_key_arn: this.stateBucket.key.arn,
      state_access_log_bucket_name: this.accessLogBucket.bucket.bucket,
    });
  }
}
