import { GetDefaultViewCommand, GetIndexCommand, GetViewCommand, ListIndexesCommand, ResourceExplorer2Client } from '@aws-sdk/client-resource-explorer-2';
import { FoundationConfig } from '../../../src/config/validate';
import { PROJECT_TAG_KEY } from '../../../src/aws/tags';
import { projectFilter } from '../../../src/constructs/operations/resource-explorer-view';
import { collectInventory, Inventory } from '../../inventory/inventory-lib';
import { ec2Api } from '../../inventory/ec2-client';
import { CREDENTIALS, EmulatorAws } from '../aws';
import { Checklist } from '../checklist';
import { DeployedOutputs } from '../outputs';

const explorer = (aws: EmulatorAws, region: string) => new ResourceExplorer2Client({ region, endpoint: aws.endpoint, credentials: CREDENTIALS, maxAttempts: 2 });

/** The error code of a call expected to fail, or undefined when it answered. */
async function errorOf(call: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return (error as Error).name;
  }
}

/**
 * The inventory layer (issue 12 item 5) read back: `npm run inventory`'s collection, run on the
 * emulator's EC2 in every configured Region, lists each Region's deployed VPC and subnets (all
 * resources, and with --project-only); Resource Explorer has an ACTIVE index in every Region, the
 * stacks' own, AGGREGATOR in the primary and LOCAL elsewhere, and the primary's view selects the
 * project's tag, includes tags and is not the Region's default.
 */
export async function checkOperationsDeployed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  await checkInventory(aws, config, outputs, c);
  if (config.operations.resourceExplorer.enable) await checkResourceExplorer(aws, config, outputs, c);
}

async function checkInventory(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const regions = config.regions.map((r) => r.name);
  const options = { concurrency: 4, timeoutSeconds: 30, project: config.project };
  const all = await collectInventory(regions, (region) => ec2Api(aws.ec2(region)), { ...options, projectOnly: false });
  const own = await collectInventory(regions, (region) => ec2Api(aws.ec2(region)), { ...options, projectOnly: true });
  for (const [label, inventory] of [['inventory', all], ['inventory --project-only', own]] as Array<[string, Inventory]>) {
    c.expect(inventory.errors.length === 0, `${label}: every call answered (${inventory.errors.map((e) => `${e.region} ${e.call}: ${e.message}`).join('; ') || 'none failed'})`);
    for (const region of regions) {
      const stack = outputs.region(region);
      const listed = (key: string) => (inventory.resources[region]?.[key] ?? []).map((r) => r.id);
      c.expect(listed('vpcs').includes(stack.get('vpc_id')), `${label}: ${region} lists the deployed VPC ${stack.get('vpc_id')}`);
      const subnets = [...stack.get('private_subnet_ids'), ...stack.get('public_subnet_ids')];
      const missing = subnets.filter((id) => !listed('subnets').includes(id));
      c.expect(missing.length === 0, `${label}: ${region} lists the ${subnets.length} deployed subnets${missing.length ? ` (missing ${missing.join(', ')})` : ''}`);
    }
  }
  // The project's own VPCs only: one per Region (the default VPC and others' are left out).
  for (const region of regions) {
    const vpcs = (own.resources[region]?.vpcs ?? []).map((v) => v.id);
    c.expect(vpcs.length === 1, `inventory --project-only: ${region} lists exactly the project's VPC (${vpcs.join(', ')})`);
  }
}

async function checkResourceExplorer(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  for (const region of config.regions) {
    const index = await explorer(aws, region.name).send(new GetIndexCommand({}));
    const type = region.isPrimary ? 'AGGREGATOR' : 'LOCAL';
    c.expect(index.Arn === outputs.region(region.name).get('resource_explorer_index_arn'), `Resource Explorer: ${region.name}'s index is the stack's (${index.Arn})`);
    c.expect(index.Type === type && index.State === 'ACTIVE', `Resource Explorer: ${region.name}'s index is ${type} and ACTIVE (${index.Type}, ${index.State})`);
    c.expect(index.Tags?.[PROJECT_TAG_KEY] === config.project, `Resource Explorer: ${region.name}'s index carries ${PROJECT_TAG_KEY}=${config.project}`);
  }
  const primary = explorer(aws, config.primaryRegion);
  const aggregators = (await primary.send(new ListIndexesCommand({ Type: 'AGGREGATOR' }))).Indexes ?? [];
  c.expect(aggregators.length === 1 && aggregators[0].Region === config.primaryRegion, `Resource Explorer: the account's one aggregator is in ${config.primaryRegion} (${aggregators.map((i) => i.Region).join(', ')})`);
  const listed = ((await primary.send(new ListIndexesCommand({}))).Indexes ?? []).map((i) => i.Region).sort();
  const expected = config.regions.map((r) => r.name).sort();
  c.expect(JSON.stringify(listed) === JSON.stringify(expected), `Resource Explorer: indexes in exactly the configured Regions (${listed.join(', ')})`);

  const viewArn = outputs.region(config.primaryRegion).get('resource_explorer_view_arn');
  const { View: view, Tags: tags } = await primary.send(new GetViewCommand({ ViewArn: viewArn }));
  c.expect(view?.Filters?.FilterString === projectFilter(config.project), `Resource Explorer: the view selects ${projectFilter(config.project)} (${view?.Filters?.FilterString})`);
  c.expect((view?.IncludedProperties ?? []).some((p) => p.Name === 'tags'), 'Resource Explorer: the view includes tags');
  c.expect(tags?.[PROJECT_TAG_KEY] === config.project, `Resource Explorer: the view carries ${PROJECT_TAG_KEY}=${config.project}`);
  const defaultView = (await primary.send(new GetDefaultViewCommand({}))).ViewArn;
  c.expect(defaultView !== viewArn, 'Resource Explorer: the project\'s view is not the Region\'s default view');
}

/** After destroy: no index left in any configured Region (so Resource Explorer is off again). */
export async function checkOperationsDestroyed(aws: EmulatorAws, config: FoundationConfig, c: Checklist): Promise<void> {
  if (!config.operations.resourceExplorer.enable) return;
  for (const region of config.regions) {
    const client = explorer(aws, region.name);
    // The provider waited for the deletion; one more read would still see DELETING only if it had not.
    const code = await errorOf(() => client.send(new GetIndexCommand({})));
    c.expect(code === 'ResourceNotFoundException', `Resource Explorer: no index left in ${region.name} (${code ?? 'an index answered'})`);
  }
}
