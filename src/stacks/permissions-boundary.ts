import { IConstruct } from 'constructs';
import { Aspects, IAspect, TerraformStack, Token } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';

/**
 * Sets the configured permissions boundary on every role of the stack that has none, so no role a
 * domain adds can miss it: the deploy role may create or change a role only with exactly this
 * boundary (the identity domain's RequirePermissionsBoundary). A role that sets another boundary
 * fails the synth, naming the role.
 */
class PermissionsBoundary implements IAspect {
  constructor(private readonly boundaryArn: string) {}

  visit(node: IConstruct): void {
    if (!(node instanceof IamRole)) return;
    const current = node.permissionsBoundaryInput;
    if (current === undefined) {
      node.permissionsBoundary = this.boundaryArn;
    } else if (current !== this.boundaryArn && !Token.isUnresolved(current)) {
      throw new Error(
        `Role ${node.node.path}: permissions boundary "${current}"; security.iam.permissionsBoundaryArn requires "${this.boundaryArn}" on every role of the project`,
      );
    }
  }
}

/** Puts `boundaryArn` on every IAM role of the stack (see PermissionsBoundary); nothing when undefined. */
export function usePermissionsBoundary(stack: TerraformStack, boundaryArn: string | undefined): void {
  if (boundaryArn !== undefined) Aspects.of(stack).add(new PermissionsBoundary(boundaryArn));
}
