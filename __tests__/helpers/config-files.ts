import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONFIG_ENV, loadConfig } from '../../src/config/load';
import { ConfigError } from '../../src/config/errors';

/** A temporary folder for config files, created before and removed after the calling test file. */
export function configDir(): { readonly path: string; write(name: string, content: string | Buffer): string } {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-files-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    get path() {
      return dir;
    },
    write(name: string, content: string | Buffer): string {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    },
  };
}

/** The ConfigError loadConfig throws for `file`; fails the test if it throws none or another error. */
export function loadError(file: string): ConfigError {
  try {
    loadConfig({ [CONFIG_ENV]: file });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${file} to be rejected`);
}

/** The printed problems of a config object that must not validate; fails the test if it validates. */
export function problemsOf(input: unknown): string {
  const { validateConfig } = require('../../src/config/validate') as typeof import('../../src/config/validate');
  try {
    validateConfig(input, 'test.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
