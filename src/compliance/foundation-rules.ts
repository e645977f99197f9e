import { IConstruct } from 'constructs';
import { Aspects, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { InspectedResource, PolicyRule, PolicyViolation, formatViolation } from './rule';
import { IamPolicyEc2WritesScoped } from './iam-policy-ec2-writes-scoped';
import { IamPolicyKmsManagementScoped } from './iam-policy-kms-management-scoped';
import { IamPolicyNoWildcardAdmin } from './iam-policy-no-wildcard-admin';
import { IamPolicyNoWildcardPrincipal } from './iam-policy-no-wildcard-principal';
import { IamPolicyNoWildcardSecretPolicy } from './iam-policy-no-wildcard-secret-policy';
import { IamPolicyNoRoleEscalation } from './iam-policy-no-role-escalation';
import { IamPolicyNoBoundaryRemoval } from './iam-policy-no-boundary-removal';
import { IamRoleTrustNarrow } from './iam-role-trust-narrow';
import { KmsKeyExplicitPolicy } from './kms-key-explicit-policy';
import { KmsKeyRotation } from './kms-key-rotation';
import { S3BucketLogTamperDeny } from './s3-bucket-log-tamper-deny';
import { S3BucketPublicAccessBlock } from './s3-bucket-public-access-block';
import { S3BucketTlsOnly } from './s3-bucket-tls-only';
import { SecretsManagerSecretResourcePolicy } from './secrets-manager-secret-resource-policy';
import { LoadBalancerListenerHttps } from './load-balancer-listener-https';
import { CloudFrontViewerHttps } from './cloud-front-viewer-https';
import { S3OriginThroughOac } from './s3-origin-through-oac';
import { Route53RecordRoutingHealthCheck } from './route53-record-routing-health-check';

/** Every rule of the foundation, in report order. */
export const FOUNDATION_RULES: readonly PolicyRule[] = [
  IamPolicyEc2WritesScoped,
  IamPolicyKmsManagementScoped,
  IamPolicyNoWildcardAdmin,
  IamPolicyNoWildcardPrincipal,
  IamPolicyNoWildcardSecretPolicy,
  IamPolicyNoRoleEscalation,
  IamPolicyNoBoundaryRemoval,
  IamRoleTrustNarrow,
  KmsKeyExplicitPolicy,
  KmsKeyRotation,
  S3BucketLogTamperDeny,
  S3BucketPublicAccessBlock,
  S3BucketTlsOnly,
  SecretsManagerSecretResourcePolicy,
  LoadBalancerListenerHttps,
  CloudFrontViewerHttps,
  S3OriginThroughOac,
  Route53RecordRoutingHealthCheck,
];

type StackJson = { resource?: Record<string, Record<string, Record<string, unknown>>> };

/**
 * A resource as Terraform will see it: snake_case arguments, overrides applied, tokens resolved.
 * Read from its stack's Terraform JSON, which resolves each element exactly as synthesis does.
 */
function inspectResource(resource: TerraformResource, stackJson: StackJson): InspectedResource {
  const logicalId = resource.friendlyUniqueId;
  const { ['//']: _metadata, ...attributes } = stackJson.resource?.[resource.terraformResourceType]?.[logicalId] ?? {};
  return {
    type: resource.terraformResourceType,
    logicalId,
    address: `${resource.terraformResourceType}.${logicalId}`,
    path: resource.node.path,
    attributes,
  };
}

/**
 * Collects the resources of one stack while aspects run and evaluates the rules over all of them
 * (rules such as S3BucketPublicAccessBlock pair resources, so they need the whole stack).
 * Resources are read when violations() is called, so escape-hatch overrides added after the
 * aspect ran are seen too.
 */
export class ComplianceAspect implements IAspect {
  private readonly collected = new Map<string, TerraformResource>();

  constructor(
    readonly stack: TerraformStack,
    readonly rules: readonly PolicyRule[] = FOUNDATION_RULES,
  ) {}

  visit(node: IConstruct): void {
    if (TerraformResource.isTerraformResource(node) && TerraformStack.of(node) === this.stack) {
      // Keyed by path: synthesizing twice visits every node twice.
      this.collected.set(node.node.path, node as TerraformResource);
    }
  }

  /** The resources collected so far, read as Terraform will see them. */
  resources(): InspectedResource[] {
    // One resolution of the whole stack; during synthFoundation the synthesizer reuses it.
    const stackJson: StackJson = this.stack.toTerraform();
    return [...this.collected.values()].map((resource) => inspectResource(resource, stackJson));
  }

  /** Every violation of every rule in the stack, in rule order. */
  violations(): PolicyViolation[] {
    const resources = this.resources();
    return this.rules.flatMap((rule) => rule.evaluate(resources));
  }
}

const applied = new WeakMap<TerraformStack, ComplianceAspect>();

/**
 * Checks `stack` against the foundation's policy rules: adds the collecting aspect and a stack
 * validation, so synth fails with one line per violation (rule, construct path, Terraform address,
 * what is expected). Calling it again for the same stack returns the same aspect.
 */
export function applyComplianceRules(stack: TerraformStack, rules: readonly PolicyRule[] = FOUNDATION_RULES): ComplianceAspect {
  const existing = applied.get(stack);
  if (existing) return existing;
  const aspect = new ComplianceAspect(stack, rules);
  Aspects.of(stack).add(aspect);
  stack.node.addValidation({ validate: () => aspect.violations().map(formatViolation) });
  applied.set(stack, aspect);
  return aspect;
}
