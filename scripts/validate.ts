/**
 * Tier 2: synthesizes every stack (JSON and HCL, honouring MULTI_REGION_CONFIG) and runs
 * `terraform init -backend=false` + `terraform validate` on each, two at a time, offline. Init
 * checks the provider against each stack's lock file; a validate warning fails the stack; the HCL
 * output must pass `terraform fmt -check`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ensureTerraformCli } from './lib/terraform-cli';
import { pool, run, table } from './lib/run';
import { HCL_OUTDIR, ROOT, VALIDATE_RESULTS_FILE, synthStacks } from './lib/synth';

const PARALLEL = 2;
const TIMEOUT_MS = 5 * 60_000;

interface Job {
  stack: string;
  format: 'json' | 'hcl';
  dir: string;
}
interface Outcome extends Job {
  ok: boolean;
  seconds: number;
  failedCommand?: string;
  output?: string;
}

async function validate(job: Job, env: NodeJS.ProcessEnv): Promise<Outcome> {
  let seconds = 0;
  for (const args of [['init', '-backend=false', '-input=false', '-no-color'], ['validate', '-no-color']]) {
    const result = await run('terraform', args, { cwd: job.dir, env, timeoutMs: TIMEOUT_MS });
    seconds += result.seconds;
    // A warning (e.g. "Quoted references are deprecated") is what an operations team would fix first.
    if (result.code !== 0 || (args[0] === 'validate' && /Warning:/.test(result.stdout + result.stderr))) {
      return { ...job, ok: false, seconds, failedCommand: `terraform ${args.join(' ')}`, output: `${result.stdout}\n${result.stderr}`.trim() };
    }
  }
  return { ...job, ok: true, seconds };
}

async function main(): Promise<void> {
  const { env, mirror } = ensureTerraformCli();
  console.log(`provider: ${mirror ? `filesystem mirror ${mirror}` : 'registry'}; config: ${process.env.MULTI_REGION_CONFIG || 'config/default.json'}`);
  const started = Date.now();
  const outdirs = { json: path.join(ROOT, 'cdktf.out'), hcl: HCL_OUTDIR };
  const jobs: Job[] = [];
  for (const format of ['json', 'hcl'] as const) {
    const stacks = await synthStacks(outdirs[format], { hcl: format === 'hcl' });
    jobs.push(...stacks.map((stack) => ({ stack, format, dir: path.join(outdirs[format], 'stacks', stack) })));
  }
  console.log(`synthesized ${jobs.length / 2} stacks as JSON and HCL in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // The first init fills the shared plugin cache; parallel first installs race on it.
  const [first, ...rest] = jobs;
  const report = (o: Outcome, i: number) => {
    console.log(`[${String(i + 1).padStart(2)}/${jobs.length}] ${o.ok ? 'ok  ' : 'FAIL'} ${o.stack} (${o.format}) ${o.seconds.toFixed(1)} s`);
    return o;
  };
  let done = 0;
  const outcomes = [report(await validate(first, env), done++)];
  outcomes.push(...(await pool(rest, PARALLEL, async (job) => report(await validate(job, env), done++))));

  // The hand-off HCL must be what `terraform fmt` would write (issue 11: ops teams run fmt -check).
  const fmt = await run('terraform', ['fmt', '-check', '-recursive', '-no-color', path.join(outdirs.hcl, 'stacks')], { cwd: ROOT, env, timeoutMs: 120_000 });
  if (fmt.code !== 0) {
    outcomes.push({ stack: '(all)', format: 'hcl', dir: outdirs.hcl, ok: false, seconds: fmt.seconds, failedCommand: 'terraform fmt -check -recursive', output: `files terraform fmt would rewrite:\n${fmt.stdout}${fmt.stderr}`.trim() });
  } else {
    console.log(`terraform fmt -check -recursive: every HCL stack is formatted (${fmt.seconds.toFixed(1)} s)`);
  }

  console.log(`\n${table(['stack', 'format', 'result', 'seconds'], outcomes.map((o) => [o.stack, o.format, o.ok ? 'valid' : 'FAILED', o.seconds.toFixed(1)]))}`);
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
  fs.writeFileSync(
    VALIDATE_RESULTS_FILE,
    JSON.stringify({ totalSeconds: (Date.now() - started) / 1000, stacks: outcomes.map(({ stack, format, ok, seconds }) => ({ stack, format, ok, seconds })) }, null, 2),
  );
  const failed = outcomes.filter((o) => !o.ok);
  for (const f of failed) {
    console.error(`\n${f.stack} (${f.format}) failed at: ${f.failedCommand}\n${f.output}`);
    console.error(`rerun: cd ${path.relative(ROOT, f.dir)} && TF_CLI_CONFIG_FILE=${env.TF_CLI_CONFIG_FILE} ${f.failedCommand}`);
  }
  if (failed.length) {
    console.error(`\nterraform validate failed for: ${failed.map((f) => `${f.stack} (${f.format})`).join(', ')}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
