import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkOutFolder, parsePlanArgs, planStacks, PlanStacksResult, selectStacks, UsageError } from '../../../scripts/plan/plan';
import { ensureTerraformCli } from '../../../scripts/lib/terraform-cli';
import { parsePlan } from '../../../scripts/plan/summary-lib';

/** A local state holding terraform_data resources, as Terraform 1.11 writes it (dynamic values typed). */
function state(resources: Record<string, Record<string, unknown>>): string {
  return JSON.stringify({
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: '5b0f1c1e-3d0c-4b8e-9a53-3c1f1b7c0d21',
    outputs: {},
    resources: Object.entries(resources).map(([name, attributes]) => ({
      mode: 'managed',
      type: 'terraform_data',
      name,
      provider: 'provider["terraform.io/builtin/terraform"]',
      instances: [{ schema_version: 0, attributes: { id: `id-${name}`, input: null, output: null, triggers_replace: null, ...attributes }, sensitive_attributes: [] }],
    })),
  });
}

/**
 * Stacks of terraform_data only (built into Terraform: no provider, no network, local state):
 * `app` creates one resource and deletes another; `keys` would replace a prevent_destroy resource,
 * which Terraform refuses; `broken` does not validate; `empty` holds no synthesized stack.
 */
function writeStacks(dir: string): void {
  const stack = (name: string, files: Record<string, string>) => {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name, file), text);
  };
  stack('app', {
    'cdk.tf.json': JSON.stringify({ resource: { terraform_data: { fresh: { input: 'new' } } } }),
    'terraform.tfstate': state({ old: {} }),
  });
  stack('keys', {
    'cdk.tf.json': JSON.stringify({ resource: { terraform_data: { state_key: { triggers_replace: ['2'], lifecycle: { prevent_destroy: true } } } } }),
    'terraform.tfstate': state({ state_key: { triggers_replace: { value: ['1'], type: ['tuple', ['string']] } } }),
  });
  stack('broken', { 'cdk.tf.json': JSON.stringify({ resource: { terraform_data: { x: { input: '${terraform_data.nowhere.id}' } } } }) });
  stack('empty', {});
}

describe('planStacks against stacks of terraform_data', () => {
  let work: string;
  let stacksDir: string;
  let out: string;
  let first: PlanStacksResult;
  let lines: string[];
  const { env } = ensureTerraformCli();

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-stacks-'));
    stacksDir = path.join(work, 'stacks');
    out = path.join(work, 'plans');
    writeStacks(stacksDir);
    lines = [];
    first = await planStacks({ stacksDir, stacks: ['app', 'keys', 'broken', 'empty'], env, out, notes: ['a note'], log: (l) => lines.push(l) });
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('plans each stack and summarizes it in the given order', () => {
    expect(first.summaries.map((s) => [s.stack, s.counts.create, s.counts.delete])).toEqual([['app', 1, 1]]);
    expect(first.failures.map((f) => f.stack)).toEqual(['keys', 'broken', 'empty']);
    expect(lines).toHaveLength(4);
  });

  test('writes <stack>.json (the terraform show -json plan), <stack>.tfplan and summary.md', () => {
    expect(fs.readdirSync(out).sort()).toEqual(['app.json', 'app.tfplan', 'summary.md']);
    const plan = parsePlan(fs.readFileSync(path.join(out, 'app.json'), 'utf8'), 'app.json');
    expect(plan.resource_changes!.map((c) => [c.address, c.change.actions])).toEqual([
      ['terraform_data.fresh', ['create']],
      ['terraform_data.old', ['delete']],
    ]);
    expect(fs.readFileSync(path.join(out, 'summary.md'), 'utf8')).toBe(first.markdown);
    expect(fs.statSync(path.join(out, 'app.json')).mode & 0o077).toBe(0);
    expect(fs.readdirSync(work).sort()).toEqual(['plans', 'stacks']);
  });

  test('a prevent_destroy resource Terraform refuses to replace blocks, with its address', () => {
    expect(first.blocked).toBe(true);
    expect(first.failures[0]).toMatchObject({ stack: 'keys', refusedDestroy: ['terraform_data.state_key'] });
    expect(first.markdown).toContain('- keys: `terraform_data.state_key` delete (refused by Terraform) (prevent_destroy)');
  });

  test('a failed plan names the stack, the failing command and a rerun command', () => {
    const broken = first.failures[1];
    expect(broken.message).toMatch(/^terraform plan exited 1:\nError: Reference to undeclared resource\n/);
    expect(broken.rerun).toMatch(new RegExp(`^cd ${stacksDir}/broken && TF_CLI_CONFIG_FILE=\\S+ terraform init -input=false -reconfigure && TF_CLI_CONFIG_FILE=\\S+ terraform plan -input=false -lock-timeout=60s -no-color$`));
    expect(first.failures[2].message).toMatch(/empty holds no synthesized stack \(cdk\.tf\.json or cdk\.tf\)$/);
    expect(first).toMatchObject({ failed: true, exitCode: 1 });
    expect(first.markdown).toContain('| broken | – | – | – | – | – | – | – | **PLAN FAILED** |');
    expect(first.markdown).toContain('\n\na note\n');
  });

  test('a re-run re-initializes the same folders and replaces the out folder whole', async () => {
    const again = await planStacks({ stacksDir, stacks: ['app'], env, out });
    expect(again).toMatchObject({ blocked: false, failed: false, exitCode: 0, failures: [] });
    expect(again.summaries[0].counts).toMatchObject({ create: 1, delete: 1 });
    expect(fs.readdirSync(out).sort()).toEqual(['app.json', 'app.tfplan', 'summary.md']);
  });

  test('lock: false plans with -lock=false (the plan role may not write the lock file)', async () => {
    const unlocked = await planStacks({ stacksDir, stacks: ['app', 'broken'], env, out, lock: false });
    expect(unlocked.summaries.map((s) => s.stack)).toEqual(['app']);
    expect(unlocked.failures.map((f) => f.rerun)).toEqual([expect.stringMatching(/ terraform plan -input=false -lock=false -no-color$/)]);
  });
});

describe('npm run plan arguments and stack selection', () => {
  const order = ['bootstrap', 'global', 'region-us-east-1', 'region-eu-west-1', 'global-network'];
  const stacksDir = path.join(os.tmpdir(), 'no-such-plan-outdir', 'stacks');

  test('defaults: synth into cdktf.out, plans into .plan, every stack but bootstrap, which the summary explains', () => {
    const args = parsePlanArgs([]);
    expect(args).toEqual({ outdir: 'cdktf.out', out: '.plan', includeBootstrap: false, lock: true });
    const selected = selectStacks(order, args, stacksDir);
    expect(selected.stacks).toEqual(order.slice(1));
    expect(selected.notes).toEqual([expect.stringMatching(/^`bootstrap` was not planned: its state is local \(`.*bootstrap\/terraform\.bootstrap\.tfstate`.*`npm run plan -- --include-bootstrap`/)]);
  });

  test('--include-bootstrap plans it first and says when it has no local state there', () => {
    const selected = selectStacks(order, parsePlanArgs(['--include-bootstrap']), stacksDir);
    expect(selected.stacks).toEqual(order);
    expect(selected.notes).toEqual([expect.stringMatching(/^`bootstrap` has no local state at .*: its plan shows it as a new deployment\.$/)]);
  });

  test('--stacks selects, keeping deploy order; naming bootstrap includes it', () => {
    const args = parsePlanArgs(['--stacks', 'region-eu-west-1,global', '--out=plans', '--outdir', 'out', '--no-lock']);
    expect(args).toEqual({ outdir: 'out', out: 'plans', includeBootstrap: false, lock: false, stacks: ['region-eu-west-1', 'global'] });
    expect(selectStacks(order, args, stacksDir)).toEqual({ stacks: ['global', 'region-eu-west-1'], notes: [] });
    expect(selectStacks(order, parsePlanArgs(['--stacks=bootstrap']), stacksDir).stacks).toEqual(['bootstrap']);
  });

  test('bad arguments are named', () => {
    expect(() => parsePlanArgs(['--stack', 'global'])).toThrow(new UsageError('unknown argument "--stack"'));
    expect(() => parsePlanArgs(['--out'])).toThrow(new UsageError('--out needs a value'));
    expect(() => parsePlanArgs(['--stacks', ','])).toThrow(new UsageError('--stacks needs at least one stack name'));
    expect(() => selectStacks(order, parsePlanArgs(['--stacks', 'global,region-xx-1']), stacksDir)).toThrow(
      new UsageError(`--stacks: no stack region-xx-1 in this synth; stacks: ${order.join(', ')}`),
    );
  });

  test('an --out folder that npm run plan did not write is refused, not replaced', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-out-'));
    try {
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
      expect(() => checkOutFolder(dir)).toThrow(`--out ${dir}: folder holds files that npm run plan did not write (no summary.md); it would be replaced: choose a new or empty folder`);
      fs.writeFileSync(path.join(dir, 'summary.md'), '# Terraform plan summary\n');
      expect(() => checkOutFolder(dir)).not.toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
