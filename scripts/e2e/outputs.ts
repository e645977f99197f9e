import * as fs from 'fs';
import { OutputName, OutputValue, StackContract } from '../../src/stacks/contracts/contract';
import { BOOTSTRAP_OUTPUTS } from '../../src/stacks/contracts/bootstrap-outputs';
import { GLOBAL_OUTPUTS } from '../../src/stacks/contracts/global-outputs';
import { REGION_OUTPUTS } from '../../src/stacks/contracts/region-outputs';
import { GLOBAL_NETWORK_OUTPUTS } from '../../src/stacks/contracts/global-network-outputs';
import { GLOBAL_REPLICATION_OUTPUTS } from '../../src/stacks/contracts/global-replication-outputs';
import { GLOBAL_COMPUTE_OUTPUTS } from '../../src/stacks/contracts/global-compute-outputs';
import { GLOBAL_EDGE_OUTPUTS } from '../../src/stacks/contracts/global-edge-outputs';
import { BOOTSTRAP_STACK, GLOBAL_COMPUTE_STACK, GLOBAL_EDGE_STACK, GLOBAL_NETWORK_STACK, GLOBAL_REPLICATION_STACK, GLOBAL_STACK, regionStackName } from '../../src/stacks/stack-names';

/** What `cdktf deploy --outputs-file` writes: stack name -> output name -> value. */
export type OutputsFile = Record<string, Record<string, unknown>>;

/** One deployed stack's outputs, looked up through its contract. */
export class StackOutputs<C extends StackContract> {
  constructor(
    readonly stackName: string,
    private readonly contract: C,
    private readonly values: Record<string, unknown>,
  ) {}

  /** The output's value; a deploy that did not write it is an error naming the output. */
  get<K extends OutputName<C>>(name: K): OutputValue<C[K]> {
    const value = this.find(name);
    if (value === undefined) {
      const when = this.contract[name]?.when;
      throw new Error(`${this.stackName}: output ${name} is missing from the deploy's outputs file${when ? ` (written only when ${when})` : ''}`);
    }
    return value;
  }

  /** The output's value, or undefined when the deploy did not write it. */
  find<K extends OutputName<C>>(name: K): OutputValue<C[K]> | undefined {
    return this.values[name] as OutputValue<C[K]> | undefined;
  }
}

/** The outputs of every deployed stack, typed by the stacks' contracts. */
export class DeployedOutputs {
  constructor(private readonly file: OutputsFile) {}

  static read(path: string): DeployedOutputs {
    return new DeployedOutputs(JSON.parse(fs.readFileSync(path, 'utf8')));
  }

  get bootstrap(): StackOutputs<typeof BOOTSTRAP_OUTPUTS> {
    return this.stack(BOOTSTRAP_STACK, BOOTSTRAP_OUTPUTS);
  }

  get global(): StackOutputs<typeof GLOBAL_OUTPUTS> {
    return this.stack(GLOBAL_STACK, GLOBAL_OUTPUTS);
  }

  region(name: string): StackOutputs<typeof REGION_OUTPUTS> {
    return this.stack(regionStackName(name), REGION_OUTPUTS);
  }

  get globalNetwork(): StackOutputs<typeof GLOBAL_NETWORK_OUTPUTS> {
    return this.stack(GLOBAL_NETWORK_STACK, GLOBAL_NETWORK_OUTPUTS);
  }

  get globalReplication(): StackOutputs<typeof GLOBAL_REPLICATION_OUTPUTS> {
    return this.stack(GLOBAL_REPLICATION_STACK, GLOBAL_REPLICATION_OUTPUTS);
  }

  get globalCompute(): StackOutputs<typeof GLOBAL_COMPUTE_OUTPUTS> {
    return this.stack(GLOBAL_COMPUTE_STACK, GLOBAL_COMPUTE_OUTPUTS);
  }

  get globalEdge(): StackOutputs<typeof GLOBAL_EDGE_OUTPUTS> {
    return this.stack(GLOBAL_EDGE_STACK, GLOBAL_EDGE_OUTPUTS);
  }

  private stack<C extends StackContract>(name: string, contract: C): StackOutputs<C> {
    return new StackOutputs(name, contract, this.file[name] ?? {});
  }
}
