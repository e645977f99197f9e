/**
 * `npm run plan`: synthesizes (honouring MULTI_REGION_CONFIG), plans every stack in deploy order
 * against its current state, and writes each stack's `terraform show -json` plan and one Markdown
 * summary for review. Progress goes to stderr, the summary to stdout. Exit 0 when every plan was
 * made and no protected resource would be replaced or deleted; 1 otherwise; 2 for bad arguments.
 *
 * `planStacks` is the core, for callers with their own stack folders and environment (the e2e).
 */
import { UsageError } from '../lib/cli';
import * as fs from 'fs';
import * as path from 'path';
import { ensureTerraformCli } from '../lib/terraform-cli';
import { pool, run, RunResult } from '../lib/run';
import { deployOrder, ROOT, synthStacks } from '../lib/synth';
import {
  blockedLines,
  exitCode,
  parsePlan,
  PlanFailure,
  PlanFormatError,
  preventDestroyRefusals,
  renderMarkdown,
  StackSummary,
  summarizePlan,
  verdict,
} from './summary-lib';
import { preventDestroyOf } from './prevent-destroy';

export const BOOTSTRAP = 'bootstrap';
export const SUMMARY_FILE = 'summary.md';
const PARALLEL = 2;
const INIT_TIMEOUT_MS = 5 * 60_000;
const PLAN_TIMEOUT_MS = 20 * 60_000;
/**
 * The plan arguments, shared by the run and the rerun hint. Without the lock (a read-only role such
 * as the plan role may not write the lock file) a concurrent apply can make the plan stale, and
 * Terraform then refuses to apply it: the review itself stays sound.
 */
const planArgs = (lock: boolean) => ['plan', '-input=false', lock ? '-lock-timeout=60s' : '-lock=false', '-no-color'];

export interface PlanStacksOptions {
  /** A synthesized `stacks` folder: one Terraform root module per stack. */
  stacksDir: string;
  /** Stacks to plan, in deploy order (the summary keeps this order). */
  stacks: readonly string[];
  /** Terraform's environment: CLI config, credentials or AWS_ENDPOINT_URL. */
  env: NodeJS.ProcessEnv;
  /** Folder for `<stack>.json`, `<stack>.tfplan` and summary.md; replaced as a whole. */
  out: string;
  /** Extra lines for the summary, e.g. stacks left out and why. */
  notes?: readonly string[];
  /** Take the state lock while planning (-lock-timeout=60s); false: -lock=false. @default true */
  lock?: boolean;
  log?: (line: string) => void;
}

export interface PlanStacksResult {
  summaries: StackSummary[];
  failures: PlanFailure[];
  markdown: string;
  /** A protected resource would be replaced or deleted. */
  blocked: boolean;
  /** A stack could not be planned. */
  failed: boolean;
  exitCode: number;
}

/**
 * Refuses an `out` folder this tool did not write: it is replaced as a whole at the end, so that
 * plans of stacks from an earlier run never sit beside this run's summary.
 */
export function checkOutFolder(out: string): void {
  if (!fs.existsSync(out)) return;
  if (!fs.statSync(out).isDirectory()) throw new Error(`--out ${out}: exists and is not a folder`);
  const entries = fs.readdirSync(out);
  if (entries.length && !entries.includes(SUMMARY_FILE)) {
    throw new Error(`--out ${out}: folder holds files that npm run plan did not write (no ${SUMMARY_FILE}); it would be replaced: choose a new or empty folder`);
  }
}

/** Terraform's errors (from the first "Error:"), else the end of its output; at most 40 lines. */
function errorText(r: RunResult, lines = 40): string {
  const all = `${r.stdout}\n${r.stderr}`.trim().split('\n');
  const first = all.findIndex((line) => /^(│ )?Error: /.test(line));
  return (first >= 0 ? all.slice(first, first + lines) : all.slice(-lines)).join('\n');
}

function rerunCommand(stacksDir: string, stack: string, env: NodeJS.ProcessEnv, lock: boolean): string {
  const relative = path.relative(ROOT, path.join(stacksDir, stack));
  const dir = relative.startsWith('..') ? path.join(stacksDir, stack) : relative || '.';
  const cli = env.TF_CLI_CONFIG_FILE ? `TF_CLI_CONFIG_FILE=${env.TF_CLI_CONFIG_FILE} ` : '';
  return `cd ${dir} && ${cli}terraform init -input=false -reconfigure && ${cli}terraform ${planArgs(lock).join(' ')}`;
}

const isStackFolder = (dir: string) => fs.existsSync(path.join(dir, 'cdk.tf.json')) || fs.existsSync(path.join(dir, 'cdk.tf'));

async function init(dir: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  // -reconfigure: the folder may have been initialized with another backend block (another config,
  // an e2e override); a plan must never offer to migrate state, only read it.
  return run('terraform', ['init', '-input=false', '-no-color', '-reconfigure'], { cwd: dir, env, timeoutMs: INIT_TIMEOUT_MS });
}

async function planOne(
  options: PlanStacksOptions,
  work: string,
  stack: string,
  initialized: boolean,
): Promise<{ summary?: StackSummary; failure?: PlanFailure; note?: string }> {
  const dir = path.join(options.stacksDir, stack);
  const lock = options.lock ?? true;
  const rerun = rerunCommand(options.stacksDir, stack, options.env, lock);
  const fail = (step: string, r: RunResult) => {
    const output = `${r.stdout}\n${r.stderr}`;
    const refused = preventDestroyRefusals(output);
    return { failure: { stack, message: `${step} exited ${r.code}:\n${errorText(r)}`, rerun, ...(refused.length ? { refusedDestroy: refused } : {}) } };
  };
  if (!isStackFolder(dir)) {
    return { failure: { stack, message: `${dir} holds no synthesized stack (cdk.tf.json or cdk.tf)` } };
  }
  if (!initialized) {
    const r = await init(dir, options.env);
    if (r.code !== 0) return fail('terraform init', r);
  }
  const planFile = path.join(work, `${stack}.tfplan`);
  const planned = await run('terraform', [...planArgs(lock), `-out=${planFile}`], { cwd: dir, env: options.env, timeoutMs: PLAN_TIMEOUT_MS });
  if (planned.code !== 0) {
    // Terraform saves a plan file that errored too; it must never be mistaken for a reviewed plan.
    fs.rmSync(planFile, { force: true });
    return fail('terraform plan', planned);
  }
  const shown = await run('terraform', ['show', '-json', '-no-color', planFile], { cwd: dir, env: options.env, timeoutMs: INIT_TIMEOUT_MS });
  if (shown.code !== 0) return fail('terraform show -json', shown);
  fs.writeFileSync(path.join(work, `${stack}.json`), shown.stdout, { mode: 0o600 });
  try {
    const plan = parsePlan(shown.stdout, `${stack} (terraform show -json ${planFile})`);
    const preventDestroy = preventDestroyOf(options.stacksDir, stack);
    return { summary: summarizePlan(stack, plan, { preventDestroy: preventDestroy.addresses }), note: preventDestroy.note };
  } catch (error) {
    if (error instanceof PlanFormatError) return { failure: { stack, message: error.message, rerun } };
    throw error;
  }
}

/**
 * Plans the stacks (two at a time: a plan only reads state and each stack has its own), writes
 * `<out>/<stack>.json`, `<out>/<stack>.tfplan` and `<out>/summary.md`, and returns the summary.
 * The out folder appears whole or not at all; plan files can hold sensitive values (mode 0600/0700).
 */
export async function planStacks(options: PlanStacksOptions): Promise<PlanStacksResult> {
  const log = options.log ?? (() => undefined);
  const out = path.resolve(options.out);
  checkOutFolder(out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const work = fs.mkdtempSync(path.join(path.dirname(out), `.${path.basename(out)}.partial-`));
  try {
    // With a registry and a shared plugin cache (no mirror), parallel first installs race on the
    // cache: the first stack initializes alone.
    const [first] = options.stacks;
    let firstInit: RunResult | undefined;
    if (first && isStackFolder(path.join(options.stacksDir, first))) firstInit = await init(path.join(options.stacksDir, first), options.env);
    let done = 0;
    const results = await pool(options.stacks, PARALLEL, async (stack) => {
      const initialized = stack === first && firstInit?.code === 0;
      const result = await planOne(options, work, stack, initialized);
      done++;
      log(`[${done}/${options.stacks.length}] ${stack}: ${result.failure ? 'PLAN FAILED' : result.summary!.blocked.length ? 'BLOCKED' : 'planned'}`);
      return result;
    });
    const summaries = results.flatMap((r) => (r.summary ? [r.summary] : []));
    const failures = results.flatMap((r) => (r.failure ? [r.failure] : []));
    const notes = [...(options.notes ?? []), ...results.flatMap((r) => (r.note ? [r.note] : []))];
    const markdown = renderMarkdown(summaries, failures, { notes });
    fs.writeFileSync(path.join(work, SUMMARY_FILE), markdown);
    fs.rmSync(out, { recursive: true, force: true });
    fs.renameSync(work, out);
    const v = verdict(summaries, failures);
    return { summaries, failures, markdown, blocked: v.blocked, failed: v.failed, exitCode: exitCode(v) };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export const USAGE = `usage: npm run plan -- [--stacks a,b] [--include-bootstrap] [--no-lock] [--outdir DIR] [--out DIR]
  --stacks a,b          plan only these stacks (still in deploy order)
  --no-lock             plan with -lock=false (a read-only role, e.g. the plan role, may not write the lock file)
  --include-bootstrap   plan bootstrap too, from its local state in <outdir>/stacks/bootstrap
  --outdir DIR          where to synthesize (default cdktf.out; MULTI_REGION_CONFIG selects the config)
  --out DIR             where to write <stack>.json, <stack>.tfplan and summary.md (default .plan)`;

export interface PlanArgs {
  outdir: string;
  out: string;
  stacks?: string[];
  includeBootstrap: boolean;
  lock: boolean;
}

export { UsageError };

export function parsePlanArgs(argv: readonly string[]): PlanArgs {
  const args: PlanArgs = { outdir: 'cdktf.out', out: '.plan', includeBootstrap: false, lock: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (!v || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--outdir') args.outdir = value();
    else if (flag === '--out') args.out = value();
    else if (flag === '--stacks') args.stacks = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (flag === '--include-bootstrap') args.includeBootstrap = true;
    else if (flag === '--no-lock') args.lock = false;
    else if (flag === '--help' || flag === '-h') throw new UsageError('');
    else throw new UsageError(`unknown argument ${JSON.stringify(argv[i])}`);
  }
  if (args.stacks?.length === 0) throw new UsageError('--stacks needs at least one stack name');
  return args;
}

/** The stacks to plan, in deploy order, and what the summary must say about those left out. */
export function selectStacks(order: readonly string[], args: Pick<PlanArgs, 'stacks' | 'includeBootstrap'>, stacksDir: string): { stacks: string[]; notes: string[] } {
  const unknown = (args.stacks ?? []).filter((s) => !order.includes(s));
  if (unknown.length) throw new UsageError(`--stacks: no stack ${unknown.join(', ')} in this synth; stacks: ${order.join(', ')}`);
  const wanted = args.stacks ?? order;
  const include = (s: string) => wanted.includes(s) && (s !== BOOTSTRAP || args.includeBootstrap || args.stacks?.includes(BOOTSTRAP));
  const stacks = order.filter(include);
  const notes: string[] = [];
  const localState = path.join(path.relative(ROOT, stacksDir) || '.', BOOTSTRAP, `terraform.${BOOTSTRAP}.tfstate`);
  if (order.includes(BOOTSTRAP) && !stacks.includes(BOOTSTRAP) && wanted.includes(BOOTSTRAP)) {
    notes.push(`\`${BOOTSTRAP}\` was not planned: its state is local (\`${localState}\`, kept by the administrator who applies it). Plan it there with \`npm run plan -- --include-bootstrap\`.`);
  } else if (stacks.includes(BOOTSTRAP) && !fs.existsSync(path.join(stacksDir, BOOTSTRAP, `terraform.${BOOTSTRAP}.tfstate`))) {
    notes.push(`\`${BOOTSTRAP}\` has no local state at \`${localState}\`: its plan shows it as a new deployment.`);
  }
  return { stacks, notes };
}

async function main(): Promise<number> {
  let args: PlanArgs;
  try {
    args = parsePlanArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message ? `plan: ${error.message}\n${USAGE}` : USAGE);
    return 2;
  }
  const outdir = path.resolve(ROOT, args.outdir);
  const out = path.resolve(ROOT, args.out);
  const stacksDir = path.join(outdir, 'stacks');
  try {
    checkOutFolder(out);
  } catch (error) {
    console.error(`plan: ${(error as Error).message}`);
    return 2;
  }
  const log = (line: string) => console.error(`[plan] ${line}`);
  const { env, mirror } = ensureTerraformCli();
  log(`config ${process.env.MULTI_REGION_CONFIG || 'config/default.json'}; provider from ${mirror ? `mirror ${mirror}` : 'the registry'}; synthesizing into ${path.relative(ROOT, outdir) || '.'}`);
  await synthStacks(outdir);
  let selected: { stacks: string[]; notes: string[] };
  try {
    selected = selectStacks(deployOrder(outdir), args, stacksDir);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`plan: ${error.message}\n${USAGE}`);
    return 2;
  }
  log(`planning ${selected.stacks.join(' -> ')}, ${PARALLEL} at a time${args.lock ? '' : ', without the state lock'}`);
  const result = await planStacks({ stacksDir, stacks: selected.stacks, env, out, notes: selected.notes, log, lock: args.lock });
  process.stdout.write(result.markdown);
  const v = verdict(result.summaries, result.failures);
  for (const line of blockedLines(v)) console.error(line);
  for (const f of result.failures) console.error(`PLAN FAILED ${f.stack}${f.rerun ? `; rerun: ${f.rerun}` : ''}`);
  const shown = path.relative(ROOT, out);
  log(`plans and summary in ${shown.startsWith('..') ? out : shown || '.'}/`);
  return result.exitCode;
}

if (require.main === module) {
  main()
    .then((code) => (process.exitCode = code))
    .catch((error) => {
      console.error(`plan: ${error instanceof Error ? error.message : error}`);
      process.exitCode = 1;
    });
}
