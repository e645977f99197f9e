import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CACHE_DIR_ENV, SOURCE_HASH_ENV } from './synth-cache-env';

const ROOT = path.resolve(__dirname, '..', '..');

/** What a synthesized app depends on besides its config: the app's sources, the synth helper, the installed libraries. */
const INPUTS = ['src', 'package-lock.json', 'tsconfig.json', '__tests__/helpers/synth.ts', '__tests__/jest/setup.ts'];

function hashTree(hash: ReturnType<typeof createHash>, relative: string): void {
  const full = path.join(ROOT, relative);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isDirectory()) {
    for (const entry of fs.readdirSync(full).sort()) hashTree(hash, path.join(relative, entry));
    return;
  }
  hash.update(`${relative}\0${fs.statSync(full).size}\0`).update(fs.readFileSync(full));
}

/**
 * One synth cache per jest run (removed by global-teardown.ts): test files that synthesize the same
 * config share one synth. The workers inherit the environment set here.
 */
export default function globalSetup(): void {
  const hash = createHash('sha256');
  for (const input of INPUTS) hashTree(hash, input);
  process.env[CACHE_DIR_ENV] = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-synth-cache-'));
  process.env[SOURCE_HASH_ENV] = hash.digest('hex');
}
