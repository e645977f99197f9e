import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';

/**
 * A stack output under an explicit name: other stacks and operations teams read it from state
 * by that name, so it must never depend on construct paths.
 */
export function namedOutput(scope: Construct, name: string, value: unknown, description: string): TerraformOutput {
  const output = new TerraformOutput(scope, name, { value, description });
  output.overrideLogicalId(name);
  return output;
}
