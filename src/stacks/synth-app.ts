import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { FoundationConfig } from '../config/validate';
import { buildFoundation } from './foundation-app';

const GENERATED_STACK_FILES = ['cdk.tf.json', 'cdk.tf'];

/**
 * Synthesizes into a staging folder beside `outdir` and publishes only after the whole app
 * synthesized: a failing synth leaves `outdir` exactly as it was. Publishing keeps what Terraform
 * put in the stack folders (.terraform, the bootstrap stack's local state).
 */
export function synthFoundation(config: FoundationConfig, outdir: string): void {
  const target = path.resolve(outdir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.staging-`));
  try {
    const app = new App({ outdir: staging });
    buildFoundation(app, config);
    app.synth();
    publish(staging, target);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function publish(staging: string, target: string): void {
  // Created here, not copied: cpSync would give a new outdir the staging folder's mkdtemp mode (0700).
  fs.mkdirSync(target, { recursive: true });
  const stacksDir = path.join(target, 'stacks');
  for (const stack of fs.existsSync(path.join(staging, 'stacks')) ? fs.readdirSync(path.join(staging, 'stacks')) : []) {
    // A stack folder may still hold the other format (JSON vs --hcl); Terraform would read both.
    for (const file of GENERATED_STACK_FILES) fs.rmSync(path.join(stacksDir, stack, file), { force: true });
  }
  fs.cpSync(staging, target, { recursive: true, force: true });
}
