import { App } from 'cdktf';
import { FoundationConfig } from '../config/validate';
import { BootstrapStack } from './bootstrap-stack';
import { GlobalStack } from './global-stack';
import { RegionStack } from './region-stack';
import { GlobalNetworkStack } from './global-network-stack';
import { GlobalReplicationStack } from './global-replication-stack';
import { GlobalComputeStack } from './global-compute-stack';
import { GlobalEdgeStack } from './global-edge-stack';
import { FoundationStack } from './foundation-stack';
import { speedUpSynth } from './synth-speed';

export interface FoundationStacks {
  readonly bootstrap: BootstrapStack;
  readonly global: GlobalStack;
  readonly regions: RegionStack[];
  readonly globalNetwork: GlobalNetworkStack;
  readonly globalReplication: GlobalReplicationStack;
  readonly globalCompute: GlobalComputeStack;
  readonly globalEdge: GlobalEdgeStack;
}

/** Every stack of the foundation, in the order a deploy applies them (bootstrap first). */
export function stacksInDeployOrder(stacks: FoundationStacks): FoundationStack[] {
  return [stacks.bootstrap, stacks.global, ...stacks.regions, stacks.globalNetwork, stacks.globalReplication, stacks.globalCompute, stacks.globalEdge];
}

/**
 * The stack graph: bootstrap -> global -> every region-* (in parallel) -> global-network,
 * global-replication, global-compute and global-edge (in parallel).
 * Dependencies are declared so `cdktf deploy '*'` deploys in that order; values cross stacks
 * only through named outputs in S3 remote state.
 */
export function buildFoundation(app: App, config: FoundationConfig): FoundationStacks {
  // Before the first token is created: every synth of the app (synthFoundation, the cost table, tests) gets them.
  speedUpSynth();
  const bootstrap = new BootstrapStack(app, config);
  const global = new GlobalStack(app, config);
  global.addDependency(bootstrap);
  const regions = config.regions.map((region) => {
    const stack = new RegionStack(app, config, region);
    stack.addDependency(global);
    return stack;
  });
  const globalNetwork = new GlobalNetworkStack(app, config);
  regions.forEach((stack) => globalNetwork.addDependency(stack));
  const globalReplication = new GlobalReplicationStack(app, config);
  regions.forEach((stack) => globalReplication.addDependency(stack));
  const globalCompute = new GlobalComputeStack(app, config);
  regions.forEach((stack) => globalCompute.addDependency(stack));
  const globalEdge = new GlobalEdgeStack(app, config);
  regions.forEach((stack) => globalEdge.addDependency(stack));
  return { bootstrap, global, regions, globalNetwork, globalReplication, globalCompute, globalEdge };
}
