/**
 * Runs the real app process exactly as `cdktf synth` does: the "app" command of cdktf.json, through
 * a shell, in the project root, with CDKTF_OUTDIR set. Each run costs about half a second, so the
 * cases below are the ones issues 2 and 7 name, every problem of issue 2 in one file; every other
 * rejection, and each problem on its own, is covered in-process by __tests__/config.
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExpectedProblem, badConfig, expectProblems } from './helpers/config-cases';

const ROOT = path.join(__dirname, '..');
const APP_COMMAND: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app;
const DEFAULT_STACKS = ['bootstrap', 'global', 'region-us-east-1', 'region-us-west-2', 'region-eu-west-1', 'global-network', 'global-replication', 'global-compute', 'global-edge'];

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'main-test-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the app command with the environment cdktf gives it. */
function runApp(outdir: string, configFile?: string): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.MULTI_REGION_CONFIG;
  delete env.CDKTF_OUTDIR;
  Object.assign(env, {
    CDKTF_OUTDIR: outdir,
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true',
    CDKTF_CONTEXT_JSON: '{"cdktfRelativeModules":[]}',
    SYNTH_HCL_OUTPUT: 'false',
    NODE_OPTIONS: env.NODE_OPTIONS || '--max-old-space-size=4096',
  });
  if (configFile !== undefined) env.MULTI_REGION_CONFIG = configFile;
  const result = spawnSync(APP_COMMAND, { cwd: ROOT, env, shell: true, encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw result.error;
  return result;
}

/** Every file and folder under dir: relative path -> sha256 of the content, or "dir". */
function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      const relative = path.relative(dir, full);
      if (entry.isDirectory()) {
        entries[`${relative}/`] = 'dir';
        walk(full);
      } else {
        entries[relative] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
      }
    }
  };
  walk(dir);
  return entries;
}

/** An output folder as an earlier synth and `terraform init` left it. */
function previousOutdir(outdir: string): void {
  const files: Record<string, string> = {
    'SENTINEL.txt': 'left by the test; must survive\n',
    'manifest.json': '{"version":"0.21.0","stacks":{"region-us-east-1":{}}}\n',
    'stacks/region-us-east-1/cdk.tf.json': '{"previous": "synth output"}\n',
    'stacks/region-us-east-1/.terraform/terraform.tfstate': '{"backend": "s3"}\n',
    'stacks/bootstrap/terraform.tfstate': '{"version": 4, "serial": 7}\n',
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
    fs.writeFileSync(path.join(outdir, file), text);
  }
}

const stagingLeftovers = (parent: string) => fs.readdirSync(parent).filter((name) => name.includes('.staging-'));

type Input = { config: unknown } | { text: string } | { missing: true };
interface ProcessCase {
  readonly name: string;
  readonly input: Input;
  /** The problems stderr must list; `file` is the config path given to the app. */
  readonly problems: (file: string) => readonly ExpectedProblem[];
  /**
   * Also run into a fresh output folder: at the first stage at which the app can stop (reading the
   * file) and the last (schema and cross-field checks). Every stage comes before main.ts reaches
   * synthFoundation, the only code that writes, and every case already runs into an existing folder.
   */
  readonly fresh?: boolean;
}

/**
 * Every kind of problem issue 2 names, in one file: the app must report all of them in one error
 * (the single-problem variants are covered in-process by __tests__/config).
 */
const EVERY_NAMED_PROBLEM: ProcessCase = {
  name: 'every named problem at once (Region names, duplicates, primary, CIDRs, sizes, unknown key, enum, bucket name)',
  fresh: true,
  input: {
    config: {
      primaryRegion: 'us-west-2',
      regions: [
        { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
        { name: 'eu-west-9', vpcCidr: '10.20.0.0/16' },
        { name: 'eu-west-1', vpcCidr: '10.30.0.0/33' },
        { name: 'eu-west-2', vpcCidr: '10.10.128.0/17' },
        { name: 'eu-west-3', vpcCidr: '10.40.0.0/26' },
        { name: 'eu-central-1', vpcCidr: '100.0.0.0/8' },
        { name: 'eu-west-1', vpcCidr: '10.50.0.0/16' },
      ],
      network: { interRegion: 'transit-gateway', topology: 'star', flowLogs: { retention: 30 } },
      state: { bucket: 'Example-TFState', region: 'us-east-1', keyPrefix: 'example/prod' },
    },
  },
  problems: () => [
    { path: 'regions[1].name', received: '"eu-west-9"', allowed: 'unknown Region; did you mean "eu-west-1", "eu-west-2" or "eu-west-3"? allowed: us-east-1,' },
    { path: 'regions[6].name', received: '"eu-west-1"', allowed: 'duplicate of regions[2].name; each Region may be listed once' },
    { path: 'primaryRegion', received: '"us-west-2"', allowed: 'not one of the listed Regions; did you mean "eu-west-2"? allowed: us-east-1, eu-west-1, eu-west-2, eu-west-3, eu-central-1' },
    { path: 'regions[2].vpcCidr', received: '"10.30.0.0/33"', allowed: 'expected IPv4 CIDR notation such as 10.10.0.0/16' },
    { path: 'regions[3].vpcCidr', received: '"10.10.128.0/17"', allowed: 'overlaps regions[0].vpcCidr (10.10.0.0/16); VPC CIDRs must not overlap' },
    { path: 'regions[4].vpcCidr', received: '"10.40.0.0/26"', allowed: 'too small for the subnet plan (16 subnet slots of at least /28); prefix must be /16 to /24' },
    { path: 'regions[5].vpcCidr', received: '"100.0.0.0/8"', allowed: 'larger than AWS allows for a VPC; prefix must be /16 to /24' },
    { path: 'network.flowLogs.retention', received: '30', allowed: 'unknown key; did you mean "retentionDays"? allowed keys here: retentionDays, trafficType' },
    { path: 'network.topology', received: '"star"', allowed: 'expected "full-mesh" or "hub-and-spoke"' },
    { path: 'state.bucket', received: '"Example-TFState"', allowed: 'expected 3-63 lowercase letters, digits, "." or "-", starting and ending with a letter or digit' },
  ],
};

/** A config with a problem of its own padded past the 1 MiB limit: only the size is reported, as nothing is parsed. */
const OVERSIZED = `${JSON.stringify(badConfig('duplicate Region').config)}${' '.repeat(2 * 1024 * 1024)}`;

const CASES: ProcessCase[] = [
  EVERY_NAMED_PROBLEM,
  {
    name: 'missing file',
    input: { missing: true },
    fresh: true,
    problems: (file) => [
      { path: '(root)', received: JSON.stringify(file), allowed: 'cannot read the file (ENOENT: no such file or directory); expected a readable JSON file' },
    ],
  },
  {
    name: 'trailing comma in the regions list',
    input: {
      text: [
        '{',
        '  "primaryRegion": "us-east-1",',
        '  "regions": [',
        '    { "name": "us-east-1", "vpcCidr": "10.10.0.0/16" },',
        '  ],',
        '  "state": { "bucket": "example-tfstate", "region": "us-east-1", "keyPrefix": "example/prod" }',
        '}',
      ].join('\n'),
    },
    problems: (file) => [
      { path: 'regions', received: '","', allowed: `not valid JSON at line 4, column 55 (${file}:4:55); expected no comma before "]": JSON allows no trailing comma` },
    ],
  },
  {
    name: 'file over the size limit',
    input: { text: OVERSIZED },
    problems: () => [
      {
        path: '(root)',
        received: `a file of 2.0 MiB (${Buffer.byteLength(OVERSIZED).toLocaleString('en-US')} bytes)`,
        allowed: 'expected a config file of at most 1 MiB (1,048,576 bytes)',
      },
    ],
  },
];

describe.each(CASES.map((c) => [c.name, c] as const))('bad config, real app process: %s', (name, badCase) => {
  const slug = name.replace(/[^a-z0-9]+/gi, '-');
  let configFile: string;
  let fresh: { parent: string; outdir: string; result: SpawnSyncReturns<string> } | undefined;
  let existing: { parent: string; outdir: string; before: Record<string, string>; result: SpawnSyncReturns<string> };
  const runs = () => [existing, ...(fresh ? [fresh] : [])];

  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(tmp, `${slug}-`));
    configFile = path.join(dir, 'config.json');
    if ('config' in badCase.input) fs.writeFileSync(configFile, JSON.stringify(badCase.input.config, null, 2));
    if ('text' in badCase.input) fs.writeFileSync(configFile, badCase.input.text);

    if (badCase.fresh) {
      const freshParent = path.join(dir, 'fresh');
      fs.mkdirSync(freshParent);
      const freshOutdir = path.join(freshParent, 'cdktf.out');
      fresh = { parent: freshParent, outdir: freshOutdir, result: runApp(freshOutdir, configFile) };
    }

    const existingParent = path.join(dir, 'existing');
    const existingOutdir = path.join(existingParent, 'cdktf.out');
    previousOutdir(existingOutdir);
    const before = snapshot(existingParent);
    existing = { parent: existingParent, outdir: existingOutdir, before, result: runApp(existingOutdir, configFile) };
  });

  test('exits non-zero', () => {
    for (const { result } of runs()) {
      expect(result.signal).toBeNull();
      expect(result.status).toBe(1);
    }
  });

  test('stderr lists every problem with its JSON path, the value received and what is allowed, without a stack trace', () => {
    for (const { result } of runs()) {
      const stderr = result.stderr;
      expect(stderr).toMatch(/^Invalid configuration in .* \(from MULTI_REGION_CONFIG\): \d+ problems?\n/);
      expect(stderr).toContain(configFile);
      expectProblems(stderr, badCase.problems(configFile));
      expect(stderr).not.toMatch(/^\s+at /m);
    }
  });

  if (badCase.fresh) {
    test('writes nothing into a fresh output folder', () => {
      expect(fs.existsSync(fresh!.outdir)).toBe(false);
      expect(fs.readdirSync(fresh!.parent)).toEqual([]);
    });
  }

  test('leaves an existing output folder byte-for-byte as it was, with no staging folder beside it', () => {
    expect(snapshot(existing.parent)).toEqual(existing.before);
    expect(stagingLeftovers(existing.parent)).toEqual([]);
  });
});

describe('good config, real app process (the embedded default, into a folder an earlier run left)', () => {
  let parent: string;
  let outdir: string;
  let result: SpawnSyncReturns<string>;
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf8'));

  beforeAll(() => {
    parent = fs.mkdtempSync(path.join(tmp, 'good-'));
    outdir = path.join(parent, 'cdktf.out');
    previousOutdir(outdir);
    result = runApp(outdir);
  });

  test('exits 0 without complaint, and leaves the list of stacks to the cdktf CLI', () => {
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  test("writes manifest.json listing every stack of the default config", () => {
    const manifest = read('manifest.json');
    expect(Object.keys(manifest.stacks).sort()).toEqual([...DEFAULT_STACKS].sort());
    for (const stack of DEFAULT_STACKS) expect(manifest.stacks[stack].synthesizedStackPath).toBe(`stacks/${stack}/cdk.tf.json`);
  });

  test.each(DEFAULT_STACKS)("writes the %s stack's cdk.tf.json", (stack) => {
    const json = read(`stacks/${stack}/cdk.tf.json`);
    expect(json.terraform).toBeDefined();
    expect(json).not.toHaveProperty('previous');
  });

  test('keeps what Terraform and the user left: local state, .terraform, other files', () => {
    expect(fs.readFileSync(path.join(outdir, 'SENTINEL.txt'), 'utf8')).toBe('left by the test; must survive\n');
    expect(read('stacks/bootstrap/terraform.tfstate')).toEqual({ version: 4, serial: 7 });
    expect(read('stacks/region-us-east-1/.terraform/terraform.tfstate')).toEqual({ backend: 's3' });
  });

  test('leaves no staging folder', () => {
    expect(stagingLeftovers(parent)).toEqual([]);
    expect(fs.readdirSync(parent)).toEqual(['cdktf.out']);
  });
});

describe('npm run synth (the app command without the cdktf CLI)', () => {
  let parent: string;
  let result: SpawnSyncReturns<string>;

  beforeAll(() => {
    parent = fs.mkdtempSync(path.join(tmp, 'npm-synth-'));
    const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: path.join(parent, 'cdktf.out') };
    delete env.MULTI_REGION_CONFIG;
    delete env.CDKTF_CONTEXT_JSON;
    result = spawnSync('npm', ['run', '--silent', 'synth'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  });

  test('prints the stacks it generated, as cdktf synth does', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`Generated Terraform code for the stacks: ${[...DEFAULT_STACKS].sort().join(', ')}\n`);
  });

  test('writes manifest.json and every stack folder', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(parent, 'cdktf.out', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual([...DEFAULT_STACKS].sort());
    expect(fs.readdirSync(path.join(parent, 'cdktf.out', 'stacks')).sort()).toEqual([...DEFAULT_STACKS].sort());
  });

  test('prints a config error once, on stderr', () => {
    const configFile = path.join(parent, 'bad.json');
    fs.writeFileSync(configFile, '{"primaryRegion": "us-east-1", "regions": []}');
    const bad = spawnSync('npm', ['run', '--silent', 'synth'], {
      cwd: ROOT,
      env: { ...process.env, MULTI_REGION_CONFIG: configFile, CDKTF_OUTDIR: path.join(parent, 'bad.out') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.match(/Invalid configuration/g)).toHaveLength(1);
    expect(bad.stderr).toMatch(/^Invalid configuration in .*bad\.json \(from MULTI_REGION_CONFIG\): 2 problems\n/);
  });
});
