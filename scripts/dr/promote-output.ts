/** What `npm run dr -- promote` prints: one numbered line per step, then the operator's next step. */
import { PromoteResult } from './promote';

/** "1.2  done          secret app/db: writable in eu-west-1" and, indented, the detail. */
export function stepLines(result: PromoteResult): string[] {
  const width = Math.max(...result.steps.map((s) => s.status.length), 0);
  return result.steps.flatMap((s) => {
    const head = `${s.number.padEnd(4)} ${s.status.padEnd(width)}  ${s.title}`;
    if (s.detail === undefined) return [head];
    return s.status === 'skipped' || s.status === 'FAILED' ? [`${head} (${s.detail})`] : [head, `       ${s.detail}`];
  });
}

/** What the operator does after the data-plane steps: the config change, the plan review, the apply. */
export function nextStepLines(result: PromoteResult, configFile: string): string[] {
  if (!result.ok) return ['Not promoted: fix the FAILED step(s) and run promote again (every step is safe to repeat).'];
  if (result.dryRun) return [`Dry run: nothing was changed. Without --dry-run, promote performs the "would do" steps.`];
  return [
    'Next:',
    `  1. set "activeRegion": "${result.target}" in ${configFile}`,
    '  2. npm run plan: the summary must show no delete or replace of a key, bucket, secret or repository',
    '  3. apply (stacks in deploy order), then npm run readiness and npm run dr -- status (docs/dr-playbook.md)',
  ];
}

export const promoteJson = (result: PromoteResult, configFile: string): string =>
  JSON.stringify({ ...result, next: result.ok && !result.dryRun ? { activeRegion: result.target, configFile } : undefined }, null, 2);
