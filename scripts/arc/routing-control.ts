/**
 * Lists and sets Route 53 ARC routing control states through the cluster's regional endpoints
 * (Terraform cannot set them). Usage: `npx tsx scripts/arc/routing-control.ts --help`.
 */
import * as fs from 'fs';
import { USAGE, UsageError, describeError, endpointsFromJson, parseArgs, run } from './routing-control-lib';
import { clusterClientFactory } from './cluster-client';

async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`routing-control: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const endpoints = command.endpointsFile !== undefined ? endpointsFromJson(JSON.parse(fs.readFileSync(command.endpointsFile, 'utf8')), command.endpointsFile) : command.endpoints;
  return run(command, endpoints, clusterClientFactory(), { log: (line) => process.stdout.write(`${line}\n`), random: Math.random });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`routing-control: ${describeError(error)}\n`);
    process.exit(1);
  },
);
