import { Construct } from 'constructs';
import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityHubAggregator, SecurityHubAggregatorProps } from '../../../src/constructs/security/security-hub-aggregator';
import { synthConstruct } from '../../helpers/synth';
import { only } from '../../helpers/inspect';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

/** Aliased providers, one per Region, as the link stacks create them. */
function providers(scope: Construct): Record<string, AwsProvider> {
  return Object.fromEntries(REGIONS.map((r) => [r, new AwsProvider(scope, `aws_${r}`, { region: r, alias: r.replace(/-/g, '_') })]));
}

describe('SecurityHubAggregator', () => {
  const stack = synthConstruct((scope) => {
    const byRegion = providers(scope);
    new SecurityHubAggregator(scope, 'aggregator', {
      provider: byRegion['us-east-1'],
      aggregationRegion: 'us-east-1',
      // Deliberately unsorted: the construct sorts.
      linkedRegions: ['eu-west-1', 'ap-southeast-2'],
    });
  });
  const [, aggregator] = only(stack, 'aws_securityhub_finding_aggregator');

  test('is created once, in the aggregation Region, through its aliased provider', () => {
    expect(aggregator.provider).toBe('aws.us_east_1');
  });

  test('links exactly the other Regions, sorted so that config order never shows as a change', () => {
    expect(aggregator.linking_mode).toBe('SPECIFIED_REGIONS');
    expect(aggregator.specified_regions).toEqual(['ap-southeast-2', 'eu-west-1']);
  });

  test('is exactly the aggregator: no lifecycle block (no precondition), nothing else in the stack', () => {
    // cdktf 0.21 renders lifecycle preconditions as invalid HCL; ordering after the Region stacks
    // comes from the stack graph instead.
    expect(aggregator).toEqual({ provider: 'aws.us_east_1', linking_mode: 'SPECIFIED_REGIONS', specified_regions: ['ap-southeast-2', 'eu-west-1'] });
    expect(Object.keys(stack.resource ?? {})).toEqual(['aws_securityhub_finding_aggregator']);
    expect(stack.data).toBeUndefined();
  });

  test('another aggregation Region: its provider, the other Regions sorted', () => {
    const [, other] = only(
      synthConstruct((scope) => {
        new SecurityHubAggregator(scope, 'aggregator', { provider: providers(scope)['ap-southeast-2'], aggregationRegion: 'ap-southeast-2', linkedRegions: ['us-east-1', 'eu-west-1'] });
      }),
      'aws_securityhub_finding_aggregator',
    );
    expect(other).toEqual({ provider: 'aws.ap_southeast_2', linking_mode: 'SPECIFIED_REGIONS', specified_regions: ['eu-west-1', 'us-east-1'] });
  });

  describe('rejects bad props with the value received and what is allowed', () => {
    const attempt = (props: Partial<Omit<SecurityHubAggregatorProps, 'provider'>> & { providerRegion?: string }) => () => {
      const scope = new TerraformStack(Testing.app(), 'bad');
      const byRegion = providers(scope);
      new SecurityHubAggregator(scope, 'agg', {
        provider: byRegion[props.providerRegion ?? 'us-east-1'],
        aggregationRegion: props.aggregationRegion ?? 'us-east-1',
        linkedRegions: props.linkedRegions ?? ['eu-west-1'],
      });
    };

    test('no linked Region', () => {
      expect(attempt({ linkedRegions: [] })).toThrow(
        'SecurityHubAggregator agg linkedRegions: received []; expected every configured Region other than "us-east-1"',
      );
    });

    test('the aggregation Region among the linked ones', () => {
      expect(attempt({ linkedRegions: ['eu-west-1', 'us-east-1'] })).toThrow(
        'SecurityHubAggregator agg linkedRegions: received ["eu-west-1","us-east-1"], which contains the aggregation Region "us-east-1"; expected only the other Regions',
      );
    });

    test('a linked Region listed twice', () => {
      expect(attempt({ linkedRegions: ['eu-west-1', 'ap-southeast-2', 'eu-west-1'] })).toThrow(
        'SecurityHubAggregator agg linkedRegions: received "eu-west-1" twice in ["eu-west-1","ap-southeast-2","eu-west-1"]; expected each Region at most once',
      );
    });

    test('a malformed Region name', () => {
      expect(attempt({ linkedRegions: ['eu_west_1'] })).toThrow(
        'SecurityHubAggregator agg linkedRegions: received "eu_west_1"; expected Region names such as "eu-west-1"',
      );
      expect(attempt({ aggregationRegion: 'useast1' })).toThrow(
        'SecurityHubAggregator agg aggregationRegion: received "useast1"; expected a Region name such as "us-east-1"',
      );
    });

    test('a provider for another Region than the aggregation Region', () => {
      expect(attempt({ providerRegion: 'eu-west-1', linkedRegions: ['ap-southeast-2'] })).toThrow(
        'SecurityHubAggregator agg provider: received a provider for "eu-west-1"; expected the provider of the aggregation Region "us-east-1"',
      );
    });
  });
});
