/**
 * The golden AMI's AWSTOE document (src/constructs/compute/golden-ami/component.yaml), parsed with
 * js-yaml: not a dependency of the project, but in node_modules through jest's coverage tooling
 * (@istanbuljs/load-nyc-config), so the test reads YAML without adding a package. Checked against the
 * AWSTOE document schema's shape: schemaVersion 1.0, phases named build / validate / test, steps
 * with unique names and a known action, ExecuteBash steps with a command list.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { COMPONENT_DOCUMENT_PATH, goldenAmiComponentDocument } from '../../../src/constructs/compute/golden-ami/component-document';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { safeLoad(text: string): unknown };

interface Step {
  name: string;
  action: string;
  inputs?: { commands?: string[] } | unknown[];
}
interface Document {
  name: string;
  description: string;
  schemaVersion: number | string;
  phases: Array<{ name: string; steps: Step[] }>;
}

const document = yaml.safeLoad(goldenAmiComponentDocument()) as Document;
const phase = (name: string) => document.phases.find((p) => p.name === name)!;
const commands = (phaseName: string) => phase(phaseName).steps.flatMap((s) => (s.inputs as { commands?: string[] } | undefined)?.commands ?? []);

describe('golden AMI component document', () => {
  test('is an AWSTOE document of schema 1.0 with build, validate and test phases', () => {
    expect(document).toMatchObject({ name: expect.any(String), description: expect.any(String) });
    expect(String(document.schemaVersion)).toMatch(/^1(\.0)?$/);
    expect(document.phases.map((p) => p.name)).toEqual(['build', 'validate', 'test']);
    expect(Object.keys(document).sort()).toEqual(['description', 'name', 'phases', 'schemaVersion']);
  });

  test('every step has a unique name (within its phase) and an action AWSTOE knows', () => {
    for (const { steps } of document.phases) {
      expect(steps.length).toBeGreaterThan(0);
      expect(new Set(steps.map((s) => s.name)).size).toBe(steps.length);
      for (const step of steps) {
        expect(step.name).toMatch(/^[A-Za-z][A-Za-z0-9]{0,127}$/);
        expect(['UpdateOS', 'ExecuteBash']).toContain(step.action);
        if (step.action === 'ExecuteBash') expect((step.inputs as { commands: string[] }).commands.every((c) => typeof c === 'string' && c.length > 0)).toBe(true);
      }
    }
  });

  test('build installs every OS update first, then hardens', () => {
    expect(phase('build').steps[0]).toEqual({ name: 'UpdateOS', action: 'UpdateOS' });
    const build = commands('build');
    expect(build).toContainEqual(expect.stringMatching(/'PasswordAuthentication no'/));
    expect(build).toContainEqual(expect.stringMatching(/'PermitRootLogin no'/));
    expect(build).toContainEqual('systemctl enable auditd');
  });

  test('validate and test check the effective sshd settings and auditd', () => {
    for (const name of ['validate', 'test']) {
      const lines = commands(name);
      expect(lines).toContainEqual(expect.stringContaining('"passwordauthentication"'));
      expect(lines).toContainEqual(expect.stringContaining('"permitrootlogin"'));
      expect(lines.some((l) => /systemctl is-(enabled|active) auditd/.test(l))).toBe(true);
    }
  });

  test('fits Image Builder\'s inline component data (at most 16,000 characters)', () => {
    expect(goldenAmiComponentDocument().length).toBeLessThanOrEqual(16000);
  });

  test('holds no Terraform template sequence, which Terraform would expand inside the component\'s data', () => {
    expect(goldenAmiComponentDocument()).not.toMatch(/[$%]\{/);
  });

  test('no pipe ends early under pipefail (grep -q would make sshd -T fail with SIGPIPE)', () => {
    const all = document.phases.flatMap((p) => commands(p.name));
    expect(all.filter((l) => /\|\s*grep -\w*q/.test(l))).toEqual([]);
  });
});

describe('golden AMI component document in the bundled app', () => {
  const ROOT = path.join(__dirname, '..', '..', '..');
  let project: string;
  beforeAll(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'component-bundle-'));
    fs.mkdirSync(path.join(project, '.build'));
    fs.writeFileSync(path.join(project, 'tsconfig.json'), '{}\n');
    fs.writeFileSync(path.join(project, 'package.json'), '{"private": true}\n');
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
    const module = path.join(ROOT, 'src', 'constructs', 'compute', 'golden-ami', 'component-document');
    fs.writeFileSync(
      path.join(project, 'main.ts'),
      `import { COMPONENT_DOCUMENT_PATH, goldenAmiComponentDocument } from ${JSON.stringify(module)};\n` +
        'console.log(JSON.stringify({ path: COMPONENT_DOCUMENT_PATH, text: goldenAmiComponentDocument() }));\n',
    );
  });
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  test('bin/app-bundle.js builds it so that it reads component.yaml from the source folder, as jest does', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundle = require(path.join(ROOT, 'bin', 'app-bundle.js')) as { build(root: string, buildRoot: string): Promise<string> };
    const dir = await bundle.build(project, path.join(project, '.build'));
    expect(fs.readFileSync(path.join(dir, 'main.js'), 'utf8')).not.toContain('PermitRootLogin');
    const printed = JSON.parse(execFileSync(process.execPath, [path.join(dir, 'main.js')], { encoding: 'utf8' }));
    expect(printed).toEqual({ path: COMPONENT_DOCUMENT_PATH, text: goldenAmiComponentDocument() });
  }, 30_000);
});
