import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { OutputName, OutputValues, StackContract } from './contracts/contract';

/**
 * A stack output under an explicit name: other stacks and operations teams read it from state
 * by that name, so it must never depend on construct paths.
 */
export function namedOutput(scope: Construct, name: string, value: unknown, description: string): TerraformOutput {
  const output = new TerraformOutput(scope, name, { value, description });
  output.overrideLogicalId(name);
  return output;
}

/** Per-output remarks appended to the declared description, for values whose origin differs by case. */
export type OutputNotes<C extends StackContract> = { readonly [K in OutputName<C>]?: string };

/**
 * Writes a stack's outputs through its contract: every always-written output must be given and
 * no undeclared name is accepted (both compile errors), each with its declared description.
 */
export function writeOutputs<C extends StackContract>(scope: Construct, contract: C, values: OutputValues<C>, notes: OutputNotes<C> = {}): void {
  const given = values as Record<string, unknown>;
  for (const [name, spec] of Object.entries(contract)) {
    const value = given[name];
    if (value === undefined) {
      if (spec.when === undefined) throw new Error(`Output "${name}" is declared as always written, but no value was given`);
      continue;
    }
    const note = notes[name as OutputName<C>];
    namedOutput(scope, name, value, note ? `${spec.description} (${note})` : spec.description);
  }
  const undeclared = Object.keys(given).filter((name) => !(name in contract));
  if (undeclared.length) throw new Error(`Outputs ${undeclared.join(', ')} are not declared; declared: ${Object.keys(contract).join(', ')}`);
}
