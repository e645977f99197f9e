import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deployOrder } from '../../../scripts/lib/synth';

test('deployOrder puts every stack after its dependencies', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-'));
  const stacks = {
    'global-network': { dependencies: ['region-b', 'region-a'] },
    'region-b': { dependencies: ['global'] },
    global: { dependencies: ['bootstrap'] },
    'region-a': { dependencies: ['global'] },
    bootstrap: { dependencies: [] },
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks }));
  const order = deployOrder(dir);
  for (const [name, { dependencies }] of Object.entries(stacks)) {
    for (const dep of dependencies) expect(order.indexOf(dep)).toBeLessThan(order.indexOf(name));
  }
  expect(order).toHaveLength(5);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('deployOrder names the stacks of a dependency cycle', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-'));
  const stacks = { a: { dependencies: ['b'] }, b: { dependencies: ['c'] }, c: { dependencies: ['a'] } };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks }));
  expect(() => deployOrder(dir)).toThrow('stack dependency cycle: a -> b -> c -> a');
  fs.rmSync(dir, { recursive: true, force: true });
});
