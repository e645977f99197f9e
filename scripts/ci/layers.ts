import type { FoundationConfig } from '../../src/config/validate';

/** The workflow's three deploy layers, in order: `global`, then every `region-*`, then the link stacks. */
export const STACK_LAYER_NAMES = ['global', 'regions', 'links'] as const;
export type StackLayerName = (typeof STACK_LAYER_NAMES)[number];
export type StackLayers = Record<StackLayerName, string[]>;

/** Applied once by an administrator with local state; CI never plans or applies it. */
export const BOOTSTRAP_STACK = 'bootstrap';

/**
 * Each stack's layer is its depth in the dependency graph (bootstrap left out): a stack sits one
 * layer below the deepest stack it depends on. The workflow has three layers of jobs, so a graph
 * deeper than that is an error rather than a stack the workflow would silently not deploy.
 */
export function stackLayers(manifestStacks: Record<string, { dependencies: readonly string[] }>): StackLayers {
  // Each stack's longest chain of dependencies down to a first-layer stack, itself first.
  const chains = new Map<string, string[]>();
  const visit = (name: string, path: string[]): string[] => {
    const known = chains.get(name);
    if (known !== undefined) return known;
    if (path.includes(name)) throw new Error(`stack dependency cycle: ${[...path.slice(path.indexOf(name)), name].join(' -> ')}`);
    const stack = manifestStacks[name];
    if (!stack) throw new Error(`stack ${path[path.length - 1]} depends on ${name}, which the manifest does not list`);
    const below = stack.dependencies
      .filter((dep) => dep !== BOOTSTRAP_STACK)
      .map((dep) => visit(dep, [...path, name]))
      .reduce<string[]>((deepest, chain) => (chain.length > deepest.length ? chain : deepest), []);
    const chain = [name, ...below];
    if (chain.length > STACK_LAYER_NAMES.length) {
      throw new Error(
        `stack ${name} is ${chain.length} layers deep (${chain.join(' -> ')}); the workflow deploys ${STACK_LAYER_NAMES.length} layers (${STACK_LAYER_NAMES.join(', ')}): no stack may depend on a stack of its own layer`,
      );
    }
    chains.set(name, chain);
    return chain;
  };
  const layers: StackLayers = { global: [], regions: [], links: [] };
  for (const name of Object.keys(manifestStacks).sort()) {
    if (name === BOOTSTRAP_STACK) continue;
    layers[STACK_LAYER_NAMES[visit(name, []).length - 1]].push(name);
  }
  return layers;
}

/** What the workflow's graph job outputs. */
export interface LayerOutputs extends StackLayers {
  /** Every stack CI plans or deploys, layer by layer. */
  stacks: string[];
  /** Region of the state bucket: where the CI roles' credentials are requested. */
  'aws-region': string;
  /** GitHub environment the deploy jobs run in (first of security.iam.githubOidc.environments); "" when none is configured. */
  environment: string;
}

export function layerOutputs(layers: StackLayers, config: FoundationConfig): LayerOutputs {
  return {
    ...layers,
    stacks: STACK_LAYER_NAMES.flatMap((name) => layers[name]),
    'aws-region': config.state.region,
    environment: config.security.iam.githubOidc?.environments[0] ?? '',
  };
}
