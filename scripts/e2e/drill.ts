/**
 * The Region promotion drill (issue 12 item 4), against the deployed foundation in the emulator:
 * readiness green (and red where a key is deliberately broken) -> the guard: activeRegion changed
 * without the promotion is blocked by the plan summary -> `dr promote <second Region>` -> config
 * activeRegion -> plan (nothing protected destroyed) -> apply -> re-plan empty -> writes in the new
 * Region (a secret value, an image that replicates from there) -> readiness green for the new
 * direction -> `dr status` consistent -> fail back the same way -> re-plan empty -> the value
 * written during the promotion survives in the primary, every protected resource still there.
 * Every step is named; the first that fails stops the drill and names itself.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DescribeImagesCommand, DescribeRepositoriesCommand, PutImageCommand } from '@aws-sdk/client-ecr';
import { DescribeSecretCommand, GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { FoundationConfig } from '../../src/config/validate';
import { loadConfig } from '../../src/config/load';
import { ecrRepositoryName } from '../../src/constructs/compute/ecr-names';
import { pool, run } from '../lib/run';
import { PROTECTED_TYPES } from '../plan/summary-lib';
import { synthStacks } from '../lib/synth';
import { planStacks, PlanStacksResult } from '../plan/plan';
import { breakKey, emulatorCaller, readinessPhase, ReadinessExpectation, restoreKey } from '../readiness/e2e-readiness';
import { promote, status } from '../dr/dr-lib';
import { drCaller } from '../dr/dr-caller';
import { EmulatorAws, CREDENTIALS } from './aws';
import { ToleratedDrift, toleratedDriftFor } from './gaps';
import { replanStacks, requireEmptyPlans } from './replan';
import { deployedConfigFile, writeVariant } from './config-variant';
import { imageManifest } from './image-manifest';

export interface DrillContext {
  readonly outdir: string;
  readonly work: string;
  /** Every stack but bootstrap, in deploy order. */
  readonly stacks: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly tolerated: readonly ToleratedDrift[];
  readonly config: FoundationConfig;
  readonly endpoint: string;
  readonly aws: EmulatorAws;
  readonly log: (line: string) => void;
}

/** A failed drill step; its name is the drill's verdict line. */
export class DrillStepError extends Error {
  constructor(
    readonly step: string,
    detail: string,
  ) {
    super(`drill step "${step}" failed: ${detail}`);
  }
}

export async function regionDrill(ctx: DrillContext): Promise<{ steps: number }> {
  const { config, log } = ctx;
  const primary = config.primaryRegion;
  const target = config.regions.map((r) => r.name).find((r) => r !== primary);
  if (!target) throw new DrillStepError('choose the Region to promote', 'a one-Region foundation has nothing to promote to');
  const third = config.regions.map((r) => r.name).find((r) => r !== primary && r !== target);
  const secret = config.security.secrets[0]?.name;
  const repository = config.compute.ecr.enable ? ecrRepositoryName(config.project, config.compute.ecr.repositories[0].name) : undefined;
  const stacksDir = path.join(ctx.outdir, 'stacks');
  const readers = emulatorCaller(ctx.endpoint);
  const writer = drCaller({ endpoint: ctx.endpoint, credentials: CREDENTIALS });
  let steps = 0;
  const step = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      const result = await body();
      steps++;
      log(`drill: ${name}: ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return result;
    } catch (error) {
      throw error instanceof DrillStepError ? error : new DrillStepError(name, error instanceof Error ? error.message : String(error));
    }
  };
  const readiness = async (active: FoundationConfig, expectation: ReadinessExpectation) => {
    const result = await readinessPhase(active, expectation, readers.call);
    result.lines.forEach((line) => log(line));
    if (!result.ok) throw new Error(result.failures.join('\n'));
  };
  const protectedCounts = () => countProtected(stacksDir, ctx.stacks, ctx.env);
  // What each stack's configuration was at its last apply: a stack planned against it only if it changed.
  let applied = synthesizedStacks(ctx);
  let failedBack = false;

  try {
    const before = await step('count protected resources in state', protectedCounts);
    await step('readiness green after deploy', () => readiness(config, { kind: 'ready' }));
    const broken = third ?? target;
    await step(`readiness red for a broken key in ${broken}`, async () => {
      const kms = ctx.aws.kms(broken);
      const keyId = await breakKey(kms, config.security.kms.alias);
      try {
        await readiness(config, { kind: 'broken', check: 'kms-key', region: broken });
      } finally {
        await restoreKey(kms, keyId);
      }
      await readiness(config, { kind: 'ready' });
    });
    if (secret) {
      await step(`put a value in ${primary}`, async () => {
        await ctx.aws.secrets(primary).send(new PutSecretValueCommand({ SecretId: secret, SecretString: 'drill-written-in-primary' }));
      });
    }

    const promotedFile = writeVariant(ctx.work, 'config-promoted', (c) => {
      c.activeRegion = target;
    });
    const promoted = { file: promotedFile, config: loadConfig({ MULTI_REGION_CONFIG: promotedFile }) };
    await step(`guard: activeRegion ${target} without the promotion is blocked`, async () => {
      await synthStacks(ctx.outdir, { config: promoted.file });
      const plan = await planStacks({ stacksDir, stacks: ['global-replication'], env: ctx.env, out: path.join(ctx.work, 'drill-guard') });
      const blocked = plan.summaries.flatMap((s) => s.blocked.map((b) => b.address));
      if (!config.security.secrets.length) return;
      if (!plan.blocked || !blocked.some((a) => a.startsWith('aws_secretsmanager_secret.'))) {
        throw new Error(`expected the summary to block the secret that would lose its ${target} copy; blocked: ${blocked.join(', ') || 'nothing'} (exit ${plan.exitCode})`);
      }
    });

    await step(`dr promote ${target} --dry-run changes nothing`, async () => {
      const result = await promote(config, target, writer.call, { dryRun: true });
      result.lines.forEach((line) => log(`  ${line}`));
      if (!result.ok || !result.steps.some((s) => s.status === 'would do (dry run)')) throw new Error('expected the dry run to list the steps it would take');
      if (secret) {
        const copy = await ctx.aws.secrets(target).send(new DescribeSecretCommand({ SecretId: secret }));
        if (copy.PrimaryRegion !== primary) throw new Error(`the dry run promoted ${secret} in ${target} (PrimaryRegion ${copy.PrimaryRegion ?? 'none'})`);
      }
    });
    await step(`dr promote ${target}`, async () => {
      const result = await promote(config, target, writer.call, { dryRun: false });
      result.lines.forEach((line) => log(`  ${line}`));
      if (!result.ok) throw new Error('a promotion step failed (above)');
    });
    const moved = await step(`plan and apply activeRegion ${target}`, () => planAndApply(ctx, promoted.file, 'drill-promoted', applied));
    applied = synthesizedStacks(ctx);
    // The other stacks' configuration and state are what the re-plan before the drill found empty.
    await step(`re-plan empty after promoting ${target} (${moved.join(', ')})`, () => requireEmpty(ctx, moved));

    if (secret) {
      await step(`write the secret in ${target}`, async () => {
        await ctx.aws.secrets(target).send(new PutSecretValueCommand({ SecretId: secret, SecretString: 'drill-written-in-promoted' }));
        const read = await ctx.aws.secrets(target).send(new GetSecretValueCommand({ SecretId: secret }));
        if (read.SecretString !== 'drill-written-in-promoted') throw new Error(`read back another value than written in ${target}`);
      });
    }
    if (repository) {
      await step(`push an image in ${target}; it replicates from there`, () => pushAndFind(ctx, repository, target, 'drill-promoted', 'c'));
    }
    await step(`readiness green for the new direction (${target})`, () => readiness(promoted.config, { kind: 'ready' }));
    await step(`dr status: everything active in ${target}`, () => requireConsistent(promoted.config, writer.call, target, log));

    await step(`dr promote ${primary} (fail back)`, async () => {
      const result = await promote(promoted.config, primary, writer.call, { dryRun: false });
      result.lines.forEach((line) => log(`  ${line}`));
      if (!result.ok) throw new Error('a fail-back step failed (above)');
    });
    await step(`plan and apply activeRegion ${primary}`, () => planAndApply(ctx, deployedConfigFile(), 'drill-failed-back', applied));
    failedBack = true;
    await step('re-plan empty after failing back (every stack)', () => requireEmpty(ctx, ctx.stacks));

    if (secret) {
      await step(`the value written in ${target} survives in ${primary}, replicated again`, async () => {
        const read = await ctx.aws.secrets(primary).send(new GetSecretValueCommand({ SecretId: secret }));
        if (read.SecretString !== 'drill-written-in-promoted') throw new Error(`${primary} holds another value than the one written in ${target} during the promotion`);
        const copy = await ctx.aws.secrets(target).send(new DescribeSecretCommand({ SecretId: secret }));
        if (copy.PrimaryRegion !== primary) throw new Error(`${target}'s copy is not a replica of ${primary} again (PrimaryRegion ${copy.PrimaryRegion ?? 'none'})`);
      });
    }
    if (repository) {
      await step(`push an image in ${primary}; it replicates from there again`, () => pushAndFind(ctx, repository, primary, 'drill-failed-back', 'd'));
    }
    await step('readiness green after failing back', () => readiness(config, { kind: 'ready' }));
    await step(`dr status: everything active in ${primary}`, () => requireConsistent(config, writer.call, primary, log));
    await step('nothing protected destroyed', async () => {
      const after = await protectedCounts();
      const lost = Object.keys(before).filter((k) => (after[k] ?? 0) < before[k]);
      if (lost.length) throw new Error(`fewer protected resources in state than before the drill: ${lost.map((k) => `${k} ${before[k]} -> ${after[k] ?? 0}`).join(', ')}`);
    });
    return { steps };
  } finally {
    readers.close();
    writer.close();
    // The deployed config again, for the phases after the drill (the fail-back synthesized it).
    if (!failedBack) await synthStacks(ctx.outdir);
  }
}

/** Each stack's synthesized configuration as it is in the output folder now. */
function synthesizedStacks(ctx: DrillContext): Map<string, string> {
  return new Map(ctx.stacks.map((stack) => [stack, fs.readFileSync(path.join(ctx.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')]));
}

/**
 * Synthesizes `configFile` over the deployed stacks; `npm run plan`'s code on every stack whose
 * configuration differs from `applied` (an unchanged stack plans what the re-plan before found:
 * nothing), then applies the saved plans that change more than listed emulator drift. Returns the
 * planned stacks.
 */
async function planAndApply(ctx: DrillContext, configFile: string, name: string, applied: ReadonlyMap<string, string>): Promise<string[]> {
  const stacksDir = path.join(ctx.outdir, 'stacks');
  await synthStacks(ctx.outdir, { config: configFile });
  const now = synthesizedStacks(ctx);
  const stacks = ctx.stacks.filter((stack) => now.get(stack) !== applied.get(stack));
  if (stacks.length === 0) throw new Error(`the config change left every stack as it was; expected the link stacks that follow activeRegion to change`);
  const out = path.join(ctx.work, name);
  const plan: PlanStacksResult = await planStacks({ stacksDir, stacks, env: ctx.env, out });
  if (plan.failed || plan.blocked || plan.exitCode !== 0) {
    throw new Error(`plan summary exit ${plan.exitCode}: ${plan.failures.map((f) => `${f.stack}: ${f.message.split('\n')[0]}`).join('; ')}${plan.blocked ? ` blocked: ${plan.summaries.flatMap((s) => s.blocked.map((b) => b.address)).join(', ')}` : ''}`);
  }
  ctx.log(`drill: ${name}: ${plan.summaries.map((s) => `${s.stack} +${s.counts.create} ~${s.counts.update} -/+${s.counts.replace} -${s.counts.delete}`).join(', ')}`);
  const isEmulatorDrift = (stack: string, type: string, actions: string) => toleratedDriftFor(ctx.tolerated, stack, type, actions) !== undefined;
  // Only a listed emulator drift (a replace every plan shows against moto) is no reason to apply.
  const changing = plan.summaries.filter(
    (s) => s.counts.create + s.counts.update > 0 || [...s.replaces, ...s.deletes].some((e) => !isEmulatorDrift(s.stack, e.type, e.actions)),
  );
  for (const s of changing) {
    const destroyed = [...s.replaces, ...s.deletes].filter((e) => e.protection && !isEmulatorDrift(s.stack, e.type, e.actions));
    if (destroyed.length) throw new Error(`${s.stack} would destroy protected ${destroyed.map((e) => e.address).join(', ')}`);
  }
  await pool(
    changing.map((s) => s.stack),
    2,
    async (stack) => {
      const applied = await run('terraform', ['apply', '-input=false', '-no-color', '-lock-timeout=60s', path.join(out, `${stack}.tfplan`)], {
        cwd: path.join(stacksDir, stack),
        env: ctx.env,
        timeoutMs: 15 * 60_000,
      });
      if (applied.code !== 0) throw new Error(`terraform apply of ${stack} exited ${applied.code}:\n${`${applied.stdout}\n${applied.stderr}`.split('\n').filter((l) => /Error/.test(l)).slice(0, 10).join('\n')}`);
    },
  );
  return stacks;
}

/** Every one of `stacks` plans empty but for listed emulator drift. */
async function requireEmpty(ctx: DrillContext, stacks: readonly string[]): Promise<void> {
  requireEmptyPlans('drill re-plan', await replanStacks(path.join(ctx.outdir, 'stacks'), stacks, ctx.env, ctx.tolerated), ctx.outdir, ctx.log);
}

/** Pushes a new tag in `region` and finds its digest in every other Region. */
async function pushAndFind(ctx: DrillContext, repository: string, region: string, tag: string, seed: string): Promise<void> {
  const pushed = await ctx.aws.ecr(region).send(new PutImageCommand({ repositoryName: repository, imageManifest: imageManifest(seed), imageTag: tag }));
  const digest = pushed.image?.imageId?.imageDigest;
  if (!digest) throw new Error(`push of ${repository}:${tag} in ${region} returned no digest`);
  for (const other of ctx.config.regions.map((r) => r.name).filter((r) => r !== region)) {
    const found = await ctx.aws
      .ecr(other)
      .send(new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageDigest: digest }] }))
      .catch(() => undefined);
    if (!found?.imageDetails?.length) throw new Error(`${repository}:${tag} pushed in ${region} is not in ${other}: replication does not leave ${region}`);
  }
  const repositories = await ctx.aws.ecr(ctx.config.primaryRegion).send(new DescribeRepositoriesCommand({ repositoryNames: [repository] }));
  if (!repositories.repositories?.length) throw new Error(`${repository} is gone from ${ctx.config.primaryRegion}`);
}

async function requireConsistent(config: FoundationConfig, call: Parameters<typeof status>[1], region: string, log: (line: string) => void): Promise<void> {
  const report = await status(config, call);
  report.lines.forEach((line) => log(`  ${line}`));
  if (report.consistentIn !== region) throw new Error(`dr status: expected everything active in ${region}; ${report.consistentIn ? `active in ${report.consistentIn}` : `services disagree: ${report.disagreeing.join(', ')}`}`);
}

/** Protected resources per `<stack> <type>` in the state of every stack. */
async function countProtected(stacksDir: string, stacks: readonly string[], env: NodeJS.ProcessEnv): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await pool([...stacks], 2, async (stack) => {
    const listed = await run('terraform', ['state', 'list'], { cwd: path.join(stacksDir, stack), env, timeoutMs: 120_000 });
    if (listed.code !== 0) throw new Error(`terraform state list in ${stack} exited ${listed.code}: ${listed.stderr.split('\n')[0]}`);
    for (const address of listed.stdout.split('\n')) {
      const type = Object.keys(PROTECTED_TYPES).find((t) => address.startsWith(`${t}.`));
      if (type) counts[`${stack} ${type}`] = (counts[`${stack} ${type}`] ?? 0) + 1;
    }
  });
  return counts;
}
