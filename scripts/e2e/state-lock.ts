import { run, RunResult } from '../lib/run';

export interface LockTestResult {
  ok: boolean;
  detail: string;
}

const LOCK_ERROR = /Error acquiring the state lock/;

/**
 * Two applies of one stack at once: the S3 lock file must stop the second, and the state must
 * stay intact and readable afterwards. Both succeeding means they did not overlap (inconclusive),
 * so that is retried a bounded number of times and then reported as a failure.
 */
export async function stateLockTest(stackDir: string, env: NodeJS.ProcessEnv, attempts = 3): Promise<LockTestResult> {
  const apply = () =>
    run('terraform', ['apply', '-auto-approve', '-input=false', '-lock-timeout=0s', '-no-color'], { cwd: stackDir, env, timeoutMs: 10 * 60_000 });
  const before = await pullState(stackDir, env);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const results: RunResult[] = await Promise.all([apply(), apply()]);
    const winners = results.filter((r) => r.code === 0);
    const blocked = results.filter((r) => r.code !== 0 && LOCK_ERROR.test(r.stderr + r.stdout));
    const other = results.filter((r) => r.code !== 0 && !LOCK_ERROR.test(r.stderr + r.stdout));
    if (other.length) return { ok: false, detail: `an apply failed for another reason:\n${other[0].stdout}\n${other[0].stderr}` };
    if (winners.length === 2) continue;
    if (winners.length !== 1 || blocked.length !== 1) return { ok: false, detail: `expected one apply to win and one to be locked out; ${winners.length} won` };
    const after = await pullState(stackDir, env);
    if (after.lineage !== before.lineage) return { ok: false, detail: `state lineage changed: ${before.lineage} -> ${after.lineage}` };
    if (after.serial < before.serial) return { ok: false, detail: `state serial went back: ${before.serial} -> ${after.serial}` };
    const plan = await run('terraform', ['plan', '-detailed-exitcode', '-input=false', '-lock-timeout=30s', '-no-color'], { cwd: stackDir, env, timeoutMs: 5 * 60_000 });
    if (plan.code !== 0) return { ok: false, detail: `plan after the race is not empty (exit ${plan.code}):\n${plan.stdout}\n${plan.stderr}` };
    return { ok: true, detail: `attempt ${attempt}: one apply won, the other stopped on the lock; state serial ${before.serial} -> ${after.serial}, lineage kept, plan empty` };
  }
  return { ok: false, detail: `the two applies never overlapped in ${attempts} attempts: the lock was not exercised` };
}

async function pullState(stackDir: string, env: NodeJS.ProcessEnv): Promise<{ serial: number; lineage: string }> {
  const pulled = await run('terraform', ['state', 'pull'], { cwd: stackDir, env, timeoutMs: 120_000 });
  if (pulled.code !== 0) throw new Error(`terraform state pull failed in ${stackDir}: ${pulled.stderr}`);
  const state = JSON.parse(pulled.stdout);
  return { serial: state.serial, lineage: state.lineage };
}
