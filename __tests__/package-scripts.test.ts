/**
 * Every npm script that can start the cdktf CLI or Terraform turns off their update check: without
 * CHECKPOINT_DISABLE=1 each run prints "[ERROR] default - getaddrinfo ENOTFOUND checkpoint-api…"
 * on machines without Internet access.
 */
import * as fs from 'fs';
import * as path from 'path';

const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).scripts;

/** Scripts that only type-check, test or compile and synthesize in Node (or test Python): no cdktf CLI, no terraform. */
const NODE_ONLY = ['synth', 'test', 'typecheck', 'schema', 'docs', 'test:emulator', 'ci:layers', 'plan:summary', 'inventory', 'readiness', 'dr'];

describe('npm scripts', () => {
  test.each(Object.keys(scripts).filter((name) => !NODE_ONLY.includes(name)))('%s sets CHECKPOINT_DISABLE=1', (name) => {
    expect(scripts[name]).toMatch(/^CHECKPOINT_DISABLE=1 /);
  });

  test.each(NODE_ONLY)('%s runs neither cdktf nor terraform', (name) => {
    expect(scripts[name]).toBeDefined();
    expect(scripts[name]).not.toMatch(/\b(cdktf|terraform)\b/);
  });
});
