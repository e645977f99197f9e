import { Construct } from 'constructs';
import { DataTerraformRemoteStateS3, Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityHubAggregator, SecurityHubAggregatorProps } from '../../src/constructs/security-hub-aggregator';
import { synthConstruct } from '../helpers/synth';
import { only } from '../helpers/inspect';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

/** Aliased providers, one per Region, as the link stacks create them. */
function providers(scope: Construct): Record<string, AwsProvider> {
  return Object.fromEntries(REGIONS.map((r) => [r, new AwsProvider(scope, `aws_${r}`, { region: r, alias: r.replace(/-/g, '_') })]));
}

/** Each Region stack's hub ARN, read from its remote state like the global-replication stack does. */
function hubArns(scope: Construct): string[] {
  return REGIONS.map((r) =>
    new DataTerraformRemoteStateS3(scope, `state_${r}`, { bucket: 'example-tfstate', key: `example/prod/region-${r}.tfstate`, region: 'us-east-1' }).getString(
      'security_hub_arn',
    ),
  );
}

describe('SecurityHubAggregator', () => {
  const stack = synthConstruct((scope) => {
    const byRegion = providers(scope);
    new SecurityHubAggregator(scope, 'aggregator', {
      provider: byRegion['us-east-1'],
      aggregationRegion: 'us-east-1',
      // Deliberately unsorted: the construct sorts.
      linkedRegions: ['eu-west-1', 'ap-southeast-2'],
      dependsOnHubs: hubArns(scope),
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

  test('fails the plan with a clear message if a Region stack exported no hub ARN', () => {
    const [precondition] = aggregator.lifecycle.precondition;
    expect(aggregator.lifecycle.precondition).toHaveLength(1);
    const references = REGIONS.map((r) => {
      const [id] = Object.entries(stack.data?.terraform_remote_state ?? {}).find(([, body]) => body.config.key.endsWith(`region-${r}.tfstate`))!;
      return `data.terraform_remote_state.${id}.outputs.security_hub_arn`;
    });
    expect(precondition.condition).toBe(`\${(length(compact([${references.join(', ')}])) == 3)}`);
    expect(precondition.error_message).toContain('Security Hub must be enabled in every Region before the finding aggregator in us-east-1 links them');
  });

  test('without hub ARNs, or with literal ones only, adds no precondition (ordering comes from the stack graph)', () => {
    const synth = (dependsOnHubs?: string[]) =>
      only(
        synthConstruct((scope) => {
          new SecurityHubAggregator(scope, 'aggregator', { provider: providers(scope)['us-east-1'], aggregationRegion: 'us-east-1', linkedRegions: ['eu-west-1'], dependsOnHubs });
        }),
        'aws_securityhub_finding_aggregator',
      )[1];
    expect(synth().lifecycle).toBeUndefined();
    expect(synth(['arn:aws:securityhub:us-east-1:123456789012:hub/default', 'arn:aws:securityhub:eu-west-1:123456789012:hub/default']).lifecycle).toBeUndefined();
  });

  describe('rejects bad props with the value received and what is allowed', () => {
    const attempt = (props: Partial<Omit<SecurityHubAggregatorProps, 'provider'>> & { providerRegion?: string }) => () => {
      const scope = new TerraformStack(Testing.app(), 'bad');
      const byRegion = providers(scope);
      new SecurityHubAggregator(scope, 'agg', {
        provider: byRegion[props.providerRegion ?? 'us-east-1'],
        aggregationRegion: props.aggregationRegion ?? 'us-east-1',
        linkedRegions: props.linkedRegions ?? ['eu-west-1'],
        dependsOnHubs: props.dependsOnHubs,
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

    test('not one hub ARN per configured Region', () => {
      expect(attempt({ linkedRegions: ['eu-west-1', 'ap-southeast-2'], dependsOnHubs: ['arn:1', 'arn:2'] })).toThrow(
        'SecurityHubAggregator agg dependsOnHubs: received 2 hub ARN(s); expected 3, one per configured Region (us-east-1, eu-west-1, ap-southeast-2)',
      );
    });

    test('an empty literal hub ARN', () => {
      expect(attempt({ dependsOnHubs: ['arn:aws:securityhub:us-east-1:123456789012:hub/default', ''] })).toThrow(
        'SecurityHubAggregator agg dependsOnHubs[1]: received ""; expected the hub ARN of a Region where Security Hub is enabled (us-east-1, eu-west-1)',
      );
    });
  });
});
