import { FoundationConfig } from '../../src/config/validate';
import { PROJECT_TAG_KEY } from '../../src/aws/tags';
import { StackJson, resources } from '../helpers/synth';

/**
 * The inventory layer's invariants (issue 12 item 5), for one synthesized scenario: registered inside
 * the scenario's describe block, so the app is synthesized once for every invariant. Resource
 * Explorer allows one index per account and Region and one aggregator per account.
 */
export function operationsInvariants(scenario: () => { config: FoundationConfig; stacks: Record<string, StackJson> }): void {
  const explorerTypes = (stack: StackJson) => Object.keys(stack.resource ?? {}).filter((type) => type.startsWith('aws_resourceexplorer2_'));

  test('Resource Explorer: one index per configured Region in its own region stack, exactly one AGGREGATOR, in the primary; one view, there', () => {
    const { config, stacks } = scenario();
    const outside = Object.entries(stacks).filter(([name, stack]) => !name.startsWith('region-') && explorerTypes(stack).length > 0);
    expect(outside.map(([name]) => name)).toEqual([]);
    const indexes = config.regions.map((r) => Object.values(resources(stacks[`region-${r.name}`], 'aws_resourceexplorer2_index')));
    const views = config.regions.flatMap((r) => Object.values(resources(stacks[`region-${r.name}`], 'aws_resourceexplorer2_view')).map(() => r.name));
    if (!config.operations.resourceExplorer.enable) {
      expect({ indexes: indexes.flat(), views }).toEqual({ indexes: [], views: [] });
      return;
    }
    expect(indexes.map((list) => list.length)).toEqual(config.regions.map(() => 1));
    const aggregators = config.regions.filter((_, i) => indexes[i][0].type === 'AGGREGATOR').map((r) => r.name);
    expect(aggregators).toEqual([config.primaryRegion]);
    expect(indexes.flat().filter((index) => index.type !== 'AGGREGATOR').every((index) => index.type === 'LOCAL')).toBe(true);
    expect(views).toEqual([config.primaryRegion]);
  });

  test('Resource Explorer: the view selects the project\'s tag, is not the default view, and is created after the aggregator', () => {
    const { config, stacks } = scenario();
    if (!config.operations.resourceExplorer.enable) return;
    const primary = stacks[`region-${config.primaryRegion}`];
    const [view] = Object.values(resources(primary, 'aws_resourceexplorer2_view'));
    const [indexId] = Object.keys(resources(primary, 'aws_resourceexplorer2_index'));
    expect(view).toMatchObject({ default_view: false, filters: [{ filter_string: `tag:${PROJECT_TAG_KEY}=${config.project}` }] });
    expect(view.depends_on).toContain(`aws_resourceexplorer2_index.${indexId}`);
  });
}
