/**
 * What the hand-off docs say about each stack, read from a synthesized app (manifest.json and each
 * stack's cdk.tf.json) so that the pages describe the Terraform an operations team receives, not
 * what the TypeScript intended.
 */
import * as fs from 'fs';
import * as path from 'path';
import { contractOf } from '../../src/stacks/contracts/catalog';
import type { OutputType } from '../../src/stacks/contracts/contract';

/** The parts of a synthesized stack (cdk.tf.json) the docs read. */
export interface StackJson {
  readonly terraform: { readonly backend?: Record<string, Record<string, unknown>> };
  readonly provider?: { readonly aws?: ReadonlyArray<{ readonly alias?: string; readonly region?: string }> };
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { readonly value: unknown; readonly description?: string }>;
}

export interface ProviderDoc {
  /** `aws` for the default provider, `aws.<alias>` otherwise: what a resource's `provider` names. */
  readonly name: string;
  readonly region: string;
}

export interface BackendDoc {
  readonly type: string;
  readonly settings: ReadonlyArray<readonly [string, string]>;
}

export interface ResourceTypeDoc {
  readonly type: string;
  readonly count: number;
  /** Logical names of the resources of this type with lifecycle.prevent_destroy. */
  readonly protected: readonly string[];
}

export interface RemoteInputDoc {
  /** Name of the terraform_remote_state data source. */
  readonly dataSource: string;
  readonly stateKey: string;
  readonly producer: string;
  /** Outputs of the producer that this stack's expressions read. */
  readonly outputsRead: readonly string[];
}

export interface OutputDoc {
  readonly name: string;
  readonly description: string;
  readonly type: OutputType;
  readonly readBy: readonly string[];
}

export interface StackDoc {
  readonly name: string;
  readonly json: StackJson;
  readonly providers: readonly ProviderDoc[];
  readonly backend: BackendDoc;
  readonly resources: readonly ResourceTypeDoc[];
  readonly remoteInputs: readonly RemoteInputDoc[];
  readonly outputs: readonly OutputDoc[];
  /** 0 for a stack without dependencies, else one more than the deepest of its dependencies. */
  readonly layer: number;
  readonly dependsOn: readonly string[];
  readonly dependents: readonly string[];
}

export interface AppDoc {
  /** Every stack, in deploy order (layer, then name). */
  readonly stacks: readonly StackDoc[];
  readonly layers: number;
}

// Matched in JSON text, where the quotes of `outputs["name"]` appear escaped.
const REMOTE_READ = /data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs(?:\.([A-Za-z0-9_-]+)|\[\\"([^"\\]+)\\"\])/g;

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

function readJson<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`cannot read the synthesized ${file}: ${(error as Error).message}`);
  }
}

function providersOf(name: string, json: StackJson): ProviderDoc[] {
  const blocks = json.provider?.aws ?? [];
  if (!blocks.length) throw new Error(`stack ${name}: cdk.tf.json has no provider.aws block`);
  return blocks
    .map((block) => {
      if (!block.region) throw new Error(`stack ${name}: provider aws${block.alias ? `.${block.alias}` : ''} has no region`);
      return { name: block.alias ? `aws.${block.alias}` : 'aws', region: block.region };
    })
    .sort((a, b) => (a.name === 'aws' ? -1 : b.name === 'aws' ? 1 : a.name.localeCompare(b.name)));
}

/** The backend's settings worth telling an operator: where the state is and how it is locked. */
function backendOf(name: string, json: StackJson): BackendDoc {
  const entries = Object.entries(json.terraform.backend ?? {});
  if (entries.length !== 1) throw new Error(`stack ${name}: expected one backend in cdk.tf.json, found ${entries.length}`);
  const [type, config] = entries[0];
  const settings = Object.keys(config)
    .sort()
    .map((key) => [key, String(config[key])] as const);
  return { type, settings };
}

function resourcesOf(json: StackJson): ResourceTypeDoc[] {
  return Object.keys(json.resource ?? {})
    .sort()
    .map((type) => {
      const instances = json.resource![type];
      const isProtected = Object.keys(instances)
        .filter((id) => (instances[id].lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true)
        .sort();
      return { type, count: Object.keys(instances).length, protected: isProtected };
    });
}

/** Output names read per remote-state data source, found in the stack's resolved expressions. */
export function remoteReads(json: StackJson): Map<string, Set<string>> {
  const reads = new Map<string, Set<string>>();
  const text = JSON.stringify({ resource: json.resource, data: json.data, output: json.output, locals: (json as { locals?: unknown }).locals });
  for (const match of text.matchAll(REMOTE_READ)) {
    const output = match[2] ?? match[3];
    if (!reads.has(match[1])) reads.set(match[1], new Set());
    reads.get(match[1])!.add(output);
  }
  return reads;
}

/** State location of a stack's S3 backend as `bucket/key`; undefined for a local backend. */
function stateAddress(json: StackJson): string | undefined {
  const s3 = json.terraform.backend?.s3 as { bucket?: string; key?: string } | undefined;
  return s3?.bucket && s3.key ? `${s3.bucket}/${s3.key}` : undefined;
}

function outputsOf(name: string, json: StackJson): OutputDoc[] {
  const contract = contractOf(name);
  return Object.keys(json.output ?? {})
    .sort()
    .map((output) => {
      const spec = contract[output];
      if (!spec) throw new Error(`stack ${name}: output "${output}" is not declared in its contract (src/stacks/contracts); declared: ${Object.keys(contract).join(', ')}`);
      const description = json.output![output].description ?? '';
      // writeOutputs may append a note in parentheses to the declared description.
      if (!description.startsWith(spec.description)) {
        throw new Error(`stack ${name}: output "${output}" is described as "${description}" in cdk.tf.json but as "${spec.description}" in its contract`);
      }
      return { name: output, description, type: spec.type, readBy: spec.readBy };
    });
}

function layersOf(dependencies: Record<string, readonly string[]>): Map<string, number> {
  const layers = new Map<string, number>();
  const visiting = new Set<string>();
  const layer = (name: string): number => {
    const known = layers.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new Error(`stack dependency cycle through ${name}`);
    if (!dependencies[name]) throw new Error(`a stack depends on ${name}, which manifest.json does not list`);
    visiting.add(name);
    const value = dependencies[name].length ? 1 + Math.max(...dependencies[name].map(layer)) : 0;
    visiting.delete(name);
    layers.set(name, value);
    return value;
  };
  Object.keys(dependencies).forEach(layer);
  return layers;
}

/** Reads a synthesized app (the folder holding manifest.json). */
export function readApp(outdir: string): AppDoc {
  const manifest = readJson<{ stacks: Record<string, { dependencies: string[]; synthesizedStackPath: string }> }>(path.join(outdir, 'manifest.json'));
  const names = Object.keys(manifest.stacks).sort();
  const dependencies = Object.fromEntries(names.map((name) => [name, manifest.stacks[name].dependencies]));
  const layers = layersOf(dependencies);
  const jsons = new Map(names.map((name) => [name, readJson<StackJson>(path.join(outdir, manifest.stacks[name].synthesizedStackPath))]));
  const producers = new Map<string, string>();
  for (const [name, json] of jsons) {
    const address = stateAddress(json);
    if (address) producers.set(address, name);
  }

  const stacks = names.map((name): StackDoc => {
    const json = jsons.get(name)!;
    const reads = remoteReads(json);
    const remoteInputs = Object.entries(json.data?.terraform_remote_state ?? {})
      .map(([dataSource, block]) => {
        const config = block.config as { bucket?: string; key?: string };
        const address = `${config.bucket}/${config.key}`;
        const producer = producers.get(address);
        if (!producer) throw new Error(`stack ${name}: remote state "${dataSource}" reads s3://${address}, which no synthesized stack writes`);
        const produced = jsons.get(producer)!.output ?? {};
        const outputsRead = [...(reads.get(dataSource) ?? [])].sort();
        const missing = outputsRead.filter((output) => !(output in produced));
        if (missing.length) throw new Error(`stack ${name}: reads ${missing.join(', ')} from ${producer}, which has no such output`);
        return { dataSource, stateKey: config.key!, producer, outputsRead };
      })
      .sort((a, b) => a.producer.localeCompare(b.producer) || a.dataSource.localeCompare(b.dataSource));
    return {
      name,
      json,
      providers: providersOf(name, json),
      backend: backendOf(name, json),
      resources: resourcesOf(json),
      remoteInputs,
      outputs: outputsOf(name, json),
      layer: layers.get(name)!,
      dependsOn: [...dependencies[name]].sort(),
      dependents: names.filter((other) => dependencies[other].includes(name)),
    };
  });
  stacks.sort((a, b) => a.layer - b.layer || byName(a, b));
  return { stacks, layers: Math.max(...stacks.map((stack) => stack.layer)) + 1 };
}

/** The Region a resource runs in: that of the provider it names, or of the default provider. */
export function resourceRegion(stack: StackDoc, resource: Record<string, unknown>): string {
  const name = (resource.provider as string | undefined) ?? 'aws';
  const provider = stack.providers.find((p) => p.name === name);
  if (!provider) throw new Error(`stack ${stack.name}: a resource names provider ${name}, which the stack does not configure`);
  return provider.region;
}
