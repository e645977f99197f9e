import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ResourceExplorerIndex, IndexType } from '../../../src/constructs/operations/resource-explorer-index';
import { resourceList, synthConstruct } from '../../helpers/synth';
import { only, policyFixture } from '../../helpers/inspect';

describe('ResourceExplorerIndex', () => {
  test.each(['LOCAL', 'AGGREGATOR'] as const)('%s: one index of that type, tagged by the provider\'s default tags only', (type) => {
    const stack = synthConstruct((scope) => new ResourceExplorerIndex(scope, 'explorer', { type }));
    const [, index] = only(stack, 'aws_resourceexplorer2_index');
    expect(index).toEqual({ type });
  });

  test('one per Region, each on its provider', () => {
    const regions = ['us-east-1', 'eu-west-1'];
    const alias = (r: string) => r.replace(/-/g, '_');
    const all = synthConstruct((scope) => {
      for (const region of regions) {
        const provider = new AwsProvider(scope, `aws_${alias(region)}`, { region, alias: alias(region) });
        new ResourceExplorerIndex(scope, `explorer_${alias(region)}`, { type: region === 'us-east-1' ? 'AGGREGATOR' : 'LOCAL', provider });
      }
    });
    expect(resourceList(all, 'aws_resourceexplorer2_index').map((i) => [i.provider, i.type]).sort()).toEqual([
      ['aws.eu_west_1', 'LOCAL'],
      ['aws.us_east_1', 'AGGREGATOR'],
    ]);
  });

  test('an unknown type is refused, naming the allowed ones', () => {
    expect(() => synthConstruct((scope) => new ResourceExplorerIndex(scope, 'explorer', { type: 'GLOBAL' as IndexType }))).toThrow(
      'ResourceExplorerIndex explorer type: received "GLOBAL"; expected one of LOCAL, AGGREGATOR',
    );
  });

  test('passes the foundation\'s compliance rules', () => {
    expect(policyFixture((scope) => new ResourceExplorerIndex(scope, 'explorer', { type: 'AGGREGATOR' })).violations()).toEqual([]);
  });
});
