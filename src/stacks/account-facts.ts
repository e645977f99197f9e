import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';

export interface AccountFacts {
  readonly account: string;
  readonly partition: string;
}

const facts = new WeakMap<TerraformStack, AccountFacts>();

/** The account id and partition of a stack's home provider, read once per stack. */
export function accountFacts(scope: Construct): AccountFacts {
  const stack = TerraformStack.of(scope);
  let found = facts.get(stack);
  if (!found) {
    found = {
      account: new DataAwsCallerIdentity(stack, 'account').accountId,
      partition: new DataAwsPartition(stack, 'partition').partition,
    };
    facts.set(stack, found);
  }
  return found;
}
