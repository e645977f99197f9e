/**
 * `npm run dr -- status`: per service, which Region is active in the live state, compared with the
 * config's activeRegion. Reads only. What "active" means per service:
 *
 * - secrets: where each secret is writable. Terraform keeps every secret's home in the primary P;
 *   with activeRegion A != P, A's copy is a promoted standalone secret, so the secret agrees when
 *   A's copy is writable and no Region besides P and A holds a writable copy;
 * - ECR: the Regions whose registry has replication rules (the source): exactly A (none with one Region);
 * - CloudFront: the Region of the origin group's first member: A when A has a bucket, else P;
 * - ARC: A's routing control is On.
 */
import { FoundationConfig } from '../../src/config/validate';
import { staticOriginRegions } from '../../src/config/edge/failover-region-cross-checks';
import { DrCaller } from './dr-caller';
import { ArcAccess, arcEnabled, ARC_ENDPOINTS_NEEDED, describeCopy, DrClient, isWritable, observeDistribution, observeRegistries, observeRoutingControls, observeSecrets } from './observe';
import { routingControlName } from '../../src/constructs/edge/recovery-control-names';
import { staticDistributionComment } from '../../src/constructs/edge/static-content-names';

export interface SecretStatus {
  readonly name: string;
  /** Region -> "primary (...)", "replica of X (InSync)", "standalone", "missing", or "error: ...". */
  readonly copies: Readonly<Record<string, string>>;
  readonly writableIn: readonly string[];
}

export interface StatusReport {
  readonly primaryRegion: string;
  /** The config's activeRegion. */
  readonly activeRegion: string;
  readonly regions: readonly string[];
  readonly secrets: readonly SecretStatus[];
  /** Undefined when compute.ecr.enable is false. */
  readonly ecr?: { readonly sources: ReadonlyArray<{ readonly region: string; readonly destinations: readonly string[] }> };
  /** Undefined when edge.enable is false. */
  readonly cloudfront?: { readonly distributionId?: string; readonly origins: readonly string[]; readonly firstRegion?: string; readonly expected: string };
  /** Undefined when ARC is off; states undefined when they could not be read. */
  readonly arc?: { readonly states?: Readonly<Record<string, string>> };
  /** Services whose live state disagrees with activeRegion, each with what was found. */
  readonly disagreements: readonly string[];
  /** Reads that failed, each naming the Region and the call. */
  readonly errors: readonly string[];
}

/** Reads every service's state and compares it with the config's activeRegion. */
export async function status(config: FoundationConfig, caller: DrCaller, options: { arc?: ArcAccess; timeoutSeconds?: number } = {}): Promise<StatusReport> {
  const client = new DrClient(caller, options.timeoutSeconds);
  const regions = config.regions.map((r) => r.name);
  const active = config.activeRegion;
  const primary = config.primaryRegion;
  const errors: string[] = [];
  const disagreements: string[] = [];
  const [secretCopies, registries, distribution, routing] = await Promise.all([
    observeSecrets(config, client),
    config.compute.ecr.enable ? observeRegistries(regions, client) : Promise.resolve(undefined),
    config.edge.enable ? observeDistribution(config, client) : Promise.resolve(undefined),
    observeRoutingControls(config, options.arc),
  ]);

  const secrets: SecretStatus[] = config.security.secrets.map(({ name }) => {
    const copies: Record<string, string> = {};
    const writableIn: string[] = [];
    let unread = false;
    for (const region of regions) {
      const copy = secretCopies[name][region];
      if (!copy.ok) {
        errors.push(copy.reason);
        copies[region] = `error: ${copy.reason}`;
        unread = true;
        continue;
      }
      // Terraform's home of the secret: a primary, even when a promotion took its last replica.
      copies[region] = region === primary && copy.value.kind === 'standalone' ? 'primary (no replica)' : describeCopy(copy.value);
      if (isWritable(copy.value)) writableIn.push(region);
    }
    const stray = writableIn.filter((r) => r !== primary && r !== active);
    // A copy that could not be read is reported as an error, not guessed at.
    if (!unread && (!writableIn.includes(active) || stray.length > 0)) disagreements.push(`secret ${name}: writable in ${writableIn.join(', ') || 'no Region'}`);
    return { name, copies, writableIn };
  });

  let ecr: StatusReport['ecr'];
  if (registries) {
    const sources: Array<{ region: string; destinations: string[] }> = [];
    let unread = false;
    for (const region of regions) {
      const rules = registries[region];
      if (!rules.ok) {
        errors.push(rules.reason);
        unread = true;
      }
      else if (rules.value.length > 0) sources.push({ region, destinations: [...new Set(rules.value.flatMap((r) => (r.destinations ?? []).map((d) => d.region ?? '?')))] });
    }
    ecr = { sources };
    const expected = regions.length > 1 ? [active] : [];
    const found = sources.map((s) => s.region);
    if (!unread && found.join() !== expected.join()) disagreements.push(`ECR: replication source ${found.join(', ') || 'none'}`);
  }

  let cloudfront: StatusReport['cloudfront'];
  if (distribution) {
    const [expected] = staticOriginRegions(config);
    if (!distribution.ok) errors.push(distribution.reason);
    const order = distribution.ok ? distribution.value : undefined;
    const origins = (order?.members ?? []).map((r) => r ?? '?');
    cloudfront = { ...(order ? { distributionId: order.id } : {}), origins, ...(origins[0] ? { firstRegion: origins[0] } : {}), expected };
    if (distribution.ok && !order) disagreements.push(`CloudFront: no distribution with the comment "${staticDistributionComment(config.project)}"`);
    else if (order && origins[0] !== expected) disagreements.push(`CloudFront: first origin in ${origins[0]}`);
  }

  let arc: StatusReport['arc'];
  if (arcEnabled(config)) {
    if (routing.kind === 'no-endpoints') {
      errors.push(ARC_ENDPOINTS_NEEDED);
      arc = {};
    } else if (routing.kind === 'read' && !routing.controls.ok) {
      errors.push(routing.controls.reason);
      arc = {};
    } else if (routing.kind === 'read' && routing.controls.ok) {
      const controls = routing.controls.value;
      const states = Object.fromEntries(regions.map((r) => [r, controls.find((c) => c.RoutingControlName === routingControlName(config.project, r))?.RoutingControlState ?? 'missing']));
      arc = { states };
      if (states[active] !== 'On') disagreements.push(`ARC: ${active}'s routing control is ${states[active]}`);
    }
  }

  return { primaryRegion: primary, activeRegion: active, regions, secrets, ...(ecr ? { ecr } : {}), ...(cloudfront ? { cloudfront } : {}), ...(arc ? { arc } : {}), disagreements, errors };
}

/** The last line: everything active in the configured Region, or the services that disagree. */
export function verdict(report: StatusReport): string {
  if (report.disagreements.length === 0 && report.errors.length === 0) return `consistent: everything active in ${report.activeRegion}`;
  const parts = [...report.disagreements, ...(report.errors.length > 0 ? [`${report.errors.length} read(s) failed`] : [])];
  return `not consistent with activeRegion ${report.activeRegion}: ${parts.join('; ')}`;
}

/** The report for people, one line per service and item. */
export function statusLines(report: StatusReport): string[] {
  const lines = [`activeRegion (config): ${report.activeRegion} (primary ${report.primaryRegion})`];
  if (report.secrets.length === 0) lines.push('secrets: none configured (security.secrets)');
  for (const s of report.secrets) {
    lines.push(`secret ${s.name}: writable in ${s.writableIn.join(', ') || 'no Region'}`);
    for (const region of report.regions) lines.push(`  ${region}: ${s.copies[region]}`);
  }
  if (!report.ecr) lines.push('ECR: off (compute.ecr.enable is false)');
  else if (report.ecr.sources.length === 0) lines.push('ECR: no Region replicates');
  else for (const s of report.ecr.sources) lines.push(`ECR: source ${s.region} -> ${s.destinations.join(', ') || 'no destination'}`);
  if (!report.cloudfront) lines.push('CloudFront: off (edge.enable is false)');
  else lines.push(`CloudFront: ${report.cloudfront.distributionId ?? 'no distribution found'}${report.cloudfront.origins.length ? `, origins ${report.cloudfront.origins.join(' then ')}` : ''} (expected first: ${report.cloudfront.expected})`);
  if (report.arc === undefined) lines.push('ARC: off (edge.recoveryControl.enable is false)');
  else if (!report.arc.states) lines.push('ARC: routing control states not read');
  else lines.push(`ARC: ${Object.entries(report.arc.states).map(([r, s]) => `${r} ${s}`).join(', ')}`);
  for (const error of report.errors) lines.push(`ERROR ${error}`);
  lines.push(verdict(report));
  return lines;
}

/** 0 when every read succeeded (status only reads: a disagreement is information, not a failure), 1 otherwise. */
export const statusExitCode = (report: StatusReport): number => (report.errors.length === 0 ? 0 : 1);

export const statusJson = (report: StatusReport): string => JSON.stringify({ ...report, consistent: report.disagreements.length === 0 && report.errors.length === 0, verdict: verdict(report) }, null, 2);
