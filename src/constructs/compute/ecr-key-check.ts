import { TerraformProvider } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { REGION_NAME_PATTERN } from '../../aws/regions';
import { isReference, regionalKeyArnProblem } from './regional-key-arn';


/**
 * Throws unless `arn` is a KMS key ARN of `region` (ECR takes only a key of the repository's own
 * Region); the literal parts of a Terraform reference are checked, as `regionalKeyArnProblem` does.
 */
export function checkKeyArnInRegion(owner: string, prop: string, arn: string, region: string, what: string): void {
  const problem = regionalKeyArnProblem(arn, region);
  if (problem !== undefined) throw new Error(`${owner} ${prop}: received ${JSON.stringify(arn)}; ${problem} (${what})`);
}

export function checkRegion(owner: string, provider: TerraformProvider, region: string): void {
  if (isReference(region)) return;
  if (!REGION_NAME_PATTERN.test(region)) {
    throw new Error(`${owner} region: received ${JSON.stringify(region)}; expected a Region name such as "eu-west-1"`);
  }
  // A provider of another Region would create the resource where nothing else of it lives.
  if (provider instanceof AwsProvider) {
    const providerRegion = provider.region;
    if (providerRegion !== undefined && !isReference(providerRegion) && providerRegion !== region) {
      throw new Error(`${owner} provider: received a provider for ${JSON.stringify(providerRegion)}; expected the provider of ${JSON.stringify(region)}`);
    }
  }
}
