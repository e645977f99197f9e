import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The command and arguments that run a TypeScript script of this project as its own Node process,
 * compiled by tsx's CommonJS hook. The npm scripts' `tsx` CLI runs the same file in the same way
 * but in a second Node process with tsx's ESM loader thread (~0.6 CPU-s more per run), which
 * changes nothing a test checks: exit status, stdout, stderr and the files written.
 */
export function scriptProcess(script: string, args: readonly string[] = []): [string, string[]] {
  return [process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, script), ...args]];
}
