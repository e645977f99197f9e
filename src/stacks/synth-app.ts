import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { FoundationConfig } from '../config/validate';
import { buildFoundation } from './foundation-app';

const GENERATED_STACK_FILES = ['cdk.tf.json', 'cdk.tf'];

type CaptureStackTrace = (below?: Function) => string[];

/**
 * cdktf records where each token was created, a full stack trace formatted on the spot, only to
 * print it if that token later fails to resolve. The formatting was 14 % of a default synth and
 * 30 % of a 16-Region one. Same capture, same lines, but formatted when first read: cdktf reads
 * `creationStack` only to build an error message (intrinsic.js, lazy.js, resolvable.js).
 */
export function deferTokenCreationStacks(): void {
  // The module object cdktf's own modules call through, not a copy (cdktf 0.21, archived upstream).
  const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: CaptureStackTrace };
  if (stackTrace.captureStackTrace === captureStackTraceLazily) return;
  stackTrace.captureStackTrace = captureStackTraceLazily;
}

function captureStackTraceLazily(below?: Function): string[] {
  const holder: { stack?: string } = {};
  const previousLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    Error.captureStackTrace(holder, below ?? captureStackTraceLazily);
  } finally {
    Error.stackTraceLimit = previousLimit;
  }
  let lines: string[] | undefined;
  // V8 formats `holder.stack` on first access; until then it keeps only the captured frames.
  const read = () => (lines ??= (holder.stack ?? '').split('\n').slice(1).map((line) => line.replace(/^\s*at\s+/, '')));
  return new Proxy([] as string[], {
    get: (_target, key) => {
      const value = Reflect.get(read(), key);
      return typeof value === 'function' ? value.bind(read()) : value;
    },
    has: (_target, key) => Reflect.has(read(), key),
  });
}

/**
 * True when the cdktf CLI runs the app (cdktf synth, deploy, diff): it alone adds
 * `cdktfRelativeModules` to the context it passes in CDKTF_CONTEXT_JSON.
 */
export function runByCdktfCli(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    return 'cdktfRelativeModules' in JSON.parse(env.CDKTF_CONTEXT_JSON ?? '{}');
  } catch {
    return false;
  }
}

/**
 * Synthesizes into a staging folder beside `outdir` and publishes only after the whole app
 * synthesized: a failing synth leaves `outdir` exactly as it was. Publishing keeps what Terraform
 * put in the stack folders (.terraform, the bootstrap stack's local state) and, as `cdktf synth`
 * does, removes the folders of stacks the app no longer has. Returns the stack names.
 */
export function synthFoundation(config: FoundationConfig, outdir: string): string[] {
  const target = path.resolve(outdir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.staging-`));
  deferTokenCreationStacks();
  try {
    const app = new App({ outdir: staging });
    buildFoundation(app, config);
    synthResolvingOnce(app);
    return publish(staging, target);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Synthesizes with each stack resolved once: the compliance validation reads the stack's Terraform
 * JSON (src/compliance) right before the synthesizer writes the same JSON, and nothing changes the
 * stack in between. Outside app.synth() every call resolves afresh.
 */
function synthResolvingOnce(app: App): void {
  const stacks = app.node.findAll().filter((node): node is TerraformStack => TerraformStack.isStack(node));
  for (const stack of stacks) {
    const resolve = stack.toTerraform;
    let resolved: ReturnType<typeof resolve> | undefined;
    stack.toTerraform = () => (resolved ??= resolve.call(stack));
  }
  try {
    app.synth();
  } finally {
    // The own property hides the prototype's method; removing it restores per-call resolution.
    for (const stack of stacks) delete (stack as { toTerraform?: unknown }).toTerraform;
  }
}

function publish(staging: string, target: string): string[] {
  const stacks = Object.keys(JSON.parse(fs.readFileSync(path.join(staging, 'manifest.json'), 'utf8')).stacks);
  // Created here, not moved: a new outdir would otherwise get the staging folder's mkdtemp mode (0700).
  fs.mkdirSync(target, { recursive: true });
  const stacksDir = path.join(target, 'stacks');
  const previous = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : [];
  for (const stack of previous) {
    if (!stacks.includes(stack)) fs.rmSync(path.join(stacksDir, stack), { recursive: true, force: true });
    // A stack folder may still hold the other format (JSON vs --hcl); Terraform would read both.
    else for (const file of GENERATED_STACK_FILES) fs.rmSync(path.join(stacksDir, stack, file), { force: true });
  }
  moveInto(staging, target);
  return stacks;
}

/** Moves every entry of `from` into `to`, merging folders that exist on both sides: renames, no copies. */
function moveInto(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const destination = path.join(to, entry.name);
    if (entry.isDirectory() && fs.existsSync(destination)) moveInto(source, destination);
    else fs.renameSync(source, destination);
  }
}
