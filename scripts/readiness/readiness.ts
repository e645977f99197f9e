/**
 * `npm run readiness`: reads the deployed foundation with the AWS SDK in every configured Region
 * and prints check x Region with totals, or JSON. Usage: `npm run readiness -- --help`.
 */
import { loadConfig } from '../../src/config/load';
import { sdkCaller } from './aws-caller';
import { CHECK_IDS, runReadiness } from './readiness-checks';
import { detailLines, exitCode, parseArgs, readinessJson, readinessTable, Reader, UsageError, usage } from './readiness-lib';

async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseArgs(argv, CHECK_IDS);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`readiness: ${error.message}\n\n${usage(CHECK_IDS)}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${usage(CHECK_IDS)}\n`);
    return 0;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`readiness: ${(error as Error).message}\n`);
    return 2;
  }
  const caller = sdkCaller();
  try {
    const report = await runReadiness(config, new Reader(caller.call, command), command.only);
    if (command.json) process.stdout.write(`${readinessJson(report)}\n`);
    else {
      const details = detailLines(report);
      process.stdout.write(`Readiness of ${config.project}: ${report.regions.length} Region(s), primary ${config.primaryRegion}\n\n${readinessTable(report)}\n${details.length ? `\n${details.join('\n')}\n` : ''}`);
    }
    return exitCode(report);
  } finally {
    caller.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`readiness: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
