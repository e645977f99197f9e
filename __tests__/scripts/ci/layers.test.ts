import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFile } from 'child_process';
import { promisify } from 'util';
import { STACK_LAYER_NAMES, layerOutputs, stackLayers } from '../../../scripts/ci/layers';
import { formatOutputs, parseArgs, readManifest } from '../../../scripts/ci/stack-layers';
import { SCENARIOS } from '../../invariants/scenarios';
import { synthToFolder, testConfig } from '../../helpers/synth';
import { scriptProcess } from '../../helpers/script-process';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('stackLayers', () => {
  const manifest = {
    bootstrap: { dependencies: [] },
    global: { dependencies: ['bootstrap'] },
    'region-b': { dependencies: ['global'] },
    'region-a': { dependencies: ['global'] },
    'global-network': { dependencies: ['region-b', 'region-a'] },
    'global-edge': { dependencies: ['region-a', 'global'] },
  };

  test('each stack one layer below the deepest stack it depends on; bootstrap left out', () => {
    expect(stackLayers(manifest)).toEqual({ global: ['global'], regions: ['region-a', 'region-b'], links: ['global-edge', 'global-network'] });
  });

  test('a layer may be empty', () => {
    expect(stackLayers({ bootstrap: { dependencies: [] }, global: { dependencies: ['bootstrap'] } })).toEqual({ global: ['global'], regions: [], links: [] });
  });

  test('a fourth layer is refused, naming the chain', () => {
    expect(() => stackLayers({ ...manifest, 'global-late': { dependencies: ['global-network'] } })).toThrow(
      'stack global-late is 4 layers deep (global-late -> global-network -> region-b -> global); the workflow deploys 3 layers (global, regions, links)',
    );
  });

  test('a cycle and an unknown dependency are named', () => {
    expect(() => stackLayers({ a: { dependencies: ['b'] }, b: { dependencies: ['a'] } })).toThrow('stack dependency cycle: a -> b -> a');
    expect(() => stackLayers({ a: { dependencies: ['ghost'] } })).toThrow('stack a depends on ghost, which the manifest does not list');
  });

  test('outputs: every stack in layer order, the state Region and the first approval environment', () => {
    const config = testConfig({ security: { iam: { githubOidc: { repository: 'acme/infra', environments: ['production', 'staging'] } } } });
    expect(layerOutputs(stackLayers(manifest), config)).toMatchObject({
      stacks: ['global', 'region-a', 'region-b', 'global-edge', 'global-network'],
      'aws-region': 'us-east-1',
      environment: 'production',
    });
    expect(layerOutputs(stackLayers(manifest), testConfig()).environment).toBe('');
  });
});

describe('ci:layers arguments', () => {
  test('defaults and flags', () => {
    expect(parseArgs([])).toEqual({ outdir: path.join(ROOT, 'cdktf.out'), synth: false, format: 'json' });
    expect(parseArgs(['--outdir', '/tmp/x', '--synth', '--format', 'github'])).toEqual({ outdir: '/tmp/x', synth: true, format: 'github' });
  });

  test.each([
    [['--format', 'yaml'], '--format: received "yaml"; expected json or github'],
    [['--outdir'], '--outdir: expected a value after it'],
    [['--stacks', 'x'], 'unknown argument "--stacks"'],
  ])('%p is refused', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

/**
 * Configs whose synthesized stacks the layers must match: the default, examples, one Region. The
 * default config runs the script as the workflow does (synthesizing through the app command); the
 * others take the same steps in this process.
 */
const CONFIGS: Array<[string, Record<string, unknown>]> = SCENARIOS.filter(([name]) =>
  ['config/default.json', 'config/examples/hub-and-spoke.json', 'config/examples/edge-full.json'].includes(name) || name.startsWith('1 Region'),
);

/** The script's `--synth --format github` run, in a child process: stdout. */
async function runScript(configFile: string, outdir: string): Promise<string> {
  const { stdout } = await promisify(execFile)(...scriptProcess('scripts/ci/stack-layers.ts', ['--synth', '--outdir', outdir, '--format', 'github']), {
    cwd: ROOT,
    env: { ...process.env, MULTI_REGION_CONFIG: configFile },
  });
  return stdout;
}

/** The script's steps in this process: load and synthesize, read the manifest, print the outputs. */
function layersInProcess(configFile: string, outdir: string): string {
  const { config } = synthToFolder(configFile, outdir);
  return formatOutputs(layerOutputs(stackLayers(readManifest(outdir)), config), 'github');
}

describe.each(CONFIGS)('ci:layers --synth for %s', (name, config) => {
  let dir: string;
  let outputs: Record<string, string>;
  let manifest: Record<string, { dependencies: string[] }>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-layers-'));
    const configFile = path.join(dir, 'config.json');
    fs.writeFileSync(configFile, JSON.stringify(config));
    const outdir = path.join(dir, 'out');
    const stdout = name === 'config/default.json' ? await runScript(configFile, outdir) : layersInProcess(configFile, outdir);
    outputs = Object.fromEntries(stdout.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    manifest = readManifest(outdir);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const layer = (key: string): string[] => JSON.parse(outputs[key]);

  test('every synthesized stack but bootstrap is in exactly one layer, and `stacks` lists them in layer order', () => {
    const all = STACK_LAYER_NAMES.flatMap(layer);
    expect([...all].sort()).toEqual(Object.keys(manifest).filter((s) => s !== 'bootstrap').sort());
    expect(layer('stacks')).toEqual(all);
    expect(Object.keys(manifest)).toContain('bootstrap');
  });

  test('global first, one region-* stack per configured Region in the matrix, the link stacks last', () => {
    expect(layer('global')).toEqual(['global']);
    const regions = (config.regions as Array<{ name: string }>).map((r) => `region-${r.name}`);
    expect(layer('regions')).toEqual([...regions].sort());
    expect(layer('links').every((s) => !s.startsWith('region-') && s !== 'global')).toBe(true);
  });

  test('each stack depends only on earlier layers, and on the layer just above it', () => {
    const index = (stack: string) => STACK_LAYER_NAMES.findIndex((key) => layer(key).includes(stack));
    for (const stack of layer('stacks')) {
      const deps = manifest[stack].dependencies.filter((d) => d !== 'bootstrap');
      for (const dep of deps) expect(index(dep)).toBeLessThan(index(stack));
      expect(Math.max(-1, ...deps.map(index))).toBe(index(stack) - 1);
    }
  });

  test('credentials are requested in the state Region', () => {
    expect(outputs['aws-region']).toBe((config.state as { region: string }).region);
  });
});
