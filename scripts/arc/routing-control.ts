/**
 * Lists and sets Route 53 ARC routing control states through the cluster's regional endpoints
 * (Terraform cannot set them). Usage: `npx tsx scripts/arc/routing-control.ts --help`.
 */
import * as fs from 'fs';
import {
  ListRoutingControlsCommand,
  Route53RecoveryClusterClient,
  UpdateRoutingControlStatesCommand,
} from '@aws-sdk/client-route53-recovery-cluster';
import { ClientFactory, USAGE, UsageError, describeError, endpointsFromJson, parseArgs, run } from './routing-control-lib';

/** One SDK client per endpoint: the data plane is called in the endpoint's own Region. */
const sdkFactory: ClientFactory = ({ endpoint, region }) => {
  // No SDK retries: a failing endpoint should hand over to the next one at once.
  const client = new Route53RecoveryClusterClient({ region, endpoint, maxAttempts: 1 });
  return {
    listRoutingControls: (input) => client.send(new ListRoutingControlsCommand(input)),
    updateRoutingControlStates: (input) => client.send(new UpdateRoutingControlStatesCommand(input)),
  };
};

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
  return run(command, endpoints, sdkFactory, { log: (line) => process.stdout.write(`${line}\n`), random: Math.random });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`routing-control: ${describeError(error)}\n`);
    process.exit(1);
  },
);
