import * as path from 'path';
import { duplicateKeyProblems } from './duplicate-keys';
import { ConfigError } from './errors';
import { jsonSyntaxProblem } from './json-syntax';
import { readConfigText } from './read-config-file';
import { FoundationConfig, validateConfig } from './validate';

export const CONFIG_ENV = 'MULTI_REGION_CONFIG';
export const DEFAULT_CONFIG_PATH = path.join(__dirname, '..', '..', 'config', 'default.json');

/** Reads, parses and validates the file named by MULTI_REGION_CONFIG, or the embedded default. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): FoundationConfig {
  const file = env[CONFIG_ENV] || DEFAULT_CONFIG_PATH;
  const source = `in ${file}${env[CONFIG_ENV] ? ` (from ${CONFIG_ENV})` : ' (embedded default)'}`;
  const text = readConfigText(file, source);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(source, [jsonSyntaxProblem(text, file, error as Error)]);
  }
  return validateConfig(data, source, duplicateKeyProblems(text, data));
}
