import { Construct } from 'constructs';
import { FoundationConfig } from '../config/validate';
import { FlowLogsDeliveryRole } from '../constructs/flow-logs-delivery-role';
import { FoundationStack } from './foundation-stack';
import { useS3Backend } from './backend';
import { homeProvider } from './providers';
import { namedOutput } from './outputs';
import { GLOBAL_STACK } from './stack-names';

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

    const flowLogs = new FlowLogsDeliveryRole(this, 'flow_logs_delivery', {
      roleName: `${config.project}-vpc-flow-logs`,
      logGroupPrefix: flowLogGroupPrefix(config),
    });
    namedOutput(this, 'flow_logs_role_arn', flowLogs.role.arn, 'Role VPC Flow Logs assumes in every Region (read by region-* stacks)');
  }
}
