import { duplicateKeyProblems } from '../../src/config/duplicate-keys';
import { formatProblem } from '../../src/config/errors';
import { MINIMAL_CONFIG, expectProblems } from '../helpers/config-cases';
import { configDir, loadError } from '../helpers/config-files';

const problems = (text: string) => duplicateKeyProblems(text, JSON.parse(text)).map(formatProblem);

describe('duplicateKeyProblems', () => {
  test.each([
    ['no keys', '[1, "a", null]'],
    ['distinct keys', '{ "a": 1, "b": { "a": 2 } }'],
    ['the same key in two objects of a list', '{ "regions": [{ "name": "a" }, { "name": "b" }] }'],
    ['strings that hold quotes and colons', '{ "a": "x\\": y", "b": "\\"a\\": 1", "c\\":": ":" }'],
    ['an empty key', '{ "": 1, "a": { "": 2 } }'],
  ])('none in %s', (_name, text) => {
    expect(problems(text)).toEqual([]);
  });

  test('a key twice at the root, with both places', () => {
    expect(problems('{\n  "network": { "azCount": 2 },\n  "project": "x",\n  "network": {}\n}')).toEqual([
      'network: received "network" at line 2, column 3 and again at line 4, column 3; duplicate key: JSON keeps only the last, so the value at line 2, column 3 would be silently ignored; expected each key once',
    ]);
  });

  test('nested and inside lists, each repetition once', () => {
    const text = '{ "regions": [{ "name": "a", "name": "b", "name": "c" }], "state": { "bucket": "x", "bucket": "y" } }';
    expect(problems(text).map((line) => line.split(';')[0])).toEqual([
      'regions[0].name: received "name" at line 1, column 17 and again at line 1, column 30',
      'regions[0].name: received "name" at line 1, column 30 and again at line 1, column 43',
      'state.bucket: received "bucket" at line 1, column 70 and again at line 1, column 85',
    ]);
  });
});

describe('a config file with a duplicate key', () => {
  const files = configDir();

  test('is refused in the same error as its other problems', () => {
    const text = JSON.stringify({ ...MINIMAL_CONFIG, project: 'Bad Name' }, null, 2).replace('"primaryRegion"', '"project": "acme",\n  "primaryRegion"');
    const last = text.split('\n').findIndex((line) => line.includes('"Bad Name"')) + 1;
    const error = loadError(files.write('duplicate.json', text));
    expectProblems(error.message, [
      { path: 'project', received: `"project" at line 2, column 3 and again at line ${last}, column 3`, allowed: 'duplicate key: JSON keeps only the last' },
      { path: 'project', received: '"Bad Name"', allowed: 'expected 3-32 lowercase letters' },
    ]);
  });
});
