import { Construct } from 'constructs';
import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { applyComplianceRules } from '../../src/compliance/foundation-rules';
import { PolicyRule, PolicyViolation } from '../../src/compliance/rule';

/** The violations of one rule alone in a fixture stack (the others would report on the fixture's shortcuts). */
export function ruleViolations(rule: PolicyRule, build: (scope: Construct) => void): PolicyViolation[] {
  const stack = new TerraformStack(Testing.app(), 'fixture');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  build(stack);
  const aspect = applyComplianceRules(stack, [rule]);
  Testing.synth(stack);
  return aspect.violations();
}
