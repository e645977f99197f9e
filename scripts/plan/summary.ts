/**
 * `npm run -s plan:summary -- <stack>=<plan.json> [...] [--stacks-dir DIR]`: the review summary of
 * plans made elsewhere (a CI system's own `terraform show -json` output). Markdown on stdout; exit 0
 * when no protected resource is replaced or deleted, 1 when one is (each named on stderr), 2 for
 * bad arguments or a file that is not a plan.
 */
import { UsageError } from '../lib/cli';
import * as fs from 'fs';
import { blockedLines, parsePlan, PlanFormatError, renderMarkdown, StackSummary, summarizePlan, verdict } from './summary-lib';
import { preventDestroyOf } from './prevent-destroy';

export const USAGE = `usage: npm run -s plan:summary -- <stack>=<plan.json> [<stack>=<plan.json> ...] [--stacks-dir DIR]
  <plan.json>       output of \`terraform show -json <planfile>\` for that stack
  --stacks-dir DIR  a synthesized cdktf.out/stacks folder: resources with prevent_destroy in
                    DIR/<stack>/cdk.tf.json count as protected too`;

export { UsageError };

export interface SummaryArgs {
  plans: Array<{ stack: string; file: string }>;
  stacksDir?: string;
}

const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function parseSummaryArgs(argv: readonly string[]): SummaryArgs {
  const args: SummaryArgs = { plans: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--stacks-dir' || arg.startsWith('--stacks-dir=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value) throw new UsageError('--stacks-dir needs a folder (a synthesized cdktf.out/stacks)');
      if (!fs.existsSync(value) || !fs.statSync(value).isDirectory()) throw new UsageError(`--stacks-dir ${value}: no such folder`);
      args.stacksDir = value;
      continue;
    }
    if (arg === '--help' || arg === '-h') throw new UsageError('');
    if (arg.startsWith('-')) throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
    const eq = arg.indexOf('=');
    if (eq < 0) throw new UsageError(`argument ${JSON.stringify(arg)}: expected <stack>=<plan.json>, e.g. global=plans/global.json`);
    const stack = arg.slice(0, eq);
    const file = arg.slice(eq + 1);
    if (!STACK_NAME.test(stack)) throw new UsageError(`argument ${JSON.stringify(arg)}: stack name ${JSON.stringify(stack)} is empty or not a stack name (letters, digits, - _ .)`);
    if (!file) throw new UsageError(`argument ${JSON.stringify(arg)}: no plan file after "="`);
    const previous = args.plans.find((p) => p.stack === stack);
    if (previous) throw new UsageError(`argument ${JSON.stringify(arg)}: stack ${stack} is already given (${stack}=${previous.file}); name each stack once`);
    if (!fs.existsSync(file)) throw new UsageError(`argument ${JSON.stringify(arg)}: file ${file} does not exist`);
    if (!fs.statSync(file).isFile()) throw new UsageError(`argument ${JSON.stringify(arg)}: ${file} is not a file`);
    args.plans.push({ stack, file });
  }
  if (args.plans.length === 0) throw new UsageError('no plans given');
  return args;
}

export interface Output {
  stdout(text: string): void;
  /** One line, without its newline. */
  stderr(line: string): void;
}

const processOutput: Output = { stdout: (text) => process.stdout.write(text), stderr: (line) => console.error(line) };

/** The CLI without the process: returns the exit status. */
export function runSummary(argv: readonly string[], io: Output = processOutput): number {
  let args: SummaryArgs;
  try {
    args = parseSummaryArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(error.message ? `plan:summary: ${error.message}\n${USAGE}` : USAGE);
    return 2;
  }
  const summaries: StackSummary[] = [];
  const notes: string[] = [];
  for (const { stack, file } of args.plans) {
    let plan;
    try {
      plan = parsePlan(fs.readFileSync(file, 'utf8'), `${stack}=${file}`);
    } catch (error) {
      if (!(error instanceof PlanFormatError)) throw error;
      io.stderr(`plan:summary: ${error.message}`);
      return 2;
    }
    const preventDestroy = args.stacksDir ? preventDestroyOf(args.stacksDir, stack) : { addresses: [] };
    if (preventDestroy.note) {
      notes.push(preventDestroy.note);
      io.stderr(`plan:summary: warning: ${preventDestroy.note}`);
    }
    summaries.push(summarizePlan(stack, plan, { preventDestroy: preventDestroy.addresses }));
  }
  io.stdout(renderMarkdown(summaries, [], { notes }));
  const result = verdict(summaries);
  for (const line of blockedLines(result)) io.stderr(line);
  return result.blocked ? 1 : 0;
}

if (require.main === module) process.exitCode = runSummary(process.argv.slice(2));
