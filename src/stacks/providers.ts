import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { FoundationConfig } from '../config/validate';
import { PROJECT_TAG_KEY } from '../aws/tags';

/** Provider alias of a Region: "eu-west-1" -> "eu_west_1". */
export function providerAlias(region: string): string {
  return region.replace(/-/g, '_');
}

/**
 * The tags every provider puts on every resource of a stack; also given explicitly to what
 * default_tags do not reach (AMIs, instances and repositories that AWS services create).
 */
export function stackTags(config: FoundationConfig, stackName: string): Record<string, string> {
  return { ...config.tags, ManagedBy: 'cdktf', [PROJECT_TAG_KEY]: config.project, FoundationStack: stackName };
}

function defaultTags(config: FoundationConfig, stackName: string) {
  return [{ tags: stackTags(config, stackName) }];
}

/** Keys of the tags every provider puts on every resource: the configured tags and the project's own. */
export function defaultTagKeys(config: FoundationConfig): string[] {
  return Object.keys(defaultTags(config, '')[0].tags);
}

/** The stack's unaliased provider: its home Region. */
export function homeProvider(scope: Construct, config: FoundationConfig, stackName: string, region: string): AwsProvider {
  return new AwsProvider(scope, 'aws', { region, defaultTags: defaultTags(config, stackName) });
}

/** An aliased provider for one Region; the alias is the Region's name with underscores. */
export function aliasedProvider(scope: Construct, config: FoundationConfig, stackName: string, region: string): AwsProvider {
  return new AwsProvider(scope, `aws_${providerAlias(region)}`, {
    region,
    alias: providerAlias(region),
    defaultTags: defaultTags(config, stackName),
  });
}

/** One aliased provider per configured Region, for stacks that span Regions. */
export function regionProviders(scope: Construct, config: FoundationConfig, stackName: string): Map<string, AwsProvider> {
  return new Map(config.regions.map((r) => [r.name, aliasedProvider(scope, config, stackName, r.name)]));
}
