import { ConfigProblem } from '../errors';
import { isKnownRegion } from '../../aws/regions';
import { didYouMean } from '../suggest';

type Raw = Record<string, unknown>;

const asObject = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const hintOf = (value: unknown, names: readonly string[]): string => {
  const hint = didYouMean(value, names);
  return hint ? `${hint} ` : '';
};

const PATH = ['compute', 'snapshots', 'copyTargets'] as const;

/**
 * `compute.snapshots.copyTargets` against `regions`: each source and each target must be a listed
 * Region, and no Region copies to itself. Read from the raw input like the other cross-checks, so
 * they run beside the schema's problems. Names that are not known Regions at all, lists longer than
 * three and repeated targets are the schema's to report; they are skipped here.
 */
export function snapshotsCrossChecks(input: unknown): ConfigProblem[] {
  const root = asObject(input);
  if (!Array.isArray(root.regions)) return [];
  const listed = [...new Set(root.regions.map((r) => asObject(r).name).filter((n): n is string => typeof n === 'string' && isKnownRegion(n)))];
  // Without a single valid Region the schema's problems say it all.
  if (listed.length === 0) return [];
  const copyTargets = asObject(asObject(asObject(root.compute).snapshots).copyTargets);
  const problems: ConfigProblem[] = [];

  for (const [source, targets] of Object.entries(copyTargets)) {
    if (isKnownRegion(source) && !listed.includes(source)) {
      problems.push({
        path: [...PATH, source],
        received: source,
        message: `not a listed Region; ${hintOf(source, listed)}expected a Region of regions (${listed.join(', ')}) as the source of a copy`,
      });
      continue;
    }
    if (!Array.isArray(targets)) continue;
    const others = listed.filter((r) => r !== source);
    targets.forEach((target, i) => {
      if (typeof target !== 'string' || !isKnownRegion(target)) return;
      if (others.length === 0) {
        problems.push({
          path: [...PATH, source, i],
          received: target,
          message: `${source} is the only listed Region, so its snapshots have no other Region to be copied to; expected [] (or no copyTargets)`,
        });
      } else if (target === source) {
        problems.push({
          path: [...PATH, source, i],
          received: target,
          message: `a Region cannot copy its snapshots to itself; expected a listed Region other than ${source} (${others.join(', ')})`,
        });
      } else if (!listed.includes(target)) {
        problems.push({
          path: [...PATH, source, i],
          received: target,
          message: `not a listed Region; ${hintOf(target, others)}expected a listed Region other than ${source} (${others.join(', ')}): a copy is encrypted with the target Region's replica key, which exists only in listed Regions`,
        });
      }
    });
  }
  return problems;
}
