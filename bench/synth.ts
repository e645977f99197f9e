/**
 * Synth wall time and peak memory of the app process (the command cdktf runs) for the default
 * config and for 3, 8 and 16 Regions, plus the load time of the provider package's root barrel.
 * Prints figures; asserts nothing. Usage: npm run bench:synth [-- --runs N]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REGION_FACTS } from '../src/aws/regions';

const ROOT = path.resolve(__dirname, '..');
const APP = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app as string;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
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
  maxRssMb: number;
}

function runOnce(command: string, env: NodeJS.ProcessEnv): Sample {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, {
    cwd: ROOT,
    shell: true,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...env, NODE_OPTIONS: `--require ${path.join(__dirname, 'report-max-rss.js')}` },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`"${command}" failed (${result.status}): ${result.stderr}`);
  const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(result.stderr);
  return { seconds, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

function measure(command: string, env: NodeJS.ProcessEnv = {}): Sample {
  const samples = Array.from({ length: RUNS }, () => runOnce(command, env));
  const times = samples.map((s) => s.seconds).sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)], maxRssMb: Math.max(...samples.map((s) => s.maxRssMb)) };
}

function countResources(outdir: string): number {
  const stacks = path.join(outdir, 'stacks');
  return fs.readdirSync(stacks).reduce((sum, stack) => {
    const json = JSON.parse(fs.readFileSync(path.join(stacks, stack, 'cdk.tf.json'), 'utf8'));
    return sum + Object.values<Record<string, unknown>>(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  }, 0);
}

const rows: string[][] = [];
let baseline: { count: number; seconds: number } | undefined;
const cases: Array<[string, string | undefined]> = [
  ['default config', undefined],
  ['3 Regions', configFor(3)],
  ['8 Regions', configFor(8)],
  ['16 Regions', configFor(16)],
];
for (const [label, config] of cases) {
  const outdir = path.join(work, `out-${rows.length}`);
  const env: NodeJS.ProcessEnv = { CDKTF_OUTDIR: outdir, ...(config ? { MULTI_REGION_CONFIG: config } : {}) };
  if (!config) delete process.env.MULTI_REGION_CONFIG;
  const sample = measure(APP, env);
  const count = countResources(outdir);
  // Marginal cost against the 3-Region case: the fixed start-up cost cancels out, so a flat figure
  // across 8 and 16 Regions means synth time grows linearly with resources.
  const base = baseline ?? { count, seconds: sample.seconds };
  if (label === '3 Regions') baseline = { count, seconds: sample.seconds };
  const marginal = count > base.count ? (((sample.seconds - base.seconds) * 1000) / (count - base.count)).toFixed(2) : '-';
  rows.push([label, String(count), sample.seconds.toFixed(2), marginal, sample.maxRssMb.toFixed(0)]);
}

const barrel = measure(`node -e "require('@cdktf/provider-aws')"`);
const deep = measure(`node -e "require('@cdktf/provider-aws/lib/vpc')"`);

const header = ['case', 'resources', 'wall s', 'marginal ms/resource', 'peak RSS MB'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(`App synth (${APP}), median of ${RUNS} runs, ${os.cpus().length} cores`);
console.log(line(header));
rows.forEach((r) => console.log(line(r)));
console.log('');
console.log(`Load @cdktf/provider-aws root barrel : ${barrel.seconds.toFixed(2)} s, peak RSS ${barrel.maxRssMb.toFixed(0)} MB`);
console.log(`Load one deep path (lib/vpc)          : ${deep.seconds.toFixed(2)} s, peak RSS ${deep.maxRssMb.toFixed(0)} MB`);
fs.rmSync(work, { recursive: true, force: true });
