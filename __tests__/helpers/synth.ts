import type { Construct } from 'constructs';
import type { App } from 'cdktf';
import type { FoundationConfig } from '../../src/config/validate';

// cdktf, the provider classes, zod and the app are required where they are used, not here: jest
// compiles every module anew for each test file, and the tests that only want BASE_CONFIG or
// synthConstruct would otherwise compile the whole app.
const cdktf = () => require('cdktf') as typeof import('cdktf');

/** A synthesized stack as Terraform JSON. */
export type StackJson = {
  terraform: Record<string, any>;
  provider?: { aws: Array<Record<string, any>> };
  resource?: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
  output?: Record<string, { value: any; description?: string }>;
};

export const BASE_CONFIG = {
  primaryRegion: 'us-east-1',
  regions: [
    { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
    { name: 'eu-west-1', vpcCidr: '10.20.0.0/16' },
  ],
  network: { interRegion: 'transit-gateway', topology: 'full-mesh' },
  state: { bucket: 'example-tfstate', region: 'us-east-1', keyPrefix: 'example/prod' },
};

/** A validated config: BASE_CONFIG with top-level keys replaced. */
export function testConfig(overrides: Record<string, unknown> = {}): FoundationConfig {
  const { validateConfig } = require('../../src/config/validate') as typeof import('../../src/config/validate');
  return validateConfig({ ...BASE_CONFIG, ...overrides });
}

/** Synthesizes the whole app in memory: stack name -> Terraform JSON. */
export function synthApp(config: FoundationConfig): Record<string, StackJson> {
  return synthAppGraph(config).stacks;
}

/** A whole app synthesized: each stack's Terraform JSON and the ids of the stacks it depends on. */
export interface SynthesizedApp {
  readonly stacks: Record<string, StackJson>;
  readonly dependencies: Record<string, string[]>;
}

/**
 * Synthesizes the whole app in memory, once per config and source tree in a jest run: the result is
 * a pure function of both, so test files share it through the run's cache (__tests__/jest/global-setup.ts).
 * Every call returns objects of its own, which the caller may change.
 */
export function synthAppGraph(config: FoundationConfig): SynthesizedApp {
  const file = cacheFile(config);
  if (file && fs().existsSync(file)) return JSON.parse(fs().readFileSync(file, 'utf8'));
  const { Testing } = cdktf();
  const { buildFoundation, stacksInDeployOrder } = require('../../src/stacks/foundation-app') as typeof import('../../src/stacks/foundation-app');
  const app = Testing.app();
  let text: string;
  try {
    const all = stacksInDeployOrder(buildFoundation(app as App, config));
    const stacks = Object.fromEntries(all.map((stack) => [stack.stackName, JSON.parse(Testing.synth(stack))]));
    const dependencies = Object.fromEntries(all.map((stack) => [stack.node.id, stack.dependencies.map((dep) => dep.node.id)]));
    text = JSON.stringify({ stacks, dependencies });
  } finally {
    removeOutdir(app);
  }
  if (file) {
    // Another worker may be writing the same entry: each writes a file of its own, the rename is atomic.
    const temp = `${file}.${process.pid}.tmp`;
    fs().writeFileSync(temp, text);
    fs().renameSync(temp, file);
  }
  return JSON.parse(text);
}

/** The cache entry for a config, or undefined when this run has no cache or the config would not survive JSON. */
function cacheFile(config: FoundationConfig): string | undefined {
  const { CACHE_DIR_ENV, SOURCE_HASH_ENV } = require('../jest/synth-cache-env') as typeof import('../jest/synth-cache-env');
  const dir = process.env[CACHE_DIR_ENV];
  const sourceHash = process.env[SOURCE_HASH_ENV];
  if (!dir || !sourceHash) return undefined;
  const json = JSON.stringify(config);
  // A key must identify the config: one with undefined values, functions or class instances would not.
  if (!require('util').isDeepStrictEqual(JSON.parse(json), config)) return undefined;
  const key = require('crypto').createHash('sha256').update(`${sourceHash}\0${json}`).digest('hex');
  return require('path').join(dir, `${key}.json`);
}

const fs = () => require('fs') as typeof import('fs');

/** Synthesizes one construct in a bare stack with a us-east-1 provider. */
export function synthConstruct(build: (scope: Construct) => void): StackJson {
  const { Testing, TerraformStack } = cdktf();
  const { AwsProvider } = require('@cdktf/provider-aws/lib/provider') as typeof import('@cdktf/provider-aws/lib/provider');
  const app = Testing.app();
  try {
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    build(stack);
    return JSON.parse(Testing.synth(stack));
  } finally {
    removeOutdir(app);
  }
}

/** Testing.app() makes an output folder in the temp dir for every app; in-memory synth writes nothing there. */
function removeOutdir(app: { outdir: string }): void {
  fs().rmSync(app.outdir, { recursive: true, force: true });
}

/** All resources of one type in a stack: logical id -> arguments. */
export function resources(stack: StackJson, type: string): Record<string, Record<string, any>> {
  return stack.resource?.[type] ?? {};
}

export function resourceList(stack: StackJson, type: string): Array<Record<string, any>> {
  return Object.values(resources(stack, type));
}
