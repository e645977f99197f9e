import { excerptAt, jsonSyntaxProblem, positionOf } from '../../src/config/json-syntax';
import { formatProblem } from '../../src/config/errors';
import { CONFIG_ENV, loadConfig } from '../../src/config/load';
import { configDir, loadError } from '../helpers/config-files';

const files = configDir();

/** The problem lines loadConfig reports for a file holding `text` (the header names the file). */
function report(text: string): { file: string; lines: string[] } {
  const file = files.write('config.json', text);
  const error = loadError(file);
  const [header, ...lines] = error.message.split('\n');
  expect(header).toBe(`Invalid configuration in ${file} (from MULTI_REGION_CONFIG): 1 problem`);
  return { file, lines };
}

const VALID_REGIONS = ['  "regions": [', '    { "name": "us-east-1", "vpcCidr": "10.10.0.0/16" },', '    { "name": "eu-west-1", "vpcCidr": "10.20.0.0/16" }'];

describe('every JSON syntax error names the file, line and column, and shows the line with a caret', () => {
  test('a trailing comma in a list (the case a new user hit: JSON.parse gives no position for it)', () => {
    const text = ['{', '  "primaryRegion": "us-east-1",', ...VALID_REGIONS.slice(0, 2), `${VALID_REGIONS[2]},`, '  ]', '}', ''].join('\n');
    const { file, lines } = report(text);
    expect(lines).toEqual([
      `  - regions: received ","; not valid JSON at line 5, column 55 (${file}:5:55); expected no comma before "]": JSON allows no trailing comma`,
      '      5 |     { "name": "eu-west-1", "vpcCidr": "10.20.0.0/16" },',
      '        |                                                       ^',
    ]);
  });

  test('a trailing comma in an object', () => {
    const { file, lines } = report('{\n  "state": {\n    "bucket": "example-tfstate",\n  }\n}\n');
    expect(lines).toEqual([
      `  - state: received ","; not valid JSON at line 3, column 32 (${file}:3:32); expected no comma before "}": JSON allows no trailing comma`,
      '      3 |     "bucket": "example-tfstate",',
      '        |                                ^',
    ]);
  });

  test('a trailing comma after the last key of the file', () => {
    const { lines } = report('{ "primaryRegion": "us-east-1", }');
    expect(lines[0]).toMatch(/^ {2}- \(root\): received ","; not valid JSON at line 1, column 31 .*; expected no comma before "}"/);
  });

  test('a missing closing quote', () => {
    const { file, lines } = report('{\n  "primaryRegion": "us-east-1,\n  "regions": []\n}\n');
    expect(lines).toEqual([
      `  - primaryRegion: received "us-east-1,; not valid JSON at line 2, column 20 (${file}:2:20); expected a closing " on the same line: this string is not closed`,
      '      2 |   "primaryRegion": "us-east-1,',
      '        |                    ^',
    ]);
  });

  test('a missing comma between two keys points at the line that lacks it', () => {
    const { file, lines } = report('{\n  "primaryRegion": "us-east-1"\n  "regions": []\n}\n');
    expect(lines[0]).toBe(
      `  - regions: received "regions"; not valid JSON at line 3, column 3 (${file}:3:3); expected "," before this item (missing at the end of line 2?)`,
    );
  });

  test('a truncated file names the list or object left open', () => {
    const text = ['{', '  "primaryRegion": "us-east-1",', ...VALID_REGIONS.slice(0, 2), ''].join('\n');
    const { file, lines } = report(text);
    expect(lines).toEqual([
      `  - regions[1]: received the end of the file; not valid JSON at line 4, column 56 (${file}:4:56); the file ends too early, inside the list opened at line 3, column 14; expected a value: a "string", a number, an object {...}, a list [...], true, false or null`,
      '      4 |     { "name": "us-east-1", "vpcCidr": "10.10.0.0/16" },',
      '        |                                                        ^',
    ]);
  });

  test('a file cut after a complete item asks for the closing bracket', () => {
    const { file, lines } = report('{\n  "regions": [\n    { "name": "us-east-1" }\n');
    expect(lines[0]).toBe(
      `  - regions[0]: received the end of the file; not valid JSON at line 3, column 28 (${file}:3:28); the file ends before the list opened at line 2, column 14 is closed; expected "]"`,
    );
  });

  test('a file cut after a colon asks for a value', () => {
    const { lines } = report('{ "primaryRegion": ');
    expect(lines[0]).toContain('received the end of the file; not valid JSON at line 1, column 19');
    expect(lines[0]).toContain('the file ends too early, inside the object opened at line 1, column 1; expected a value: a "string", a number');
  });

  test.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n  \n\t\n'],
  ])('%s', (_name, text) => {
    expect(report(text).lines).toEqual(['  - (root): received an empty file; expected a JSON object like config/default.json']);
  });

  test.each([
    ['a comment', '{\n  // primary\n  "primaryRegion": "us-east-1"\n}', '(root)', '"// primary"', 2, 3, 'expected no comment: JSON has no comments'],
    ['JavaScript object syntax', '{ primaryRegion: "us-east-1" }', '(root)', '"primaryRegion"', 1, 3, 'expected a property name in double quotes'],
    ['single quotes', "{ 'primaryRegion': 'us-east-1' }", '(root)', `"'primaryRegion'"`, 1, 3, 'expected double quotes: JSON strings and property names take "...", not \'...\''],
    ['YAML', 'primaryRegion: us-east-1\nregions: []\n', '(root)', '"primaryRegion"', 1, 1, 'expected a value: a "string", a number, an object {...}, a list [...], true, false or null'],
    ['one brace too many', '{ "project": "acme" }}', '(root)', '"}"', 1, 22, 'expected the end of the file: the JSON value ended at line 1 (one "}" too many?)'],
    ['a colon missing', '{ "project" "acme" }', 'project', '"acme"', 1, 13, 'expected ":" after the property name'],
    ['an unknown escape', '{ "project": "a\\qb" }', 'project', '\\q', 1, 16, 'expected one of the escapes \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX'],
    ['a short \\u escape', '{ "project": "a\\u12" }', 'project', '\\u12', 1, 16, 'expected four hex digits after \\u'],
    ['a tab inside a string', '{ "project": "a\tb" }', 'project', '"\\t"', 1, 16, 'expected no control character inside a string: write a tab as \\t'],
    ['a number with a trailing dot', '{ "network": { "azCount": 2. } }', 'network.azCount', '"2."', 1, 27, 'expected a number such as 16, 2.5 or 1e3'],
    ['NaN', '{ "network": { "azCount": NaN } }', 'network.azCount', '"NaN"', 1, 27, 'expected a value'],
    ['a no-break space', '{ "project":\u00a0"acme" }', 'project', 'U+00A0', 1, 13, 'expected a space, tab or line break: U+00A0 is invisible whitespace'],
  ])('%s', (_name, text, path, received, line, column, expected) => {
    const { file, lines } = report(text);
    expect(lines[0].startsWith(`  - ${path}: received ${received}; not valid JSON at line ${line}, column ${column} (${file}:${line}:${column}); `)).toBe(true);
    expect(lines[0]).toContain(expected);
    expect(lines[2].indexOf('^') - lines[2].indexOf('|') - 2).toBe(column - 1);
  });

  test('a byte order mark is accepted, as many editors write one', () => {
    const file = files.write('bom.json', `\uFEFF${JSON.stringify({ primaryRegion: 'us-east-1', regions: [{ name: 'us-east-1', vpcCidr: '10.10.0.0/16' }], state: { bucket: 'example-tfstate', region: 'us-east-1', replicaRegion: 'us-west-2', keyPrefix: 'x' } })}`);
    expect(loadConfig({ [CONFIG_ENV]: file }).primaryRegion).toBe('us-east-1');
  });
});

describe('positionOf', () => {
  test.each([
    [0, 1, 1],
    [2, 1, 3],
    [3, 2, 1],
    [7, 3, 1],
    [8, 3, 2],
  ])('offset %i is line %i, column %i', (offset, line, column) => {
    expect(positionOf('ab\ncde\nfg', offset)).toEqual({ line, column });
  });
});

describe('excerptAt', () => {
  test('numbers the line and keeps tabs so the caret lines up', () => {
    expect(excerptAt('{\n\t"a": [1,]\n}', 11)).toEqual(['2 | \t"a": [1,]', '  | \t        ^']);
  });

  test('drops the carriage return of a CRLF file', () => {
    expect(excerptAt('{\r\n  "a": 1,\r\n}', 11)).toEqual(['2 |   "a": 1,', '  |         ^']);
  });

  test('shows a window of a long (minified) line around the error, not all of it', () => {
    const line = `{"a":[${'1,'.repeat(5000)}]}`;
    const offset = line.length - 3;
    const [shown, caret] = excerptAt(line, offset);
    expect(shown).toBe(`1 | ...${line.slice(offset - 60)}`);
    expect(caret).toBe(`  | ${' '.repeat(63)}^`);
  });

  test('marks the cut on both sides', () => {
    const line = 'x'.repeat(200);
    const [shown, caret] = excerptAt(line, 100);
    expect(shown).toBe(`1 | ...${'x'.repeat(100)}...`);
    expect(caret).toBe(`  | ${' '.repeat(63)}^`);
  });
});

describe('an error only JSON.parse sees (none known; kept so a parser difference still gets a message)', () => {
  test("JSON.parse's position gives the line and column", () => {
    const problem = jsonSyntaxProblem('{\n  "a": 1\n}', 'f.json', new SyntaxError('Unexpected number in JSON at position 9'));
    expect(formatProblem(problem)).toBe(
      ['(root): received "1"; not valid JSON at line 2, column 8 (f.json:2:8); Unexpected number', '      2 |   "a": 1', '        |        ^'].join('\n'),
    );
  });

  test('without a position, its message', () => {
    const problem = jsonSyntaxProblem('{}', 'f.json', new SyntaxError('Unexpected token'));
    expect(formatProblem(problem)).toBe('(root): received a file that is not JSON; not valid JSON (Unexpected token); expected a JSON object like config/default.json');
  });
});
