/** Stack names; each is also the last part of the stack's state key. */
export const BOOTSTRAP_STACK = 'bootstrap';
export const GLOBAL_STACK = 'global';
export const GLOBAL_NETWORK_STACK = 'global-network';

export function regionStackName(region: string): string {
  return `region-${region}`;
}
export const GLOBAL_REPLICATION_STACK = 'global-replication';
export const GLOBAL_COMPUTE_STACK = 'global-compute';
export const GLOBAL_EDGE_STACK = 'global-edge';
