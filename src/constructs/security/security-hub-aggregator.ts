import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityhubFindingAggregator } from '@cdktf/provider-aws/lib/securityhub-finding-aggregator';
import { REGION_NAME_PATTERN } from '../../aws/regions';

export interface SecurityHubAggregatorProps {
  /** Aliased provider of the aggregation Region; the aggregator is created there. */
  readonly provider: TerraformProvider;
  /** Region that receives every linked Region's findings. */
  readonly aggregationRegion: string;
  /** Every other configured Region: non-empty, without the aggregation Region, each once. */
  readonly linkedRegions: readonly string[];
}

/**
 * The single Security Hub finding aggregator: findings from the listed Regions are replicated to
 * the aggregation Region. SPECIFIED_REGIONS (rather than ALL_REGIONS) keeps the link set equal to
 * the configured Regions, so a Region that is added to the config is linked by the same change and
 * a Region nobody uses never feeds findings in. The list is sorted so that reordering Regions in
 * the config plans as no change.
 *
 * Ordering: Security Hub must be enabled in the aggregation Region and in each linked Region
 * before the aggregator links them. That comes from the stack graph (this construct lives in a
 * link stack deployed after all `region-*` stacks), not from anything inside this construct.
 */
export class SecurityHubAggregator extends Construct {
  readonly aggregator: SecurityhubFindingAggregator;

  constructor(scope: Construct, id: string, props: SecurityHubAggregatorProps) {
    super(scope, id);
    validate(id, props);
    this.aggregator = new SecurityhubFindingAggregator(this, 'aggregator', {
      provider: props.provider,
      linkingMode: 'SPECIFIED_REGIONS',
      specifiedRegions: [...props.linkedRegions].sort(),
    });
  }
}

function validate(id: string, props: SecurityHubAggregatorProps): void {
  const where = `SecurityHubAggregator ${id}`;
  const { aggregationRegion, linkedRegions } = props;
  const literal = (value: string) => !Token.isUnresolved(value);
  if (literal(aggregationRegion) && !REGION_NAME_PATTERN.test(aggregationRegion)) {
    throw new Error(`${where} aggregationRegion: received ${JSON.stringify(aggregationRegion)}; expected a Region name such as "us-east-1"`);
  }
  // A provider for another Region would create the aggregator where nobody looks for it.
  if (props.provider instanceof AwsProvider) {
    const providerRegion = props.provider.region;
    if (providerRegion !== undefined && literal(providerRegion) && literal(aggregationRegion) && providerRegion !== aggregationRegion) {
      throw new Error(
        `${where} provider: received a provider for ${JSON.stringify(providerRegion)}; expected the provider of the aggregation Region ${JSON.stringify(aggregationRegion)}`,
      );
    }
  }
  if (linkedRegions.length === 0) {
    throw new Error(`${where} linkedRegions: received []; expected every configured Region other than ${JSON.stringify(aggregationRegion)} (an aggregator with nothing to link has no purpose)`);
  }
  const seen = new Set<string>();
  for (const region of linkedRegions) {
    if (literal(region) && !REGION_NAME_PATTERN.test(region)) {
      throw new Error(`${where} linkedRegions: received ${JSON.stringify(region)}; expected Region names such as "eu-west-1"`);
    }
    if (region === aggregationRegion) {
      throw new Error(
        `${where} linkedRegions: received ${JSON.stringify(linkedRegions)}, which contains the aggregation Region ${JSON.stringify(aggregationRegion)}; expected only the other Regions`,
      );
    }
    if (seen.has(region)) {
      throw new Error(`${where} linkedRegions: received ${JSON.stringify(region)} twice in ${JSON.stringify(linkedRegions)}; expected each Region at most once`);
    }
    seen.add(region);
  }
}
