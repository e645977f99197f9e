import { TerraformProvider, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { REGION_NAME_PATTERN } from '../../aws/regions';

/** A value Terraform resolves at apply time: a cdktf token or a literal "${...}" expression. */
export const isReference = (value: string): boolean => Token.isUnresolved(value) || value.includes('${');

const KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:key\/.+$/;

/**
 * Throws unless a literal key ARN is a KMS key ARN of `region` (ECR takes only a key of the
 * repository's own Region). Terraform references pass: their Region is known at apply time only.
 */
export function checkKeyArnInRegion(owner: string, prop: string, arn: string, region: string, what: string): void {
  if (isReference(arn)) return;
  const match = KEY_ARN.exec(arn);
  if (!match) {
    throw new Error(`${owner} ${prop}: received ${JSON.stringify(arn)}; expected the ARN of ${what} (arn:<partition>:kms:<region>:<account>:key/mrk-...)`);
  }
  if (!isReference(region) && match[1] !== region) {
    throw new Error(`${owner} ${prop}: received a key of ${match[1]} (${arn}); expected ${what} in ${region}: ECR uses only a key of the repository's Region`);
  }
}

/** Throws unless `region` is a Region name and a literal provider Region, if any, is that Region. */
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
