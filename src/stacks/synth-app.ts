import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { FoundationConfig } from '../config/validate';
import { buildFoundation } from './foundation-app';
import { REQUIRED_TERRAFORM_VERSION } from './foundation-stack';
import { terraformFmt, tidyHcl } from './hand-off/hcl-format';
import { LOCK_FILE_NAME, providerLockFile } from './hand-off/provider-lock';

/**
 * What Terraform and its operators keep in a stack folder across syntheses: the working directory,
 * local state (bootstrap) and its lock, and override files (Terraform's own hook for local changes,
 * which the emulator run uses). Everything else there was generated and is replaced.
 */
const TERRAFORM_WORKING_FILE = /^(\.terraform|\.terraform\.tfstate\.lock\.info|.*\.tfstate(\.backup)?|(.*_)?override\.tf(\.json)?)$/;

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
 * put in the stack folders (TERRAFORM_WORKING_FILE), removes every other file an earlier synth left
 * there and, as `cdktf synth` does, the folders of stacks the app no longer has. Returns the stack names.
 */
export function synthFoundation(config: FoundationConfig, outdir: string): string[] {
  const target = path.resolve(outdir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.staging-`));
  try {
    const app = new App({ outdir: staging });
    buildFoundation(app, config);
    synthResolvingOnce(app);
    finishStackFolders(staging);
    return publish(staging, target);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Synthesizes with each stack resolved once (see resolvingOnce). */
function synthResolvingOnce(app: App): void {
  const stacks = app.node.findAll().filter((node): node is TerraformStack => TerraformStack.isStack(node));
  resolvingOnce(stacks, () => app.synth());
}

/**
 * Runs `work` with each stack's Terraform JSON resolved once: the compliance validation reads the
 * stack's Terraform JSON (src/compliance) right before the synthesizer writes the same JSON, and
 * nothing changes the stack in between. Outside `work` every call resolves afresh.
 */
export function resolvingOnce<T>(stacks: readonly TerraformStack[], work: () => T): T {
  for (const stack of stacks) {
    const resolve = stack.toTerraform;
    let resolved: ReturnType<typeof resolve> | undefined;
    stack.toTerraform = () => (resolved ??= resolve.call(stack));
  }
  try {
    return work();
  } finally {
    // The own property hides the prototype's method; removing it restores per-call resolution.
    for (const stack of stacks) delete (stack as { toTerraform?: unknown }).toTerraform;
  }
}

/**
 * Turns cdktf's output into code an operations team takes over as is: each stack folder gets the
 * provider lock file, and HCL output is tidied and, with Terraform installed, `terraform fmt`ed.
 */
function finishStackFolders(staging: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(staging, 'manifest.json'), 'utf8'));
  for (const [name, stack] of Object.entries<{ synthesizedStackPath: string }>(manifest.stacks)) {
    const file = path.join(staging, stack.synthesizedStackPath);
    const text = fs.readFileSync(file, 'utf8');
    let constraint: string | undefined;
    if (file.endsWith('.json')) {
      constraint = JSON.parse(text).terraform?.required_providers?.aws?.version;
    } else {
      constraint = /required_providers\s*\{\s*aws\s*=\s*\{[^}]*?version\s*=\s*"([^"]+)"/.exec(text)?.[1];
      const tidy = tidyHcl(text, REQUIRED_TERRAFORM_VERSION);
      fs.writeFileSync(file, terraformFmt(tidy, `stacks/${name}/cdk.tf`) ?? tidy);
    }
    if (!constraint) throw new Error(`stacks/${name}: no required_providers.aws.version to lock`);
    fs.writeFileSync(path.join(path.dirname(file), LOCK_FILE_NAME), providerLockFile(constraint));
  }
}

function publish(staging: string, target: string): string[] {
  const stacks = Object.keys(JSON.parse(fs.readFileSync(path.join(staging, 'manifest.json'), 'utf8')).stacks);
  // Created here, not moved: a new outdir would otherwise get the staging folder's mkdtemp mode (0700).
  fs.mkdirSync(target, { recursive: true });
  const stacksDir = path.join(target, 'stacks');
  const previous = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : [];
  for (const stack of previous) {
    const folder = path.join(stacksDir, stack);
    if (!stacks.includes(stack)) {
      fs.rmSync(folder, { recursive: true, force: true });
      continue;
    }
    // Files of an earlier synth (the other format, HCL's metadata.json) would be read or copied with the new ones.
    for (const entry of fs.readdirSync(folder)) {
      if (!TERRAFORM_WORKING_FILE.test(entry)) fs.rmSync(path.join(folder, entry), { recursive: true, force: true });
    }
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
