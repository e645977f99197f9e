import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../lib/synth';

/** The config file the run deployed, as the user wrote it. */
export function deployedConfigFile(): string {
  return path.resolve(ROOT, process.env.MULTI_REGION_CONFIG || path.join('config', 'default.json'));
}

/** The deployed config with one change, written to `<work>/<name>.json`; returns its path. */
export function writeVariant(work: string, name: string, change: (config: Record<string, any>) => void): string {
  const config = JSON.parse(fs.readFileSync(deployedConfigFile(), 'utf8'));
  // Relative to the original file; the variant lives elsewhere and needs no editor hints.
  delete config.$schema;
  change(config);
  const file = path.join(work, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
