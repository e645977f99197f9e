import * as fs from 'fs';
import * as path from 'path';

/**
 * The `prevent_destroy` addresses of one stack of a synthesized `stacks` folder (Terraform JSON),
 * or a note saying why there are none to read: a stack the folder lacks (new, or being removed)
 * is not an error, but the reviewer is told its prevent_destroy flags were not checked.
 */
export function preventDestroyOf(stacksDir: string, stack: string): { addresses: string[]; note?: string } {
  const file = path.join(stacksDir, stack, 'cdk.tf.json');
  if (fs.existsSync(file)) return { addresses: protectedAddresses(path.dirname(file)) };
  const hcl = fs.existsSync(path.join(stacksDir, stack, 'cdk.tf'));
  return {
    addresses: [],
    note: `${stack}: prevent_destroy not checked: ${file} does not exist${hcl ? ' (the folder holds HCL; synthesize Terraform JSON, `npm run synth`)' : ''}.`,
  };
}

/** Addresses of the resources a stack marks prevent_destroy. */
export function protectedAddresses(stackDir: string): string[] {
  const stack = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  return Object.entries<Record<string, any>>(stack.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName)
      .filter(([, args]) => args.lifecycle?.prevent_destroy === true)
      .map(([name]) => `${type}.${name}`),
  );
}
