import { ConfigProblem } from '../errors';
import { isKnownRegion } from '../../aws/regions';
import { didYouMean } from '../suggest';
import { activeRegionOf } from '../dr/active-region';

type Raw = Record<string, unknown>;
const asObject = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});

const PATH = ['edge', 'failoverRegion'] as const;

/** The listed Regions (known names, in order, each once) of a raw config. */
function listedRegions(root: Raw): string[] {
  if (!Array.isArray(root.regions)) return [];
  return [...new Set(root.regions.map((r) => asObject(r).name).filter((n): n is string => typeof n === 'string' && isKnownRegion(n)))];
}

/**
 * The failover Region of the static content: `edge.failoverRegion`, or the first listed Region after
 * the primary. Undefined with one Region: the distribution then has one origin and no origin group,
 * and nothing is replicated (CloudFront still caches at the edge, but a Regional outage of S3
 * stops the uncached content).
 */
export function failoverRegionOf(config: { primaryRegion: string; regions: ReadonlyArray<{ name: string }>; edge?: { failoverRegion?: string } }): string | undefined {
  return config.edge?.failoverRegion ?? config.regions.map((r) => r.name).find((name) => name !== config.primaryRegion);
}

/**
 * The Regions of the static content buckets in CloudFront's origin order: the active Region's bucket
 * first when it holds one (after a promotion to the failover Region CloudFront no longer waits for
 * the lost Region's errors on every uncached request), else the primary's.
 */
export function staticOriginRegions(config: { primaryRegion: string; activeRegion?: string; regions: ReadonlyArray<{ name: string }>; edge?: { failoverRegion?: string } }): string[] {
  const failover = failoverRegionOf(config);
  if (failover === undefined) return [config.primaryRegion];
  return activeRegionOf(config) === failover ? [failover, config.primaryRegion] : [config.primaryRegion, failover];
}

/**
 * `edge.failoverRegion` against `regions` and `primaryRegion`: a listed Region other than the
 * primary (its bucket is encrypted with that Region's replica of the multi-Region key, which exists
 * only in listed Regions). With a single listed Region there is none to fail over to, so the key
 * must be left out; that config is still valid (one origin, no replication). Unknown names are the
 * schema's to report.
 */
export function failoverRegionCrossChecks(input: unknown): ConfigProblem[] {
  const root = asObject(input);
  const edge = asObject(root.edge);
  const value = edge.failoverRegion;
  if (typeof value !== 'string' || !isKnownRegion(value)) return [];
  if (edge.enable === false) return [];
  const listed = listedRegions(root);
  if (listed.length === 0) return [];
  const primary = typeof root.primaryRegion === 'string' ? root.primaryRegion : undefined;
  const others = listed.filter((r) => r !== primary);
  if (others.length === 0) {
    return [{ path: [...PATH], received: value, message: `${primary ?? listed[0]} is the only listed Region, so there is no Region to fail over to; expected no failoverRegion (one origin, no replication), or another Region in regions` }];
  }
  if (value === primary) {
    return [{ path: [...PATH], received: value, message: `the primary Region cannot be its own failover; expected a listed Region other than ${primary} (${others.join(', ')})` }];
  }
  if (!listed.includes(value)) {
    const hint = didYouMean(value, others);
    return [
      {
        path: [...PATH],
        received: value,
        message: `not a listed Region; ${hint ? `${hint} ` : ''}expected a listed Region other than ${primary} (${others.join(', ')}): the failover bucket is encrypted with that Region's copy of the multi-Region key`,
      },
    ];
  }
  return [];
}
