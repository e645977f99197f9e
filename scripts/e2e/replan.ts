import * as path from 'path';
import { run } from '../lib/run';
import { ToleratedDrift } from './gaps';

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
export async function replan(stackDir: string, env: NodeJS.ProcessEnv, tolerated: ToleratedDrift[]): Promise<ReplanResult> {
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
    const gap = tolerated.find(
      (g) => g.stack === stack && g.resourceType === change.type && [...g.actions].sort().join() === [...actions].sort().join(),
    );
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
