/**
 * Tier 3: the whole foundation against moto on 127.0.0.1, through the CLI path users run.
 * synth -> cdktf deploy bootstrap -> cdktf deploy '*' -> SDK checks -> state-lock race ->
 * terraform plan on every stack (must be empty but for listed emulator drift) -> the same plan
 * against the state replica (scripts/e2e/state-replica.ts) -> the same with plain terraform on the
 * HCL output (the hand-off) -> plan summaries of two config changes -> cdktf destroy
 * -> leftover checks; with --drill (`npm run drill`) the Region promotion drill after the re-plan
 * (scripts/e2e/drill.ts). The emulator is stopped on every exit path.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadConfig } from '../src/config/load';
import { ensureTerraformCli } from './lib/terraform-cli';
import { run, table } from './lib/run';
import { E2E_TIMINGS_FILE, E2E_WORK_DIR, ROOT, synthStacks, deployOrder } from './lib/synth';
import { startEmulator, Emulator } from './e2e/emulator';
import { EmulatorAws, emulatorEnv } from './e2e/aws';
import { writeEmulatorOverride } from './e2e/overrides';
import { checkDeployed, checkDestroyed } from './e2e/checks';
import { Checklist } from './e2e/checklist';
import { DeployedOutputs } from './e2e/outputs';
import { describeGaps, loadGaps } from './e2e/gaps';
import { replanStacks, requireEmptyPlans, ReplanResult } from './e2e/replan';
import { stateLockTest } from './e2e/state-lock';
import { releaseProtected } from './e2e/protected';
import { handOffPlans } from './e2e/hand-off';
import { planReviewChecks } from './e2e/plan-review';
import { proveStateReplica } from './e2e/state-replica';
import { DrillStepError, regionDrill } from './e2e/drill';

const WORK = E2E_WORK_DIR;
const OUTDIR = path.join(WORK, 'cdktf.out');
const HCL_OUTDIR = path.join(WORK, 'cdktf.out.hcl');
const OUTPUTS_FILE = path.join(WORK, 'outputs.json');
const CDKTF = path.join(ROOT, 'node_modules', '.bin', 'cdktf');

const phases: Array<[string, number]> = [];
const log = (line: string) => console.log(`[e2e ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function phase<T>(name: string, body: () => Promise<T>): Promise<T> {
  log(`--- ${name}`);
  const started = Date.now();
  try {
    return await body();
  } finally {
    phases.push([name, (Date.now() - started) / 1000]);
    log(`--- ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/**
 * A phase whose proof does not depend on the config: `--no-<key>` skips it, so CI runs it for one
 * config only (each adds 1-2 minutes) and says so in the log.
 */
async function optionalPhase(key: string, name: string, body: () => Promise<unknown>): Promise<void> {
  if (process.argv.includes(`--no-${key}`)) {
    log(`--- ${name}: skipped (--no-${key})`);
    return;
  }
  await phase(name, body);
}

async function cdktf(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  const logFile = path.join(WORK, 'cdktf.log');
  fs.appendFileSync(logFile, `\n$ cdktf ${args.join(' ')}\n`);
  const result = await run(CDKTF, [...args, '--auto-approve', '--skip-provider-lock', '--no-color', '--output', OUTDIR], {
    cwd: ROOT,
    env,
    timeoutMs,
    orphanGraceMs: 5 * 60_000,
    logFile,
  });
  if (result.code !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.split('\n').filter((l) => /Error|error/.test(l)).slice(0, 30).join('\n');
    throw new Error(`cdktf ${args.join(' ')} failed (exit ${result.code}); full log in ${path.relative(ROOT, path.join(WORK, 'cdktf.log'))}\n${tail}`);
  }
}

function requireChecks(name: string, checks: Checklist): void {
  log(`${name}: ${checks.passed} checks passed, ${checks.failures.length} failed`);
  if (checks.failures.length) throw new Error(`${name} failed:\n  - ${checks.failures.join('\n  - ')}`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const gaps = loadGaps();
  const { env: terraformEnv } = ensureTerraformCli();
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });

  let emulator: Emulator | undefined;
  const stopEmulator = async () => emulator?.stop();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stopEmulator().finally(() => process.exit(130)));
  }
  try {
    emulator = await phase('start emulator', () => startEmulator(log));
    const env = { ...terraformEnv, ...emulatorEnv(emulator.endpoint), CDKTF_DISABLE_PLUGIN_CACHE_ENV: 'true' };
    const aws = new EmulatorAws(emulator.endpoint);

    const stacks = await phase('synth', async () => {
      const names = await synthStacks(OUTDIR);
      const excludedTypes = gaps.excluded.map((g) => g.resourceType);
      for (const name of names) {
        const excluded = writeEmulatorOverride(path.join(OUTDIR, 'stacks', name), excludedTypes);
        if (excluded.length) log(`${name}: not deployed against the emulator (see emulator-gaps.json): ${excluded.join(', ')}`);
      }
      return deployOrder(OUTDIR);
    });
    log(`stacks in deploy order: ${stacks.join(' -> ')}`);
    const others = stacks.filter((s) => s !== 'bootstrap');

    await phase('deploy', async () => {
      await cdktf(['deploy', 'bootstrap'], env, 10 * 60_000);
      // Every stack, bootstrap included (a no-op now): cdktf orders them by their dependencies.
      const deployAll = () => cdktf(['deploy', ...stacks, '--outputs-file', OUTPUTS_FILE], env, 30 * 60_000);
      try {
        await deployAll();
      } catch (error) {
        // Deploy is idempotent: a second run finishes what a dropped emulator connection broke,
        // and a real error fails again.
        log(`deploy failed once, retrying: ${(error as Error).message.split('\n').slice(0, 3).join(' | ')}`);
        await deployAll();
      }
    });
    const outputs = DeployedOutputs.read(OUTPUTS_FILE);

    await phase('check', async () => requireChecks('deployed foundation', await checkDeployed(aws, config, outputs, stacks)));

    await optionalPhase('state-lock', 'state lock', async () => {
      const result = await stateLockTest(path.join(OUTDIR, 'stacks', 'global'), env);
      log(`state lock: ${result.detail}`);
      if (!result.ok) throw new Error(`state-lock test failed: ${result.detail}`);
    });

    const replans: ReplanResult[] = await phase('re-plan', () => replanStacks(path.join(OUTDIR, 'stacks'), stacks, env, gaps.toleratedDrift));
    requireEmptyPlans('re-plan', replans, OUTDIR, log);

    // `npm run drill` (--drill): the Region promotion and fail-back, rehearsed on this deployment.
    if (process.argv.includes('--drill')) {
      const drill = await phase('drill (promote, apply, fail back)', () =>
        regionDrill({ outdir: OUTDIR, work: WORK, stacks: others, env, tolerated: gaps.toleratedDrift, config, endpoint: emulator!.endpoint, aws, log }),
      );
      log(`drill: ${drill.steps} steps passed`);
    }

    // The loss of the state's Region: every stack planned against the replica must be empty.
    await optionalPhase('state-replica', 'state replica', () =>
      proveStateReplica(path.join(OUTDIR, 'stacks'), others, env, gaps.toleratedDrift, config.state, {
        bucket: outputs.bootstrap.get('state_replica_bucket_name'),
        region: outputs.bootstrap.get('state_replica_region'),
      }, log),
    );

    await optionalPhase('hand-off', 'hand-off plan (plain terraform on the HCL output)', async () =>
      requireEmptyPlans('hand-off plan', await handOffPlans(OUTDIR, HCL_OUTDIR, stacks, env, gaps.toleratedDrift), HCL_OUTDIR, log),
    );

    await optionalPhase('plan-review', 'plan review (config changes against the deployed stacks)', async () =>
      requireChecks('plan review', await planReviewChecks(OUTDIR, WORK, others, env, gaps.toleratedDrift, log)),
    );

    await phase('destroy', async () => {
      for (const stack of others) {
        const released = await releaseProtected(path.join(OUTDIR, 'stacks', stack), env);
        if (released.length) log(`${stack}: keeps protected ${released.join(', ')} (removed from state before destroy)`);
      }
      try {
        await cdktf(['destroy', ...others], env, 20 * 60_000);
      } catch (error) {
        log(`destroy failed once, retrying (multi-Region KMS refreshes are known to flake): ${(error as Error).message.split('\n')[0]}`);
        await cdktf(['destroy', ...others], env, 20 * 60_000);
      }
      requireChecks('after destroy', await checkDestroyed(aws, config, outputs));
    });
  } finally {
    await stopEmulator();
    fs.writeFileSync(E2E_TIMINGS_FILE, JSON.stringify(Object.fromEntries(phases), null, 2));
    console.log(`\n${table(['phase', 'seconds'], phases.map(([n, s]) => [n, s.toFixed(1)]))}`);
    console.log(`\nEmulator gaps applied (scripts/e2e/emulator-gaps.json):\n${describeGaps(gaps)}`);
  }
  log(`deployed, checked, re-planned${process.argv.includes('--drill') ? ', promoted, failed back' : ''} and destroyed every stack against the emulator`);
  // The verdict on the last line, for scripts that read only that (`npm run drill` promises it).
  console.log('PASS');
}

main().catch((error) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\n${message}`);
  // One line naming the failed step (the drill's) or the first line of the error.
  console.log(`FAIL: ${error instanceof DrillStepError ? `drill step "${error.step}"` : message.split('\n')[0]}`);
  process.exit(1);
});
