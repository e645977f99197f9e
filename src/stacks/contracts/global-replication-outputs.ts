import { StackContract } from './contract';

/** Outputs of the global-replication stack. */
export const GLOBAL_REPLICATION_OUTPUTS = {
  secret_arns: { type: 'map', description: 'Secret ARN (primary Region) per configured secret name', readBy: ['applications'] },
  security_hub_aggregation_region: {
    type: 'string',
    description: 'Region whose Security Hub aggregates the findings of every other Region',
    readBy: ['operators'],
    when: 'security.securityHub.enable and more than one Region',
  },
  directory_id: {
    type: 'string',
    description: 'AWS Managed Microsoft AD directory id',
    readBy: ['operators'],
    when: 'security.directoryService.enable',
  },
} as const satisfies StackContract;
