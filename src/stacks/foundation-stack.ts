import { Construct, Node } from 'constructs';
import { TerraformElement, TerraformStack } from 'cdktf';
import { FoundationConfig } from '../config/validate';
import { terraformName } from '../config/patterns';
import { applyComplianceRules } from '../compliance/foundation-rules';

/**
 * Base of every stack. Logical ids are the construct path joined with "_" and no hash suffix, so a
 * plan reads `aws_ec2_transit_gateway_route.us-east-1_to_eu-west-1` rather than a generated name.
 * Two paths that would map to one name fail the synth instead of silently merging.
 */
export abstract class FoundationStack extends TerraformStack {
  private readonly idOwners = new Map<string, string>();

  constructor(
    scope: Construct,
    readonly stackName: string,
    readonly config: FoundationConfig,
  ) {
    super(scope, stackName);
    // Compliance rules (src/compliance) are checked on every synth; a violation fails it.
    applyComplianceRules(this);
  }

  allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    const components = node.scopes
      .slice(node.scopes.indexOf(this) + 1)
      .map((c) => c.node.id)
      .filter((id) => id !== 'Default');
    const id = terraformName(components.join('_'));
    const owner = this.idOwners.get(id);
    if (owner && owner !== node.path) {
      throw new Error(`Stack ${this.stackName}: "${node.path}" and "${owner}" both map to logical id "${id}"; rename one construct`);
    }
    this.idOwners.set(id, node.path);
    return id;
  }
}
