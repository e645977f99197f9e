import * as fs from 'fs';
import * as path from 'path';
import { pool, run } from '../lib/run';
import { synthStacks } from '../lib/synth';
import { ToleratedDrift } from './gaps';
import { OVERRIDE_FILE } from './overrides';
import { replan, ReplanResult } from './replan';

/**
 * The hand-off is lossless when an operations team's plain `terraform`, run on the HCL output
 * (`cdktf synth --hcl`), plans no change against the state `cdktf deploy` wrote. The HCL stacks
 * get the same emulator override as the deployed JSON ones, and bootstrap its local state file,
 * which a team taking over bootstrap receives with the code.
 */
export async function handOffPlans(
  jsonOutdir: string,
  hclOutdir: string,
  stacks: readonly string[],
  env: NodeJS.ProcessEnv,
  tolerated: ToleratedDrift[],
): Promise<ReplanResult[]> {
  const hclStacks = await synthStacks(hclOutdir, { hcl: true });
  const missing = stacks.filter((s) => !hclStacks.includes(s));
  if (missing.length) throw new Error(`the HCL synth lacks stacks the JSON synth has: ${missing.join(', ')}`);
  for (const stack of stacks) {
    const from = path.join(jsonOutdir, 'stacks', stack);
    const to = path.join(hclOutdir, 'stacks', stack);
    const carried = fs.readdirSync(from).filter((f) => f === OVERRIDE_FILE || /\.tfstate$/.test(f));
    for (const file of carried) fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
  return pool(stacks, 2, async (stack) => {
    const dir = path.join(hclOutdir, 'stacks', stack);
    const init = await run('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env, timeoutMs: 5 * 60_000 });
    if (init.code !== 0) return { stack, seconds: init.seconds, tolerated: [], drift: [], error: `terraform init exited ${init.code}:\n${init.stdout}\n${init.stderr}` };
    const plan = await replan(dir, env, tolerated);
    return { ...plan, seconds: plan.seconds + init.seconds };
  });
}
