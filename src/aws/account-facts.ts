/**
 * The account id and partition a stack deploys into, as Terraform references. One object per
 * stack (`accountFacts` in src/stacks) is passed to every construct that builds an ARN, so a stack
 * reads each fact from one data source however many constructs use it.
 */
export interface AccountFacts {
  readonly account: string;
  readonly partition: string;
}
