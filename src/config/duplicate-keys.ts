import type * as JsoncParser from 'jsonc-parser';
import { ConfigProblem, Described } from './errors';
import { positionOf } from './json-syntax';

/** A string followed by ":" — in valid JSON always a property name. */
const PROPERTY_NAME = /"(?:[^"\\]|\\.)*"\s*:/g;

function countKeys(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countKeys(item), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((sum: number, child) => sum + countKeys(child), Object.keys(value).length);
  return 0;
}

/**
 * Keys given twice in one object. JSON.parse keeps the last value without a word, so a second
 * "network" block would silently drop the first. Counting names in the text against keys in the
 * parsed value costs microseconds; only when they differ is the file scanned for where.
 */
export function duplicateKeyProblems(text: string, parsed: unknown): ConfigProblem[] {
  if ((text.match(PROPERTY_NAME)?.length ?? 0) <= countKeys(parsed)) return [];
  const jsonc = require('jsonc-parser') as typeof JsoncParser;
  const seen: Array<Map<string, number>> = [];
  const problems: ConfigProblem[] = [];
  jsonc.visit(text, {
    onObjectBegin: () => void seen.push(new Map()),
    onObjectEnd: () => void seen.pop(),
    onObjectProperty: (key, offset, _length, _line, _column, pathSupplier) => {
      const names = seen[seen.length - 1];
      const previous = names.get(key);
      names.set(key, offset);
      if (previous === undefined) return;
      const at = (position: { line: number; column: number }) => `line ${position.line}, column ${position.column}`;
      const [was, is] = [at(positionOf(text, previous)), at(positionOf(text, offset))];
      problems.push({
        path: [...pathSupplier(), key],
        received: new Described(`"${key}" at ${was} and again at ${is}`),
        message: `duplicate key: JSON keeps only the last, so the value at ${was} would be silently ignored; expected each key once`,
      });
    },
  });
  return problems;
}
