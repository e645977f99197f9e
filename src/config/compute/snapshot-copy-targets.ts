import { MAX_COPY_TARGETS } from './snapshots-schema';

/** Source Region -> the Regions its snapshots are copied to. */
export type SnapshotCopyTargets = Readonly<Record<string, readonly string[]>>;

function checkRegions(primary: string, regions: readonly string[]): void {
  if (regions.length === 0) throw new Error('snapshot copy targets: received no Regions; expected the configured Regions, the primary among them');
  const twice = regions.find((r, i) => regions.indexOf(r) !== i);
  if (twice !== undefined) throw new Error(`snapshot copy targets: received ${JSON.stringify(twice)} twice in ${JSON.stringify(regions)}; expected each Region once`);
  if (!regions.includes(primary)) {
    throw new Error(`snapshot copy targets: primary Region ${JSON.stringify(primary)} is not one of ${JSON.stringify(regions)}; expected the primary among the configured Regions`);
  }
}

/**
 * Where each Region's snapshots go when the config says nothing: every secondary Region copies to the
 * primary (one place holds a copy of everything), and the primary copies to the first secondary in
 * `regions` order (so the primary's own volumes survive the loss of its Region too). With one Region
 * there is nowhere to copy to: no copy rule. Every Region appears, in `regions` order.
 */
export function defaultSnapshotCopyTargets(primary: string, regions: readonly string[]): Record<string, string[]> {
  checkRegions(primary, regions);
  const secondaries = regions.filter((r) => r !== primary);
  return Object.fromEntries(regions.map((r) => [r, r === primary ? secondaries.slice(0, 1) : [primary]]));
}

/**
 * The copy targets of every Region: the defaults, with each Region that `configured` names
 * (`compute.snapshots.copyTargets`) replaced by its configured list. The config's cross-checks report
 * a bad entry first, with its JSON path; this throws for a caller that skipped them.
 */
export function snapshotCopyTargets(primary: string, regions: readonly string[], configured: SnapshotCopyTargets = {}): Record<string, string[]> {
  const targets = defaultSnapshotCopyTargets(primary, regions);
  for (const [source, list] of Object.entries(configured)) {
    if (!regions.includes(source)) {
      throw new Error(`snapshot copy targets: source ${JSON.stringify(source)} is not a configured Region; expected one of ${regions.join(', ')}`);
    }
    const problem = copyTargetProblem(source, list, regions);
    if (problem) throw new Error(`snapshot copy targets of ${source}: ${problem}`);
    targets[source] = [...list];
  }
  return targets;
}

/** Why `targets` cannot be the copy targets of `source` among `regions`, or undefined. */
export function copyTargetProblem(source: string, targets: readonly string[], regions: readonly string[]): string | undefined {
  if (targets.length > MAX_COPY_TARGETS) {
    return `received ${targets.length} target Regions (${targets.join(', ')}); expected at most ${MAX_COPY_TARGETS}: Data Lifecycle Manager allows ${MAX_COPY_TARGETS} cross-Region copy rules per schedule`;
  }
  const twice = targets.find((t, i) => targets.indexOf(t) !== i);
  if (twice !== undefined) return `received ${JSON.stringify(twice)} twice; expected each target Region once`;
  const others = regions.filter((r) => r !== source);
  const bad = targets.find((t) => t === source || !others.includes(t));
  if (bad === undefined) return undefined;
  if (others.length === 0) return `received ${JSON.stringify(bad)}; expected no target: ${source} is the only configured Region, so its snapshots have no other Region to go to`;
  return `received ${JSON.stringify(bad)}; expected a configured Region other than ${source} (${others.join(', ')})`;
}

/** The Regions whose snapshots are copied into `region`, in `targets` order. */
export function snapshotCopySources(targets: SnapshotCopyTargets, region: string): string[] {
  return Object.entries(targets)
    .filter(([source, list]) => source !== region && list.includes(region))
    .map(([source]) => source);
}
