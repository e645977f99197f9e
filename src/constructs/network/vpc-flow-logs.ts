import { Construct } from 'constructs';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { AccountFacts } from '../../aws/account-facts';
import { policyDocument } from '../../aws/policy-documents';
import { KEY_ADMIN_ACTIONS } from '../../aws/kms-key-policy';

export interface VpcFlowLogsProps {
  /** VPC to record. */
  readonly vpcId: string;
  /** Log group name; must sit under the path the delivery role may write to. */
  readonly logGroupName: string;
  /** Role that VPC Flow Logs assumes to deliver to CloudWatch Logs (from the global stack). */
  readonly deliveryRoleArn: string;
  /** Days to keep the logs. @default 365 */
  readonly retentionDays?: number;
  /** Traffic to record. @default "ALL" */
  readonly trafficType?: 'ALL' | 'ACCEPT' | 'REJECT';
  /** Account id and partition of the stack (`accountFacts` in src/stacks): one data source each per stack. */
  readonly facts: AccountFacts;
}

/**
 * VPC flow logs into a CloudWatch log group encrypted with a customer managed key of the same
 * Region; the key policy lets CloudWatch Logs use it only for that one log group.
 */
export class VpcFlowLogs extends Construct {
  readonly key: KmsKey;
  readonly logGroup: CloudwatchLogGroup;
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    if (!props.logGroupName.startsWith('/')) {
      throw new Error(`VpcFlowLogs logGroupName: received "${props.logGroupName}"; expected a path starting with "/"`);
    }
    const { account, partition } = props.facts;
    const region = new DataAwsRegion(this, 'region').name;
    const logGroupArn = `arn:${partition}:logs:${region}:${account}:log-group:${props.logGroupName}`;

    this.key = new KmsKey(this, 'key', {
      description: `Encrypts VPC flow logs in ${props.logGroupName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([
        {
          Sid: 'KeyAdministrators',
          Effect: 'Allow',
          Principal: { AWS: `arn:${partition}:iam::${account}:root` },
          Action: KEY_ADMIN_ACTIONS,
          Resource: '*',
        },
        {
          Sid: 'CloudWatchLogsUsesKeyForFlowLogGroup',
          Effect: 'Allow',
          Principal: { Service: `logs.${region}.amazonaws.com` },
          Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          Resource: '*',
          Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
        },
      ]),
    });
    new KmsAlias(this, 'key_alias', {
      name: `alias${props.logGroupName}`,
      targetKeyId: this.key.keyId,
    });

    this.logGroup = new CloudwatchLogGroup(this, 'log_group', {
      name: props.logGroupName,
      retentionInDays: props.retentionDays ?? 365,
      kmsKeyId: this.key.arn,
    });
    this.flowLog = new FlowLog(this, 'flow_log', {
      vpcId: props.vpcId,
      trafficType: props.trafficType ?? 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: props.deliveryRoleArn,
      maxAggregationInterval: 60,
    });
  }
}
