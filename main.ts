import { ConfigError } from './src/config/errors';
import { loadConfig } from './src/config/load';
import { synthFoundation } from './src/stacks/synth-app';

try {
  synthFoundation(loadConfig(), process.env.CDKTF_OUTDIR ?? 'cdktf.out');
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
