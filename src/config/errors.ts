export type JsonPath = ReadonlyArray<string | number>;

/** One thing wrong with the input: where, what was there, and what is allowed. */
export interface ConfigProblem {
  readonly path: JsonPath;
  readonly received: unknown;
  readonly message: string;
  /** Lines printed under the problem, e.g. the offending line of the file with a caret. */
  readonly excerpt?: readonly string[];
}

export const MISSING = Symbol('missing');

/** A received value that is not a JSON value (a whole file, the end of a file), shown as its text. */
export class Described {
  constructor(readonly text: string) {}
}

export function formatPath(path: JsonPath): string {
  if (path.length === 0) return '(root)';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

function formatReceived(value: unknown): string {
  if (value === MISSING) return 'nothing (the key is required)';
  if (value instanceof Described) return value.text;
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatProblem(problem: ConfigProblem): string {
  const line = `${formatPath(problem.path)}: received ${formatReceived(problem.received)}; ${problem.message}`;
  return [line, ...(problem.excerpt ?? []).map((text) => `      ${text}`)].join('\n');
}

/** Every problem of one configuration file, reported together. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`Invalid configuration ${source}: ${count}\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function valueAt(root: unknown, path: JsonPath): unknown {
  let node: unknown = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object' || !(part in (node as object))) return MISSING;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}
