import * as fs from 'fs';
import * as path from 'path';
import { loadConfig, CONFIG_ENV, DEFAULT_CONFIG_PATH } from '../../src/config/load';
import { validateConfig } from '../../src/config/validate';
import { MINIMAL_CONFIG, configWith, expectProblems } from '../helpers/config-cases';
import { configDir, loadError } from '../helpers/config-files';

const files = configDir();
const write = (name: string, text: string) => files.write(name, text);

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
      process.chdir(files.path);
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
    const file = path.join(files.path, 'does-not-exist.json');
    const error = loadError(file);
    expect(error.message.split('\n')[0]).toBe(`Invalid configuration in ${file} (from MULTI_REGION_CONFIG): 1 problem`);
    expectProblems(error.message, [
      { path: '(root)', received: JSON.stringify(file), allowed: 'cannot read the file (ENOENT: no such file or directory); expected a readable JSON file' },
    ]);
  });

  test('a directory', () => {
    expectProblems(loadError(files.path).message, [
      { path: '(root)', received: JSON.stringify(files.path), allowed: 'cannot read the file (EISDIR: illegal operation on a directory, read); expected a readable JSON file' },
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

  test('valid JSON that is not a valid config names the file', () => {
    const file = write('invalid.json', JSON.stringify(configWith((c) => (c.regions[1].name = 'eu-west-9'))));
    const error = loadError(file);
    expect(error.source).toBe(`in ${file} (from MULTI_REGION_CONFIG)`);
    expect(error.problems.map((p) => p.path)).toEqual([['regions', 1, 'name']]);
  });
});
