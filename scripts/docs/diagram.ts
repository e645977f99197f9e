/**
 * The stack diagram: Regions as clusters holding their Region stack, the global and link stacks
 * beside them, deploy dependencies as solid edges and inter-Region links as dashed, labelled
 * edges between Regions. Laid out by Graphviz compiled to WebAssembly (no system package).
 */
import { LINK_LABELS, Link, LinkKind, TWO_WAY } from './links';
import { AppDoc, StackDoc } from './model';
import { pageFile } from './markdown';
import { GLOBAL_STACK } from '../../src/stacks/stack-names';

const LINK_COLORS: Record<LinkKind, string> = {
  'tgw-peering': '#1f77b4',
  'vpc-peering': '#17becf',
  'kms-replica': '#d62728',
  'secret-replica': '#9467bd',
  'ecr-replication': '#ff7f0e',
  'ami-distribution': '#8c564b',
  'snapshot-copy': '#2ca02c',
  's3-replication': '#e377c2',
  'origin-failover': '#7f7f7f',
};

const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const attrs = (values: Record<string, string>) =>
  `[${Object.entries(values)
    .map(([key, value]) => `${key}=${quote(value)}`)
    .join(', ')}]`;

const isRegionStack = (stack: StackDoc) => stack.name.startsWith('region-');
const regionOfStack = (stack: StackDoc) => stack.providers[0].region;

/** Id of the Region's node in the diagram: its Region stack, or a bare Region node when there is none. */
function regionNode(app: AppDoc, region: string): string {
  return app.stacks.find((s) => isRegionStack(s) && regionOfStack(s) === region)?.name ?? `Region ${region}`;
}

/** Links of one kind between the same two Regions become one edge. */
function mergedLinks(links: readonly Link[]): Array<{ kind: LinkKind; from: string; to: string; links: Link[] }> {
  const merged = new Map<string, { kind: LinkKind; from: string; to: string; links: Link[] }>();
  for (const link of links) {
    const key = `${link.kind} ${link.from} ${link.to}`;
    if (!merged.has(key)) merged.set(key, { kind: link.kind, from: link.from, to: link.to, links: [] });
    merged.get(key)!.links.push(link);
  }
  return [...merged.values()];
}

/**
 * A key of the link kinds present. Edges between the same two Regions run side by side, where
 * per-edge labels would overprint each other; each edge's tooltip names its kind and resources.
 */
function legend(links: readonly Link[]): string[] {
  const kinds = [...new Set(links.map((l) => l.kind))].sort();
  if (!kinds.length) return [];
  const rows = kinds.map(
    (kind) =>
      `<tr><td><font color="${LINK_COLORS[kind]}">${TWO_WAY.has(kind) ? '&lt;- - -&gt;' : '- - -&gt;'}</font></td><td align="left">${LINK_LABELS[kind]}</td></tr>`,
  );
  return [
    `  legend [shape=plaintext, style="", class="legend", label=<<table border="0" cellborder="0" cellspacing="2"><tr><td colspan="2"><b>Inter-Region links</b></td></tr><tr><td>——&gt;</td><td align="left">deploys before</td></tr>${rows.join('')}</table>>];`,
  ];
}

/** The Graphviz source of the diagram. */
export function renderDot(app: AppDoc, links: readonly Link[], source: string): string {
  const regions = [...new Set([...app.stacks.filter(isRegionStack).map(regionOfStack), ...links.flatMap((l) => [l.from, l.to])])].sort();
  const stackNode = (stack: StackDoc) =>
    `${quote(stack.name)} ${attrs({
      URL: pageFile(stack.name),
      tooltip: `${stack.name}: layer ${stack.layer}, default provider in ${regionOfStack(stack)}`,
      fillcolor: isRegionStack(stack) ? '#ffffff' : '#fff8e6',
      class: 'stack',
    })};`;
  const lines = [
    'digraph stacks {',
    `  graph ${attrs({ rankdir: 'LR', fontname: 'Helvetica', fontsize: '12', nodesep: '0.7', ranksep: '1.1', labelloc: 't', label: `Stacks and inter-Region links (${source})` })};`,
    `  node ${attrs({ shape: 'box', style: 'rounded,filled', fontname: 'Helvetica', fontsize: '11' })};`,
    `  edge ${attrs({ fontname: 'Helvetica', fontsize: '9' })};`,
  ];
  // The global stack's default provider is the primary Region's.
  const primary = app.stacks.find((s) => s.name === GLOBAL_STACK)?.providers[0].region;
  regions.forEach((region, index) => {
    const stacks = app.stacks.filter((s) => isRegionStack(s) && regionOfStack(s) === region);
    lines.push(`  subgraph cluster_${index} {`);
    lines.push(`    graph ${attrs({ label: region === primary ? `${region} (primary)` : region, style: 'rounded,filled', fillcolor: '#eef4fb', color: '#9bb7d4', class: 'region' })};`);
    for (const stack of stacks) lines.push(`    ${stackNode(stack)}`);
    if (!stacks.length) lines.push(`    ${quote(regionNode(app, region))} ${attrs({ shape: 'ellipse', fillcolor: '#ffffff', class: 'region-only' })};`);
    lines.push('  }');
  });
  for (const stack of app.stacks.filter((s) => !isRegionStack(s))) lines.push(`  ${stackNode(stack)}`);
  for (const stack of app.stacks) {
    for (const dependency of stack.dependsOn) {
      lines.push(`  ${quote(dependency)} -> ${quote(stack.name)} ${attrs({ color: '#555555', class: 'dependency', tooltip: `${stack.name} deploys after ${dependency}` })};`);
    }
  }
  for (const edge of mergedLinks(links)) {
    const label = LINK_LABELS[edge.kind] + (edge.links.length > 1 ? ` ×${edge.links.length}` : '');
    const owners = [...new Set(edge.links.map((l) => l.stack))].join(', ');
    lines.push(
      `  ${quote(regionNode(app, edge.from))} -> ${quote(regionNode(app, edge.to))} ${attrs({
        id: `link-${edge.kind}-${edge.from}-${edge.to}`,
        class: `link ${edge.kind}`,
        tooltip: `${label}: ${edge.from} -> ${edge.to} (${owners}: ${edge.links.map((l) => l.address).join(', ')})`,
        style: 'dashed',
        color: LINK_COLORS[edge.kind],
        fontcolor: LINK_COLORS[edge.kind],
        dir: TWO_WAY.has(edge.kind) ? 'both' : 'forward',
        constraint: 'false',
      })};`,
    );
  }
  lines.push(...legend(links));
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Lays out DOT source as SVG with Graphviz (WebAssembly build). */
export async function renderSvg(dot: string): Promise<string> {
  // The package is ES modules only; a dynamic import loads it from this CommonJS code.
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot, 'svg');
}
