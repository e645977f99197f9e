import { Construct } from 'constructs';
import { TerraformProvider, TerraformStack } from 'cdktf';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { AccountFacts } from '../aws/account-facts';


/** Creates each data source on first read, so a stack that never needs the partition has none. */
class StackAccountFacts implements AccountFacts {
  private accountId?: string;
  private partitionName?: string;

  constructor(
    private readonly stack: TerraformStack,
    readonly provider: TerraformProvider | undefined,
  ) {}

  get account(): string {
    this.accountId ??= new DataAwsCallerIdentity(this.stack, 'account', { provider: this.provider }).accountId;
    return this.accountId;
  }

  get partition(): string {
    this.partitionName ??= new DataAwsPartition(this.stack, 'partition', { provider: this.provider }).partition;
    return this.partitionName;
  }
}

const facts = new WeakMap<TerraformStack, StackAccountFacts>();

/**
 * The account id and partition of a stack, one data source each at the stack root. `provider`
 * picks the provider that reads them (default: the stack's unaliased one); every call for a stack
 * must agree on it.
 */
export function accountFacts(scope: Construct, provider?: TerraformProvider): AccountFacts {
  const stack = TerraformStack.of(scope);
  let found = facts.get(stack);
  if (!found) {
    found = new StackAccountFacts(stack, provider);
    facts.set(stack, found);
  } else if (provider && found.provider !== provider) {
    throw new Error(`Stack ${stack.node.id}: account facts are already read through ${found.provider ? `provider ${found.provider.alias ?? found.provider.node.id}` : 'the default provider'}; one provider per stack`);
  }
  return found;
}
