/**
 * `npm run docs` for several configs: the pages agree with the synthesized Terraform JSON (one page
 * per stack, resource counts, remote-state producers, outputs), the diagram is well-formed SVG with
 * a node per stack and the peering edges, and docs/generated/ is what the default config renders.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DOMParser, Element } from '@xmldom/xmldom';
import { synthToFolder } from '../../helpers/synth';
import { DEFAULT_OUT, parseArgs, renderDocs, staleFiles, writeDocs } from '../../../scripts/docs/generate';

const ROOT = path.resolve(__dirname, '../../..');
const CONFIGS = ['config/default.json', 'config/examples/hub-and-spoke.json', 'config/examples/vpc-peering.json'];

type Json = Record<string, any>;

interface Rendered {
  readonly synthDir: string;
  readonly stacks: Record<string, Json>;
  readonly files: Map<string, string>;
}

const rendered = new Map<string, Rendered>();

async function synthesize(config: string): Promise<Rendered> {
  const synthDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-test-'));
  const synthesized = synthToFolder(path.join(ROOT, config), synthDir).stacks;
  const manifest = JSON.parse(fs.readFileSync(path.join(synthDir, 'manifest.json'), 'utf8'));
  const stacks = Object.fromEntries(
    synthesized.map((name) => [name, JSON.parse(fs.readFileSync(path.join(synthDir, manifest.stacks[name].synthesizedStackPath), 'utf8'))]),
  );
  return { synthDir, stacks, files: await renderDocs(synthDir, config) };
}

beforeAll(async () => {
  for (const config of CONFIGS) rendered.set(config, await synthesize(config));
});

afterAll(() => {
  for (const { synthDir } of rendered.values()) fs.rmSync(synthDir, { recursive: true, force: true });
});

/** Rows of the Markdown table under `## heading` as arrays of cells (escaped pipes kept in their cell). */
function tableRows(page: string, heading: string): string[][] {
  const section = page.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  if (!section) return [];
  return section
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .slice(2)
    .map((line) =>
      line
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((c) => c.trim()),
    );
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');
const regionOfProvider = (stack: Json, provider: string | undefined) =>
  stack.provider.aws.find((p: Json) => (provider ? `aws.${p.alias}` === provider : !p.alias)).region as string;

function parseSvg(svg: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => level !== 'warning' && errors.push(message) }).parseFromString(svg, 'image/svg+xml');
  expect(errors).toEqual([]);
  expect(doc.documentElement?.nodeName).toBe('svg');
  const groups = Array.from(doc.getElementsByTagName('g')) as Element[];
  const withClass = (cls: string) => groups.filter((g) => (g.getAttribute('class') ?? '').split(' ').includes(cls));
  const title = (g: Element) => g.getElementsByTagName('title')[0]?.textContent ?? '';
  return { withClass, title };
}

describe.each(CONFIGS)('npm run docs for %s', (config) => {
  const get = () => rendered.get(config)!;

  test('one Markdown page per stack and one SVG, nothing else', () => {
    const { stacks, files } = get();
    expect([...files.keys()].filter((f) => f.endsWith('.md')).sort()).toEqual(Object.keys(stacks).map((s) => `${s}.md`).sort());
    expect([...files.keys()].filter((f) => !f.endsWith('.md'))).toEqual(['stacks.svg']);
  });

  test('resource counts per type and prevent_destroy equal the synthesized JSON', () => {
    const { stacks, files } = get();
    for (const [name, json] of Object.entries(stacks)) {
      const rows = tableRows(files.get(`${name}.md`)!, 'Resources');
      const expected = Object.entries((json.resource ?? {}) as Record<string, Json>).map(([type, instances]) => [
        type,
        Object.keys(instances).length,
        Object.keys(instances).filter((id) => instances[id].lifecycle?.prevent_destroy).length,
      ]);
      const actual = rows.map(([type, count, prevent]) => [unquote(type), Number(count), prevent ? prevent.split(', ').length : 0]);
      expect(actual.sort()).toEqual(expected.sort());
    }
  });

  test('every remote-state input names the existing stack that writes that state key', () => {
    const { stacks, files } = get();
    let inputs = 0;
    for (const [name, json] of Object.entries(stacks)) {
      const rows = tableRows(files.get(`${name}.md`)!, 'Remote-state inputs');
      expect(rows).toHaveLength(Object.keys(json.data?.terraform_remote_state ?? {}).length);
      for (const [, key, producedBy, outputsRead] of rows) {
        const producer = /^\[([^\]]+)\]\(([^)]+)\.md\)$/.exec(producedBy);
        expect(producer).not.toBeNull();
        expect(stacks[producer![1]]).toBeDefined();
        expect(producer![2]).toBe(producer![1]);
        expect(stacks[producer![1]].terraform.backend.s3.key).toBe(unquote(key));
        const read = outputsRead.startsWith('none') ? [] : outputsRead.split(', ').map(unquote);
        for (const output of read) expect(Object.keys(stacks[producer![1]].output)).toContain(output);
        inputs++;
      }
    }
    expect(inputs).toBeGreaterThan(0);
  });

  test('providers, backend and outputs with descriptions as synthesized', () => {
    const { stacks, files } = get();
    for (const [name, json] of Object.entries(stacks)) {
      const page = files.get(`${name}.md`)!;
      const providers = tableRows(page, 'Providers and Regions').map(([provider, region]) => [provider.replace(/`/g, '').replace(' (default)', ''), region]);
      expect(providers.sort()).toEqual(json.provider.aws.map((p: Json) => [p.alias ? `aws.${p.alias}` : 'aws', p.region]).sort());
      const backendType = Object.keys(json.terraform.backend)[0];
      const backend = Object.fromEntries(tableRows(page, 'Backend').map(([key, value]) => [unquote(key), unquote(value)]));
      for (const [key, value] of Object.entries(json.terraform.backend[backendType])) expect(backend[key]).toBe(String(value));
      const outputs = tableRows(page, 'Outputs').map(([output, , description]) => [unquote(output), description.replace(/\\\|/g, '|')]);
      expect(outputs).toEqual(Object.entries((json.output ?? {}) as Record<string, Json>).map(([output, spec]) => [output, spec.description]).sort());
    }
  });

  test('pages link to each other and to the diagram', () => {
    const { files } = get();
    const targets = [...files.values()].flatMap((page) => [...page.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]));
    expect(targets.length).toBeGreaterThan(files.size);
    for (const target of targets) expect(files.has(target)).toBe(true);
  });

  test('the SVG has a node per stack, a cluster per Region and the peering and KMS replica edges', () => {
    const { stacks, files } = get();
    const svg = parseSvg(files.get('stacks.svg')!);
    expect(svg.withClass('stack').map(svg.title).sort()).toEqual(Object.keys(stacks).sort());
    expect(svg.withClass('node').length).toBe(Object.keys(stacks).length + 1); // and the legend
    const regionStacks = Object.keys(stacks).filter((s) => s.startsWith('region-'));
    expect(svg.withClass('region').length).toBe(regionStacks.length);

    // Peering pairs straight from the synthesized global-network: requester's provider Region -> peer Region.
    const network = stacks['global-network'];
    const peerings = ['aws_ec2_transit_gateway_peering_attachment', 'aws_vpc_peering_connection'].flatMap((type) =>
      Object.values((network.resource?.[type] ?? {}) as Record<string, Json>).map((r) => ({
        kind: type.includes('transit') ? 'tgw-peering' : 'vpc-peering',
        edge: `region-${regionOfProvider(network, r.provider)}->region-${r.peer_region}`,
      })),
    );
    expect(peerings.length).toBeGreaterThan(0);
    for (const kind of ['tgw-peering', 'vpc-peering']) {
      expect(svg.withClass(kind).map(svg.title).sort()).toEqual(peerings.filter((p) => p.kind === kind).map((p) => p.edge).sort());
    }
    const replicas = regionStacks.filter((s) => stacks[s].resource?.aws_kms_replica_key);
    expect(svg.withClass('kms-replica').map((g) => svg.title(g).split('->')[1]).sort()).toEqual(replicas.sort());
  });

  test('the SVG has the replication, copy and failover edges of the synthesized link stacks', () => {
    const { stacks, files } = get();
    const svg = parseSvg(files.get('stacks.svg')!);
    const edges = (kind: string) => [...new Set(svg.withClass(kind).map(svg.title))].sort();
    const edge = (from: string, to: string) => `region-${from}->region-${to}`;
    const all = (stack: string, type: string) => Object.values((stacks[stack].resource?.[type] ?? {}) as Record<string, Json>);
    const at = (stack: string, r: Json) => regionOfProvider(stacks[stack], r.provider);
    const unique = (list: string[]) => [...new Set(list)].sort();

    const secrets = all('global-replication', 'aws_secretsmanager_secret').flatMap((s) => (s.replica ?? []).map((r: Json) => edge(at('global-replication', s), r.region)));
    expect(edges('secret-replica')).toEqual(unique(secrets));
    const ecr = all('global-compute', 'aws_ecr_replication_configuration').flatMap((c) =>
      c.replication_configuration.rule.flatMap((rule: Json) => rule.destination.map((d: Json) => edge(at('global-compute', c), d.region))),
    );
    expect(edges('ecr-replication')).toEqual(unique(ecr));
    const copies = all('global-compute', 'aws_dlm_lifecycle_policy').flatMap((p) =>
      p.policy_details.schedule.flatMap((s: Json) => (s.cross_region_copy_rule ?? []).map((c: Json) => edge(at('global-compute', p), c.target))),
    );
    expect(edges('snapshot-copy')).toEqual(unique(copies));
    // CloudFront: the origin group's members in order, each origin a bucket of this stack.
    const failovers = all('global-edge', 'aws_cloudfront_distribution').flatMap((d) => {
      const bucketRegion = (originId: string) => {
        const domain: string = d.origin.find((o: Json) => o.origin_id === originId).domain_name;
        return at('global-edge', stacks['global-edge'].resource.aws_s3_bucket[/aws_s3_bucket\.([^.]+)\./.exec(domain)![1]]);
      };
      return (d.origin_group ?? []).map((g: Json) => edge(bucketRegion(g.member[0].origin_id), bucketRegion(g.member[1].origin_id)));
    });
    expect(edges('origin-failover')).toEqual(unique(failovers));
    expect(secrets.length + ecr.length + copies.length + failovers.length).toBeGreaterThan(0);
  });

  test('rendering is deterministic', async () => {
    const { synthDir, files } = get();
    expect(await renderDocs(synthDir, config)).toEqual(files);
  });
});

test('docs/generated/ is current: what npm run docs writes for the default config', () => {
  const stale = staleFiles(DEFAULT_OUT, rendered.get('config/default.json')!.files);
  if (stale.length) throw new Error(`docs/generated/ is stale (${stale.join(', ')}): run \`npm run docs\` and commit the result`);
});

describe('the command line', () => {
  test('rejects unknown arguments, --out without a folder and --out naming a file', () => {
    expect(() => parseArgs(['--verbose'])).toThrow('unknown argument "--verbose"; usage: npm run docs -- [--out DIR] [--check]');
    expect(() => parseArgs(['--out'])).toThrow('--out needs a folder, got nothing');
    expect(() => parseArgs(['--out', '--check'])).toThrow('--out needs a folder, got "--check"');
    expect(() => parseArgs(['--out', path.join(ROOT, 'package.json')])).toThrow('is a file, not a folder');
    expect(parseArgs(['--check', '--out=x'])).toEqual({ check: true, out: path.resolve('x') });
    expect(parseArgs([])).toEqual({ check: false, out: DEFAULT_OUT });
  });

  test('--check names changed, missing and left-over pages; writing replaces them and removes pages of gone stacks', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-out-'));
    const files = new Map([
      ['a.md', 'page a\n'],
      ['b.md', 'page b\n'],
      ['stacks.svg', '<svg/>\n'],
    ]);
    fs.writeFileSync(path.join(out, 'a.md'), 'old\n');
    fs.writeFileSync(path.join(out, 'gone.md'), 'stack removed from the config\n');
    fs.writeFileSync(path.join(out, 'notes.txt'), 'not ours\n');
    expect(staleFiles(out, files)).toEqual(['a.md (out of date)', 'b.md (missing)', 'gone.md (no such stack any more)', 'stacks.svg (missing)']);
    writeDocs(out, files);
    expect(staleFiles(out, files)).toEqual([]);
    expect(fs.readdirSync(out).sort()).toEqual(['a.md', 'b.md', 'notes.txt', 'stacks.svg']);
    fs.rmSync(out, { recursive: true, force: true });
  });
});
