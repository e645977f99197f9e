import { testConfig } from '../../helpers/synth';
import { FoundationConfig } from '../../../src/config/validate';
import { CHECK_IDS, reportRegions, runReadiness } from '../../../scripts/readiness/readiness-checks';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_SECONDS,
  READ_CALLS,
  Reader,
  Report,
  UsageError,
  describeError,
  detailLines,
  exitCode,
  parseArgs,
  problems,
  readinessJson,
  readinessTable,
} from '../../../scripts/readiness/readiness-lib';
import { clientConfig } from '../../../scripts/readiness/aws-caller';
import { awsError, readyWorld, stubCaller, World } from './stub-aws';

const THREE_REGIONS = [
  { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
  { name: 'us-west-2', vpcCidr: '10.20.0.0/16' },
  { name: 'eu-west-1', vpcCidr: '10.30.0.0/16' },
];
const SECRETS = { secrets: [{ name: 'app/db', description: 'Database password' }] };

let tgwConfig: FoundationConfig;
let peeringConfig: FoundationConfig;
beforeAll(() => {
  tgwConfig = testConfig({ regions: THREE_REGIONS, security: SECRETS });
  peeringConfig = testConfig({ regions: THREE_REGIONS, security: SECRETS, network: { interRegion: 'vpc-peering', topology: 'full-mesh' } });
});

async function readiness(config: FoundationConfig, edit: (world: World) => void = () => {}, options = { concurrency: 4, timeoutSeconds: 5 }) {
  const world = readyWorld(config);
  edit(world);
  const stub = stubCaller(world);
  const report = await runReadiness(config, new Reader(stub.call, options));
  return { report, stub };
}

const cell = (report: Report, rowId: string, region: string) => report.rows.find((r) => r.id === rowId)?.cells[region];

describe('a ready foundation', () => {
  test('every check passes in every Region it concerns; exit 0', async () => {
    const { report } = await readiness(tgwConfig);
    expect(report.regions).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
    expect(report.rows.map((r) => r.id)).toEqual([
      'kms-key',
      'secrets:app/db',
      'ecr-replication',
      'ecr-images:multi-region/app',
      'golden-ami',
      'dlm',
      'network',
      'health-checks',
      'state-replica',
    ]);
    expect(problems(report)).toEqual([]);
    const statuses = report.rows.flatMap((r) => Object.entries(r.cells).map(([region, c]) => `${r.id} ${region} ${c.status}`));
    // ECR replication has nothing to check in its source Region; the state replica lives in one Region.
    expect(statuses.filter((s) => !s.endsWith(' pass'))).toEqual(['ecr-replication us-east-1 n/a']);
    expect(Object.keys(report.rows.find((r) => r.id === 'state-replica')!.cells)).toEqual(['us-west-2']);
    expect(exitCode(report)).toBe(0);
  });

  test('the table has a row per check, a column per Region and totals; the JSON says ready', async () => {
    const { report } = await readiness(tgwConfig);
    const lines = readinessTable(report).split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual(['check', 'us-east-1', 'us-west-2', 'eu-west-1', 'total']);
    expect(lines).toContainEqual(expect.stringMatching(/^multi-Region key\s+pass\s+pass\s+pass\s+3 pass$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ECR replication\s+n\/a\s+pass\s+pass\s+2 pass, 1 n\/a$/));
    expect(lines).toContainEqual(expect.stringMatching(/^state replica current\s+-\s+pass\s+-\s+1 pass$/));
    expect(lines[lines.length - 1]).toMatch(/^total\s+7 pass, 1 n\/a\s+9 pass\s+8 pass\s+24 pass, 1 n\/a$/);
    const json = JSON.parse(readinessJson(report));
    expect(json.ready).toBe(true);
    expect(json.totals.all).toEqual({ pass: 24, fail: 0, 'n/a': 1, error: 0 });
    expect(json.checks[0]).toEqual(expect.objectContaining({ id: 'kms-key', totals: { pass: 3, fail: 0, 'n/a': 0, error: 0 } }));
  });

  test('VPC peering mode reads peering connections, not Transit Gateway attachments', async () => {
    const { report, stub } = await readiness(peeringConfig);
    expect(problems(report)).toEqual([]);
    expect(report.rows.find((r) => r.id === 'network')?.label).toBe('VPC peerings');
    expect(stub.calls.map((c) => c.call)).toContain('ec2:DescribeVpcPeeringConnections');
    expect(stub.calls.map((c) => c.call)).not.toContain('ec2:DescribeTransitGatewayPeeringAttachments');
  });

  test('only read calls are made, at most `concurrency` at once', async () => {
    const { stub } = await readiness(tgwConfig, () => {}, { concurrency: 2, timeoutSeconds: 5 });
    expect(stub.stats.peak).toBe(2);
    for (const c of stub.calls) expect(READ_CALLS).toContain(c.call);
  });
});

describe('a broken foundation: red in the broken Region, naming the check', () => {
  test('a replica key scheduled for deletion', async () => {
    const { report } = await readiness(tgwConfig, (w) => {
      w.keys['eu-west-1']!.KeyState = 'PendingDeletion';
    });
    expect(problems(report)).toEqual([
      expect.objectContaining({ check: 'kms-key', region: 'eu-west-1', status: 'fail', detail: expect.stringContaining('is PendingDeletion') }),
    ]);
    expect(exitCode(report)).toBe(1);
    expect(detailLines(report)[0]).toMatch(/^FAIL {2}multi-Region key \[eu-west-1\]: alias\/.* names key mrk-\w+, which is PendingDeletion$/);
  });

  test('a replica key that is not a replica of the primary, and a missing alias', async () => {
    const { report } = await readiness(tgwConfig, (w) => {
      w.keys['us-west-2']!.KeyId = 'mrk-other';
      delete w.keys['eu-west-1'];
    });
    expect(cell(report, 'kms-key', 'us-west-2')).toEqual({ status: 'fail', detail: expect.stringContaining('replica mrk-other has another key id than the primary') });
    expect(cell(report, 'kms-key', 'eu-west-1')).toEqual({ status: 'fail', detail: expect.stringMatching(/^alias .* does not exist$/) });
  });

  test('a secret replica removed, one out of sync, one on another key', async () => {
    const config = testConfig({ regions: THREE_REGIONS, security: { secrets: [...SECRETS.secrets, { name: 'app/api', description: 'API key' }] } });
    const { report } = await readiness(config, (w) => {
      w.secrets['app/db'].ReplicationStatus = w.secrets['app/db'].ReplicationStatus.filter((r) => r.Region !== 'eu-west-1');
      w.secrets['app/db'].ReplicationStatus[0].Status = 'Failed';
      w.secrets['app/api'].ReplicationStatus[1].KmsKeyId = 'alias/aws/secretsmanager';
    });
    expect(problems(report).map((p) => `${p.check} ${p.region}: ${p.detail}`)).toEqual([
      'secrets:app/db us-west-2: replica of app/db is Failed',
      'secrets:app/db eu-west-1: app/db is not replicated to eu-west-1',
      expect.stringMatching(/^secrets:app\/api eu-west-1: replica of app\/api is encrypted with alias\/aws\/secretsmanager; expected eu-west-1's alias\//),
    ]);
  });

  test('ECR: a Region left out of replication, the latest image missing in a Region', async () => {
    const { report } = await readiness(tgwConfig, (w) => {
      w.registryRules['us-east-1'][0].destinations = w.registryRules['us-east-1'][0].destinations.filter((d) => d.region !== 'us-west-2');
      w.ecrImages['eu-west-1']['multi-region/app'] = [];
    });
    expect(cell(report, 'ecr-replication', 'us-west-2')).toEqual({ status: 'fail', detail: 'no replication rule of the us-east-1 registry has us-west-2 as destination' });
    expect(cell(report, 'ecr-images:multi-region/app', 'eu-west-1')).toEqual({ status: 'fail', detail: expect.stringMatching(/^latest image sha256:2{64} \(v2\) of us-east-1 is not in eu-west-1$/) });
  });

  test('ECR replication without the project prefix filter fails', async () => {
    const { report } = await readiness(tgwConfig, (w) => {
      w.registryRules['us-east-1'][0].repositoryFilters = [];
    });
    expect(cell(report, 'ecr-replication', 'eu-west-1')?.detail).toMatch(/does not filter on PREFIX_MATCH multi-region\//);
  });

  test('golden AMI still copying, DLM policy disabled, TGW peering pending, health check failing, state replica stale', async () => {
    const { report } = await readiness(tgwConfig, (w) => {
      w.amis['us-west-2'][0].State = 'pending';
      w.dlm['eu-west-1'][0].State = 'DISABLED';
      w.tgwPeerings['eu-west-1'].find((p) => p.AccepterTgwInfo.TransitGatewayId === 'tgw-us-west-2')!.State = 'pendingAcceptance';
      w.healthChecks[0].statuses = ['Failure: Connection timed out', 'Failure: Connection timed out'];
      w.objects['example-tfstate-replica']['example/prod/global.tfstate'].VersionId = 'v-old';
    });
    expect(problems(report).map((p) => `${p.check} ${p.region}`)).toEqual(['golden-ami us-west-2', 'dlm eu-west-1', 'network eu-west-1', 'health-checks us-east-1', 'state-replica us-west-2']);
    expect(cell(report, 'golden-ami', 'us-west-2')?.detail).toMatch(/is pending in us-west-2/);
    expect(cell(report, 'dlm', 'eu-west-1')?.detail).toBe('expected an ENABLED policy copying to us-east-1; found policy-eu-west-1 DISABLED copying to us-east-1');
    expect(cell(report, 'network', 'eu-west-1')?.detail).toBe('eu-west-1_us-west-2: tgw-attach-2 is pendingAcceptance; expected available');
    // Each side describes the attachment itself: us-west-2 still sees it available.
    expect(cell(report, 'network', 'us-west-2')?.status).toBe('pass');
    expect(cell(report, 'health-checks', 'us-east-1')?.detail).toMatch(/^health check hc-us-east-1 is failing: 0 of 2 checkers/);
    expect(cell(report, 'state-replica', 'us-west-2')?.detail).toBe('example/prod/global.tfstate: replica is version v-old, source v-example/prod/global.tfstate');
  });

  test('DLM copying to other Regions than configured; a VPC peering not active', async () => {
    const snapshotConfig = testConfig({ regions: THREE_REGIONS, network: { interRegion: 'vpc-peering', topology: 'full-mesh' }, compute: { snapshots: { copyTargets: { 'us-east-1': ['us-west-2'] } } } });
    const { report } = await readiness(snapshotConfig, (w) => {
      w.dlm['us-east-1'][0].targets = ['eu-west-1'];
      w.vpcPeerings['us-west-2'][0].Status.Code = 'pending-acceptance';
    });
    expect(cell(report, 'dlm', 'us-east-1')?.detail).toBe('expected an ENABLED policy copying to us-west-2; found policy-us-east-1 ENABLED copying to eu-west-1');
    expect(cell(report, 'network', 'us-west-2')?.detail).toBe('us-east-1_us-west-2: pcx-0 is pending-acceptance; expected active');
    expect(cell(report, 'network', 'eu-west-1')?.status).toBe('pass');
  });

  test('hub and spoke: a spoke checks only its link to the hub', async () => {
    const hubConfig = testConfig({ regions: THREE_REGIONS, network: { interRegion: 'transit-gateway', topology: 'hub-and-spoke' } });
    const { report } = await readiness(hubConfig, (w) => {
      w.tgwPeerings['us-east-1'].find((p) => p.AccepterTgwInfo.TransitGatewayId === 'tgw-eu-west-1')!.State = 'failed';
    });
    expect(cell(report, 'network', 'us-west-2')).toEqual({ status: 'pass', detail: 'us-east-1_us-west-2 available' });
    expect(cell(report, 'network', 'us-east-1')).toEqual({ status: 'fail', detail: 'us-east-1_eu-west-1: tgw-attach-1 is failed; expected available' });
  });

  test('state: an object not yet replicated, and one missing from the replica', async () => {
    const { report } = await readiness(tgwConfig, (w) => {
      w.objects['example-tfstate']['example/prod/global.tfstate'].ReplicationStatus = 'PENDING';
      delete w.objects['example-tfstate-replica']['example/prod/region-eu-west-1.tfstate'];
    });
    expect(cell(report, 'state-replica', 'us-west-2')?.detail).toBe(
      'example/prod/global.tfstate: replication PENDING in example-tfstate; example/prod/region-eu-west-1.tfstate is missing from example-tfstate-replica',
    );
  });
});

describe('after a promotion (activeRegion us-west-2)', () => {
  let promoted: FoundationConfig;
  beforeAll(() => {
    promoted = testConfig({ regions: THREE_REGIONS, security: SECRETS, activeRegion: 'us-west-2' });
  });
  /** The world after `npm run dr -- promote us-west-2` and the apply. */
  const promote = (w: World) => {
    const keyArn = w.keys['us-west-2']!.Arn;
    w.secrets['app/db'].ReplicationStatus = w.secrets['app/db'].ReplicationStatus.filter((r) => r.Region !== 'us-west-2');
    w.standaloneSecrets['us-west-2'] = { 'app/db': { KmsKeyId: keyArn } };
    w.registryRules = {
      'us-east-1': [],
      'us-west-2': [{ destinations: ['us-east-1', 'eu-west-1'].map((region) => ({ region, registryId: '123456789012' })), repositoryFilters: [{ filter: 'multi-region/', filterType: 'PREFIX_MATCH' }] }],
      'eu-west-1': [],
    };
    w.ecrImages['us-west-2']['multi-region/app'].push({ imageDigest: `sha256:${'3'.repeat(64)}`, imageTags: ['v3'], imagePushedAt: new Date('2026-03-01T00:00:00Z') });
    w.ecrImages['us-east-1']['multi-region/app'].push({ imageDigest: `sha256:${'3'.repeat(64)}`, imageTags: ['v3'], imagePushedAt: new Date('2026-03-01T00:00:00Z') });
    w.ecrImages['eu-west-1']['multi-region/app'].push({ imageDigest: `sha256:${'3'.repeat(64)}`, imageTags: ['v3'], imagePushedAt: new Date('2026-03-01T00:00:00Z') });
  };

  test('green for the new direction: the promoted secret standalone, ECR replicating from us-west-2', async () => {
    const { report } = await readiness(promoted, promote);
    expect(problems(report)).toEqual([]);
    expect(cell(report, 'secrets:app/db', 'us-west-2')).toEqual({ status: 'pass', detail: expect.stringMatching(/^standalone, writable \(promoted\)/) });
    expect(cell(report, 'ecr-replication', 'us-west-2')?.status).toBe('n/a');
    expect(cell(report, 'ecr-replication', 'us-east-1')).toEqual({ status: 'pass', detail: 'from us-west-2, multi-region/*' });
    expect(cell(report, 'ecr-images:multi-region/app', 'eu-west-1')?.detail).toMatch(/^sha256:3{64} \(v3\)$/);
  });

  test('red where the promotion was not done: a replica still read-only, the old source still replicating', async () => {
    const { report } = await readiness(promoted, (w) => {
      promote(w);
      delete w.standaloneSecrets['us-west-2'];
      w.secrets['app/db'].ReplicationStatus.push({ Region: 'us-west-2', KmsKeyId: w.keys['us-west-2']!.Arn, Status: 'InSync' });
      w.registryRules['us-east-1'] = w.registryRules['us-west-2'];
    });
    expect(cell(report, 'secrets:app/db', 'us-west-2')?.detail).toBe('app/db in the active Region is still a replica of us-east-1, read-only: run npm run dr -- promote us-west-2');
    expect(cell(report, 'ecr-replication', 'us-east-1')?.detail).toBe('us-east-1 also replicates (1 rule(s)); only the active Region us-west-2 may: run npm run dr -- promote us-west-2');
  });
});

describe('n/a: nothing to compare yet, or switched off', () => {
  test('no image pushed, no AMI built, no state object, no checker report', async () => {
    const { report } = await readiness(tgwConfig, (w) => {
      for (const region of Object.keys(w.ecrImages)) w.ecrImages[region]['multi-region/app'] = [];
      for (const region of Object.keys(w.amis)) w.amis[region] = [];
      w.objects['example-tfstate'] = {};
      for (const c of w.healthChecks) c.statuses = [];
    });
    expect(cell(report, 'ecr-images:multi-region/app', 'eu-west-1')).toEqual({ status: 'n/a', detail: 'no image pushed to multi-region/app yet' });
    expect(cell(report, 'golden-ami', 'us-east-1')).toEqual({ status: 'n/a', detail: 'no golden AMI built yet (no available multi-region-golden-ami-* image in us-east-1)' });
    expect(cell(report, 'state-replica', 'us-west-2')).toEqual({ status: 'n/a', detail: 'no state object under example/prod/ in example-tfstate yet (nothing deployed)' });
    expect(cell(report, 'health-checks', 'us-west-2')?.status).toBe('n/a');
    expect(exitCode(report)).toBe(0);
    expect(detailLines(report)).toContain('N/A   golden AMI [us-west-2]: no golden AMI built yet (no available multi-region-golden-ami-* image in us-east-1)');
  });

  test('features switched off, no secrets, one Region: n/a everywhere they would apply, and no call for them', async () => {
    const config = testConfig({
      regions: [{ name: 'us-east-1', vpcCidr: '10.10.0.0/16' }],
      state: { bucket: 'example-tfstate', region: 'us-east-1', keyPrefix: 'example/prod', replicaRegion: 'eu-west-1' },
      compute: { ecr: { enable: false }, imageBuilder: { enable: false }, snapshots: { enable: false } },
      edge: { enable: false },
      security: { secrets: [] },
    });
    const { report, stub } = await readiness(config);
    expect(report.regions).toEqual(['us-east-1', 'eu-west-1']);
    expect(report.rows.map((r) => `${r.id}: ${Object.entries(r.cells).map(([region, c]) => `${region} ${c.status}`).join(', ')}`)).toEqual([
      'kms-key: us-east-1 pass',
      'secrets: us-east-1 n/a',
      'ecr-replication: us-east-1 n/a',
      'ecr-images: us-east-1 n/a',
      'golden-ami: us-east-1 n/a',
      'dlm: us-east-1 n/a',
      'network: us-east-1 n/a',
      'health-checks: us-east-1 n/a',
      'state-replica: eu-west-1 pass',
    ]);
    expect(new Set(stub.calls.map((c) => c.call))).toEqual(new Set(['kms:DescribeKey', 's3:ListObjectsV2', 's3:HeadObject']));
  });
});

describe('a failed call: the cell is `error`, naming the Region and the call; exit 1', () => {
  test('access denied on one Region\'s DescribeSecret', async () => {
    const { report } = await readiness(tgwConfig, (w) => {
      w.failures['eu-west-1 secretsmanager:DescribeSecret'] = Object.assign(awsError('AccessDeniedException', 'User is not authorized to perform: secretsmanager:DescribeSecret'), { $metadata: { httpStatusCode: 400 } });
    });
    expect(problems(report)).toEqual([
      {
        check: 'secrets:app/db',
        label: 'secret app/db',
        region: 'eu-west-1',
        status: 'error',
        detail: 'eu-west-1: secretsmanager:DescribeSecret failed: AccessDeniedException: User is not authorized to perform: secretsmanager:DescribeSecret (HTTP 400)',
      },
    ]);
    expect(exitCode(report)).toBe(1);
    expect(JSON.parse(readinessJson(report)).ready).toBe(false);
    expect(readinessTable(report)).toMatch(/secret app\/db\s+pass\s+pass\s+error\s+2 pass, 1 error/);
  });

  test('a call that times out; the primary\'s failure shows in the cells that need it', async () => {
    const { report } = await readiness(tgwConfig, (w) => {
      w.failures['us-east-1 ecr:DescribeRegistry'] = awsError('TimeoutError', 'The operation was aborted due to timeout');
    });
    const detail = 'us-east-1: ecr:DescribeRegistry failed: no answer within 5 s (TimeoutError)';
    expect(report.rows.find((r) => r.id === 'ecr-replication')?.cells).toEqual({
      'us-east-1': { status: 'error', detail },
      'us-west-2': { status: 'error', detail },
      'eu-west-1': { status: 'error', detail },
    });
    expect(problems(report).every((p) => p.check === 'ecr-replication')).toBe(true);
  });

  test('describeError: the service\'s code and message on one line, or the timeout', () => {
    expect(describeError(awsError('ThrottlingException', 'Rate exceeded\nmore'), 30)).toBe('ThrottlingException: Rate exceeded');
    expect(describeError(awsError('AbortError'), 7)).toBe('no answer within 7 s (AbortError)');
    expect(describeError('boom', 30)).toBe('boom');
  });
});

describe('arguments', () => {
  test('defaults, options and --only', () => {
    expect(parseArgs([], CHECK_IDS)).toEqual({ kind: 'run', json: false, concurrency: DEFAULT_CONCURRENCY, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, only: [] });
    expect(parseArgs(['--json', '--concurrency', '3', '--timeout', '10', '--only', 'kms-key,secrets'], CHECK_IDS)).toEqual({
      kind: 'run',
      json: true,
      concurrency: 3,
      timeoutSeconds: 10,
      only: ['kms-key', 'secrets'],
    });
    expect(parseArgs(['--json', '--help'], CHECK_IDS)).toEqual({ kind: 'help' });
  });

  test.each([
    [['--concurrency', '0'], '--concurrency: received "0"; expected an integer from 1 to 64'],
    [['--timeout', 'x'], '--timeout: received "x"; expected an integer from 1 to 600'],
    [['--timeout'], '--timeout needs a value'],
    [['--only', 'kms,dlm'], `--only: received "kms,dlm"; expected check ids from ${CHECK_IDS.join(', ')}`],
    [['--outputs'], 'unknown option --outputs'],
    [['eu-west-1'], 'unexpected argument "eu-west-1"; expected options only'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseArgs(argv, CHECK_IDS)).toThrow(new UsageError(message));
  });

  test('--only runs only those checks', async () => {
    const world = readyWorld(tgwConfig);
    const stub = stubCaller(world);
    const report = await runReadiness(tgwConfig, new Reader(stub.call, { concurrency: 4, timeoutSeconds: 5 }), ['dlm']);
    expect(report.rows.map((r) => r.id)).toEqual(['dlm']);
    expect(new Set(stub.calls.map((c) => c.call.split(':')[0]))).toEqual(new Set(['dlm']));
  });
});

describe('SDK settings', () => {
  test('the endpoint from AWS_ENDPOINT_URL; S3 path-style only with an endpoint', () => {
    expect(clientConfig('kms', 'eu-west-1', {}, {})).toEqual({ region: 'eu-west-1', maxAttempts: 3 });
    expect(clientConfig('s3', 'eu-west-1', {}, { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' })).toEqual({
      region: 'eu-west-1',
      maxAttempts: 3,
      endpoint: 'http://127.0.0.1:5000',
      forcePathStyle: true,
    });
    const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
    expect(clientConfig('ec2', 'us-east-1', { endpoint: 'http://127.0.0.1:1', credentials }, {})).toEqual({ region: 'us-east-1', maxAttempts: 3, endpoint: 'http://127.0.0.1:1', credentials });
  });

  test('report columns: the state replica Region is added when it is not configured', () => {
    expect(reportRegions(tgwConfig)).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
  });
});

describe('Reader', () => {
  test('readAll follows the tokens; "not found" on the first page is undefined; other errors name Region and call', async () => {
    const pages: Record<string, any> = { '': { items: [1], next: 'a' }, a: { items: [2], next: 'b' }, b: { items: [3] } };
    const reader = new Reader(async (region, _call, input) => {
      if (region === 'gone') throw awsError('RepositoryNotFoundException');
      if (region === 'denied') throw awsError('AccessDeniedException', 'no');
      return pages[(input.token as string) ?? ''];
    }, { concurrency: 1, timeoutSeconds: 5 });
    const read = (region: string) => reader.readAll<any>(region, 'ecr:DescribeImages', {}, (p) => p.next, (token) => ({ token }), ['RepositoryNotFoundException']);
    expect((await read('us-east-1'))!.flatMap((p) => p.items)).toEqual([1, 2, 3]);
    expect(await read('gone')).toBeUndefined();
    await expect(read('denied')).rejects.toThrow('denied: ecr:DescribeImages failed: AccessDeniedException: no');
  });
});
