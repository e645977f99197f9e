/**
 * The logic of `npm run inventory` (scripts/inventory/inventory.ts), free of the SDK so that it is
 * tested with a stubbed client: arguments, what is listed in each Region and how, the per-Region
 * pool with its timeouts, the table and the JSON.
 *
 * The EC2 analog of EC2 Global View that a repository can own: for every configured Region (or,
 * with --all-regions, every Region the account has enabled), the EC2 instances, VPCs, subnets,
 * security groups, volumes, snapshots and AMIs there, read with EC2's Describe calls. One Region
 * failing (a call refused, a timeout) does not hide the others: its failures are named, Region and
 * call, after everything else is printed, and the exit status is non-zero.
 */
import { UsageError, describeError, integerOption } from '../lib/cli';
import { PROJECT_TAG_KEY } from '../../src/aws/tags';
import { pool, table } from '../lib/run';

/** The EC2 Describe calls the inventory makes; the page-level input and output, as the SDK has them. */
export type Ec2Call = 'DescribeInstances' | 'DescribeVpcs' | 'DescribeSubnets' | 'DescribeSecurityGroups' | 'DescribeVolumes' | 'DescribeSnapshots' | 'DescribeImages';

export interface Ec2Filter {
  readonly Name: string;
  readonly Values: string[];
}

export type Tag = { Key?: string; Value?: string };

/** One page of any of the calls, reduced to what the inventory reads. */
export interface Ec2Page {
  readonly NextToken?: string;
  readonly Reservations?: Array<{ Instances?: Array<{ InstanceId?: string; Tags?: Tag[] }> }>;
  readonly Vpcs?: Array<{ VpcId?: string; Tags?: Tag[] }>;
  readonly Subnets?: Array<{ SubnetId?: string; Tags?: Tag[] }>;
  readonly SecurityGroups?: Array<{ GroupId?: string; GroupName?: string; Tags?: Tag[] }>;
  readonly Volumes?: Array<{ VolumeId?: string; Tags?: Tag[] }>;
  readonly Snapshots?: Array<{ SnapshotId?: string; Tags?: Tag[] }>;
  readonly Images?: Array<{ ImageId?: string; Name?: string; Tags?: Tag[] }>;
}

/** One Region's EC2: makes one call, for one page, and gives up at `signal`. */
export interface Ec2Api {
  call(call: Ec2Call, input: Record<string, unknown>, signal: AbortSignal): Promise<Ec2Page>;
}

/** An EC2 client per Region (the SDK's, or a stub). */
export type Ec2Factory = (region: string) => Ec2Api;

export interface InventoryItem {
  readonly id: string;
  /** The Name tag (a security group's or an AMI's own name when it has none). */
  readonly name?: string;
}

interface ResourceType {
  readonly key: string;
  /** Column heading. */
  readonly label: string;
  readonly call: Ec2Call;
  /** The call's own input: the owner for snapshots and AMIs, live instances only, the page size. */
  readonly input: Record<string, unknown>;
  readonly items: (page: Ec2Page) => InventoryItem[];
}

const nameTag = (tags: Tag[] | undefined) => tags?.find((t) => t.Key === 'Name')?.Value;
const item = (id: string | undefined, tags: Tag[] | undefined, fallbackName?: string): InventoryItem[] => {
  if (id === undefined) return [];
  const name = nameTag(tags) ?? fallbackName;
  return [name === undefined ? { id } : { id, name }];
};

/** Instances EC2 still describes after termination (for about an hour) are not counted. */
const LIVE_INSTANCE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

/** What is listed, in column order. Page sizes are each call's maximum. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  {
    key: 'instances',
    label: 'instances',
    call: 'DescribeInstances',
    input: { MaxResults: 1000, Filters: [{ Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES }] },
    items: (p) => (p.Reservations ?? []).flatMap((r) => (r.Instances ?? []).flatMap((i) => item(i.InstanceId, i.Tags))),
  },
  { key: 'vpcs', label: 'VPCs', call: 'DescribeVpcs', input: { MaxResults: 1000 }, items: (p) => (p.Vpcs ?? []).flatMap((v) => item(v.VpcId, v.Tags)) },
  { key: 'subnets', label: 'subnets', call: 'DescribeSubnets', input: { MaxResults: 1000 }, items: (p) => (p.Subnets ?? []).flatMap((s) => item(s.SubnetId, s.Tags)) },
  {
    key: 'securityGroups',
    label: 'security groups',
    call: 'DescribeSecurityGroups',
    input: { MaxResults: 1000 },
    items: (p) => (p.SecurityGroups ?? []).flatMap((g) => item(g.GroupId, g.Tags, g.GroupName)),
  },
  { key: 'volumes', label: 'volumes', call: 'DescribeVolumes', input: { MaxResults: 500 }, items: (p) => (p.Volumes ?? []).flatMap((v) => item(v.VolumeId, v.Tags)) },
  {
    key: 'snapshots',
    label: 'snapshots',
    call: 'DescribeSnapshots',
    // Without an owner EC2 lists every public snapshot too.
    input: { OwnerIds: ['self'], MaxResults: 1000 },
    items: (p) => (p.Snapshots ?? []).flatMap((s) => item(s.SnapshotId, s.Tags)),
  },
  {
    key: 'images',
    label: 'AMIs',
    call: 'DescribeImages',
    input: { Owners: ['self'], MaxResults: 1000 },
    items: (p) => (p.Images ?? []).flatMap((i) => item(i.ImageId, i.Tags, i.Name)),
  },
];

export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 32;
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const MAX_TIMEOUT_SECONDS = 600;
/** Pages of one call in one Region before the inventory gives up on it (a token that never ends). */
export const MAX_PAGES = 1000;

export interface InventoryOptions {
  /** Every Region the account has enabled (DescribeRegions) instead of the configured ones. */
  readonly allRegions: boolean;
  /** Only resources carrying the project tag (FoundationProject=<project>). */
  readonly projectOnly: boolean;
  readonly json: boolean;
  /** In the text output, every resource's id and name below the table. */
  readonly list: boolean;
  /** Regions read at once. */
  readonly concurrency: number;
  /** Limit of one call (one page), in seconds. */
  readonly timeoutSeconds: number;
}

export type Command = { readonly kind: 'help' } | ({ readonly kind: 'run' } & InventoryOptions);

export const USAGE = `Usage: npm run inventory -- [options]

EC2 instances, VPCs, subnets, security groups, volumes, snapshots and AMIs (the account's own) in
every configured Region (config from MULTI_REGION_CONFIG, default config/default.json), as a table
of Region by resource type with totals. Credentials and endpoint as the AWS SDK finds them
(AWS_PROFILE, AWS_ENDPOINT_URL, ...).

Options:
  --all-regions        every Region the account has enabled (DescribeRegions), not only the configured ones
  --project-only       only resources tagged ${PROJECT_TAG_KEY}=<project>
  --json               the inventory as JSON (counts, ids and names, errors) on stdout
  --list               below the table, every resource: Region, type, id, name
  --concurrency <n>    Regions read at once, 1-${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY})
  --timeout <seconds>  limit of each call, 1-${MAX_TIMEOUT_SECONDS} (default ${DEFAULT_TIMEOUT_SECONDS})
  --help

Exit status: 0 when every Region answered, 1 when a call failed (each failure names its Region and
call, after the rest is printed), 2 on a usage or config error.`;

/** Parses the arguments after `npm run inventory --`. */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const options = { allRegions: false, projectOnly: false, json: false, list: false, concurrency: DEFAULT_CONCURRENCY, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      i++;
      return next;
    };
    if (arg === '--all-regions') options.allRegions = true;
    else if (arg === '--project-only') options.projectOnly = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--list') options.list = true;
    else if (arg === '--concurrency') options.concurrency = integerOption(arg, value(), 1, MAX_CONCURRENCY);
    else if (arg === '--timeout') options.timeoutSeconds = integerOption(arg, value(), 1, MAX_TIMEOUT_SECONDS);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else throw new UsageError(`unexpected argument ${JSON.stringify(arg)}; expected options only`);
  }
  if (options.json && options.list) throw new UsageError('give either --json or --list, not both (the JSON lists every resource)');
  return { kind: 'run', ...options };
}

/** A call that failed, with where. */
export interface InventoryError {
  readonly region: string;
  readonly call: Ec2Call | 'DescribeRegions';
  readonly message: string;
}

export interface Inventory {
  readonly regions: readonly string[];
  readonly projectOnly: boolean;
  /** `${PROJECT_TAG_KEY}=<project>` when --project-only. */
  readonly filter?: string;
  /** Region -> resource type key -> resources, sorted by id; a type whose call failed is absent. */
  readonly resources: Readonly<Record<string, Readonly<Record<string, readonly InventoryItem[]>>>>;
  readonly errors: readonly InventoryError[];
}

/** Every page of one call, each bounded by the timeout. */
async function listAll(api: Ec2Api, type: ResourceType, filters: Ec2Filter[], timeoutSeconds: number): Promise<InventoryItem[]> {
  const items: InventoryItem[] = [];
  const baseFilters = (type.input.Filters as Ec2Filter[] | undefined) ?? [];
  const allFilters = [...baseFilters, ...filters];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const input = { ...type.input, ...(allFilters.length ? { Filters: allFilters } : {}), ...(token ? { NextToken: token } : {}) };
    const answer = await api.call(type.call, input, AbortSignal.timeout(timeoutSeconds * 1000));
    items.push(...type.items(answer));
    token = answer.NextToken || undefined;
    if (token === undefined) return items.sort((a, b) => a.id.localeCompare(b.id));
  }
  throw new Error(`more than ${MAX_PAGES} pages; the listing was stopped`);
}

/**
 * Reads every Region (at most `concurrency` at once; in a Region, every type at once), keeping the
 * Regions in the order given. A failed call leaves its type out of that Region and is recorded.
 */
export async function collectInventory(
  regions: readonly string[],
  ec2: Ec2Factory,
  options: Pick<InventoryOptions, 'projectOnly' | 'concurrency' | 'timeoutSeconds'> & { readonly project: string },
): Promise<Inventory> {
  const filters: Ec2Filter[] = options.projectOnly ? [{ Name: `tag:${PROJECT_TAG_KEY}`, Values: [options.project] }] : [];
  const errors: InventoryError[] = [];
  const perRegion = await pool(regions, options.concurrency, async (region) => {
    const api = ec2(region);
    const found: Record<string, InventoryItem[]> = {};
    await Promise.all(
      RESOURCE_TYPES.map(async (type) => {
        try {
          found[type.key] = await listAll(api, type, filters, options.timeoutSeconds);
        } catch (error) {
          errors.push({ region, call: type.call, message: describeError(error, options.timeoutSeconds) });
        }
      }),
    );
    // Keys in column order, whatever order the calls finished in.
    return Object.fromEntries(RESOURCE_TYPES.filter((t) => t.key in found).map((t) => [t.key, found[t.key]]));
  });
  const order = (e: InventoryError) => `${regions.indexOf(e.region).toString().padStart(4, '0')} ${RESOURCE_TYPES.findIndex((t) => t.call === e.call)}`;
  return {
    regions: [...regions],
    projectOnly: options.projectOnly,
    ...(options.projectOnly ? { filter: `${PROJECT_TAG_KEY}=${options.project}` } : {}),
    resources: Object.fromEntries(regions.map((r, i) => [r, perRegion[i]])),
    errors: errors.sort((a, b) => order(a).localeCompare(order(b))),
  };
}

/** The Regions of `--all-regions`: those DescribeRegions lists as enabled for the account, sorted. */
export function enabledRegions(answer: { Regions?: Array<{ RegionName?: string; OptInStatus?: string }> }): string[] {
  return (answer.Regions ?? [])
    .filter((r) => r.RegionName && r.OptInStatus !== 'not-opted-in')
    .map((r) => r.RegionName!)
    .sort();
}

const count = (inventory: Inventory, region: string, key: string): number | undefined => inventory.resources[region]?.[key]?.length;

/** Region x resource type, with a total column and a total row; "error" where a call failed. */
export function inventoryTable(inventory: Inventory): string {
  const header = ['Region', ...RESOURCE_TYPES.map((t) => t.label), 'total'];
  const columnTotals = RESOURCE_TYPES.map(() => 0);
  const rows = inventory.regions.map((region) => {
    let failed = false;
    let sum = 0;
    const cells = RESOURCE_TYPES.map((t, i) => {
      const n = count(inventory, region, t.key);
      if (n === undefined) {
        failed = true;
        return 'error';
      }
      sum += n;
      columnTotals[i] += n;
      return String(n);
    });
    return [region, ...cells, failed ? `${sum}+?` : String(sum)];
  });
  const incomplete = inventory.errors.length > 0;
  const grand = columnTotals.reduce((a, b) => a + b, 0);
  const totals = ['total', ...columnTotals.map((n, i) => (inventory.errors.some((e) => e.call === RESOURCE_TYPES[i].call) ? `${n}+?` : String(n))), incomplete ? `${grand}+?` : String(grand)];
  return table(header, [...rows, totals]);
}

/** Every resource, one line each: Region, type, id, name. */
export function inventoryList(inventory: Inventory): string {
  const rows = inventory.regions.flatMap((region) =>
    RESOURCE_TYPES.flatMap((t) => (inventory.resources[region]?.[t.key] ?? []).map((r) => [region, t.label, r.id, r.name ?? ''])),
  );
  return table(['Region', 'type', 'id', 'name'], rows);
}

/** The JSON for machines: the scope, counts per Region and in total, every resource, the errors. */
export function inventoryJson(inventory: Inventory): string {
  const counts = Object.fromEntries(
    inventory.regions.map((region) => {
      const perType = Object.fromEntries(RESOURCE_TYPES.filter((t) => count(inventory, region, t.key) !== undefined).map((t) => [t.key, count(inventory, region, t.key)!]));
      return [region, { ...perType, total: Object.values(perType).reduce((a, b) => a + b, 0) }];
    }),
  );
  const totals = Object.fromEntries(RESOURCE_TYPES.map((t) => [t.key, inventory.regions.reduce((sum, r) => sum + (count(inventory, r, t.key) ?? 0), 0)]));
  return JSON.stringify(
    {
      regions: inventory.regions,
      projectOnly: inventory.projectOnly,
      ...(inventory.filter ? { filter: inventory.filter } : {}),
      resourceTypes: RESOURCE_TYPES.map((t) => t.key),
      complete: inventory.errors.length === 0,
      counts,
      totals: { ...totals, total: Object.values(totals).reduce((a, b) => a + b, 0) },
      resources: inventory.resources,
      errors: inventory.errors,
    },
    null,
    2,
  );
}

/** The error lines printed after the output, one per failed call. */
export function errorLines(inventory: Inventory): string[] {
  return inventory.errors.map((e) => `inventory: ${e.region}: ${e.call} failed: ${e.message}`);
}

export { UsageError, describeError };
