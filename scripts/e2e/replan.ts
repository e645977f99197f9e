import * as path from 'path';
import { pool, run, table } from '../lib/run';
import { ROOT } from '../lib/synth';
import { ToleratedDrift, toleratedDriftFor } from './gaps';

export interface ReplanResult {
  stack: string;
  seconds: number;
  /** Changes that match a listed emulator drift: [address, actions, gap id]. */
  tolerated: Array<[string, string, string]>;
  /** Changes nothing explains: the run fails on these. */
  drift: Array<[string, string]>;
  error?: string;
}

/** `terraform plan -detailed-exitcode`; any change not on the tolerated list is drift. */
export async function replan(stackDir: string, env: NodeJS.ProcessEnv, tolerated: readonly ToleratedDrift[]): Promise<ReplanResult> {
  const stack = path.basename(stackDir);
  const plan = await run('terraform', ['plan', '-detailed-exitcode', '-input=false', '-lock-timeout=60s', '-no-color', '-out=e2e.tfplan'], {
    cwd: stackDir,
    env,
    timeoutMs: 10 * 60_000,
  });
  const result: ReplanResult = { stack, seconds: plan.seconds, tolerated: [], drift: [] };
  if (plan.code === 0) return result;
  if (plan.code !== 2) return { ...result, error: `terraform plan exited ${plan.code}:\n${plan.stdout}\n${plan.stderr}` };
  const shown = await run('terraform', ['show', '-json', 'e2e.tfplan'], { cwd: stackDir, env, timeoutMs: 120_000 });
  const changes: Array<{ address: string; type: string; change: { actions: string[]; before?: any; after?: any } }> =
    JSON.parse(shown.stdout).resource_changes ?? [];
  for (const change of changes) {
    const actions = change.change.actions;
    if (actions.every((a) => a === 'no-op' || a === 'read')) continue;
    const gap = toleratedDriftFor(tolerated, stack, change.type, actions);
    if (gap) result.tolerated.push([change.address, actions.join('+'), gap.id]);
    else result.drift.push([change.address, `${actions.join('+')} ${changedAttributes(change.change.before, change.change.after)}`]);
  }
  return result;
}

/** The attributes an update would change, with before and after, for the failure message. */
function changedAttributes(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): string {
  if (!before || !after) return '';
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return `(${keys.map((k) => `${k}: ${JSON.stringify(before[k])} -> ${JSON.stringify(after[k])}`).join(', ')})`;
}

/** `replan` on each of `stacks` in `stacksDir`, two at a time (a plan only reads its own state: one per core). */
export function replanStacks(stacksDir: string, stacks: readonly string[], env: NodeJS.ProcessEnv, tolerated: readonly ToleratedDrift[]): Promise<ReplanResult[]> {
  return pool([...stacks], 2, (stack) => replan(path.join(stacksDir, stack), env, tolerated));
}

/** Prints one row per stack and fails on any change no listed emulator drift explains. */
export function requireEmptyPlans(name: string, results: ReplanResult[], outdir: string, log: (line: string) => void): void {
  console.log(
    table(
      ['stack', name, 'tolerated emulator drift', 'seconds'],
      results.map((r) => [r.stack, r.error ? 'ERROR' : r.drift.length ? `DRIFT (${r.drift.length})` : 'empty', String(r.tolerated.length), r.seconds.toFixed(1)]),
    ),
  );
  for (const r of results) r.tolerated.forEach(([address, actions, id]) => log(`tolerated ${r.stack}: ${address} ${actions} (${id})`));
  const broken = results.filter((r) => r.error || r.drift.length);
  if (broken.length) {
    throw new Error(
      `${name}: not empty\n` +
        broken
          .map((r) => `${r.stack}: ${r.error ?? r.drift.map(([a, act]) => `${a} wants ${act}`).join('; ')}\n  rerun: cd ${path.relative(ROOT, path.join(outdir, 'stacks', r.stack))} && terraform plan`)
          .join('\n'),
    );
  }
}
