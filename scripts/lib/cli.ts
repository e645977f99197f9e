/** What the project's commands share: argument errors (exit 2) and one-line AWS call failures. */

/** A bad command line: the command prints it with its usage and exits 2. */
export class UsageError extends Error {}

/** `raw` as an integer from `min` to `max`, or a UsageError naming the option, the value and the range. */
export function integerOption(option: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new UsageError(`${option}: received ${JSON.stringify(raw)}; expected an integer from ${min} to ${max}`);
  return value;
}

/** Why a call failed, in one line: the service's error code and message, or the timeout. */
export function describeError(error: unknown, timeoutSeconds: number): string {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutSeconds} s (${e.name})`;
  const status = e?.$metadata?.httpStatusCode;
  const text = `${e?.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e?.message ?? String(error)}`;
  return `${text.split('\n')[0]}${status ? ` (HTTP ${status})` : ''}`;
}
