import { Construct, Node } from 'constructs';
import { App, LocalBackend, TerraformElement, TerraformStack } from 'cdktf';
import { FoundationConfig } from '../config/validate';
import { terraformName } from '../config/patterns';
import { applyComplianceRules } from '../compliance/foundation-rules';
import { useS3Backend } from './backend';
import { homeProvider } from './providers';
import { usePermissionsBoundary } from './permissions-boundary';

/** Terraform version constraint of every stack: S3 native locking is GA from 1.11. */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.11';

/** Where a stack lives: the Region of its unaliased provider, and where it keeps its state. */
export interface StackHome {
  /** Region of the stack's unaliased provider. */
  readonly region: string;
  /**
   * Keep the state in a local file instead of the S3 state bucket: only for bootstrap, which creates
   * the bucket and cannot keep the state of its own creation there. @default false
   */
  readonly localState?: boolean;
}

/**
 * Base of every stack. Logical ids are the construct path joined with "_" and no hash suffix, so a
 * plan reads `aws_ec2_transit_gateway_route.us-east-1_to_eu-west-1` rather than a generated name.
 * Two paths that would map to one name fail the synth instead of silently merging. Every stack gets
 * its backend and its home provider here, so no stack sets them up on its own.
 */
export abstract class FoundationStack extends TerraformStack {
  private readonly idOwners = new Map<string, string>();

  constructor(
    scope: Construct,
    readonly stackName: string,
    readonly config: FoundationConfig,
    home: StackHome,
  ) {
    super(scope, stackName);
    // Compliance rules (src/compliance) are checked on every synth; a violation fails it.
    applyComplianceRules(this);
    usePermissionsBoundary(this, config.security.iam.permissionsBoundaryArn);
    if (home.localState) {
      // Relative, so the synthesized stack carries no path of the machine that synthesized it.
      new LocalBackend(this, { path: `terraform.${stackName}.tfstate` });
    } else {
      useS3Backend(this, config.state, stackName);
    }
    homeProvider(this, config, stackName, home.region);
    // What an operations team's own code would say: the registry address rather than cdktf's
    // shorthand, and the oldest Terraform with S3 native state locking (use_lockfile).
    // cdktf's HCL renderer garbles this override; the HCL hand-off writes the line itself (hand-off/).
    if (!App.of(this).hclOutput) this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
    this.addOverride('terraform.required_providers.aws.source', 'hashicorp/aws');
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
