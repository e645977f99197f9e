/**
 * The CI workflows in .github/workflows: lint clean with action-validator (GitHub's workflow schema,
 * job references, needs), follow the stack layers of ci:layers, pin every action to a commit, and
 * grant OIDC tokens and write scopes only to the jobs that use them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { STACK_LAYER_NAMES } from '../../scripts/ci/layers';

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, '.github', 'workflows');

type Step = { uses?: string; run?: string; name?: string; id?: string; if?: string; with?: Record<string, unknown> };
type Job = {
  name?: string;
  uses?: string;
  with?: Record<string, string>;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  steps?: Step[];
  outputs?: Record<string, string>;
  environment?: string;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown> };
};
type Workflow = { on: Record<string, any>; permissions?: Record<string, string>; concurrency?: Record<string, unknown>; jobs: Record<string, Job> };

const FILES = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const text = (file: string) => fs.readFileSync(path.join(DIR, file), 'utf8');
const workflow = (file: string): Workflow => parse(text(file));
const called = (job: Job): Workflow | undefined => (job.uses?.startsWith('./.github/workflows/') ? workflow(path.basename(job.uses)) : undefined);
const steps = (job: Job): Step[] => job.steps ?? Object.values(called(job)?.jobs ?? {}).flatMap((j) => j.steps ?? []);
const assumesRole = (job: Job) => steps(job).some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));

test('the workflow files', () => {
  expect(FILES).toEqual(['deploy-layer.yml', 'foundation-deploy.yml', 'foundation-plan.yml', 'plan-layer.yml']);
});

/** action-validator's findings (GitHub's workflow schema, unresolved jobs and steps), as its CLI prints them. */
const lint = (source: string): string => {
  const { errors } = validateWorkflow(source);
  return errors.length ? JSON.stringify(errors, null, 2) : '';
};

test.each(FILES)('%s lints clean with action-validator', (file) => {
  expect(lint(text(file))).toBe('');
});

test('action-validator reports an unknown key and a job that does not exist', () => {
  const report = lint(text('foundation-deploy.yml').replace('needs: [graph, deploy-global]', 'needs: [graph, deploy-glob]').replace('timeout-minutes: 30', 'timeout-minute: 30'));
  expect(report).toContain('unresolved job deploy-glob');
  expect(report).toContain("Additional property 'timeout-minute' is not allowed");
});

describe('actions', () => {
  const uses = FILES.flatMap((file) =>
    Object.values(workflow(file).jobs).flatMap((job) => [...(job.steps ?? []).map((s) => s.uses), job.uses].filter((u): u is string => !!u).map((u) => ({ file, uses: u }))),
  );

  test('every third-party action is pinned to a full commit SHA, with its version in a comment', () => {
    const remote = uses.filter(({ uses: u }) => !u.startsWith('./'));
    expect(remote.length).toBeGreaterThan(10);
    for (const { file, uses: u } of remote) {
      expect(u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(text(file)).toMatch(new RegExp(`uses: ${u.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} # v\\d+\\.\\d+\\.\\d+\\n`));
    }
  });

  test('one commit per action across the workflows', () => {
    const shas = new Map<string, Set<string>>();
    for (const { uses: u } of uses.filter(({ uses: x }) => !x.startsWith('./'))) {
      const [action, sha] = u.split('@');
      shas.set(action, (shas.get(action) ?? new Set()).add(sha));
    }
    for (const [action, set] of shas) expect([action, set.size]).toEqual([action, 1]);
  });

  test('checkout keeps no credentials in the work tree', () => {
    for (const { file, uses: u } of uses.filter(({ uses: x }) => x.startsWith('actions/checkout@'))) {
      const checkouts = Object.values(workflow(file).jobs).flatMap((j) => (j.steps ?? []).filter((s) => s.uses === u));
      for (const step of checkouts) expect(step.with).toEqual({ 'persist-credentials': false });
    }
  });
});

describe('permissions', () => {
  const jobs = FILES.flatMap((file) => Object.entries(workflow(file).jobs).map(([id, job]) => ({ file, id, job })));

  test.each(FILES)('%s: contents: read at the top, nothing more', (file) => {
    expect(workflow(file).permissions).toEqual({ contents: 'read' });
  });

  test('every job states its permissions', () => {
    for (const { file, id, job } of jobs) expect([file, id, job.permissions]).toEqual([file, id, expect.objectContaining({ contents: 'read' })]);
  });

  test('id-token: write exactly in the jobs that assume a role (or call a workflow that does)', () => {
    const withToken = jobs.filter(({ job }) => job.permissions?.['id-token'] === 'write').map(({ file, id }) => `${file}:${id}`);
    const assuming = jobs.filter(({ job }) => assumesRole(job)).map(({ file, id }) => `${file}:${id}`);
    expect(withToken).toEqual(assuming);
    expect(assuming).toHaveLength(8);
    for (const { job } of jobs) expect(Object.entries(job.permissions ?? {}).filter(([scope]) => !['contents', 'id-token', 'pull-requests'].includes(scope))).toEqual([]);
  });

  test('pull-requests: write only for the job that posts the comment', () => {
    const writers = jobs.filter(({ job }) => job.permissions?.['pull-requests'] === 'write');
    expect(writers.map(({ file, id }) => `${file}:${id}`)).toEqual(['foundation-plan.yml:summary']);
    expect(steps(writers[0].job).some((s) => s.run?.includes('gh api') && s.run.includes('/comments'))).toBe(true);
  });

  test('the plan jobs use the plan role, the deploy jobs the deploy role', () => {
    const role = (file: string) => Object.values(workflow(file).jobs).filter((j) => j.uses).map((j) => j.with?.['role-arn']);
    expect(new Set(role('foundation-plan.yml'))).toEqual(new Set(['${{ vars.FOUNDATION_PLAN_ROLE_ARN }}']));
    expect(new Set(role('foundation-deploy.yml'))).toEqual(new Set(['${{ vars.FOUNDATION_DEPLOY_ROLE_ARN }}']));
    for (const file of ['plan-layer.yml', 'deploy-layer.yml']) {
      const credentials = steps(Object.values(workflow(file).jobs)[0]).find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
      expect(credentials?.with).toMatchObject({ 'role-to-assume': '${{ inputs.role-arn }}', 'aws-region': '${{ inputs.aws-region }}' });
    }
  });
});

describe.each([
  ['foundation-plan.yml', 'plan', 'plan-layer.yml'],
  ['foundation-deploy.yml', 'deploy', 'deploy-layer.yml'],
])('%s follows the stack layers', (file, verb, layerFile) => {
  const { jobs } = workflow(file);

  test('the graph job synthesizes and outputs every layer from ci:layers', () => {
    const layersStep = jobs.graph.steps!.find((s) => s.id === 'layers')!;
    expect(layersStep.run).toBe('npm run -s ci:layers -- --synth --outdir cdktf.out --format github >> "$GITHUB_OUTPUT"');
    for (const name of [...STACK_LAYER_NAMES, 'aws-region']) expect(jobs.graph.outputs?.[name]).toBe(`\${{ steps.layers.outputs.${name} }}`);
    expect(jobs.graph.steps!.map((s) => s.run).filter(Boolean)).toEqual(expect.arrayContaining(['npm ci', 'npm test', 'npm run validate']));
  });

  test.each(STACK_LAYER_NAMES)('layer %s: one job, given that layer, skipped when it is empty', (layer) => {
    const job = jobs[`${verb}-${layer}`];
    expect(job.uses).toBe(`./.github/workflows/${layerFile}`);
    expect(job.with?.stacks).toBe(`\${{ needs.graph.outputs.${layer} }}`);
    expect(job.if).toContain(`needs.graph.outputs.${layer} != '[]'`);
  });

  test('no other job plans or deploys', () => {
    expect(Object.keys(jobs).filter((id) => id.startsWith(`${verb}-`)).sort()).toEqual(STACK_LAYER_NAMES.map((l) => `${verb}-${l}`).sort());
  });

  test('the called workflow runs one job per stack, each failing alone and named for its stack', () => {
    const [job] = Object.values(workflow(layerFile).jobs);
    expect(job.strategy).toEqual({ 'fail-fast': false, matrix: { stack: '${{ fromJSON(inputs.stacks) }}' } });
    expect(job.name).toBe(`${verb} \${{ matrix.stack }}`);
  });
});

describe('pull requests', () => {
  const { on, jobs, concurrency } = workflow('foundation-plan.yml');

  test('run on pull requests, a newer push cancelling the older run', () => {
    expect(Object.keys(on)).toEqual(['pull_request']);
    expect(concurrency).toEqual({ group: 'foundation-plan-${{ github.event.pull_request.number }}', 'cancel-in-progress': true });
  });

  test('the layers plan in parallel against the current state', () => {
    for (const layer of STACK_LAYER_NAMES) expect(jobs[`plan-${layer}`].needs).toBe('graph');
  });

  test('each stack is planned read-only with npm run plan and only its JSON plan (or why there is none) uploaded', () => {
    const planSteps = steps(jobs['plan-regions']);
    const plan = planSteps.find((s) => s.name?.startsWith('Plan '))!.run!;
    expect(plan).toContain('npm run plan -- --stacks "$STACK" --out plan --no-lock 2>&1 | tee plan.log\nstatus=${PIPESTATUS[0]}\n');
    expect(plan).toContain('cp plan/summary.md "plan/$STACK.refused.md"');
    expect(plan.trim().split('\n').at(-1)).toBe('exit "$status"');
    const upload = planSteps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with as Record<string, string>;
    expect(upload.name).toBe('plan-${{ matrix.stack }}');
    expect(upload.path.trim().split('\n')).toEqual(['plan/${{ matrix.stack }}.json', 'plan/${{ matrix.stack }}.waiting', 'plan/${{ matrix.stack }}.refused.md']);
    expect(upload.path).not.toContain('tfplan');
  });

  test('the summary job gathers every plan, runs plan:summary into the job summary and fails when it blocks', () => {
    const summary = jobs.summary;
    expect(summary.needs).toEqual(['graph', ...STACK_LAYER_NAMES.map((l) => `plan-${l}`)]);
    const run = summary.steps!.find((s) => s.id === 'summary')!.run!;
    expect(run).toContain('npm run -s plan:summary -- "${args[@]}"');
    expect(run).toContain('cat "plans/$stack.refused.md" >> summary.md');
    expect(run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(summary.steps!.at(-1)).toMatchObject({ if: "steps.summary.outputs.status != '0'" });
  });
});

describe('main', () => {
  const { on, jobs, concurrency } = workflow('foundation-deploy.yml');
  const [deploy] = Object.values(workflow('deploy-layer.yml').jobs);

  test('runs on pushes to main, one deploy at a time, never cancelled mid-apply', () => {
    expect(on).toEqual({ push: { branches: ['main'] } });
    expect(concurrency).toEqual({ group: 'foundation-deploy', 'cancel-in-progress': false });
  });

  test('layer after layer: regions after global, links after regions', () => {
    expect(jobs['deploy-global'].needs).toBe('graph');
    expect(jobs['deploy-regions'].needs).toEqual(['graph', 'deploy-global']);
    expect(jobs['deploy-links'].needs).toEqual(['graph', 'deploy-global', 'deploy-regions']);
    for (const layer of ['regions', 'links']) expect(jobs[`deploy-${layer}`].if).toContain("!contains(needs.*.result, 'failure')");
  });

  test('every deploy job runs in the approval environment the config names', () => {
    expect(jobs.graph.outputs?.environment).toBe('${{ steps.layers.outputs.environment }}');
    for (const layer of STACK_LAYER_NAMES) expect(jobs[`deploy-${layer}`].with?.environment).toBe('${{ needs.graph.outputs.environment }}');
    expect(deploy.environment).toBe('${{ inputs.environment }}');
    expect(jobs.graph.steps!.at(-1)).toMatchObject({ if: "steps.layers.outputs.environment == ''" });
  });

  test('each job plans, checks the plan with plan:summary, then applies exactly that plan', () => {
    const runs = deploy.steps!.map((s) => s.run ?? '');
    const plan = runs.findIndex((r) => r.includes('plan -input=false -lock-timeout=10m -no-color -out=deploy.tfplan'));
    const check = runs.findIndex((r) => r.includes('npm run -s plan:summary -- "$STACK=plan/$STACK.json"'));
    const apply = runs.findIndex((r) => r === 'terraform -chdir="cdktf.out/stacks/$STACK" apply -input=false -lock-timeout=10m -no-color deploy.tfplan');
    expect(plan).toBeGreaterThan(0);
    expect(check).toBeGreaterThan(plan);
    expect(apply).toBe(runs.length - 1);
    expect(apply).toBeGreaterThan(check);
    expect(deploy.steps!.slice(check).some((s) => s.if)).toBe(false);
  });
});
