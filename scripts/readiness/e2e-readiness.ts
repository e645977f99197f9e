/**
 * The e2e's use of `npm run readiness` (issue 12 item 2): after deploy every check must pass (or
 * not apply); after a deliberate break (a replica key scheduled for deletion) the broken Region's
 * cell of that check must be red and name what is wrong, and no other Region may go red. The
 * runner (scripts/e2e.ts) calls `readinessPhase` with the emulator's caller and prints `lines`.
 */
import { KMSClient, CancelKeyDeletionCommand, DescribeKeyCommand, EnableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { FoundationConfig } from '../../src/config/validate';
import { CREDENTIALS } from '../e2e/aws';
import { sdkCaller } from './aws-caller';
import { runReadiness } from './readiness-checks';
import { AwsCaller, detailLines, problems, Reader, Report, readinessTable } from './readiness-lib';

/** What the phase expects: a ready foundation, or one check failing in one Region. */
export type ReadinessExpectation = { readonly kind: 'ready' } | { readonly kind: 'broken'; readonly check: string; readonly region: string };

export interface ReadinessPhaseResult {
  readonly ok: boolean;
  readonly report: Report;
  /** Why the phase failed, one line each (empty when ok). */
  readonly failures: readonly string[];
  /** The table and the details, to print. */
  readonly lines: readonly string[];
}

/** A check id matches its own rows and their per-item rows ("secrets" matches "secrets:app/db"). */
const matches = (rowId: string, check: string) => rowId === check || rowId.startsWith(`${check}:`);

/** Compares a report with the expectation; pure, so the comparison itself is tested. */
export function judgeReadiness(report: Report, expectation: ReadinessExpectation): string[] {
  const found = problems(report);
  const line = (p: (typeof found)[number]) => `${p.label} [${p.region}]: ${p.status}: ${p.detail ?? ''}`;
  if (expectation.kind === 'ready') return found.map((p) => `expected ready, got ${line(p)}`);
  const { check, region } = expectation;
  const failures: string[] = [];
  const hit = found.filter((p) => p.status === 'fail' && p.region === region && matches(p.check, check));
  if (hit.length === 0) failures.push(`expected check ${check} to fail in ${region} after the break; it did not (${found.length ? found.map(line).join('; ') : 'everything passed'})`);
  // A break in one Region may fail other checks there (a secret replica on the broken key), never elsewhere.
  for (const p of found) if (p.region !== region || p.status === 'error') failures.push(`unexpected after breaking ${check} in ${region}: ${line(p)}`);
  return failures;
}

/** Runs every check through `caller` and judges the report. */
export async function readinessPhase(config: FoundationConfig, expectation: ReadinessExpectation, caller: AwsCaller, options = { concurrency: 8, timeoutSeconds: 30 }): Promise<ReadinessPhaseResult> {
  const report = await runReadiness(config, new Reader(caller, options));
  const failures = judgeReadiness(report, expectation);
  return { ok: failures.length === 0, report, failures, lines: [readinessTable(report), ...detailLines(report)] };
}

/** The SDK caller bound to the emulator (its endpoint and test credentials); close it after the phase. */
export function emulatorCaller(endpoint: string): { call: AwsCaller; close: () => void } {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(endpoint)) throw new Error(`refusing a non-loopback endpoint: ${endpoint}`);
  return sdkCaller({ endpoint, credentials: CREDENTIALS });
}

/**
 * The deliberate break: the key behind the alias in `region` (a replica, unless `region` is the
 * primary) is scheduled for deletion (7 days, the minimum), so its KeyState is PendingDeletion.
 * Returns the key id for `restoreKey`.
 */
export async function breakKey(kms: KMSClient, alias: string): Promise<string> {
  const keyId = (await kms.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata?.KeyId;
  if (!keyId) throw new Error(`breakKey: alias ${alias} names no key`);
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
  return keyId;
}

/** Undoes `breakKey`: a cancelled deletion leaves the key Disabled, so it is enabled again. */
export async function restoreKey(kms: KMSClient, keyId: string): Promise<void> {
  await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
  await kms.send(new EnableKeyCommand({ KeyId: keyId }));
}
