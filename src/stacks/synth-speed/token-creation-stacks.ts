type CaptureStackTrace = (below?: Function) => string[];

/**
 * cdktf records where each token was created, a full stack trace formatted on the spot, only to
 * print it if that token later fails to resolve. The formatting was 14 % of a default synth and
 * 30 % of a 16-Region one. Same capture, same lines, but formatted when first read: cdktf reads
 * `creationStack` only to build an error message (intrinsic.js, lazy.js, resolvable.js).
 */
export function deferTokenCreationStacks(): void {
  // The module object cdktf's own modules call through, not a copy (cdktf 0.21, archived upstream).
  const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: CaptureStackTrace };
  if (stackTrace.captureStackTrace === captureStackTraceLazily) return;
  stackTrace.captureStackTrace = captureStackTraceLazily;
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
