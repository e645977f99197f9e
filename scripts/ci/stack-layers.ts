/**
 * The stack graph as CI job outputs: reads `manifest.json` of a synthesized app and prints the deploy
 * layers (bootstrap excluded: an administrator applies it once, with local state), so that the
 * workflow's matrices follow the config and adding a Region needs no workflow edit.
 *
 *   npm run -s ci:layers -- [--outdir DIR] [--synth] [--format json|github]
 *
 * --outdir  synthesized app folder (default cdktf.out); --synth synthesizes into it first (honours
 * MULTI_REGION_CONFIG). --format github prints `name=value` lines for $GITHUB_OUTPUT.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadConfig } from '../../src/config/load';
import { ROOT, synthStacks } from '../lib/synth';
import { LayerOutputs, STACK_LAYER_NAMES, StackLayers, layerOutputs, stackLayers } from './layers';

interface Options {
  outdir: string;
  synth: boolean;
  format: 'json' | 'github';
}

const USAGE = 'usage: npm run -s ci:layers -- [--outdir DIR] [--synth] [--format json|github]';

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = { outdir: path.join(ROOT, 'cdktf.out'), synth: false, format: 'json' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg}: expected a value after it; ${USAGE}`);
      return next;
    };
    if (arg === '--outdir') options.outdir = path.resolve(value());
    else if (arg === '--synth') options.synth = true;
    else if (arg === '--format') {
      const format = value();
      if (format !== 'json' && format !== 'github') throw new Error(`--format: received ${JSON.stringify(format)}; expected json or github`);
      options.format = format;
    } else throw new Error(`unknown argument ${JSON.stringify(arg)}; ${USAGE}`);
  }
  return options;
}

export function readManifest(outdir: string): Record<string, { dependencies: string[] }> {
  const file = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`--outdir ${outdir}: no manifest.json there; synthesize first (npm run synth) or pass --synth`);
  return JSON.parse(fs.readFileSync(file, 'utf8')).stacks;
}

/** The outputs as the script prints them: indented JSON, or `name=value` lines for $GITHUB_OUTPUT. */
export function formatOutputs(outputs: LayerOutputs, format: Options['format']): string {
  if (format === 'json') return `${JSON.stringify(outputs, null, 2)}\n`;
  // One line per output; every value is single-line JSON or a plain word, as $GITHUB_OUTPUT needs.
  return `${Object.entries(outputs)
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('\n')}\n`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  // Loaded before synthesizing so that a bad config is reported once, by path, and nothing is written.
  const config = loadConfig();
  if (options.synth) await synthStacks(options.outdir);
  const layers: StackLayers = stackLayers(readManifest(options.outdir));
  process.stdout.write(formatOutputs(layerOutputs(layers, config), options.format));
  process.stderr.write(STACK_LAYER_NAMES.map((name) => `${name}: ${layers[name].join(', ') || '(none)'}`).join('\n') + '\n');
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`ci:layers: ${error.message}\n`);
    process.exit(1);
  });
}
