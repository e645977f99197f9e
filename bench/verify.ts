/**
 * Tier 2 and 3 timings for the embedded default config: terraform validate seconds per stack
 * (JSON and HCL) and the e2e phases against the emulator. Prints figures; asserts nothing.
 * Usage: npm run bench:verify
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { E2E_TIMINGS_FILE, VALIDATE_RESULTS_FILE } from '../scripts/lib/synth';

const ROOT = path.resolve(__dirname, '..');
const env = { ...process.env };
delete env.MULTI_REGION_CONFIG;

function runScript(script: string): number {
  const started = Date.now();
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', script)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 45 * 60_000,
  });
  if (result.status !== 0) throw new Error(`scripts/${script} failed (exit ${result.status}); run it alone to see why`);
  return (Date.now() - started) / 1000;
}

const validateWall = runScript('validate.ts');
const validate = JSON.parse(fs.readFileSync(VALIDATE_RESULTS_FILE, 'utf8'));
const e2eWall = runScript('e2e.ts');
const phases: Record<string, number> = JSON.parse(fs.readFileSync(E2E_TIMINGS_FILE, 'utf8'));

console.log('terraform init + validate, seconds per stack (2 at a time)');
const byStack = new Map<string, Record<string, number>>();
for (const s of validate.stacks as Array<{ stack: string; format: string; seconds: number }>) {
  byStack.set(s.stack, { ...(byStack.get(s.stack) ?? {}), [s.format]: s.seconds });
}
console.log(`${'stack'.padEnd(20)}${'json'.padStart(8)}${'hcl'.padStart(8)}`);
for (const [stack, t] of byStack) console.log(`${stack.padEnd(20)}${t.json.toFixed(1).padStart(8)}${t.hcl.toFixed(1).padStart(8)}`);
console.log(`npm run validate wall time: ${validateWall.toFixed(1)} s\n`);
console.log('e2e against moto, seconds per phase');
for (const [name, seconds] of Object.entries(phases)) console.log(`${name.padEnd(20)}${seconds.toFixed(1).padStart(8)}`);
console.log(`npm run e2e wall time: ${e2eWall.toFixed(1)} s`);
