/**
 * Synth wall time of the main job, `npm run synth`, and of the app command alone (cdktf.json "app",
 * what cdktf synth, deploy and diff run), for the default config and 8 and 16 Regions; peak memory of
 * the app; the one-off rebuild after a source edit; `cdktf synth` through the CLI for comparison; the
 * load time of the provider package's root barrel. Prints figures (medians); asserts nothing.
 * Usage: npm run bench:synth [-- --runs N]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REGION_FACTS } from '../src/aws/regions';
import { APP_COMMAND } from '../scripts/lib/synth';

const ROOT = path.resolve(__dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));

function configFor(regionCount: number): string {
  const regions = REGION_FACTS.slice(0, regionCount).map((r, i) => ({ name: r.name, vpcCidr: `10.${i + 1}.0.0/16` }));
  const file = path.join(work, `regions-${regionCount}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      primaryRegion: regions[0].name,
      regions,
      state: { bucket: 'bench-tfstate', region: regions[0].name, keyPrefix: 'bench' },
    }),
  );
  return file;
}

interface Sample {
  seconds: number;
  /** User + system CPU time of every Node process the command ran. */
  cpuSeconds: number;
  maxRssMb: number;
}

function runOnce(command: string, env: NodeJS.ProcessEnv): Sample {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, NODE_OPTIONS: `--require ${path.join(__dirname, 'report-max-rss.js')}` };
  if (!env.MULTI_REGION_CONFIG) delete childEnv.MULTI_REGION_CONFIG;
  const started = process.hrtime.bigint();
  const result = spawnSync(command, { cwd: ROOT, shell: true, encoding: 'utf8', timeout: 120_000, env: childEnv });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`"${command}" failed (${result.status}): ${result.stderr}`);
  // npm and the cdktf CLI are Node processes too: the largest figure is the app's.
  const reports = [...result.stderr.matchAll(/BENCH_MAX_RSS_KB=(\d+) BENCH_CPU_US=(\d+)/g)];
  const rss = reports.map((m) => Number(m[1]));
  const cpuSeconds = reports.reduce((sum, m) => sum + Number(m[2]), 0) / 1e6;
  return { seconds, cpuSeconds, maxRssMb: rss.length ? Math.max(...rss) / 1024 : NaN };
}

function measure(command: string, env: NodeJS.ProcessEnv = {}, runs = RUNS): Sample {
  runOnce(command, env); // warm-up: a stale build is rebuilt here, and the file cache is warm for every run
  const samples = Array.from({ length: runs }, () => runOnce(command, env));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    seconds: median(samples.map((s) => s.seconds)),
    cpuSeconds: median(samples.map((s) => s.cpuSeconds)),
    maxRssMb: Math.max(...samples.map((s) => s.maxRssMb)),
  };
}

function countResources(outdir: string): number {
  const stacks = path.join(outdir, 'stacks');
  return fs.readdirSync(stacks).reduce((sum, stack) => {
    const json = JSON.parse(fs.readFileSync(path.join(stacks, stack, 'cdk.tf.json'), 'utf8'));
    return sum + Object.values<Record<string, unknown>>(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  }, 0);
}

const load = () => os.loadavg()[0].toFixed(1);
const loadBefore = load();
const rows: string[][] = [];
let baseline: { count: number; seconds: number } | undefined;
const cases: Array<[string, string | undefined]> = [
  ['default config (3 Regions)', undefined],
  ['8 Regions', configFor(8)],
  ['16 Regions', configFor(16)],
];
for (const [label, config] of cases) {
  const outdir = path.join(work, `out-${rows.length}`);
  const env: NodeJS.ProcessEnv = { CDKTF_OUTDIR: outdir, ...(config ? { MULTI_REGION_CONFIG: config } : {}) };
  const npm = measure('npm run -s synth', env);
  const app = measure(APP_COMMAND, env);
  const count = countResources(outdir);
  // Marginal cost against the default config: the fixed start-up cost cancels out, so a flat figure
  // across 8 and 16 Regions means synth time grows linearly with resources.
  const base = baseline ?? { count, seconds: app.seconds };
  baseline = base;
  const marginal = count > base.count ? (((app.seconds - base.seconds) * 1000) / (count - base.count)).toFixed(2) : '-';
  rows.push([label, String(count), `${npm.seconds.toFixed(2)} (${npm.cpuSeconds.toFixed(2)})`, `${app.seconds.toFixed(2)} (${app.cpuSeconds.toFixed(2)})`, marginal, app.maxRssMb.toFixed(0)]);
}

const rebuild = measure(`node -e "require('./bin/app-bundle').build(process.cwd(), require('fs').mkdtempSync('${work}/build-'))"`, {}, 3);
const cli = measure(`npx cdktf synth --output ${path.join(work, 'out-cli')}`, { CHECKPOINT_DISABLE: '1' }, 3);
const barrel = measure(`node -e "require('@cdktf/provider-aws')"`, {}, 3);
const deep = measure(`node -e "require('@cdktf/provider-aws/lib/vpc')"`, {}, 3);

const header = ['case', 'resources', 'npm run synth s (CPU s)', 'app command s (CPU s)', 'marginal ms/resource', 'app peak RSS MB'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(`Synth wall time (CPU time of its Node processes), median of ${RUNS} runs after a warm-up, ${os.cpus().length} cores, load average ${loadBefore} -> ${load()}`);
console.log(`app command: ${APP_COMMAND}`);
console.log(line(header));
rows.forEach((r) => console.log(line(r)));
console.log('');
console.log(`Rebuild of the app bundle after a source edit (once per change): ${rebuild.seconds.toFixed(2)} s`);
console.log(`npx cdktf synth (the CLI around the same app command), default config: ${cli.seconds.toFixed(2)} s`);
console.log(`Load @cdktf/provider-aws root barrel : ${barrel.seconds.toFixed(2)} s, peak RSS ${barrel.maxRssMb.toFixed(0)} MB`);
console.log(`Load one deep path (lib/vpc)          : ${deep.seconds.toFixed(2)} s, peak RSS ${deep.maxRssMb.toFixed(0)} MB`);
fs.rmSync(work, { recursive: true, force: true });
