import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { KEY_PREFIX_PATTERN } from '../../config/patterns';

export interface ConfigRecorderProps {
  /** Name of the recorder and of its delivery channel (one of each per account and Region). */
  readonly name: string;
  /** AWS Config's service-linked role, AWSServiceRoleForConfig (created once, by the global stack). */
  readonly serviceLinkedRoleArn: string;
  /**
   * Record IAM users, groups, roles and policies too. They are the same in every Region, so exactly
   * one Region (the primary) records them; elsewhere they would be recorded, and billed, once per Region.
   */
  readonly recordGlobalResourceTypes: boolean;
  /** The Config bucket (in the primary Region, without Object Lock) that receives configuration history and snapshots. */
  readonly bucketName: string;
  /** Key prefix in the bucket; objects land under `<prefix>/AWSLogs/<account>/Config/`. @default "config" */
  readonly keyPrefix?: string;
  /** KMS key in the bucket's Region that encrypts the delivered objects (the multi-Region primary). */
  readonly kmsKeyArn: string;
}

/** Names AWS Config accepts for recorders and delivery channels. */
const NAME = /^[A-Za-z0-9_.-]{1,256}$/;

/**
 * AWS Config in one Region (the stack's provider): a recorder of every supported resource type,
 * a delivery channel to the central Config bucket, encrypted with the given key, and the recorder
 * switched on. Security Hub's FSBP and CIS controls are Config rules: without a recorder they
 * report nothing. Config wants the recorder before the channel and the channel before recording.
 */
export class ConfigRecorder extends Construct {
  readonly recorder: ConfigConfigurationRecorder;
  readonly deliveryChannel: ConfigDeliveryChannel;
  readonly status: ConfigConfigurationRecorderStatus;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const keyPrefix = props.keyPrefix ?? 'config';
    validate(id, props, keyPrefix);

    this.recorder = new ConfigConfigurationRecorder(this, 'recorder', {
      name: props.name,
      roleArn: props.serviceLinkedRoleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.recordGlobalResourceTypes },
    });
    this.deliveryChannel = new ConfigDeliveryChannel(this, 'delivery_channel', {
      name: props.name,
      s3BucketName: props.bucketName,
      s3KeyPrefix: keyPrefix,
      s3KmsKeyArn: props.kmsKeyArn,
      dependsOn: [this.recorder],
    });
    this.status = new ConfigConfigurationRecorderStatus(this, 'status', {
      name: this.recorder.name,
      isEnabled: true,
      dependsOn: [this.deliveryChannel],
    });
  }
}

function validate(id: string, props: ConfigRecorderProps, keyPrefix: string): void {
  const where = `ConfigRecorder ${id}`;
  if (!NAME.test(props.name)) {
    throw new Error(`${where} name: received ${JSON.stringify(props.name)}; expected 1-256 letters, digits, "_", "." or "-"`);
  }
  if (!KEY_PREFIX_PATTERN.test(keyPrefix) || keyPrefix.split('/').includes('AWSLogs')) {
    throw new Error(`${where} keyPrefix: received ${JSON.stringify(keyPrefix)}; expected path segments joined by "/", without leading or trailing "/" and without "AWSLogs" (Config appends AWSLogs/<account>/Config itself)`);
  }
  if (!Token.isUnresolved(props.bucketName) && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.bucketName)) {
    throw new Error(`${where} bucketName: received ${JSON.stringify(props.bucketName)}; expected an S3 bucket name`);
  }
  if (!Token.isUnresolved(props.kmsKeyArn) && !/^arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:key\/\S+$/.test(props.kmsKeyArn)) {
    throw new Error(`${where} kmsKeyArn: received ${JSON.stringify(props.kmsKeyArn)}; expected a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias or key id`);
  }
  if (!Token.isUnresolved(props.serviceLinkedRoleArn) && !/^arn:[a-z-]+:iam::\d{12}:role\/aws-service-role\/config\.amazonaws\.com\/AWSServiceRoleForConfig$/.test(props.serviceLinkedRoleArn)) {
    throw new Error(`${where} serviceLinkedRoleArn: received ${JSON.stringify(props.serviceLinkedRoleArn)}; expected AWS Config's service-linked role (arn:<partition>:iam::<account>:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig)`);
  }
}
