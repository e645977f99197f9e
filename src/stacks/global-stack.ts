import { Construct } from 'constructs';
import { FoundationConfig } from '../config/validate';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { FlowLogsDeliveryRole } from '../constructs/flow-logs-delivery-role';
import { MultiRegionKey } from '../constructs/multi-region-key';
import { FoundationStack } from './foundation-stack';
import { useS3Backend } from './backend';
import { homeProvider } from './providers';
import { namedOutput } from './outputs';
import { GLOBAL_STACK } from './stack-names';
import { resourceNames, roleArn } from './resource-names';

/** Path under which every Region's flow-log group lives; the delivery role may write only there. */
export function flowLogGroupPrefix(config: FoundationConfig): string {
  return `/${config.project}/vpc-flow-logs/`;
}

/** Account-wide resources in the primary Region that every Region stack builds on. */
export class GlobalStack extends FoundationStack {
  constructor(scope: Construct, config: FoundationConfig) {
    super(scope, GLOBAL_STACK, config);
    useS3Backend(this, config.state, GLOBAL_STACK);
    homeProvider(this, config, GLOBAL_STACK, config.primaryRegion);

    const names = resourceNames(config);
    const flowLogs = new FlowLogsDeliveryRole(this, 'flow_logs_delivery', {
      roleName: names.flowLogsRole,
      logGroupPrefix: flowLogGroupPrefix(config),
    });
    namedOutput(this, 'flow_logs_role_arn', flowLogs.role.arn, 'Role VPC Flow Logs assumes in every Region (read by region-* stacks)');

    const key = new MultiRegionKey(this, 'kms', keyProps(this, config));
    namedOutput(this, 'kms_primary_key_arn', key.keyArn, 'Multi-Region primary key (read by region-* for replicas and by global-replication)');
    namedOutput(this, 'kms_key_id', key.keyId, 'Key id, the same in every Region (mrk-...)');
    namedOutput(this, 'kms_key_alias', config.security.kms.alias, 'Alias of the key in every Region');
  }
}

/** Key policy principals, identical for the primary key and every replica. */
export function keyProps(scope: Construct, config: FoundationConfig) {
  const account = new DataAwsCallerIdentity(scope, 'account').accountId;
  const partition = new DataAwsPartition(scope, 'partition').partition;
  const { kms, cloudTrail } = config.security;
  return {
    alias: kms.alias,
    administratorArns: kms.administratorArns,
    userArns: kms.userArns,
    s3ReaderArns: [...cloudTrail.logReaderArns, roleArn(partition, account, resourceNames(config).securityAuditRole)],
  };
}
