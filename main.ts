import { ConfigError } from './src/config/errors';
import { loadConfig } from './src/config/load';

try {
  const config = loadConfig();
  // Required only after validation: a bad config fails fast, before cdktf and the provider classes load.
  const { runByCdktfCli, synthFoundation } = require('./src/stacks/synth-app') as typeof import('./src/stacks/synth-app');
  const stacks = synthFoundation(config, process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  // The cdktf CLI prints this list itself.
  if (!runByCdktfCli()) console.log(`Generated Terraform code for the stacks: ${stacks.join(', ')}`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
