import type * as JsoncParser from 'jsonc-parser';
import { ConfigProblem, Described, JsonPath } from './errors';

/**
 * Where and why a config file is not JSON. JSON.parse stays the parser (it is strict and fast); its
 * messages carry no position for some errors (a trailing comma in a list, a stray token), so after it
 * fails, jsonc-parser (strict: no comments, no trailing commas) finds the first error's offset.
 */

/** Longest stretch of one line shown around the error; minified files are a single line. */
const EXCERPT_BEFORE = 60;
const EXCERPT_AFTER = 40;
const ANY_VALUE = 'a value: a "string", a number, an object {...}, a list [...], true, false or null';

interface Found {
  /** Offset the caret points at. */
  readonly offset: number;
  readonly received: unknown;
  readonly path: JsonPath;
  readonly expected: string;
}

/** A list or object not closed yet where the error is: its closing bracket and where it opened. */
interface Open {
  readonly close: '}' | ']';
  readonly offset: number;
}

const END_OF_FILE = new Described('the end of the file');

interface Position {
  readonly line: number;
  readonly column: number;
}

export function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** The line holding `offset`, numbered, with a caret under it. */
export function excerptAt(text: string, offset: number): string[] {
  const { line, column } = positionOf(text, offset);
  const start = offset - column + 1;
  const end = text.indexOf('\n', start);
  const whole = text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
  const from = Math.max(0, column - 1 - EXCERPT_BEFORE);
  const to = Math.min(whole.length, column - 1 + EXCERPT_AFTER);
  const shown = `${from > 0 ? '...' : ''}${whole.slice(from, to)}${to < whole.length ? '...' : ''}`;
  // Tabs stay tabs under the line so the caret lines up whatever the terminal's tab width.
  const pad = `${from > 0 ? '   ' : ''}${whole.slice(from, column - 1).replace(/[^\t]/g, ' ')}`;
  const gutter = String(line);
  return [`${gutter} | ${shown}`, `${' '.repeat(gutter.length)} | ${pad}^`];
}

function previousTokenEnd(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

function explain(text: string, jsonc: typeof JsoncParser, code: string, offset: number, length: number, open: readonly Open[]): Found {
  const path = jsonc.getLocation(text, offset).path.filter((part, i, all) => !(part === '' && i === all.length - 1));
  const token = text.slice(offset, offset + Math.max(length, 1));
  // A string token is shown as written (it is JSON already); anything else in quotes.
  const shown = token.startsWith('"') ? new Described(token) : token;
  const atEnd = offset >= text.length;
  const previous = previousTokenEnd(text, offset);
  const found = (expected: string, at = offset, received: unknown = atEnd ? END_OF_FILE : shown): Found => ({ offset: at, received, path, expected });

  if ((code === 'ValueExpected' || code === 'PropertyNameExpected') && text[previous] === ',' && (token === ']' || token === '}')) {
    // A list's path ends at the missing item's index; an object's at the list or object holding it.
    return { ...found(`expected no comma before "${token}": JSON allows no trailing comma`, previous, ','), path: token === ']' ? path.slice(0, -1) : path };
  }
  if (atEnd) {
    const innermost = open[open.length - 1];
    const end = previous + 1;
    const where = innermost && positionOf(text, innermost.offset);
    const container = innermost && `the ${innermost.close === '}' ? 'object' : 'list'} opened at line ${where!.line}, column ${where!.column}`;
    if (code === 'ValueExpected' || code === 'PropertyNameExpected' || !innermost) {
      const what = code === 'PropertyNameExpected' ? 'a property name in double quotes' : ANY_VALUE;
      return found(`the file ends too early${container ? `, inside ${container}` : ''}; expected ${what}`, end);
    }
    return found(`the file ends before ${container} is closed; expected "${innermost.close}"`, end);
  }
  switch (code) {
    case 'InvalidSymbol':
      if (/^\s/.test(token)) {
        const hex = token.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        return found(`expected a space, tab or line break: U+${hex} is invisible whitespace that JSON does not allow outside strings`, offset, new Described(`U+${hex}`));
      }
      if (token.startsWith("'")) return found('expected double quotes: JSON strings and property names take "...", not \'...\'');
      if (jsonc.getLocation(text, offset).isAtPropertyKey || text[previous] === '{') return found('expected a property name in double quotes');
      return found(`expected ${ANY_VALUE}`);
    case 'PropertyNameExpected':
      return found('expected a property name in double quotes');
    case 'ValueExpected':
      return found(`expected ${ANY_VALUE}`);
    case 'ColonExpected':
      return found('expected ":" after the property name');
    case 'CommaExpected': {
      const { line } = positionOf(text, previous);
      const here = positionOf(text, offset).line;
      return found(`expected "," before this item${line < here ? ` (missing at the end of line ${line}?)` : ''}`);
    }
    case 'CloseBraceExpected':
      return found('expected "," or "}"');
    case 'CloseBracketExpected':
      return found('expected "," or "]"');
    case 'EndOfFileExpected':
      return found(`expected the end of the file: the JSON value ended at line ${positionOf(text, previous).line} (one "${text[previous]}" too many?)`);
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return found('expected no comment: JSON has no comments');
    case 'UnexpectedEndOfString':
      return found('expected a closing " on the same line: this string is not closed');
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return found('expected a number such as 16, 2.5 or 1e3');
    case 'InvalidUnicode': {
      const at = offset + token.search(/\\u(?![0-9a-fA-F]{4})/);
      return found('expected four hex digits after \\u', at, new Described(/^\\u[0-9a-fA-F]*/.exec(text.slice(at))![0]));
    }
    case 'InvalidEscapeCharacter': {
      const at = offset + token.search(/\\[^"\\/bfnrtu]/);
      return found('expected one of the escapes \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX', at, new Described(text.slice(at, at + 2)));
    }
    case 'InvalidCharacter': {
      const at = offset + token.search(/[\u0000-\u001f]/);
      return found('expected no control character inside a string: write a tab as \\t and a line break as \\n', at, text[at]);
    }
    default:
      return found(`expected ${ANY_VALUE}`);
  }
}

/** The first syntax error of `text` as found by a strict jsonc-parser pass, if it finds one. */
function firstError(text: string): Found | undefined {
  // Loaded here: only a file that JSON.parse rejected pays for it.
  const jsonc = require('jsonc-parser') as typeof JsoncParser;
  const open: Open[] = [];
  // jsonc-parser ends a list or object before it reports the missing "]" or "}": keep the one it ended.
  let ended: Open | undefined;
  let first: Found | undefined;
  jsonc.visit(
    text,
    {
      onObjectBegin: (offset) => void open.push({ close: '}', offset }),
      onObjectEnd: () => void (ended = open.pop()),
      onArrayBegin: (offset) => void open.push({ close: ']', offset }),
      onArrayEnd: () => void (ended = open.pop()),
      onError: (error, offset, length) => {
        const code = jsonc.printParseErrorCode(error);
        const unclosed = code === 'CloseBraceExpected' || code === 'CloseBracketExpected' ? [...open, ...(ended ? [ended] : [])] : [...open];
        first ??= explain(text, jsonc, code, offset, length, unclosed);
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return first;
}

/** Why `text`, which JSON.parse rejected with `parseError`, is not JSON: line, column, the line itself. */
export function jsonSyntaxProblem(text: string, file: string, parseError: Error): ConfigProblem {
  if (text.trim() === '') {
    return { path: [], received: new Described('an empty file'), message: 'expected a JSON object like config/default.json' };
  }
  const found = firstError(text) ?? fromParseMessage(text, parseError);
  if (!found) {
    return { path: [], received: new Described('a file that is not JSON'), message: `not valid JSON (${parseError.message}); expected a JSON object like config/default.json` };
  }
  const { line, column } = positionOf(text, found.offset);
  return {
    path: found.path,
    received: found.received,
    message: `not valid JSON at line ${line}, column ${column} (${file}:${line}:${column}); ${found.expected}`,
    excerpt: excerptAt(text, found.offset),
  };
}

/** Fallback for an error jsonc-parser does not see: JSON.parse's own position, when it gives one. */
function fromParseMessage(text: string, parseError: Error): Found | undefined {
  const position = /at position (\d+)/.exec(parseError.message);
  if (!position) return undefined;
  const offset = Number(position[1]);
  return { offset, received: text.slice(offset, offset + 1), path: [], expected: parseError.message.replace(/ in JSON at position \d+.*$/s, '') };
}
