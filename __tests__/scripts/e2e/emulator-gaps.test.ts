import * as fs from 'fs';
import * as path from 'path';
import { loadGaps, describeGaps } from '../../../scripts/e2e/gaps';
import { synthApp, testConfig } from '../../helpers/synth';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('emulator gap list', () => {
  const gaps = loadGaps();
  const all = [...gaps.patched, ...gaps.emulated, ...gaps.excluded, ...gaps.toleratedDrift];

  test('every entry names the failing API and the reason', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const gap of all) {
      expect(gap.id).toMatch(/^[a-z0-9-]+$/);
      expect(gap.api.length).toBeGreaterThan(3);
      expect(gap.reason.length).toBeGreaterThan(20);
    }
    expect(new Set(all.map((g) => g.id)).size).toBe(all.length);
  });

  test('docs/emulator.md repeats every gap', () => {
    const doc = read('docs/emulator.md');
    // Lists every missing id at once rather than stopping at the first.
    expect(all.map((gap) => gap.id).filter((id) => !doc.includes(`\`${id}\``))).toEqual([]);
  });

  test('every patched gap has its patch in the moto launcher, and every launcher patch is listed', () => {
    const launcher = read('scripts/e2e/moto-server.py');
    for (const gap of gaps.patched) expect({ id: gap.id, patched: launcher.includes(`Gap "${gap.id}"`) }).toEqual({ id: gap.id, patched: true });
    const inLauncher = [...launcher.matchAll(/Gap "([a-z0-9-]+)"/g)].map((m) => m[1]).sort();
    expect(inLauncher).toEqual(gaps.patched.map((g) => g.id).sort());
  });

  test('every emulated API has its module under scripts/e2e/emulated/, and every emulation there is listed', () => {
    const dir = 'scripts/e2e/emulated';
    const modules = fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.py') && !f.startsWith('test_'));
    for (const gap of gaps.emulated) {
      expect(gap.module.startsWith(`${dir}/`)).toBe(true);
      expect({ id: gap.id, marked: read(gap.module).includes(`Emulated "${gap.id}"`) }).toEqual({ id: gap.id, marked: true });
      expect(gap.faithful.length).toBeGreaterThan(20);
      expect(gap.notFaithful.length).toBeGreaterThan(20);
      expect(gap.resources.length).toBeGreaterThan(0);
      for (const type of gap.resources) expect(type).toMatch(/^aws_[a-z0-9_]+$/);
    }
    const marked = modules.flatMap((f) => [...read(`${dir}/${f}`).matchAll(/Emulated "([a-z0-9-]+)"/g)].map((m) => m[1])).sort();
    expect(marked).toEqual(gaps.emulated.map((g) => g.id).sort());
    // The launcher installs them.
    expect(read('scripts/e2e/moto-server.py')).toMatch(/^import emulated\b[\s\S]*^emulated\.install\(\)/m);
  });

  test('the Terraform fixtures of the emulated APIs declare every resource type they serve', () => {
    // One fixture per layer (compute, edge); a read-only API is proven by its data source.
    const fixtures = fs.readdirSync(path.join(ROOT, 'scripts/e2e/emulated/fixtures')).map((name) => read(`scripts/e2e/emulated/fixtures/${name}/main.tf`));
    const declared = new Set(fixtures.flatMap((fixture) => [...fixture.matchAll(/^(?:resource|data) "(aws_[a-z0-9_]+)"/gm)].map((m) => m[1])));
    const missing = gaps.emulated.flatMap((g) => g.resources).filter((type) => !declared.has(type));
    expect(missing).toEqual([]);
  });

  test('every patched gap lists the resource types it affects', () => {
    for (const gap of gaps.patched) {
      expect(gap.resources.length).toBeGreaterThan(0);
      for (const type of gap.resources) expect(type).toMatch(/^aws_[a-z0-9_]+$/);
    }
  });

  test('every excluded gap names exactly one resource type (switched off by type), each type once', () => {
    for (const gap of gaps.excluded) {
      expect(Object.keys(gap).sort()).toEqual(['api', 'id', 'reason', 'resourceType']);
      expect(gap.resourceType).toMatch(/^aws_[a-z0-9_]+$/);
    }
    const types = gaps.excluded.map((g) => g.resourceType);
    expect(new Set(types).size).toBe(types.length);
  });

  test('every excluded resource type is one the app really synthesizes (with every optional feature on)', () => {
    const stacks = synthApp(
      testConfig({
        security: {
          secrets: [{ name: 'directory/admin-password', description: 'Directory Admin password' }],
          directoryService: { enable: true },
          securityHub: { standards: ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark'] },
        },
      }),
    );
    const synthesized = new Set(Object.values(stacks).flatMap((stack) => Object.keys(stack.resource ?? {})));
    for (const gap of gaps.excluded) expect({ id: gap.id, synthesized: synthesized.has(gap.resourceType) }).toEqual({ id: gap.id, synthesized: true });
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
