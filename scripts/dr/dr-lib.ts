/**
 * What `npm run dr` offers besides its command line (the e2e drill calls these): `promote` and
 * `status` with the lines the CLI prints, and the status verdict as data.
 */
import { FoundationConfig } from '../../src/config/validate';
import { DrCaller } from './dr-caller';
import { ArcAccess } from './observe';
import { promote as runPromote, PromoteOptions, PromoteResult } from './promote';
import { stepLines } from './promote-output';
import { status as readStatus, StatusReport, statusLines } from './status';

export type { PromoteOptions, PromoteResult, StatusReport };

/** `promote` (scripts/dr/promote.ts) with the numbered step lines. */
export async function promote(config: FoundationConfig, target: string, caller: DrCaller, options: PromoteOptions = {}): Promise<PromoteResult & { readonly lines: readonly string[] }> {
  const result = await runPromote(config, target, caller, options);
  return { ...result, lines: stepLines(result) };
}

export interface StatusResult extends StatusReport {
  readonly lines: readonly string[];
  /** The Region everything is active in, when every read succeeded and every service agrees with activeRegion. */
  readonly consistentIn?: string;
  /** The services that disagree with activeRegion and the reads that failed. */
  readonly disagreeing: readonly string[];
}

/** `status` (scripts/dr/status.ts) with its lines and verdict. */
export async function status(config: FoundationConfig, caller: DrCaller, options: { arc?: ArcAccess; timeoutSeconds?: number } = {}): Promise<StatusResult> {
  const report = await readStatus(config, caller, options);
  const disagreeing = [...report.disagreements, ...report.errors];
  return { ...report, lines: statusLines(report), ...(disagreeing.length === 0 ? { consistentIn: report.activeRegion } : {}), disagreeing };
}
