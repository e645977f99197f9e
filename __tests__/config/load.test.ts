import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig, CONFIG_ENV, DEFAULT_CONFIG_PATH } from '../../src/config/load';
import { ConfigError } from '../../src/config/errors';
import { validateConfig } from '../../src/config/validate';
import { MINIMAL_CONFIG, configWith, expectProblems } from '../helpers/config-cases';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-config-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function loadError(file: string): ConfigError {
  try {
    loadConfig({ [CONFIG_ENV]: file });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${file} to be rejected`);
}

describe('which file is read', () => {
  test('the variable is MULTI_REGION_CONFIG', () => {
    expect(CONFIG_ENV).toBe('MULTI_REGION_CONFIG');
  });

  test('without MULTI_REGION_CONFIG, the embedded config/default.json', () => {
    expect(path.relative(path.join(__dirname, '..', '..'), DEFAULT_CONFIG_PATH)).toBe(path.join('config', 'default.json'));
    const expected = validateConfig(JSON.parse(fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8')));
    expect(loadConfig({})).toEqual(expected);
    expect(loadConfig({ [CONFIG_ENV]: '' })).toEqual(expected);
  });

  test('the default reads the same wherever the process starts', () => {
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      expect(loadConfig({}).regions.map((r) => r.name)).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
    } finally {
      process.chdir(cwd);
    }
  });

  test('the file named by MULTI_REGION_CONFIG', () => {
    const file = write('two-regions.json', JSON.stringify(configWith((c) => (c.primaryRegion = 'eu-west-1')), null, 2));
    const config = loadConfig({ [CONFIG_ENV]: file });
    expect(config.primaryRegion).toBe('eu-west-1');
    expect(config.regions.map((r) => r.name)).toEqual(['us-east-1', 'eu-west-1']);
  });

  test('a $schema reference is accepted and dropped', () => {
    const file = write('with-schema.json', JSON.stringify({ $schema: '../config/schema.json', ...MINIMAL_CONFIG }));
    expect(loadConfig({ [CONFIG_ENV]: file })).not.toHaveProperty('$schema');
  });

  test('loadConfig reads process.env by default', () => {
    const file = write('from-env.json', JSON.stringify(configWith((c) => (c.project = 'from-env'))));
    const saved = process.env[CONFIG_ENV];
    process.env[CONFIG_ENV] = file;
    try {
      expect(loadConfig().project).toBe('from-env');
    } finally {
      if (saved === undefined) delete process.env[CONFIG_ENV];
      else process.env[CONFIG_ENV] = saved;
    }
  });
});

describe('files that cannot be used', () => {
  test('a missing file', () => {
    const file = path.join(dir, 'does-not-exist.json');
    const error = loadError(file);
    expect(error.message.split('\n')[0]).toBe(`Invalid configuration in ${file} (from MULTI_REGION_CONFIG): 1 problem`);
    expectProblems(error.message, [
      { path: '(root)', received: JSON.stringify(file), allowed: 'cannot read the file (ENOENT: no such file or directory); expected a readable JSON file' },
    ]);
  });

  test('a directory', () => {
    expectProblems(loadError(dir).message, [
      { path: '(root)', received: JSON.stringify(dir), allowed: 'cannot read the file (EISDIR: illegal operation on a directory, read); expected a readable JSON file' },
    ]);
  });

  // root reads any file whatever its mode, so this case can only run as another user.
  const canDenyRead = process.getuid?.() !== 0;
  (canDenyRead ? test : test.skip)('a file without read permission', () => {
    const file = write('unreadable.json', JSON.stringify(MINIMAL_CONFIG));
    fs.chmodSync(file, 0o000);
    try {
      expectProblems(loadError(file).message, [
        { path: '(root)', received: JSON.stringify(file), allowed: 'cannot read the file (EACCES: permission denied); expected a readable JSON file' },
      ]);
    } finally {
      fs.chmodSync(file, 0o600);
    }
  });

  test.each([
    ['JavaScript object syntax', '{ primaryRegion: "us-east-1" }', '"{ primaryRegion: \\"us-east-1\\" }"', "Expected property name or '}' at line 1, column 3"],
    ['a trailing comma on line 3', '{\n  "primaryRegion": "us-east-1",\n}', '"{\\n  \\"primaryRegion\\": \\"us-east-1\\",\\n}"', 'at line 3, column 1'],
    ['an empty file', '', '""', 'Unexpected end of JSON input'],
    ['YAML', 'primaryRegion: us-east-1\nregions: []\n', '"primaryRegion: us-east-1\\nregions: []\\n"', 'not valid JSON'],
  ])('a non-JSON file: %s', (_name, text, received, detail) => {
    const error = loadError(write('not-json.json', text));
    expectProblems(error.message, [{ path: '(root)', received, allowed: 'not valid JSON (' }]);
    expect(error.message).toContain(detail);
    expect(error.message).toContain('); expected a JSON object like config/default.json');
  });

  test('the start of a long non-JSON file is shown, not all of it', () => {
    const error = loadError(write('long.txt', `not json ${'x'.repeat(500)}`));
    expectProblems(error.message, [{ path: '(root)', received: `"not json ${'x'.repeat(31)}..."`, allowed: 'not valid JSON' }]);
  });

  test('valid JSON that is not a valid config names the file', () => {
    const file = write('invalid.json', JSON.stringify(configWith((c) => (c.regions[1].name = 'eu-west-9'))));
    const error = loadError(file);
    expect(error.source).toBe(`in ${file} (from MULTI_REGION_CONFIG)`);
    expect(error.problems.map((p) => p.path)).toEqual([['regions', 1, 'name']]);
  });
});
