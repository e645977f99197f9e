type CaptureStackTrace = (below?: Function) => string[];

/** Set to 1 to have each token record where it was created (a synth takes ~40 % more CPU). */
export const TOKEN_CREATION_STACKS_ENV = 'TOKEN_CREATION_STACKS';

/** What an error about a token prints as its creation stack when none was recorded. */
export const NOT_RECORDED = `(not recorded: run again with ${TOKEN_CREATION_STACKS_ENV}=1 to see where this token was created)`;

/**
 * cdktf records where each of the thousands of tokens of a synth was created (a full stack trace),
 * only to print it if that token later fails to resolve: a programming error in a construct, never
 * a config error. Capturing the frames alone was a third of a synth's CPU (formatting them, which
 * cdktf did on the spot, another 14–30 % before this was deferred). As AWS CDK does (CDK_DEBUG),
 * the stacks are recorded only on request: with TOKEN_CREATION_STACKS=1, the same frames cdktf
 * captures, formatted when an error message reads them; otherwise the message says how to get them.
 */
export function recordTokenCreationStacksOnRequest(env: NodeJS.ProcessEnv = process.env): void {
  // The module object cdktf's own modules call through, not a copy (cdktf 0.21, archived upstream).
  const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: CaptureStackTrace };
  stackTrace.captureStackTrace = env[TOKEN_CREATION_STACKS_ENV] === '1' ? captureStackTraceLazily : notRecorded;
}

function notRecorded(): string[] {
  return [NOT_RECORDED];
}

function captureStackTraceLazily(below?: Function): string[] {
  const holder: { stack?: string } = {};
  const previousLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    Error.captureStackTrace(holder, below ?? captureStackTraceLazily);
  } finally {
    Error.stackTraceLimit = previousLimit;
  }
  let lines: string[] | undefined;
  // V8 formats `holder.stack` on first access; until then it keeps only the captured frames.
  const read = () => (lines ??= (holder.stack ?? '').split('\n').slice(1).map((line) => line.replace(/^\s*at\s+/, '')));
  return new Proxy([] as string[], {
    get: (_target, key) => {
      const value = Reflect.get(read(), key);
      return typeof value === 'function' ? value.bind(read()) : value;
    },
    has: (_target, key) => Reflect.has(read(), key),
  });
}
