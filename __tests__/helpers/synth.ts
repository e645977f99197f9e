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
 * Synthesizes the whole app in memory, with the stack graph the synth built. With `validate`, as
 * `cdktf synth` does: every stack's validations run (the compliance rules of src/compliance), and a
 * violation throws listing each one.
 */
export function synthAppGraph(config: FoundationConfig, options: { validate?: boolean } = {}): SynthesizedApp {
  const { Testing } = cdktf();
  const { buildFoundation, stacksInDeployOrder } = require('../../src/stacks/foundation-app') as typeof import('../../src/stacks/foundation-app');
  const { resolvingOnce } = require('../../src/stacks/synth-app') as typeof import('../../src/stacks/synth-app');
  const app = Testing.app();
  try {
    const all = stacksInDeployOrder(buildFoundation(app as App, config));
    return {
      stacks: resolvingOnce(all, () => Object.fromEntries(all.map((stack) => [stack.stackName, JSON.parse(Testing.synth(stack, options.validate))]))),
      dependencies: Object.fromEntries(all.map((stack) => [stack.node.id, stack.dependencies.map((dep) => dep.node.id)])),
    };
  } finally {
    removeOutdir(app);
  }
}

/**
 * Loads a config file and synthesizes it into `outdir` with the app's own synth (manifest.json, a
 * folder per stack), in this process: what the app command writes, without starting it. main.test.ts
 * and __tests__/bin run the app command itself. Returns the loaded config and the stack names.
 */
export function synthToFolder(configFile: string, outdir: string): { config: FoundationConfig; stacks: string[] } {
  const { loadConfig, CONFIG_ENV } = require('../../src/config/load') as typeof import('../../src/config/load');
  const { synthFoundation } = require('../../src/stacks/synth-app') as typeof import('../../src/stacks/synth-app');
  const config = loadConfig({ [CONFIG_ENV]: configFile });
  return { config, stacks: synthFoundation(config, outdir) };
}

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
  require('fs').rmSync(app.outdir, { recursive: true, force: true });
}

/** All resources of one type in a stack: logical id -> arguments. */
export function resources(stack: StackJson, type: string): Record<string, Record<string, any>> {
  return stack.resource?.[type] ?? {};
}

export function resourceList(stack: StackJson, type: string): Array<Record<string, any>> {
  return Object.values(resources(stack, type));
}
