import * as fs from 'fs';
import * as path from 'path';
import { run } from './run';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Where `npm run validate` synthesizes the HCL stacks and leaves its per-stack results. */
export const HCL_OUTDIR = path.join(ROOT, 'cdktf.out.hcl');
export const VALIDATE_RESULTS_FILE = path.join(HCL_OUTDIR, 'validate-results.json');
/**
 * Work folder of `npm run e2e`; its phase timings are read by bench/verify. `E2E_WORK_DIR` names
 * another, so that two configs can run at once (each with its own emulator on its own port).
 */
export const E2E_WORK_DIR = process.env.E2E_WORK_DIR ? path.resolve(ROOT, process.env.E2E_WORK_DIR) : path.join(ROOT, '.e2e');
export const E2E_TIMINGS_FILE = path.join(E2E_WORK_DIR, 'timings.json');
/** The app command cdktf runs (cdktf.json "app"). */
export const APP_COMMAND = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app as string;

/**
 * Runs the app as cdktf does (honours MULTI_REGION_CONFIG, or `config` when given); returns the
 * stack names in manifest order.
 */
export async function synthStacks(outdir: string, options: { hcl?: boolean; config?: string } = {}): Promise<string[]> {
  const result = await run('sh', ['-c', APP_COMMAND], {
    cwd: ROOT,
    env: { CDKTF_OUTDIR: outdir, SYNTH_HCL_OUTPUT: options.hcl ? 'true' : 'false', ...(options.config ? { MULTI_REGION_CONFIG: options.config } : {}) },
    timeoutMs: 120_000,
  });
  if (result.code !== 0) throw new Error(`synth failed (${APP_COMMAND}, exit ${result.code}):\n${result.stderr}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  return Object.keys(manifest.stacks);
}

/** Stack names in deploy order: each after everything it depends on. */
export function deployOrder(outdir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const stacks = manifest.stacks as Record<string, { dependencies: string[] }>;
  const order: string[] = [];
  const visiting: string[] = [];
  const visit = (name: string) => {
    if (order.includes(name)) return;
    if (visiting.includes(name)) throw new Error(`stack dependency cycle: ${[...visiting.slice(visiting.indexOf(name)), name].join(' -> ')}`);
    if (!stacks[name]) throw new Error(`stack ${visiting[visiting.length - 1]} depends on ${name}, which the manifest does not list`);
    visiting.push(name);
    stacks[name].dependencies.forEach(visit);
    visiting.pop();
    order.push(name);
  };
  Object.keys(stacks).sort().forEach(visit);
  return order;
}
