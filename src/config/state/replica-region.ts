import { ConfigProblem, MISSING } from '../errors';
import { isKnownRegion } from '../../aws/regions';

type Raw = Record<string, unknown>;
const asObject = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});

const PATH = ['state', 'replicaRegion'] as const;

/**
 * The Region the state bucket replicates to: `state.replicaRegion`, or the first listed Region
 * other than `state.region`. Undefined when there is none (a one-Region config without the key:
 * `stateReplicaCrossChecks` reports it).
 */
export function stateReplicaRegionOf(config: { regions: ReadonlyArray<{ name: string }>; state: { region: string; replicaRegion?: string } }): string | undefined {
  return config.state.replicaRegion ?? config.regions.map((r) => r.name).find((name) => name !== config.state.region);
}

/**
 * `state.replicaRegion` against `state.region` and `regions`. The replica exists so that state
 * survives the loss of its Region: the same Region would defeat it, and a config with no other
 * Region must name one (any Region: the replica bucket and its key are the only resources there).
 * Unknown names are the schema's to report.
 */
export function stateReplicaCrossChecks(input: unknown): ConfigProblem[] {
  const root = asObject(input);
  const state = asObject(root.state);
  const stateRegion = typeof state.region === 'string' && isKnownRegion(state.region) ? state.region : undefined;
  if (!stateRegion) return [];
  const value = state.replicaRegion;
  if (value === undefined) {
    if (!Array.isArray(root.regions)) return [];
    const names = root.regions.map((r) => asObject(r).name);
    // A misspelt Region may be the one meant as replica: the schema reports it first.
    if (names.length === 0 || names.some((name) => typeof name !== 'string' || !isKnownRegion(name) || name !== stateRegion)) return [];
    return [
      {
        path: [...PATH],
        received: MISSING,
        message: `no listed Region other than state.region (${stateRegion}) to replicate the state to; expected an AWS Region name other than ${stateRegion}, e.g. "${stateRegion === 'us-west-2' ? 'us-east-1' : 'us-west-2'}" (the replica bucket and its key are created there)`,
      },
    ];
  }
  if (value === stateRegion) {
    return [
      {
        path: [...PATH],
        received: value,
        message: `the state cannot be its own replica; expected an AWS Region name other than state.region (${stateRegion})`,
      },
    ];
  }
  return [];
}
