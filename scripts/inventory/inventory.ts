/**
 * `npm run inventory`: EC2 instances, VPCs, subnets, security groups, volumes, snapshots and AMIs in
 * every configured Region (or every enabled one), as a table or JSON. Usage: `npm run inventory -- --help`.
 */
import { loadConfig } from '../../src/config/load';
import { describeRegions, sdkEc2Factory } from './ec2-client';
import {
  USAGE,
  UsageError,
  collectInventory,
  describeError,
  enabledRegions,
  errorLines,
  inventoryJson,
  inventoryList,
  inventoryTable,
  parseArgs,
} from './inventory-lib';

async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`inventory: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`inventory: ${(error as Error).message}\n`);
    return 2;
  }
  const ec2 = sdkEc2Factory();
  let regions = config.regions.map((r) => r.name);
  if (command.allRegions) {
    try {
      regions = enabledRegions(await describeRegions(ec2.client(config.primaryRegion), command.timeoutSeconds));
    } catch (error) {
      process.stderr.write(`inventory: ${config.primaryRegion}: DescribeRegions failed: ${describeError(error, command.timeoutSeconds)}\n`);
      return 1;
    }
  }
  const inventory = await collectInventory(regions, ec2, { ...command, project: config.project });
  if (command.json) process.stdout.write(`${inventoryJson(inventory)}\n`);
  else {
    const scope = command.projectOnly ? `tagged ${inventory.filter}` : 'all of the account\'s';
    process.stdout.write(`EC2 inventory: ${scope}, ${regions.length} Region${regions.length === 1 ? '' : 's'}\n\n${inventoryTable(inventory)}\n`);
    if (command.list) process.stdout.write(`\n${inventoryList(inventory)}\n`);
  }
  for (const line of errorLines(inventory)) process.stderr.write(`${line}\n`);
  return inventory.errors.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`inventory: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
