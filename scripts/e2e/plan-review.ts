import * as fs from 'fs';
import * as path from 'path';
import { synthStacks } from '../lib/synth';
import { writeVariant } from './config-variant';
import { planStacks } from '../plan/plan';
import { Checklist } from './checklist';
import { ToleratedDrift, toleratedDriftFor } from './gaps';

/**
 * What a reviewer reads in CI, against the deployed foundation: two config changes are synthesized
 * over the deployed stacks (their Terraform working folders and emulator overrides stay) and planned
 * with `npm run plan`'s code.
 * - A new tag: every stack updates in place; nothing is created, replaced or deleted; not blocked.
 * - A renamed ECR repository: Terraform refuses to destroy the prevent_destroy repository and the
 *   summary blocks, naming it.
 * The deployed config is synthesized back afterwards.
 */
export async function planReviewChecks(
  outdir: string,
  work: string,
  stacks: readonly string[],
  env: NodeJS.ProcessEnv,
  tolerated: readonly ToleratedDrift[],
  log: (line: string) => void,
): Promise<Checklist> {
  // A listed emulator drift (a replace every plan shows against moto) is not the config change's doing.
  const isEmulatorDrift = (stack: string, entry: { type: string; actions: string }) => toleratedDriftFor(tolerated, stack, entry.type, entry.actions) !== undefined;
  const checks = new Checklist();
  const stacksDir = path.join(outdir, 'stacks');
  try {
    const tagged = writeVariant(work, 'config-new-tag', (c) => {
      c.tags = { ...(c.tags ?? {}), E2eReview: 'plan-summary' };
    });
    await synthStacks(outdir, { config: tagged });
    const tagPlan = await planStacks({ stacksDir, stacks, env, out: path.join(work, 'plan-new-tag') });
    log(`plan review (new tag): exit ${tagPlan.exitCode}, ${tagPlan.summaries.map((s) => `${s.stack} ~${s.counts.update}`).join(', ')}`);
    checks.expect(tagPlan.exitCode === 0 && !tagPlan.blocked && !tagPlan.failed, `new tag: plan exits 0, not blocked (exit ${tagPlan.exitCode}; ${tagPlan.failures.map((f) => `${f.stack}: ${f.message.split('\n')[0]}`).join('; ')})`);
    checks.expect(tagPlan.summaries.length === stacks.length, `new tag: a summary per stack (${tagPlan.summaries.map((s) => s.stack).join(', ')})`);
    for (const s of tagPlan.summaries) {
      checks.expect(s.counts.update > 0, `new tag: ${s.stack} shows updates in place (got ${s.counts.update})`);
      const replaces = s.replaces.filter((e) => !isEmulatorDrift(s.stack, e));
      const deletes = s.deletes.filter((e) => !isEmulatorDrift(s.stack, e));
      checks.expect(
        s.counts.create + replaces.length + deletes.length === 0,
        `new tag: ${s.stack} creates, replaces or deletes nothing but listed emulator drift (got ${s.counts.create}/${replaces.map((e) => e.address).join(' ')}/${deletes.map((e) => e.address).join(' ')})`,
      );
      checks.expect(tagPlan.markdown.includes(s.stack), `new tag: the Markdown names ${s.stack}`);
    }

    const compute = stacks.find((s) => s === 'global-compute');
    const repositories = JSON.parse(fs.readFileSync(path.join(stacksDir, compute ?? 'global-compute', 'cdk.tf.json'), 'utf8')).resource?.aws_ecr_repository ?? {};
    if (!compute || Object.keys(repositories).length === 0) {
      log('plan review (renamed repository): not applicable, this config has no ECR repository');
      return checks;
    }
    const renamed = writeVariant(work, 'config-renamed-repository', (c) => {
      const ecr = c.compute?.ecr ?? {};
      const names: Array<{ name: string }> = ecr.repositories ?? [{ name: 'app' }];
      c.compute = { ...(c.compute ?? {}), ecr: { ...ecr, repositories: names.map((r, i) => (i === 0 ? { ...r, name: `${r.name}-renamed` } : r)) } };
    });
    await synthStacks(outdir, { config: renamed });
    const renamePlan = await planStacks({ stacksDir, stacks: [compute], env, out: path.join(work, 'plan-renamed-repository') });
    const refused = renamePlan.failures.flatMap((f) => f.refusedDestroy ?? []);
    const blocked = renamePlan.summaries.flatMap((s) => s.blocked.map((b) => b.address));
    const named = [...refused, ...blocked].filter((a) => a.startsWith('aws_ecr_repository.'));
    log(`plan review (renamed repository): exit ${renamePlan.exitCode}, blocked ${[...refused, ...blocked].join(', ') || 'nothing'}`);
    checks.expect(renamePlan.blocked && renamePlan.exitCode !== 0, `renamed repository: the summary blocks (exit ${renamePlan.exitCode})`);
    checks.expect(named.length > 0, `renamed repository: the blocked address is the repository (${[...refused, ...blocked].join(', ') || 'none'})`);
    checks.expect(named.every((a) => renamePlan.markdown.includes(a)), 'renamed repository: the Markdown names the repository');
    return checks;
  } finally {
    await synthStacks(outdir);
  }
}
