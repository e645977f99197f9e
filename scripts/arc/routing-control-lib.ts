/**
 * The logic of scripts/arc/routing-control.ts, free of the SDK so that it is tested with mocks:
 * argument parsing, reading the cluster endpoints, trying them in turn, listing and setting
 * routing control states.
 *
 * Routing control states live in the ARC cluster's data plane, five regional endpoints; Terraform
 * cannot set them. AWS recommends trying the endpoints in turn until one answers, since any of them
 * may be unavailable during the very event that makes someone flip a control: every call here goes
 * through `withEndpoints`, which starts at a random endpoint and moves on after an endpoint
 * failure, never after an answer such as "a safety rule refused this".
 */
import { UsageError } from '../lib/cli';

export type RoutingControlState = 'On' | 'Off';

/** One of the cluster's endpoints (the `cluster_endpoints` attribute of the cluster). */
export interface ClusterEndpoint {
  readonly endpoint: string;
  readonly region: string;
}

export interface RoutingControlSummary {
  readonly RoutingControlArn?: string;
  readonly RoutingControlName?: string;
  readonly RoutingControlState?: string;
  readonly ControlPanelArn?: string;
  readonly ControlPanelName?: string;
}

/** The two data-plane calls the script makes, as the SDK client answers them. */
export interface ClusterApi {
  listRoutingControls(input: { ControlPanelArn?: string; NextToken?: string; MaxResults?: number }): Promise<{ RoutingControls?: RoutingControlSummary[]; NextToken?: string }>;
  updateRoutingControlStates(input: {
    UpdateRoutingControlStateEntries: Array<{ RoutingControlArn: string; RoutingControlState: RoutingControlState }>;
    SafetyRulesToOverride?: string[];
  }): Promise<unknown>;
}

export type ClientFactory = (endpoint: ClusterEndpoint) => ClusterApi;

export interface Change {
  /** A routing control's name or ARN as given. */
  readonly target: string;
  readonly state: RoutingControlState;
}

export type Command =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'list' | 'set';
      readonly endpoints: readonly ClusterEndpoint[];
      readonly endpointsFile?: string;
      readonly controlPanelArn?: string;
      readonly changes: readonly Change[];
      readonly overrideSafetyRules: readonly string[];
      readonly dryRun: boolean;
    };

/** A mistake in the command line: printed with the usage, exit code 2 (the project's one UsageError). */
export { UsageError };

export const USAGE = `Usage:
  npx tsx scripts/arc/routing-control.ts list [options]
  npx tsx scripts/arc/routing-control.ts set <control>=On|Off [<control>=On|Off ...] [options]

<control> is a routing control's name (e.g. acme-eu-west-1) or ARN.

Options:
  --endpoints-file <file>      JSON with the cluster endpoints: the cdktf outputs file of the
                               global-edge stack (an output named like arc_cluster_endpoints), or the
                               list itself ([{"endpoint": "https://...", "region": "us-west-2"}, ...])
  --endpoint <region>=<url>    a cluster endpoint (repeatable), instead of --endpoints-file
  --control-panel <arn>        only the routing controls of this control panel
  --override-safety-rule <arn> let this change through a safety rule that would refuse it (repeatable)
  --dry-run                    show what would change; change nothing
  --help

Every call tries the cluster endpoints in turn (from a random one) until one answers.`;

const STATES: Record<string, RoutingControlState> = { on: 'On', off: 'Off' };

/** Parses the arguments after the script name. */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const [verb, ...rest] = argv;
  if (verb !== 'list' && verb !== 'set') throw new UsageError(`unknown command ${JSON.stringify(verb)}; expected "list" or "set"`);
  const endpoints: ClusterEndpoint[] = [];
  const changes: Change[] = [];
  const overrideSafetyRules: string[] = [];
  let endpointsFile: string | undefined;
  let controlPanelArn: string | undefined;
  let dryRun = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const next = rest[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      i++;
      return next;
    };
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--endpoints-file') endpointsFile = value();
    else if (arg === '--control-panel') controlPanelArn = checkArn(arg, value(), 'controlpanel');
    else if (arg === '--override-safety-rule') overrideSafetyRules.push(checkArn(arg, value(), 'safetyrule'));
    else if (arg === '--endpoint') endpoints.push(parseEndpoint(value()));
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (verb === 'set') changes.push(parseChange(arg));
    else throw new UsageError(`"list" takes no argument ${JSON.stringify(arg)}; expected options only`);
  }
  if (endpoints.length > 0 && endpointsFile !== undefined) throw new UsageError('give either --endpoints-file or --endpoint, not both');
  if (endpoints.length === 0 && endpointsFile === undefined) throw new UsageError('the cluster endpoints are needed: --endpoints-file <file> or --endpoint <region>=<url>');
  if (verb === 'set' && changes.length === 0) throw new UsageError('"set" needs at least one <control>=On|Off');
  const targets = changes.map((c) => c.target);
  const repeated = targets.find((t, i) => targets.indexOf(t) !== i);
  if (repeated !== undefined) throw new UsageError(`${repeated} is given twice; expected each routing control once`);
  return { kind: verb, endpoints, endpointsFile, controlPanelArn, changes, overrideSafetyRules, dryRun };
}

function checkArn(option: string, value: string, kind: string): string {
  if (!new RegExp(`^arn:aws[a-z-]*:route53-recovery-control::\\d{12}:controlpanel/[a-z0-9]+${kind === 'safetyrule' ? '/safetyrule/[a-z0-9]+' : ''}$`).test(value)) {
    throw new UsageError(`${option}: received ${JSON.stringify(value)}; expected the ARN of a ${kind === 'safetyrule' ? 'safety rule' : 'control panel'} (arn:aws:route53-recovery-control::<account>:controlpanel/<id>${kind === 'safetyrule' ? '/safetyrule/<id>' : ''})`);
  }
  return value;
}

function parseChange(arg: string): Change {
  const at = arg.lastIndexOf('=');
  const state = at > 0 ? STATES[arg.slice(at + 1).toLowerCase()] : undefined;
  if (state === undefined) throw new UsageError(`received ${JSON.stringify(arg)}; expected <control>=On or <control>=Off`);
  return { target: arg.slice(0, at), state };
}

/** `<region>=<https url>`, as --endpoint takes it (also `npm run dr`'s --arc-endpoint). */
export function parseEndpoint(arg: string): ClusterEndpoint {
  const at = arg.indexOf('=');
  const region = arg.slice(0, at);
  const endpoint = arg.slice(at + 1);
  if (at <= 0 || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) || !/^https:\/\/\S+$/.test(endpoint)) {
    throw new UsageError(`--endpoint: received ${JSON.stringify(arg)}; expected <region>=<https url>, such as us-west-2=https://host-aaaaaa.us-west-2.example.aws/v1`);
  }
  return { region, endpoint };
}

const isEndpointList = (value: unknown): value is ClusterEndpoint[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((e) => e && typeof e === 'object' && typeof (e as ClusterEndpoint).endpoint === 'string' && typeof (e as ClusterEndpoint).region === 'string');

/** A map of Region to endpoint URL (the global-edge output arc_cluster_endpoints), as a list. */
const fromRegionMap = (value: unknown): ClusterEndpoint[] | undefined => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  // HTTPS, or plain HTTP on the loopback address (the e2e emulator's endpoints).
  if (entries.length === 0 || !entries.every(([, v]) => typeof v === 'string' && /^(https:\/\/|http:\/\/127\.0\.0\.1[:/])/.test(v))) return undefined;
  return entries.map(([region, endpoint]) => ({ region, endpoint: endpoint as string }));
};

/**
 * The endpoints in a JSON document: the list itself, or an output whose name contains
 * "cluster_endpoints" (a list of {endpoint, region} or a map of Region to endpoint) at the top level
 * or one level down (cdktf's outputs file nests by stack).
 */
export function endpointsFromJson(document: unknown, source: string): ClusterEndpoint[] {
  if (isEndpointList(document)) return document;
  const found: ClusterEndpoint[][] = [];
  const visit = (object: unknown, depth: number) => {
    if (!object || typeof object !== 'object' || Array.isArray(object)) return;
    for (const [key, value] of Object.entries(object)) {
      const unwrapped = value && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value;
      const list = /cluster_?endpoints/i.test(key) ? (isEndpointList(unwrapped) ? unwrapped : fromRegionMap(unwrapped)) : undefined;
      if (list) found.push(list);
      else if (depth < 1) visit(value, depth + 1);
    }
  };
  visit(document, 0);
  if (found.length === 0) throw new Error(`${source}: no cluster endpoints found; expected a list of {"endpoint", "region"} or an output named like "arc_cluster_endpoints"`);
  if (found.length > 1) throw new Error(`${source}: ${found.length} lists of cluster endpoints found; expected one (pass --endpoint instead)`);
  return found[0];
}

/** The errors after which the next endpoint is tried: the endpoint, not the request, failed. */
export function isEndpointFailure(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  if (['EndpointTemporarilyUnavailableException', 'InternalServerException', 'ThrottlingException', 'TimeoutError', 'RequestTimeout'].includes(e?.name ?? '')) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(e?.code ?? '')) return true;
  const status = e?.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

export interface Io {
  readonly log: (line: string) => void;
  /** 0 <= random() < 1; picks the first endpoint. */
  readonly random: () => number;
}

/**
 * Calls `call` on the endpoints in turn, from a random one, until one answers. An answer that is
 * an error of the request (validation, conflict with a safety rule, access denied) is thrown at
 * once; endpoint failures move on, and when every endpoint failed the error lists each.
 */
export async function withEndpoints<T>(endpoints: readonly ClusterEndpoint[], factory: ClientFactory, io: Io, call: (api: ClusterApi) => Promise<T>): Promise<T> {
  if (endpoints.length === 0) throw new Error('no cluster endpoint to call');
  const start = Math.floor(io.random() * endpoints.length) % endpoints.length;
  const failures: string[] = [];
  for (let i = 0; i < endpoints.length; i++) {
    const endpoint = endpoints[(start + i) % endpoints.length];
    try {
      return await call(factory(endpoint));
    } catch (error) {
      if (!isEndpointFailure(error)) throw error;
      const message = `${endpoint.region} (${endpoint.endpoint}): ${(error as Error).name}: ${(error as Error).message}`;
      failures.push(message);
      io.log(`endpoint failed, trying the next one: ${message}`);
    }
  }
  throw new Error(`every cluster endpoint failed:\n  ${failures.join('\n  ')}`);
}

/** Every routing control (of one control panel, when given), following NextToken on one endpoint. */
export async function listRoutingControls(api: ClusterApi, controlPanelArn?: string): Promise<RoutingControlSummary[]> {
  const all: RoutingControlSummary[] = [];
  let token: string | undefined;
  do {
    const page = await api.listRoutingControls({ ControlPanelArn: controlPanelArn, NextToken: token });
    all.push(...(page.RoutingControls ?? []));
    token = page.NextToken;
  } while (token);
  return all;
}

export interface PlannedChange {
  readonly arn: string;
  readonly name: string;
  readonly from: string;
  readonly to: RoutingControlState;
}

/** Resolves names and ARNs against the listed controls; a name that matches several controls must be given as an ARN. */
export function planChanges(controls: readonly RoutingControlSummary[], changes: readonly Change[]): PlannedChange[] {
  return changes.map(({ target, state }) => {
    const matches = controls.filter((c) => c.RoutingControlArn === target || c.RoutingControlName === target);
    if (matches.length === 0) {
      const names = controls.map((c) => c.RoutingControlName).filter(Boolean);
      throw new Error(`no routing control named ${JSON.stringify(target)}; expected one of: ${names.join(', ') || '(none listed)'}`);
    }
    if (matches.length > 1) {
      throw new Error(`${JSON.stringify(target)} names ${matches.length} routing controls (in ${matches.map((m) => m.ControlPanelName ?? m.ControlPanelArn).join(', ')}); expected an ARN or --control-panel`);
    }
    const [c] = matches;
    return { arn: c.RoutingControlArn!, name: c.RoutingControlName ?? c.RoutingControlArn!, from: c.RoutingControlState ?? 'unknown', to: state };
  });
}

/** Runs a parsed command; returns the process exit code. */
export async function run(command: Exclude<Command, { kind: 'help' }>, endpoints: readonly ClusterEndpoint[], factory: ClientFactory, io: Io): Promise<number> {
  const controls = await withEndpoints(endpoints, factory, io, (api) => listRoutingControls(api, command.controlPanelArn));
  if (command.kind === 'list') {
    if (controls.length === 0) io.log('no routing controls');
    for (const c of controls) io.log(`${(c.RoutingControlState ?? '?').padEnd(3)}  ${c.RoutingControlName}  ${c.RoutingControlArn}`);
    return 0;
  }
  const planned = planChanges(controls, command.changes);
  for (const p of planned) io.log(`${p.name}: ${p.from} -> ${p.to}${p.from === p.to ? ' (no change)' : ''}`);
  const effective = planned.filter((p) => p.from !== p.to);
  if (effective.length === 0) {
    io.log('nothing to change');
    return 0;
  }
  if (command.dryRun) {
    io.log(`dry run: ${effective.length} routing control(s) would change; nothing was changed`);
    return 0;
  }
  await setStates(endpoints, factory, io, effective, command.overrideSafetyRules);
  io.log(`changed ${effective.length} routing control(s)`);
  return 0;
}

/**
 * Applies `changes` in one call: ARC evaluates the safety rules on the resulting set, so moving
 * traffic from one Region to another in one step is not refused by "at least one On".
 */
export async function setStates(endpoints: readonly ClusterEndpoint[], factory: ClientFactory, io: Io, changes: readonly PlannedChange[], overrideSafetyRules: readonly string[] = []): Promise<void> {
  await withEndpoints(endpoints, factory, io, (api) =>
    api.updateRoutingControlStates({
      UpdateRoutingControlStateEntries: changes.map((p) => ({ RoutingControlArn: p.arn, RoutingControlState: p.to })),
      SafetyRulesToOverride: overrideSafetyRules.length > 0 ? [...overrideSafetyRules] : undefined,
    }),
  );
}

/** A request error as the operator should read it. */
export function describeError(error: unknown): string {
  const e = error as { name?: string; message?: string };
  if (e?.name === 'ConflictException') return `refused by ARC (a safety rule or a concurrent change): ${e.message}. Check the states with "list"; --override-safety-rule <arn> lets a change through a rule, deliberately.`;
  if (e?.name === 'AccessDeniedException') return `access denied: ${e.message}. The caller needs route53-recovery-cluster:ListRoutingControls and UpdateRoutingControlStates.`;
  if (e?.name === 'ValidationException') return `the request was refused as invalid: ${e.message}`;
  if (e?.name === 'ResourceNotFoundException') return `not found: ${e.message}. Is the control panel or routing control ARN of this cluster?`;
  return e?.message ?? String(error);
}
