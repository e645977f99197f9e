/**
 * The golden AMI's AWSTOE document (src/constructs/compute/golden-ami/component.yaml), parsed with
 * js-yaml: not a dependency of the project, but in node_modules through jest's coverage tooling
 * (@istanbuljs/load-nyc-config), so the test reads YAML without adding a package. Checked against the
 * AWSTOE document schema's shape: schemaVersion 1.0, phases named build / validate / test, steps
 * with unique names and a known action, ExecuteBash steps with a command list.
 */
import { goldenAmiComponentDocument } from '../../../src/constructs/compute/golden-ami/component-document';

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

  test('no pipe ends early under pipefail (grep -q would make sshd -T fail with SIGPIPE)', () => {
    const all = document.phases.flatMap((p) => commands(p.name));
    expect(all.filter((l) => /\|\s*grep -\w*q/.test(l))).toEqual([]);
  });
});
