/**
 * The logic of `npm run readiness` (scripts/readiness/readiness.ts), free of the SDK so that it is
 * tested with stubbed answers: the result model, the reader that bounds and times every call, the
 * arguments, the table, the JSON and the exit status. The checks themselves are in
 * readiness-checks.ts.
 *
 * A check yields one or more rows; each row has one cell per Region it concerns: pass, fail (the
 * deployed foundation is not ready: the detail says what was found), n/a (does not apply there, or
 * nothing to compare yet: the detail says why) or error (a call failed: the detail names the Region
 * and the call). Any fail or error makes the exit status 1.
 */
import { UsageError, describeError, integerOption } from '../lib/cli';
import { table } from '../lib/run';

/** Every call the checks make: read-only, `<service>:<operation>` as in IAM. */
export type ReadCall =
  | 'kms:DescribeKey'
  | 'secretsmanager:DescribeSecret'
  | 'ecr:DescribeRegistry'
  | 'ecr:DescribeImages'
  | 'ec2:DescribeImages'
  | 'ec2:DescribeTransitGateways'
  | 'ec2:DescribeTransitGatewayPeeringAttachments'
  | 'ec2:DescribeVpcs'
  | 'ec2:DescribeVpcPeeringConnections'
  | 'dlm:GetLifecyclePolicies'
  | 'dlm:GetLifecyclePolicy'
  | 'route53:ListHealthChecks'
  | 'route53:ListTagsForResources'
  | 'route53:GetHealthCheckStatus'
  | 's3:ListObjectsV2'
  | 's3:HeadObject';

export const READ_CALLS: readonly ReadCall[] = [
  'kms:DescribeKey',
  'secretsmanager:DescribeSecret',
  'ecr:DescribeRegistry',
  'ecr:DescribeImages',
  'ec2:DescribeImages',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeTransitGatewayPeeringAttachments',
  'ec2:DescribeVpcs',
  'ec2:DescribeVpcPeeringConnections',
  'dlm:GetLifecyclePolicies',
  'dlm:GetLifecyclePolicy',
  'route53:ListHealthChecks',
  'route53:ListTagsForResources',
  'route53:GetHealthCheckStatus',
  's3:ListObjectsV2',
  's3:HeadObject',
];

/** Makes one call in one Region (the SDK's clients, or a stub) and gives up at `signal`. */
export type AwsCaller = (region: string, call: ReadCall, input: Record<string, unknown>, signal: AbortSignal) => Promise<any>;

export type Status = 'pass' | 'fail' | 'n/a' | 'error';
export const STATUSES: readonly Status[] = ['pass', 'fail', 'n/a', 'error'];

export interface Cell {
  readonly status: Status;
  /** What was found (fail), why it does not apply (n/a), which call failed (error); for pass, what was checked. */
  readonly detail?: string;
}

export interface Row {
  /** Stable id for machines, e.g. "secret-replicas:app/db". */
  readonly id: string;
  readonly label: string;
  /** Region -> cell; a Region the check does not concern has no cell. */
  readonly cells: Readonly<Record<string, Cell>>;
}

export interface Report {
  readonly regions: readonly string[];
  readonly rows: readonly Row[];
}

/** A call that failed for another reason than "not found": the cell shows `error`, naming Region and call. */
export class CallError extends Error {
  constructor(
    readonly region: string,
    readonly call: ReadCall,
    readonly reason: string,
  ) {
    super(`${region}: ${call} failed: ${reason}`);
  }
}

/** A counting semaphore: at most `limit` calls in flight, whatever Region or check they serve. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/**
 * The checks' access to AWS: every call bounded by the timeout and the concurrency limit. `read`
 * answers undefined when the service says the thing does not exist (one of `notFound`: the check
 * turns that into a fail) and throws a CallError for any other failure.
 */
export class Reader {
  private readonly limit: <T>(task: () => Promise<T>) => Promise<T>;

  constructor(
    private readonly caller: AwsCaller,
    readonly options: { readonly concurrency: number; readonly timeoutSeconds: number },
  ) {
    this.limit = limiter(options.concurrency);
  }

  async read<T = any>(region: string, call: ReadCall, input: Record<string, unknown>, notFound: readonly string[] = []): Promise<T | undefined> {
    try {
      return await this.limit(() => this.caller(region, call, input, AbortSignal.timeout(this.options.timeoutSeconds * 1000)));
    } catch (error) {
      const name = (error as { name?: string })?.name;
      if (name && notFound.includes(name)) return undefined;
      throw new CallError(region, call, describeError(error, this.options.timeoutSeconds));
    }
  }

  /** Every page of a listing call: `token` reads the next token from an answer, `next` puts it in the input. */
  async readAll<T = any>(region: string, call: ReadCall, input: Record<string, unknown>, token: (page: any) => string | undefined, next: (token: string) => Record<string, unknown>, notFound: readonly string[] = []): Promise<T[] | undefined> {
    const pages: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.read<T>(region, call, { ...input, ...(cursor ? next(cursor) : {}) }, notFound);
      if (answer === undefined) return page === 0 ? undefined : pages;
      pages.push(answer);
      cursor = token(answer) || undefined;
      if (cursor === undefined) return pages;
    }
    throw new CallError(region, call, `more than ${MAX_PAGES} pages; the listing was stopped`);
  }
}

/** Pages of one listing before the reader gives up on it (a token that never ends). */
export const MAX_PAGES = 100;

/** The cell of a Region whose evaluation threw: `error` naming the call, or rethrown when it is a bug. */
export async function cellOf(evaluate: () => Promise<Cell>): Promise<Cell> {
  try {
    return await evaluate();
  } catch (error) {
    if (error instanceof CallError) return { status: 'error', detail: error.message };
    throw error;
  }
}

export const pass = (detail?: string): Cell => (detail === undefined ? { status: 'pass' } : { status: 'pass', detail });
export const fail = (detail: string): Cell => ({ status: 'fail', detail });
export const notApplicable = (detail: string): Cell => ({ status: 'n/a', detail });

/** The same cell in every Region: a check switched off in the config, or with nothing to compare yet. */
export function everywhere(regions: readonly string[], cell: Cell): Record<string, Cell> {
  return Object.fromEntries(regions.map((r) => [r, cell]));
}

// ---------------------------------------------------------------------------------------------
// Arguments

export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 64;
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const MAX_TIMEOUT_SECONDS = 600;

export interface ReadinessOptions {
  readonly json: boolean;
  /** Calls in flight at once, across Regions. */
  readonly concurrency: number;
  /** Limit of one call (one page), in seconds. */
  readonly timeoutSeconds: number;
  /** Only these check ids (the part before ":"); all when empty. */
  readonly only: readonly string[];
}

export type Command = { readonly kind: 'help' } | ({ readonly kind: 'run' } & ReadinessOptions);

export function usage(checkIds: readonly string[]): string {
  return `Usage: npm run readiness -- [options]

Reads the deployed foundation with the AWS SDK in every configured Region (config from
MULTI_REGION_CONFIG, default config/default.json) and prints one row per check, one column per
Region, with totals: pass, fail, n/a (does not apply, or nothing to compare yet) or error (a call
failed). Names are derived from the config as the stacks derive them; no Terraform state is read.
Credentials and endpoint as the AWS SDK finds them (AWS_PROFILE, AWS_ENDPOINT_URL, ...).

Options:
  --json               the report as JSON on stdout
  --only <ids>         only these checks, comma-separated: ${checkIds.join(', ')}
  --concurrency <n>    calls in flight at once, 1-${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY})
  --timeout <seconds>  limit of each call, 1-${MAX_TIMEOUT_SECONDS} (default ${DEFAULT_TIMEOUT_SECONDS})
  --help

Exit status: 0 when no check fails, 1 when a check fails or a call fails (each named with its
Region), 2 on a usage or config error.`;
}

/** Parses the arguments after `npm run readiness --`; `checkIds` are the ids `--only` accepts. */
export function parseArgs(argv: readonly string[], checkIds: readonly string[]): Command {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  let json = false;
  let concurrency = DEFAULT_CONCURRENCY;
  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  let only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      i++;
      return next;
    };
    if (arg === '--json') json = true;
    else if (arg === '--concurrency') concurrency = integerOption(arg, value(), 1, MAX_CONCURRENCY);
    else if (arg === '--timeout') timeoutSeconds = integerOption(arg, value(), 1, MAX_TIMEOUT_SECONDS);
    else if (arg === '--only') {
      only = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = only.filter((id) => !checkIds.includes(id));
      if (unknown.length || only.length === 0) throw new UsageError(`--only: received ${JSON.stringify(only.join(','))}; expected check ids from ${checkIds.join(', ')}`);
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else throw new UsageError(`unexpected argument ${JSON.stringify(arg)}; expected options only`);
  }
  return { kind: 'run', json, concurrency, timeoutSeconds, only };
}

// ---------------------------------------------------------------------------------------------
// Results

export type Counts = Record<Status, number>;

function count(cells: readonly Cell[]): Counts {
  const counts: Counts = { pass: 0, fail: 0, 'n/a': 0, error: 0 };
  for (const cell of cells) counts[cell.status]++;
  return counts;
}

export const rowCounts = (row: Row): Counts => count(Object.values(row.cells));
export const regionCounts = (report: Report, region: string): Counts => count(report.rows.flatMap((r) => (r.cells[region] ? [r.cells[region]] : [])));
export const totalCounts = (report: Report): Counts => count(report.rows.flatMap((r) => Object.values(r.cells)));

/** Ready: no cell failed and no call failed. */
export const isReady = (report: Report): boolean => {
  const t = totalCounts(report);
  return t.fail === 0 && t.error === 0;
};

/** 0 when ready, 1 otherwise. */
export const exitCode = (report: Report): number => (isReady(report) ? 0 : 1);

/** "3 pass, 1 fail": the statuses that occur, in a fixed order. */
export function countsText(counts: Counts): string {
  const parts = STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(', ') : '-';
}

/** Check x Region, with a total column (per check) and a total row (per Region); "-" where a check does not concern a Region. */
export function readinessTable(report: Report): string {
  const header = ['check', ...report.regions, 'total'];
  const rows = report.rows.map((row) => [row.label, ...report.regions.map((r) => row.cells[r]?.status ?? '-'), countsText(rowCounts(row))]);
  const totals = ['total', ...report.regions.map((r) => countsText(regionCounts(report, r))), countsText(totalCounts(report))];
  return table(header, [...rows, totals]);
}

/** One line per cell that is not a plain pass: fail and error first (what to fix), then n/a (why not checked). */
export function detailLines(report: Report): string[] {
  const lines = (wanted: Status[]) =>
    report.rows.flatMap((row) =>
      report.regions.flatMap((region) => {
        const cell = row.cells[region];
        return cell && wanted.includes(cell.status) && cell.detail ? [`${cell.status.toUpperCase().padEnd(5)} ${row.label} [${region}]: ${cell.detail}`] : [];
      }),
    );
  return [...lines(['fail', 'error']), ...lines(['n/a'])];
}

/** Every cell that failed or errored: the Region and check, for the e2e and for people. */
export function problems(report: Report): Array<{ readonly check: string; readonly label: string; readonly region: string } & Cell> {
  return report.rows.flatMap((row) =>
    report.regions.flatMap((region) => {
      const cell = row.cells[region];
      return cell && (cell.status === 'fail' || cell.status === 'error') ? [{ check: row.id, label: row.label, region, ...cell }] : [];
    }),
  );
}

/** The JSON for machines: every row with its cells and counts, per-Region and overall totals, `ready`. */
export function readinessJson(report: Report): string {
  return JSON.stringify(
    {
      ready: isReady(report),
      regions: report.regions,
      checks: report.rows.map((row) => ({ id: row.id, label: row.label, cells: row.cells, totals: rowCounts(row) })),
      totals: { ...Object.fromEntries(report.regions.map((r) => [r, regionCounts(report, r)])), all: totalCounts(report) },
    },
    null,
    2,
  );
}

export { UsageError, describeError };
