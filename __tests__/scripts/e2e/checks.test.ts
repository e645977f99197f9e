import * as fs from 'fs';
import * as path from 'path';

const E2E = path.join(__dirname, '..', '..', '..', 'scripts', 'e2e');

/** Relative imports of every module under scripts/e2e, as absolute paths without extension. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts')) {
        const imports = [...fs.readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)].map(([, spec]) => {
          const target = path.resolve(dir, spec);
          return fs.existsSync(`${target}.ts`) ? target : path.join(target, 'index');
        });
        graph.set(file.replace(/\.ts$/, ''), imports);
      }
    }
  };
  walk(E2E);
  return graph;
}

describe('scripts/e2e module structure', () => {
  const graph = importGraph();

  test('no module imports itself through a cycle', () => {
    const cycles: string[] = [];
    const visit = (module: string, trail: string[]) => {
      if (trail.includes(module)) {
        cycles.push([...trail.slice(trail.indexOf(module)), module].map((m) => path.relative(E2E, m)).join(' -> '));
        return;
      }
      for (const next of graph.get(module) ?? []) visit(next, [...trail, module]);
    };
    for (const module of graph.keys()) visit(module, []);
    expect(cycles).toEqual([]);
  });

  test('the entry module runs every domain\'s checks, and the domain modules import no other domain', () => {
    const domains = fs.readdirSync(path.join(E2E, 'checks')).filter((f) => f !== 'index.ts').map((f) => path.join(E2E, 'checks', f.replace(/\.ts$/, '')));
    expect(domains.length).toBeGreaterThanOrEqual(3);
    expect(graph.get(path.join(E2E, 'checks', 'index'))!.filter((m) => domains.includes(m)).sort()).toEqual(domains.sort());
    for (const domain of domains) expect({ domain, imports: graph.get(domain)!.filter((m) => domains.includes(m)) }).toEqual({ domain, imports: [] });
  });
});
