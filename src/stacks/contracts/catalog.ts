import { BOOTSTRAP_STACK, GLOBAL_COMPUTE_STACK, GLOBAL_EDGE_STACK, GLOBAL_NETWORK_STACK, GLOBAL_REPLICATION_STACK, GLOBAL_STACK, regionStackName } from '../stack-names';
import { StackContract } from './contract';
import { BOOTSTRAP_OUTPUTS } from './bootstrap-outputs';
import { GLOBAL_OUTPUTS } from './global-outputs';
import { REGION_OUTPUTS } from './region-outputs';
import { GLOBAL_NETWORK_OUTPUTS } from './global-network-outputs';
import { GLOBAL_REPLICATION_OUTPUTS } from './global-replication-outputs';
import { GLOBAL_COMPUTE_OUTPUTS } from './global-compute-outputs';
import { GLOBAL_EDGE_OUTPUTS } from './global-edge-outputs';

/** Every stack kind with its contract, in deploy order; `region-*` stands for every Region stack. */
export const STACK_CONTRACTS: ReadonlyArray<{ readonly kind: string; readonly contract: StackContract }> = [
  { kind: BOOTSTRAP_STACK, contract: BOOTSTRAP_OUTPUTS },
  { kind: GLOBAL_STACK, contract: GLOBAL_OUTPUTS },
  { kind: regionStackName('*'), contract: REGION_OUTPUTS },
  { kind: GLOBAL_NETWORK_STACK, contract: GLOBAL_NETWORK_OUTPUTS },
  { kind: GLOBAL_REPLICATION_STACK, contract: GLOBAL_REPLICATION_OUTPUTS },
  { kind: GLOBAL_COMPUTE_STACK, contract: GLOBAL_COMPUTE_OUTPUTS },
  { kind: GLOBAL_EDGE_STACK, contract: GLOBAL_EDGE_OUTPUTS },
];

/** Kind of a stack name: "region-eu-west-1" -> "region-*"; other names are their own kind. */
export function stackKind(stackName: string): string {
  return stackName.startsWith(regionStackName('')) ? regionStackName('*') : stackName;
}

/** The contract of a synthesized stack, by its name. */
export function contractOf(stackName: string): StackContract {
  const kind = stackKind(stackName);
  const found = STACK_CONTRACTS.find((c) => c.kind === kind);
  if (!found) throw new Error(`No output contract for stack "${stackName}"; known kinds: ${STACK_CONTRACTS.map((c) => c.kind).join(', ')}`);
  return found.contract;
}
