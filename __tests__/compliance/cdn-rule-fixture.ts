import { Construct } from 'constructs';
import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { applyComplianceRules } from '../../src/compliance/foundation-rules';
import { PolicyRule, PolicyViolation } from '../../src/compliance/rule';

/**
 * The violations of one rule in a fixture stack. The CloudFront rules are not registered in
 * FOUNDATION_RULES yet (the lead does it), so policyFixture would not run them.
 */
export function ruleViolations(rule: PolicyRule, build: (scope: Construct) => void): PolicyViolation[] {
  const stack = new TerraformStack(Testing.app(), 'fixture');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  build(stack);
  const aspect = applyComplianceRules(stack, [rule]);
  Testing.synth(stack);
  return aspect.violations();
}
