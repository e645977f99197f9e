import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from './errors';
import { FoundationConfig, validateConfig } from './validate';

export const CONFIG_ENV = 'MULTI_REGION_CONFIG';
export const DEFAULT_CONFIG_PATH = path.join(__dirname, '..', '..', 'config', 'default.json');

function describeJsonError(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return error.message;
  const before = text.slice(0, Number(position[1])).split('\n');
  return `${error.message.replace(/ in JSON at position \d+.*$/, '')} at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** Reads, parses and validates the file named by MULTI_REGION_CONFIG, or the embedded default. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): FoundationConfig {
  const file = env[CONFIG_ENV] || DEFAULT_CONFIG_PATH;
  const source = `in ${file}${env[CONFIG_ENV] ? ` (from ${CONFIG_ENV})` : ' (embedded default)'}`;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    // "ENOENT: no such file or directory, open '<file>'" without the file name, which is shown as received.
    const reason = (error as Error).message.replace(/, \w+ '.*'$/, '');
    throw new ConfigError(source, [{ path: [], received: file, message: `cannot read the file (${reason}); expected a readable JSON file` }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(source, [
      { path: [], received: text.length > 40 ? `${text.slice(0, 40)}...` : text, message: `not valid JSON (${describeJsonError(text, error as Error)}); expected a JSON object like config/default.json` },
    ]);
  }
  return validateConfig(data, source);
}
