/**
 * What `npm run dr` reads before it plans or reports: every configured secret's copy in every
 * Region, the ECR registries' replication rules, the static content distribution's origin order
 * and the ARC routing controls. Every read answers an Outcome instead of throwing, so that a Region
 * that cannot be reached (the very Region being failed away from) shows up as such and the rest goes on.
 */
import { FoundationConfig } from '../../src/config/validate';
import { describeError } from '../lib/cli';
import { GLOBAL_SERVICE_REGIONS } from '../../src/aws/global-services';
import { staticDistributionComment } from '../../src/constructs/edge/static-content-names';
import { ClientFactory, ClusterEndpoint, Io, isEndpointFailure, listRoutingControls, RoutingControlSummary, withEndpoints } from '../arc/routing-control-lib';
import { DrCall, DrCaller } from './dr-caller';

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly unreachable: boolean; readonly reason: string };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const failed = (reason: string, unreachable = false): Outcome<never> => ({ ok: false, unreachable, reason });

export const DEFAULT_TIMEOUT_SECONDS = 30;

/** The failures that say the Region's endpoint, not the request, failed: the Region counts as unreachable. */
export function isUnreachable(error: unknown): boolean {
  return isEndpointFailure(error) || ['AbortError', 'ServiceUnavailableException'].includes((error as { name?: string })?.name ?? '');
}

/** Calls through a DrCaller, each bounded by the timeout. */
export class DrClient {
  constructor(
    readonly caller: DrCaller,
    readonly timeoutSeconds = DEFAULT_TIMEOUT_SECONDS,
  ) {}

  /** Throws the service's error (for the executor). */
  send(region: string, call: DrCall, input: Record<string, unknown>): Promise<any> {
    return this.caller(region, call, input, AbortSignal.timeout(this.timeoutSeconds * 1000));
  }

  /** The answer, undefined when the service answers one of `notFound`, or a failed Outcome naming the Region and call. */
  async read<T = any>(region: string, call: DrCall, input: Record<string, unknown>, notFound: readonly string[] = []): Promise<Outcome<T | undefined>> {
    try {
      return ok(await this.send(region, call, input));
    } catch (error) {
      const name = (error as { name?: string })?.name;
      if (name && notFound.includes(name)) return ok(undefined);
      return failed(`${region}: ${call} failed: ${this.reason(error)}`, isUnreachable(error));
    }
  }

  reason(error: unknown): string {
    return describeError(error, this.timeoutSeconds);
  }
}

// ---------------------------------------------------------------------------------------------
// Secrets

/** One Region's copy of a secret. */
export type SecretCopy =
  | { readonly kind: 'missing' }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'replica'; readonly of: string; readonly status?: string }
  /** Not a replica, and the source of replicas. */
  | { readonly kind: 'primary'; readonly replicas: ReadonlyArray<{ readonly region: string; readonly status?: string }> }
  /** Not a replica, with no replica of its own: a promoted replica, or a secret never replicated. */
  | { readonly kind: 'standalone' };

export const isWritable = (copy: SecretCopy): boolean => copy.kind === 'primary' || copy.kind === 'standalone';

/** Secret name -> Region -> its copy there. */
export type SecretCopies = Readonly<Record<string, Readonly<Record<string, Outcome<SecretCopy>>>>>;

interface DescribeSecret {
  PrimaryRegion?: string;
  DeletedDate?: Date;
  ReplicationStatus?: Array<{ Region?: string; Status?: string }>;
}

/** A DescribeSecret answer in `region` as a copy; a replica's status comes from its primary, when that was read. */
function copyOf(region: string, answer: DescribeSecret | undefined): SecretCopy {
  if (!answer) return { kind: 'missing' };
  if (answer.DeletedDate) return { kind: 'deleted' };
  if (answer.PrimaryRegion && answer.PrimaryRegion !== region) return { kind: 'replica', of: answer.PrimaryRegion };
  const replicas = (answer.ReplicationStatus ?? []).filter((r) => r.Region).map((r) => ({ region: r.Region!, status: r.Status }));
  return replicas.length > 0 ? { kind: 'primary', replicas } : { kind: 'standalone' };
}

/** Every configured secret in every configured Region. */
export async function observeSecrets(config: FoundationConfig, client: DrClient): Promise<SecretCopies> {
  const regions = config.regions.map((r) => r.name);
  const entries = await Promise.all(
    config.security.secrets.map(async ({ name }) => {
      const copies = await Promise.all(
        regions.map(async (region) => {
          const answer = await client.read<DescribeSecret>(region, 'secretsmanager:DescribeSecret', { SecretId: name }, ['ResourceNotFoundException']);
          return [region, answer.ok ? ok(copyOf(region, answer.value)) : answer] as const;
        }),
      );
      const byRegion: Record<string, Outcome<SecretCopy>> = Object.fromEntries(copies);
      // A replica's status is reported by its primary.
      for (const [region, copy] of copies) {
        if (!copy.ok || copy.value.kind !== 'replica') continue;
        const source = byRegion[copy.value.of];
        const status = source?.ok && source.value.kind === 'primary' ? source.value.replicas.find((r) => r.region === region)?.status : undefined;
        if (status) byRegion[region] = ok({ ...copy.value, status });
      }
      return [name, byRegion] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** "primary (replicas: ...)", "replica of X (InSync)", "standalone", "missing", "scheduled for deletion". */
export function describeCopy(copy: SecretCopy): string {
  switch (copy.kind) {
    case 'primary':
      return `primary (replicas: ${copy.replicas.map((r) => `${r.region}${r.status ? ` ${r.status}` : ''}`).join(', ')})`;
    case 'replica':
      return `replica of ${copy.of}${copy.status ? ` (${copy.status})` : ''}`;
    case 'deleted':
      return 'scheduled for deletion';
    default:
      return copy.kind;
  }
}

/** The AccessDenied of GetSecretValue, said as what it means here. */
export const READER_NEEDED =
  "access denied: reading a secret's value needs a principal in its readerArns (security.secrets[].readerArns); the readers-only resource policy denies GetSecretValue to everyone else. Run the fail-back as a reader";

/** A secret's current value: string or bytes, or none. Never printed or logged. */
export type SecretValue = { readonly string?: string; readonly binary?: Uint8Array } | undefined;

/** The AWSCURRENT value in `region`; undefined when the secret has none yet. */
export async function readValue(client: DrClient, region: string, name: string): Promise<SecretValue> {
  try {
    const answer = await client.send(region, 'secretsmanager:GetSecretValue', { SecretId: name, VersionStage: 'AWSCURRENT' });
    return { string: answer.SecretString, binary: answer.SecretBinary };
  } catch (error) {
    const code = (error as { name?: string })?.name;
    if (code === 'ResourceNotFoundException') return undefined;
    if (code === 'AccessDeniedException') throw new Error(`${region}: GetSecretValue ${name}: ${READER_NEEDED}`);
    throw new Error(`${region}: secretsmanager:GetSecretValue ${name} failed: ${client.reason(error)}`);
  }
}

export function sameValue(a: SecretValue, b: SecretValue): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.string !== undefined || b.string !== undefined) return a.string === b.string && a.binary === undefined && b.binary === undefined;
  return a.binary !== undefined && b.binary !== undefined && Buffer.from(a.binary).equals(Buffer.from(b.binary));
}

// ---------------------------------------------------------------------------------------------
// ECR

export interface ReplicationRule {
  readonly destinations?: ReadonlyArray<{ readonly region?: string; readonly registryId?: string }>;
  readonly repositoryFilters?: ReadonlyArray<{ readonly filter?: string; readonly filterType?: string }>;
}

/** Region -> the registry's replication rules there. */
export async function observeRegistries(regions: readonly string[], client: DrClient): Promise<Record<string, Outcome<readonly ReplicationRule[]>>> {
  const entries = await Promise.all(
    regions.map(async (region) => {
      const answer = await client.read<{ replicationConfiguration?: { rules?: ReplicationRule[] } }>(region, 'ecr:DescribeRegistry', {});
      return [region, answer.ok ? ok(answer.value?.replicationConfiguration?.rules ?? []) : answer] as const;
    }),
  );
  return Object.fromEntries(entries);
}

// ---------------------------------------------------------------------------------------------
// CloudFront

export interface DistributionOrder {
  readonly id: string;
  /** Regions of the origin group's members in order (or of the one origin, without a group). */
  readonly members: readonly (string | undefined)[];
}

interface DistributionSummary {
  Id?: string;
  Comment?: string;
  Origins?: { Items?: Array<{ Id?: string; DomainName?: string }> };
  OriginGroups?: { Items?: Array<{ Members?: { Items?: Array<{ OriginId?: string }> } }> };
}

/** An origin's Region: from its bucket's regional domain name, else from the origin id ("primary-<region>"). */
export function originRegion(origin: { Id?: string; DomainName?: string } | undefined, regions: readonly string[]): string | undefined {
  if (!origin) return undefined;
  const fromDomain = /\.s3[.-]([a-z]{2}(-[a-z]+)+-\d+)\.amazonaws\.com$/.exec(origin.DomainName ?? '')?.[1];
  return fromDomain ?? regions.find((r) => origin.Id?.endsWith(`-${r}`));
}

/** The project's static content distribution (found by its comment) and its origin order; undefined when there is none. */
export async function observeDistribution(config: FoundationConfig, client: DrClient): Promise<Outcome<DistributionOrder | undefined>> {
  const regions = config.regions.map((r) => r.name);
  const comment = staticDistributionComment(config.project);
  const cloudfront = GLOBAL_SERVICE_REGIONS.cloudfront;
  let marker: string | undefined;
  for (let page = 0; page < 100; page++) {
    const answer = await client.read<{ DistributionList?: { Items?: DistributionSummary[]; IsTruncated?: boolean; NextMarker?: string } }>(cloudfront, 'cloudfront:ListDistributions', marker ? { Marker: marker } : {});
    if (!answer.ok) return answer;
    const list = answer.value?.DistributionList;
    // Summaries without a comment (the emulator's) are opened too; the configuration is read
    // rather than the summary because it always carries the comment and the origin groups.
    for (const candidate of (list?.Items ?? []).filter((d) => d.Id && (d.Comment === comment || d.Comment === undefined))) {
      const answer = await client.read<{ DistributionConfig?: DistributionSummary }>(cloudfront, 'cloudfront:GetDistributionConfig', { Id: candidate.Id });
      if (!answer.ok) return answer;
      const config = answer.value?.DistributionConfig;
      if (config?.Comment !== comment) continue;
      const origins = config.Origins?.Items ?? [];
      const group = config.OriginGroups?.Items?.[0];
      const members = group ? (group.Members?.Items ?? []).map((m) => originRegion(origins.find((o) => o.Id === m.OriginId), regions)) : [originRegion(origins[0], regions)];
      return ok({ id: candidate.Id!, members });
    }
    if (!list?.IsTruncated || !list.NextMarker) return ok(undefined);
    marker = list.NextMarker;
  }
  return failed(`${cloudfront}: cloudfront:ListDistributions: more than 100 pages; the listing was stopped`);
}

// ---------------------------------------------------------------------------------------------
// ARC

/** How to reach the ARC cluster's data plane (scripts/arc): its endpoints and a client per endpoint. */
export interface ArcAccess {
  readonly endpoints: readonly ClusterEndpoint[];
  readonly factory: ClientFactory;
  readonly io: Io;
}

export type RoutingObservation = { readonly kind: 'off' } | { readonly kind: 'no-endpoints' } | ({ readonly kind: 'read' } & { readonly controls: Outcome<readonly RoutingControlSummary[]> });

export const arcEnabled = (config: FoundationConfig): boolean => config.edge.enable && config.edge.recoveryControl.enable;

/** Every routing control of the cluster (the planner picks the project's by name). */
export async function observeRoutingControls(config: FoundationConfig, arc: ArcAccess | undefined): Promise<RoutingObservation> {
  if (!arcEnabled(config)) return { kind: 'off' };
  if (!arc || arc.endpoints.length === 0) return { kind: 'no-endpoints' };
  try {
    return { kind: 'read', controls: ok(await withEndpoints(arc.endpoints, arc.factory, arc.io, (api) => listRoutingControls(api))) };
  } catch (error) {
    return { kind: 'read', controls: failed(`ARC ListRoutingControls failed: ${(error as Error).message}`, isUnreachable(error)) };
  }
}

export const ARC_ENDPOINTS_NEEDED =
  'edge.recoveryControl.enable is true: the ARC cluster endpoints are needed (--arc-endpoints-file <outputs of global-edge, with arc_cluster_endpoints> or --arc-endpoint <region>=<url>)';
