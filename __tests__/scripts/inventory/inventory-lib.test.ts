import {
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_SECONDS,
  Ec2Api,
  Ec2Call,
  Ec2Page,
  RESOURCE_TYPES,
  UsageError,
  collectInventory,
  describeError,
  enabledRegions,
  errorLines,
  inventoryJson,
  inventoryList,
  inventoryTable,
  parseArgs,
} from '../../../scripts/inventory/inventory-lib';
import { clientConfig } from '../../../scripts/inventory/ec2-client';

type Call = { region: string; call: Ec2Call; input: Record<string, any> };

/**
 * A stubbed EC2 per Region: answers from `pages` (Region -> call -> pages, NextToken chaining them),
 * records every call, and fails a call when `failures` names it.
 */
function stubEc2(pages: Record<string, Partial<Record<Ec2Call, Ec2Page[]>>>, failures: Record<string, Partial<Record<Ec2Call, Error>>> = {}) {
  const calls: Call[] = [];
  let active = 0;
  let peak = 0;
  const factory = (region: string): Ec2Api => ({
    call: async (call, input, signal) => {
      calls.push({ region, call, input });
      expect(signal).toBeInstanceOf(AbortSignal);
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setImmediate(r));
      active--;
      const failure = failures[region]?.[call];
      if (failure) throw failure;
      const list = pages[region]?.[call] ?? [{}];
      const index = input.NextToken === undefined ? 0 : Number(input.NextToken);
      return { ...list[index], ...(index + 1 < list.length ? { NextToken: String(index + 1) } : {}) };
    },
  });
  return { factory, calls, peak: () => peak };
}

const US = {
  DescribeVpcs: [{ Vpcs: [{ VpcId: 'vpc-2', Tags: [{ Key: 'Name', Value: 'acme-us-east-1' }] }] }, { Vpcs: [{ VpcId: 'vpc-1' }] }],
  DescribeSubnets: [{ Subnets: [{ SubnetId: 'subnet-a' }, { SubnetId: 'subnet-b' }] }],
  DescribeInstances: [{ Reservations: [{ Instances: [{ InstanceId: 'i-1' }, { InstanceId: 'i-2' }] }, { Instances: [{ InstanceId: 'i-3' }] }] }],
  DescribeSecurityGroups: [{ SecurityGroups: [{ GroupId: 'sg-1', GroupName: 'default' }] }],
  DescribeImages: [{ Images: [{ ImageId: 'ami-1', Name: 'golden-2026' }] }],
} satisfies Partial<Record<Ec2Call, Ec2Page[]>>;
const EU = { DescribeVpcs: [{ Vpcs: [{ VpcId: 'vpc-9' }] }], DescribeVolumes: [{ Volumes: [{ VolumeId: 'vol-1' }] }], DescribeSnapshots: [{ Snapshots: [{ SnapshotId: 'snap-1' }] }] };
const OPTIONS = { projectOnly: false, concurrency: 2, timeoutSeconds: 5, project: 'acme' };

describe('parseArgs', () => {
  test('defaults: the configured Regions, everything, a table', () => {
    expect(parseArgs([])).toEqual({ kind: 'run', allRegions: false, projectOnly: false, json: false, list: false, concurrency: DEFAULT_CONCURRENCY, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS });
  });

  test('every option', () => {
    expect(parseArgs(['--all-regions', '--project-only', '--json', '--concurrency', '8', '--timeout', '60'])).toEqual({
      kind: 'run',
      allRegions: true,
      projectOnly: true,
      json: true,
      list: false,
      concurrency: 8,
      timeoutSeconds: 60,
    });
    expect(parseArgs(['--list'])).toMatchObject({ list: true });
    expect(parseArgs(['--json', '--help'])).toEqual({ kind: 'help' });
  });

  test.each([
    [['--regions'], 'unknown option --regions'],
    [['us-east-1'], 'unexpected argument "us-east-1"; expected options only'],
    [['--concurrency'], '--concurrency needs a value'],
    [['--concurrency', '0'], '--concurrency: received "0"; expected an integer from 1 to 32'],
    [['--concurrency', '2.5'], '--concurrency: received "2.5"; expected an integer from 1 to 32'],
    [['--timeout', '601'], '--timeout: received "601"; expected an integer from 1 to 600'],
    [['--json', '--list'], 'give either --json or --list, not both (the JSON lists every resource)'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message));
  });
});

describe('collectInventory', () => {
  test('every type in every Region, pages followed, ids sorted, names from the Name tag (or the group\'s or AMI\'s own)', async () => {
    const { factory } = stubEc2({ 'us-east-1': US, 'eu-west-1': EU });
    const inventory = await collectInventory(['us-east-1', 'eu-west-1'], factory, OPTIONS);
    expect(inventory.errors).toEqual([]);
    expect(inventory.resources['us-east-1']).toEqual({
      instances: [{ id: 'i-1' }, { id: 'i-2' }, { id: 'i-3' }],
      vpcs: [{ id: 'vpc-1' }, { id: 'vpc-2', name: 'acme-us-east-1' }],
      subnets: [{ id: 'subnet-a' }, { id: 'subnet-b' }],
      securityGroups: [{ id: 'sg-1', name: 'default' }],
      volumes: [],
      snapshots: [],
      images: [{ id: 'ami-1', name: 'golden-2026' }],
    });
    expect(Object.keys(inventory.resources['eu-west-1'])).toEqual(RESOURCE_TYPES.map((t) => t.key));
  });

  test('the account\'s own snapshots and AMIs, live instances only, each call\'s page size', async () => {
    const { factory, calls } = stubEc2({ 'us-east-1': US });
    await collectInventory(['us-east-1'], factory, OPTIONS);
    const first = (call: Ec2Call) => calls.find((c) => c.call === call)!.input;
    expect(first('DescribeSnapshots')).toEqual({ OwnerIds: ['self'], MaxResults: 1000 });
    expect(first('DescribeImages')).toEqual({ Owners: ['self'], MaxResults: 1000 });
    expect(first('DescribeVolumes')).toEqual({ MaxResults: 500 });
    expect(first('DescribeInstances')).toEqual({ MaxResults: 1000, Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'] }] });
    expect(calls.filter((c) => c.call === 'DescribeVpcs').map((c) => c.input.NextToken)).toEqual([undefined, '1']);
  });

  test('--project-only: every call filtered on the project tag, beside its own filters', async () => {
    const { factory, calls } = stubEc2({});
    const inventory = await collectInventory(['us-east-1'], factory, { ...OPTIONS, projectOnly: true });
    const tag = { Name: 'tag:FoundationProject', Values: ['acme'] };
    expect(calls).toHaveLength(RESOURCE_TYPES.length);
    for (const call of calls) expect(call.input.Filters).toContainEqual(tag);
    expect(calls.find((c) => c.call === 'DescribeInstances')!.input.Filters).toHaveLength(2);
    expect(inventory.filter).toBe('FoundationProject=acme');
  });

  test('Regions in parallel, at most `concurrency` at once, in the order given', async () => {
    const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
    const { factory, peak } = stubEc2({});
    const inventory = await collectInventory(regions, factory, { ...OPTIONS, concurrency: 2 });
    expect(inventory.regions).toEqual(regions);
    expect(Object.keys(inventory.resources)).toEqual(regions);
    expect(peak()).toBeGreaterThan(RESOURCE_TYPES.length);
    expect(peak()).toBeLessThanOrEqual(2 * RESOURCE_TYPES.length);
  });

  test('a failed call names its Region and call; the rest of that Region and the other Regions are still read', async () => {
    const denied = Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation', $metadata: { httpStatusCode: 403 } });
    const { factory } = stubEc2({ 'us-east-1': US, 'eu-west-1': EU }, { 'eu-west-1': { DescribeVolumes: denied, DescribeImages: new Error('socket hang up') } });
    const inventory = await collectInventory(['us-east-1', 'eu-west-1'], factory, OPTIONS);
    expect(inventory.errors).toEqual([
      { region: 'eu-west-1', call: 'DescribeVolumes', message: 'UnauthorizedOperation: You are not authorized to perform this operation. (HTTP 403)' },
      { region: 'eu-west-1', call: 'DescribeImages', message: 'socket hang up' },
    ]);
    expect(Object.keys(inventory.resources['eu-west-1'])).toEqual(['instances', 'vpcs', 'subnets', 'securityGroups', 'snapshots']);
    expect(inventory.resources['us-east-1'].images).toEqual([{ id: 'ami-1', name: 'golden-2026' }]);
    expect(errorLines(inventory)).toEqual([
      'inventory: eu-west-1: DescribeVolumes failed: UnauthorizedOperation: You are not authorized to perform this operation. (HTTP 403)',
      'inventory: eu-west-1: DescribeImages failed: socket hang up',
    ]);
  });

  test('a call that does not answer in time fails with the timeout, not the whole run', async () => {
    const hang: Ec2Api = {
      call: (call, _input, signal) =>
        call === 'DescribeSnapshots'
          ? new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
          : Promise.resolve({}),
    };
    const inventory = await collectInventory(['sa-east-1'], () => hang, { ...OPTIONS, timeoutSeconds: 1 });
    expect(inventory.errors).toEqual([{ region: 'sa-east-1', call: 'DescribeSnapshots', message: 'no answer within 1 s (TimeoutError)' }]);
  });
});

describe('output', () => {
  const build = async (failures = {}) => collectInventory(['us-east-1', 'eu-west-1'], stubEc2({ 'us-east-1': US, 'eu-west-1': EU }, failures).factory, OPTIONS);

  test('a table of Region by type, with a total column and a total row', async () => {
    expect(inventoryTable(await build())).toBe(
      [
        'Region     instances  VPCs  subnets  security groups  volumes  snapshots  AMIs  total',
        '---------  ---------  ----  -------  ---------------  -------  ---------  ----  -----',
        'us-east-1  3          2     2        1                0        0          1     9',
        'eu-west-1  0          1     0        0                1        1          0     3',
        'total      3          3     2        1                1        1          1     12',
      ].join('\n'),
    );
  });

  test('a failed call shows "error" in its cell and marks every total it leaves incomplete', async () => {
    const lines = inventoryTable(await build({ 'eu-west-1': { DescribeVolumes: new Error('boom') } })).split('\n');
    expect(lines[3]).toBe('eu-west-1  0          1     0        0                error    1          0     2+?');
    expect(lines[4]).toBe('total      3          3     2        1                0+?      1          1     11+?');
  });

  test('--list: every resource, Region, type, id and name', async () => {
    const lines = inventoryList(await build()).split('\n');
    expect(lines[0]).toBe('Region     type             id        name');
    expect(lines).toContain('us-east-1  VPCs             vpc-2     acme-us-east-1');
    expect(lines).toContain('eu-west-1  snapshots        snap-1');
    expect(lines).toHaveLength(2 + 12);
  });

  test('--json: scope, counts with totals, every resource and the errors', async () => {
    const json = JSON.parse(inventoryJson(await build({ 'eu-west-1': { DescribeVolumes: new Error('boom') } })));
    expect(json).toMatchObject({
      regions: ['us-east-1', 'eu-west-1'],
      projectOnly: false,
      resourceTypes: ['instances', 'vpcs', 'subnets', 'securityGroups', 'volumes', 'snapshots', 'images'],
      complete: false,
      counts: { 'us-east-1': { instances: 3, vpcs: 2, total: 9 }, 'eu-west-1': { vpcs: 1, snapshots: 1, total: 2 } },
      totals: { instances: 3, vpcs: 3, volumes: 0, total: 11 },
      errors: [{ region: 'eu-west-1', call: 'DescribeVolumes', message: 'boom' }],
    });
    expect(json.counts['eu-west-1'].volumes).toBeUndefined();
    expect(json.resources['us-east-1'].vpcs).toEqual([{ id: 'vpc-1' }, { id: 'vpc-2', name: 'acme-us-east-1' }]);
  });
});

describe('Regions and clients', () => {
  test('--all-regions: the Regions DescribeRegions lists as enabled, sorted', () => {
    expect(
      enabledRegions({
        Regions: [
          { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
          { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
          { RegionName: 'ap-east-1', OptInStatus: 'opted-in' },
          {},
        ],
      }),
    ).toEqual(['ap-east-1', 'us-east-1']);
  });

  test('AWS_ENDPOINT_URL (the e2e\'s emulator) is passed to every client; the EC2-only variable wins', () => {
    expect(clientConfig('eu-west-1', {})).toEqual({ region: 'eu-west-1', maxAttempts: 3 });
    expect(clientConfig('eu-west-1', { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' })).toEqual({ region: 'eu-west-1', maxAttempts: 3, endpoint: 'http://127.0.0.1:5000' });
    expect(clientConfig('eu-west-1', { AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_EC2: 'http://b' }).endpoint).toBe('http://b');
  });

  test('errors in one line', () => {
    expect(describeError(Object.assign(new Error('line one\nline two'), { name: 'Throttling' }), 5)).toBe('Throttling: line one');
    expect(describeError('plain', 5)).toBe('plain');
  });
});
