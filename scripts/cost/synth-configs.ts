import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { loadConfig } from '../../src/config/load';
import { buildFoundation, stacksInDeployOrder } from '../../src/stacks/foundation-app';
import { SynthesizedStack } from './billable';

const ROOT = path.join(__dirname, '..', '..');

/** The configs the README's cost table shows: the embedded default, the every-feature examples, NAT on. */
export const COST_CONFIGS = [
  { title: 'default (3 Regions)', file: 'config/default.json' },
  { title: '`security-full.json`', file: 'config/examples/security-full.json' },
  { title: '`edge-full.json`', file: 'config/examples/edge-full.json' },
  { title: '`small-vpcs-with-nat.json` (2 Regions)', file: 'config/examples/small-vpcs-with-nat.json' },
];

/** Every stack of one config file, synthesized in memory as Terraform JSON. */
export function synthConfigFile(file: string): SynthesizedStack[] {
  const config = loadConfig({ MULTI_REGION_CONFIG: path.join(ROOT, file) });
  const app = Testing.app();
  try {
    return stacksInDeployOrder(buildFoundation(app as App, config)).map((stack) => JSON.parse(Testing.synth(stack)));
  } finally {
    // Testing.app() makes an output folder in the temp dir that nothing is written to here.
    fs.rmSync(app.outdir, { recursive: true, force: true });
  }
}
