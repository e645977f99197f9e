import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseSummaryArgs, runSummary, UsageError } from '../../../scripts/plan/summary';
import { fixturePath } from './fixture';
import { scriptProcess } from '../../helpers/script-process';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const summary = (...args: string[]) => spawnSync(...scriptProcess('scripts/plan/summary.ts', args), { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

let stacksDir: string;
beforeAll(() => {
  // A synthesized stacks folder whose `app` stack marks terraform_data.d prevent_destroy (the
  // changes fixture deletes it) and whose `web` stack holds HCL only.
  stacksDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-summary-'));
  fs.mkdirSync(path.join(stacksDir, 'app'));
  fs.writeFileSync(
    path.join(stacksDir, 'app', 'cdk.tf.json'),
    JSON.stringify({ resource: { terraform_data: { d: { input: 'x', lifecycle: { prevent_destroy: true } }, e: { input: 'y' } } } }),
  );
  fs.mkdirSync(path.join(stacksDir, 'global'));
  fs.writeFileSync(path.join(stacksDir, 'global', 'cdk.tf.json'), JSON.stringify({ resource: {} }));
  fs.mkdirSync(path.join(stacksDir, 'web'));
  fs.writeFileSync(path.join(stacksDir, 'web', 'cdk.tf'), '');
});
afterAll(() => fs.rmSync(stacksDir, { recursive: true, force: true }));

describe('npm run -s plan:summary', () => {
  test('exit 0 and the Markdown on stdout when nothing protected is replaced or deleted', () => {
    const result = summary(`global=${fixturePath('create-only')}`, `region-us-east-1=${fixturePath('changes')}`, `region-eu-west-1=${fixturePath('no-changes')}`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^# Terraform plan summary\n/);
    expect(result.stdout).toContain('| region-us-east-1 | 1 | 1 | 2 | 1 | 0 | 1 | 0 | ok |');
    expect(result.stdout).toContain('**Verdict: no protected resource is replaced or deleted.**');
  });

  test('exit 1, the protected addresses in the Markdown and one line each on stderr; --stacks-dir adds prevent_destroy', () => {
    const result = summary(`global=${fixturePath('protected-replace')}`, `app=${fixturePath('changes')}`, `web=${fixturePath('no-changes')}`, '--stacks-dir', stacksDir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('- `terraform_data.d` **PROTECTED** (prevent_destroy): delete; no longer in the configuration');
    expect(result.stdout).toContain('- global: `aws_s3_bucket.audit_log_bucket` replace (aws_s3_bucket: ');
    expect(result.stdout).toContain('web: prevent_destroy not checked');
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^plan:summary: warning: web: prevent_destroy not checked: .*web\/cdk\.tf\.json does not exist \(the folder holds HCL; /),
      expect.stringMatching(/^BLOCKED global: aws_s3_bucket\.audit_log_bucket would be replaced \(protected: aws_s3_bucket: /),
      'BLOCKED app: terraform_data.d would be deleted (protected: prevent_destroy)',
    ]);
  });

});

describe('plan:summary in process', () => {
  const capture = (args: string[]) => {
    const out = { stdout: '', stderr: [] as string[] };
    const status = runSummary(args, { stdout: (text) => (out.stdout += text), stderr: (line) => out.stderr.push(line) });
    return { status, ...out };
  };

  test('exit 2, nothing on stdout and the file named when a file is not a plan', () => {
    const result = capture([`global=${fixturePath('create-only')}`, `region-us-east-1=${fixturePath('state-not-a-plan')}`]);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: [expect.stringMatching(/^plan:summary: region-us-east-1=.*state-not-a-plan\.json: no resource_changes \(this is a state: /)],
    });
  });

  test('exit 2 and the usage for a bad argument', () => {
    const result = capture(['global']);
    expect(result.status).toBe(2);
    expect(result.stderr.join('\n')).toMatch(/^plan:summary: argument "global": expected <stack>=<plan\.json>.*\nusage: npm run -s plan:summary -- <stack>=<plan\.json>/s);
  });

  test('exit 1 for a protected delete', () => {
    const result = capture([`region-us-east-1=${fixturePath('protected-delete')}`]);
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual([expect.stringMatching(/^BLOCKED region-us-east-1: aws_kms_key\.primary_key would be deleted \(protected: aws_kms_key: /)]);
    expect(result.stdout).toContain('- `aws_kms_key.primary_key` **PROTECTED** (aws_kms_key: ');
  });
});

describe('plan:summary arguments', () => {
  const plan = fixturePath('changes');
  const usage = (args: string[]) => {
    try {
      parseSummaryArgs(args);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error(`accepted ${args.join(' ')}`);
  };

  test('reads stack=file pairs in order, and --stacks-dir in either spelling', () => {
    expect(parseSummaryArgs([`b=${plan}`, `a=${plan}`, `--stacks-dir=${stacksDir}`])).toEqual({
      plans: [
        { stack: 'b', file: plan },
        { stack: 'a', file: plan },
      ],
      stacksDir,
    });
    expect(parseSummaryArgs(['--stacks-dir', stacksDir, `a=${plan}`]).stacksDir).toBe(stacksDir);
  });

  test('each bad argument is named with what is expected', () => {
    expect(usage([])).toBe('no plans given');
    expect(usage([plan])).toBe(`argument ${JSON.stringify(plan)}: expected <stack>=<plan.json>, e.g. global=plans/global.json`);
    expect(usage([`=${plan}`])).toMatch(/^argument "=.*": stack name "" is empty or not a stack name/);
    expect(usage(['global='])).toBe('argument "global=": no plan file after "="');
    expect(usage(['global=missing.json'])).toBe('argument "global=missing.json": file missing.json does not exist');
    expect(usage([`global=${stacksDir}`])).toBe(`argument "global=${stacksDir}": ${stacksDir} is not a file`);
    expect(usage([`global=${plan}`, `global=${plan}`])).toBe(`argument "global=${plan}": stack global is already given (global=${plan}); name each stack once`);
    expect(usage([`global=${plan}`, '--stacks-dir'])).toBe('--stacks-dir needs a folder (a synthesized cdktf.out/stacks)');
    expect(usage([`global=${plan}`, '--stacks-dir', 'nowhere'])).toBe('--stacks-dir nowhere: no such folder');
    expect(usage([`global=${plan}`, '--stack-dir', 'x'])).toBe('unknown option "--stack-dir"');
  });
});
