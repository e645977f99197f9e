/** The command line of `npm run dr`: `promote <region>` and `status`, their options and the usage. */
import { integerOption, UsageError } from '../lib/cli';
import { ClusterEndpoint, parseEndpoint } from '../arc/routing-control-lib';
import { DEFAULT_TIMEOUT_SECONDS } from './observe';

export const MAX_TIMEOUT_SECONDS = 600;

interface Common {
  readonly json: boolean;
  readonly timeoutSeconds: number;
  /** The ARC cluster endpoints: a file (global-edge outputs, or the list) or given one by one. */
  readonly arcEndpointsFile?: string;
  readonly arcEndpoints: readonly ClusterEndpoint[];
}

export type DrCommand = { readonly kind: 'help' } | ({ readonly kind: 'promote'; readonly target: string; readonly dryRun: boolean } & Common) | ({ readonly kind: 'status' } & Common);

export const USAGE = `Usage:
  npm run dr -- promote <region> [--dry-run] [--json] [options]
  npm run dr -- status [--json] [options]

promote <region>  makes <region> the active Region's data plane, in this order: the secrets
                  writable there (a replica promoted to a standalone secret with the readers-only
                  policy; promoting the primary again copies the value written during the outage
                  back and makes the promoted copy a replica again), ECR replication stopped in
                  every other Region, traffic moved with the ARC routing controls (when on). Then
                  set "activeRegion" in the config and apply (docs/dr-playbook.md).
status            per service, which Region is active, compared with the config's activeRegion.

Options:
  --dry-run                      read the live state and print the steps; change nothing
  --json                         the result as JSON on stdout
  --arc-endpoints-file <file>    ARC cluster endpoints (edge.recoveryControl.enable): the outputs
                                 file of the global-edge stack (arc_cluster_endpoints) or a list
                                 [{"endpoint": "https://...", "region": "us-west-2"}, ...]
  --arc-endpoint <region>=<url>  an ARC cluster endpoint (repeatable), instead of the file
  --timeout <seconds>            limit of each call, 1-${MAX_TIMEOUT_SECONDS} (default ${DEFAULT_TIMEOUT_SECONDS})
  --help

Config from MULTI_REGION_CONFIG (default config/default.json); credentials and endpoint as the AWS
SDK finds them. Exit status: 0 when every step is done, already so or skipped (status: every read
succeeded), 1 when a step FAILED or the target cannot be reached (status: a read failed), 2 on a
usage or config error.`;

/** Parses the arguments after `npm run dr --`; `regions` are the configured Regions promote accepts. */
export function parseArgs(argv: readonly string[], regions: readonly string[]): DrCommand {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const [verb, ...rest] = argv;
  if (verb !== 'promote' && verb !== 'status') throw new UsageError(`unknown command ${JSON.stringify(verb)}; expected "promote <region>" or "status"`);
  let target: string | undefined;
  let dryRun = false;
  let json = false;
  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  let arcEndpointsFile: string | undefined;
  const arcEndpoints: ClusterEndpoint[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const next = rest[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      i++;
      return next;
    };
    if (arg === '--json') json = true;
    else if (arg === '--dry-run' && verb === 'promote') dryRun = true;
    else if (arg === '--timeout') timeoutSeconds = integerOption(arg, value(), 1, MAX_TIMEOUT_SECONDS);
    else if (arg === '--arc-endpoints-file') arcEndpointsFile = value();
    else if (arg === '--arc-endpoint') {
      try {
        arcEndpoints.push(parseEndpoint(value()));
      } catch (error) {
        throw new UsageError((error as Error).message.replace(/^--endpoint/, '--arc-endpoint'));
      }
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}${arg === '--dry-run' ? ' for status (it only reads)' : ''}`);
    else if (verb === 'promote' && target === undefined) target = arg;
    else throw new UsageError(`unexpected argument ${JSON.stringify(arg)}; ${verb === 'promote' ? 'expected one Region' : 'status takes options only'}`);
  }
  if (arcEndpointsFile !== undefined && arcEndpoints.length > 0) throw new UsageError('give either --arc-endpoints-file or --arc-endpoint, not both');
  const common = { json, timeoutSeconds, arcEndpointsFile, arcEndpoints };
  if (verb === 'status') return { kind: 'status', ...common };
  if (target === undefined) throw new UsageError(`promote needs a Region; expected one of the configured Regions ${regions.join(', ')}`);
  if (!regions.includes(target)) throw new UsageError(`promote: received Region ${JSON.stringify(target)}; expected one of the configured Regions ${regions.join(', ')}`);
  return { kind: 'promote', target, dryRun, ...common };
}
