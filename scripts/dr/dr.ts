/**
 * `npm run dr`: the data-plane steps of a Region promotion (`promote <region>`) and, per service,
 * which Region is active (`status`). Usage: `npm run dr -- --help`; the playbook: docs/dr-playbook.md.
 */
import * as fs from 'fs';
import { loadConfig, CONFIG_ENV } from '../../src/config/load';
import { UsageError } from '../lib/cli';
import { endpointsFromJson } from '../arc/routing-control-lib';
import { clusterClientFactory } from '../arc/cluster-client';
import { DrCommand, parseArgs, USAGE } from './dr-args';
import { drCaller } from './dr-caller';
import { ArcAccess } from './observe';
import { promote, status } from './dr-lib';
import { nextStepLines, promoteJson } from './promote-output';
import { statusExitCode, statusJson } from './status';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function arcAccess(command: Exclude<DrCommand, { kind: 'help' }>): ArcAccess | undefined {
  const endpoints =
    command.arcEndpointsFile !== undefined ? endpointsFromJson(JSON.parse(fs.readFileSync(command.arcEndpointsFile, 'utf8')), command.arcEndpointsFile) : command.arcEndpoints;
  return endpoints.length > 0 ? { endpoints, factory: clusterClientFactory(), io: { log: (line) => err(`ARC: ${line}`), random: Math.random } } : undefined;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    out(USAGE);
    return 0;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    err(`dr: ${(error as Error).message}`);
    return 2;
  }
  let command: DrCommand;
  let arc: ArcAccess | undefined;
  try {
    command = parseArgs(argv, config.regions.map((r) => r.name));
    if (command.kind === 'help') return 0;
    arc = arcAccess(command);
  } catch (error) {
    if (!(error instanceof UsageError)) {
      err(`dr: ${(error as Error).message}`);
      return 2;
    }
    err(`dr: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const configFile = process.env[CONFIG_ENV] ?? 'config/default.json';
  const caller = drCaller();
  try {
    if (command.kind === 'status') {
      const report = await status(config, caller.call, { arc, timeoutSeconds: command.timeoutSeconds });
      out(command.json ? statusJson(report) : report.lines.join('\n'));
      return statusExitCode(report);
    }
    if (!command.json) out(`${command.dryRun ? 'Dry run: ' : ''}promoting ${command.target} (primary ${config.primaryRegion}, activeRegion ${config.activeRegion} in ${configFile})`);
    const result = await promote(config, command.target, caller.call, { dryRun: command.dryRun, arc, timeoutSeconds: command.timeoutSeconds });
    out(command.json ? promoteJson(result, configFile) : [...result.lines, '', ...nextStepLines(result, configFile)].join('\n'));
    return result.ok ? 0 : 1;
  } finally {
    caller.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    err(`dr: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
