import * as fs from 'fs';
import * as path from 'path';
import { loadGaps, describeGaps } from '../../../scripts/e2e/gaps';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('emulator gap list', () => {
  const gaps = loadGaps();
  const all = [...gaps.patched, ...gaps.excluded, ...gaps.toleratedDrift];

  test('every entry names the failing API and the reason', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const gap of all) {
      expect(gap.id).toMatch(/^[a-z0-9-]+$/);
      expect(gap.api.length).toBeGreaterThan(3);
      expect(gap.reason.length).toBeGreaterThan(20);
    }
    expect(new Set(all.map((g) => g.id)).size).toBe(all.length);
  });

  test('the README repeats every gap', () => {
    const readme = read('README.md');
    for (const gap of all) expect({ id: gap.id, inReadme: readme.includes(`\`${gap.id}\``) }).toEqual({ id: gap.id, inReadme: true });
  });

  test('every patched gap has its patch in the moto launcher, and every launcher patch is listed', () => {
    const launcher = read('scripts/e2e/moto-server.py');
    for (const gap of gaps.patched) expect({ id: gap.id, patched: launcher.includes(`Gap "${gap.id}"`) }).toEqual({ id: gap.id, patched: true });
    const inLauncher = [...launcher.matchAll(/Gap "([a-z0-9-]+)"/g)].map((m) => m[1]).sort();
    expect(inLauncher).toEqual(gaps.patched.map((g) => g.id).sort());
  });

  test('tolerated drift is narrow: one stack, one resource type, exact actions', () => {
    for (const drift of gaps.toleratedDrift) {
      expect(drift.stack).toMatch(/^[a-z0-9-]+$/);
      expect(drift.resourceType).toMatch(/^aws_[a-z0-9_]+$/);
      expect(drift.actions.length).toBeGreaterThan(0);
    }
  });

  test('the run summary prints every gap', () => {
    const text = describeGaps(gaps);
    for (const gap of all) expect(text).toContain(gap.id);
  });
});
