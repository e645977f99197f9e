import { ConfigProblem } from '../errors';
import { isKnownRegion } from '../../aws/regions';
import { didYouMean } from '../suggest';

type Raw = Record<string, unknown>;
const asObject = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});

const PATH = ['activeRegion'] as const;

/**
 * The Region that takes writes and feeds one-way replication (ECR, the CloudFront origin order):
 * `activeRegion`, or the primary. It moves only through the promotion playbook (docs/dr-playbook.md):
 * `npm run dr -- promote <region>` first, then this key, then an apply.
 */
export function activeRegionOf(config: { primaryRegion: string; activeRegion?: string }): string {
  return config.activeRegion ?? config.primaryRegion;
}

/**
 * `activeRegion` against `regions`: a listed Region (every Region-scoped copy it takes over, the key
 * replica, the secret replicas and the ECR repositories, exists only there). Unknown names are the
 * schema's to report.
 */
export function activeRegionCrossChecks(input: unknown): ConfigProblem[] {
  const root = asObject(input);
  const value = root.activeRegion;
  if (typeof value !== 'string' || !isKnownRegion(value) || !Array.isArray(root.regions)) return [];
  const listed = root.regions.map((r) => asObject(r).name).filter((n): n is string => typeof n === 'string' && isKnownRegion(n));
  if (listed.length === 0 || listed.includes(value)) return [];
  const hint = didYouMean(value, listed);
  return [
    {
      path: [...PATH],
      received: value,
      message: `not a listed Region; ${hint ? `${hint} ` : ''}expected one of ${listed.join(', ')}: the active Region takes over the copies replicated there (key replica, secret replicas, ECR repositories)`,
    },
  ];
}
