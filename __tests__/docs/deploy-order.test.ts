import * as fs from 'fs';
import * as path from 'path';
import { App, Testing, TerraformStack } from 'cdktf';
import { loadConfig } from '../../src/config/load';
import { buildFoundation } from '../../src/stacks/foundation-app';

const ROOT = path.resolve(__dirname, '../..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const help = fs.readFileSync(path.join(ROOT, 'help'), 'utf8');

/** Stacks of the last layer: those deployed after every region-* stack. */
function linkStackNames(): string[] {
  const app = Testing.app();
  const stacks = buildFoundation(app as App, loadConfig({}));
  const regionStacks = new Set<TerraformStack>(stacks.regions);
  return app.node
    .findAll()
    .filter((c): c is TerraformStack => c instanceof TerraformStack)
    .filter((s) => s.dependencies.some((d) => regionStacks.has(d)))
    .map((s) => s.node.id);
}

/** The docs' deploy-order lines go stale when a stack is added; each must name every link stack. */
describe('deploy order in the docs names every stack of the last layer', () => {
  const links = linkStackNames();
  const lines: Array<[string, string]> = [
    ['README layer diagram', readme.split('\n').find((l) => l.startsWith('bootstrap ─► global'))!],
    ['README deploy command of the last layer', readme.split('\n').find((l) => l.startsWith('npx cdktf deploy global-'))!],
    ['README administrator\'s deploy of everything', readme.slice(readme.indexOf("npx cdktf deploy '*'"), readme.indexOf("npx cdktf deploy '*'") + 200)],
    ['README plain Terraform order', readme.slice(readme.indexOf('Deploy order for plain Terraform'), readme.indexOf('Deploy order for plain Terraform') + 300)],
    ['./help deploy line of the last layer', help.split('\n').find((l) => l.includes('npx cdktf deploy global-'))!],
    ['./help administrator\'s deploy line', help.split('\n').find((l) => l.includes("cdktf deploy '*'"))!],
  ];

  test('there is more than one link stack to name', () => {
    expect(links.length).toBeGreaterThanOrEqual(2);
  });

  test.each(lines)('%s', (_where, line) => {
    expect(line).toBeDefined();
    for (const name of links) expect(line).toContain(name);
  });
});
