import * as fs from 'fs';
import {
  blockedLines,
  exitCode,
  parsePlan,
  PlanFormatError,
  preventDestroyRefusals,
  protectionOf,
  renderMarkdown,
  summarizePlan,
  verdict,
} from '../../../scripts/plan/summary-lib';
import { fixture, fixturePath } from './fixture';

const addresses = (entries: Array<{ address: string }>) => entries.map((e) => e.address);

describe('summarizePlan on Terraform 1.11 plans', () => {
  test('create only: counts creates, protected types created are not blocked', () => {
    const s = summarizePlan('global', fixture('create-only'));
    expect(s.counts).toEqual({ create: 3, update: 0, replace: 0, delete: 0, drift: 0, forget: 0, import: 0 });
    expect(s.blocked).toEqual([]);
    expect(verdict([s]).blocked).toBe(false);
  });

  test('update, both replace orders, delete, forget; reads and no-ops are not counted', () => {
    const s = summarizePlan('app', fixture('changes'));
    expect(s.counts).toEqual({ create: 1, update: 1, replace: 2, delete: 1, drift: 0, forget: 1, import: 0 });
    expect(s.replaces.map((e) => [e.address, e.actions])).toEqual([
      ['terraform_data.b', 'delete, create'],
      ['terraform_data.c', 'create, delete'],
    ]);
    expect(s.replaces[0]).toMatchObject({ reason: 'an argument that cannot be updated in place changed', forcedBy: ['triggers_replace'] });
    expect(s.deletes).toEqual([{ address: 'terraform_data.d', type: 'terraform_data', actions: 'delete', reason: 'no longer in the configuration' }]);
    expect(addresses(s.forgets)).toEqual(['terraform_data.f']);
    expect(s.blocked).toEqual([]);
  });

  test('a protected type replaced blocks, naming the address and why', () => {
    const s = summarizePlan('global', fixture('protected-replace'));
    expect(s.counts.replace).toBe(1);
    expect(s.blocked).toEqual([expect.objectContaining({ address: 'aws_s3_bucket.audit_log_bucket', forcedBy: ['bucket'], protection: expect.stringMatching(/^aws_s3_bucket: /) })]);
    const v = verdict([s]);
    expect(v).toMatchObject({ blocked: true, failed: false });
    expect(blockedLines(v)).toEqual([expect.stringMatching(/^BLOCKED global: aws_s3_bucket\.audit_log_bucket would be replaced \(protected: aws_s3_bucket: /)]);
    expect(exitCode(v)).toBe(1);
  });

  test('a protected type deleted blocks', () => {
    const s = summarizePlan('region-us-east-1', fixture('protected-delete'));
    expect(s.counts).toMatchObject({ create: 1, delete: 1 });
    expect(addresses(s.blocked)).toEqual(['aws_kms_key.primary_key']);
    expect(verdict([s]).protectedChanges).toEqual([{ stack: 'region-us-east-1', address: 'aws_kms_key.primary_key', action: 'delete', protection: expect.stringMatching(/^aws_kms_key: KMS key/) }]);
  });

  test('prevent_destroy addresses from the caller protect any type, instances included', () => {
    const s = summarizePlan('app', fixture('changes'), { preventDestroy: ['terraform_data.d', 'terraform_data.c'] });
    expect(s.blocked.map((e) => [e.address, e.protection])).toEqual([
      ['terraform_data.c', 'prevent_destroy'],
      ['terraform_data.d', 'prevent_destroy'],
    ]);
    expect(protectionOf('aws_iam_role', 'aws_iam_role.r[0]', ['aws_iam_role.r'])).toBe('prevent_destroy');
    expect(protectionOf('aws_iam_role', 'aws_iam_role.rr', ['aws_iam_role.r'])).toBeUndefined();
    expect(protectionOf('aws_kms_key', 'aws_kms_key.k', ['aws_kms_key.k'])).toMatch(/^aws_kms_key: .*; prevent_destroy$/);
  });

  test('drift: resource_drift entries, changed and deleted outside Terraform; drift alone does not block', () => {
    const s = summarizePlan('global', fixture('drift'));
    expect(s.counts).toMatchObject({ drift: 2, update: 1, create: 1 });
    expect(s.drift.map((e) => [e.address, e.actions])).toEqual([
      ['aws_s3_bucket.audit_log_bucket', 'update'],
      ['aws_secretsmanager_secret.app', 'delete'],
    ]);
    expect(verdict([s]).blocked).toBe(false);
  });

  test.each(['no-changes', 'empty'])('%s: every count zero', (name) => {
    const s = summarizePlan('global', fixture(name));
    expect(Object.values(s.counts).every((n) => n === 0)).toBe(true);
    expect(renderMarkdown([s])).toContain('**Verdict: no changes.**');
  });

  test('imports are counted, and an errored plan is flagged', () => {
    const s = summarizePlan('global', {
      format_version: '1.2',
      errored: true,
      resource_changes: [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', change: { actions: ['no-op'], importing: { id: 'b' } } }],
    });
    expect(s.counts).toMatchObject({ import: 1, create: 0 });
    expect(s.warnings).toEqual([expect.stringContaining('errored')]);
  });
});

describe('parsePlan', () => {
  const expectError = (text: string, pattern: RegExp) => {
    expect(() => parsePlan(text, 'global=plans/global.json')).toThrow(PlanFormatError);
    expect(() => parsePlan(text, 'global=plans/global.json')).toThrow(pattern);
  };

  test('a state (terraform show -json without a plan file) is refused, naming the file and what is expected', () => {
    expectError(fs.readFileSync(fixturePath('state-not-a-plan'), 'utf8'), /^global=plans\/global\.json: no resource_changes \(this is a state: .*\); expected the output of `terraform show -json <planfile>`: an object with format_version and resource_changes$/);
  });

  test('not JSON, not an object, no format_version, another major format, malformed changes', () => {
    expectError('Terraform will perform the following actions:', /^global=plans\/global\.json: not JSON .*expected the output of `terraform show -json <planfile>`/);
    expectError('[]', /got an array/);
    expectError('{"resource_changes": []}', /no format_version/);
    expectError('{"format_version": "2.0", "resource_changes": []}', /format_version 2\.0 is not supported/);
    expectError('{"format_version": "1.2", "resource_changes": {}}', /resource_changes is not an array/);
    expectError('{"format_version": "1.2", "resource_changes": [{"address": "a.b"}]}', /resource_changes\[0\] lacks address, type or change\.actions/);
  });
});

test('preventDestroyRefusals reads the addresses from Terraform\'s wrapped error text', () => {
  const output = `Error: Instance cannot be destroyed

  on cdk.tf.json line 12:

Resource aws_kms_key.state_key has lifecycle.prevent_destroy set, but the plan
calls for this resource to be destroyed.

Error: Instance cannot be destroyed

Resource module.logs.aws_s3_bucket.a_very_long_bucket_name_that_wraps["eu-west-1"]
has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed.`;
  expect(preventDestroyRefusals(output)).toEqual(['aws_kms_key.state_key', 'module.logs.aws_s3_bucket.a_very_long_bucket_name_that_wraps["eu-west-1"]']);
});

describe('renderMarkdown', () => {
  const summaries = [
    summarizePlan('global', fixture('protected-replace')),
    summarizePlan('region-us-east-1', fixture('changes')),
    summarizePlan('region-eu-west-1', fixture('no-changes')),
  ];
  const markdown = renderMarkdown(summaries, [], { notes: ['`bootstrap` was not planned.'] });

  test('a table of stacks by counts with a total row', () => {
    expect(markdown).toContain(
      [
        '| stack | create | update | replace | delete | drift | forget | import | status |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---|',
        '| global | 0 | 0 | 1 | 0 | 0 | 0 | 0 | **BLOCKED** |',
        '| region-us-east-1 | 1 | 1 | 2 | 1 | 0 | 1 | 0 | ok |',
        '| region-eu-west-1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | no changes |',
        '| **total** | 1 | 1 | 3 | 1 | 0 | 1 | 0 | **BLOCKED** |',
      ].join('\n'),
    );
  });

  test('the verdict names each protected address; notes follow it', () => {
    expect(markdown).toMatch(/\*\*Verdict: BLOCKED\.\*\* Protected resources would be replaced, deleted or lose a copy:\n\n- global: `aws_s3_bucket\.audit_log_bucket` replace \(aws_s3_bucket: [^)]*\)\n\n`bootstrap` was not planned\./);
  });

  test('per stack: replaces and deletes with protected ones marked, and a verdict line', () => {
    const global = markdown.slice(markdown.indexOf('## global'), markdown.indexOf('## region-us-east-1'));
    expect(global).toMatch(/- `aws_s3_bucket\.audit_log_bucket` \*\*PROTECTED\*\* \(aws_s3_bucket: [^)]*\): destroy, then create the replacement; .*forced by `bucket`/);
    expect(global).toContain('**Verdict: BLOCKED**: 1 protected resource would be replaced, deleted or lose a copy (`aws_s3_bucket.audit_log_bucket`).');
    const region = markdown.slice(markdown.indexOf('## region-us-east-1'), markdown.indexOf('## region-eu-west-1'));
    expect(region).toContain('- `terraform_data.c`: create the replacement, then destroy (create_before_destroy)');
    expect(region).toContain('Delete (1):\n\n- `terraform_data.d`: delete; no longer in the configuration');
    expect(region).toContain('Forget (removed from state, left in the account) (1):');
    expect(region).toContain('Verdict: no protected resource is replaced or deleted.');
    expect(markdown.slice(markdown.indexOf('## region-eu-west-1'))).toBe('## region-eu-west-1\n\nNo changes.\n');
  });

  test('drift lists each address, the attributes that drifted and what the plan does about it', () => {
    expect(renderMarkdown([summarizePlan('global', fixture('drift'))])).toContain(
      [
        'Drift (objects changed outside Terraform since the last apply) (2):',
        '',
        '- `aws_s3_bucket.audit_log_bucket` (protected: aws_s3_bucket: S3 bucket: state, audit and log data): changed outside Terraform (`tags`, `tags_all`); this plan will update it',
        '- `aws_secretsmanager_secret.app` (protected: aws_secretsmanager_secret: secret): deleted outside Terraform; this plan will create it',
      ].join('\n'),
    );
    const refreshedOnly = summarizePlan('global', {
      format_version: '1.2',
      resource_changes: [{ address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', change: { actions: ['no-op'] } }],
      resource_drift: [{ address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', change: { actions: ['update'], before: { attachment_count: 0, name: 'p' }, after: { attachment_count: 1, name: 'p' } } }],
    });
    expect(refreshedOnly.counts.drift).toBe(1);
    expect(renderMarkdown([refreshedOnly])).toContain('- `aws_iam_policy.p`: changed outside Terraform (`attachment_count`); no change planned (the state catches up)');
  });

  test('a failed plan: its row, its output and rerun command; refused prevent_destroy blocks', () => {
    const failure = { stack: 'global-edge', message: 'terraform plan exited 1:\nError: Instance cannot be destroyed', rerun: 'cd x && terraform plan', refusedDestroy: ['aws_kms_key.k'] };
    const text = renderMarkdown([summarizePlan('global', fixture('create-only'))], [failure]);
    expect(text).toContain('| global-edge | – | – | – | – | – | – | – | **PLAN FAILED** |');
    expect(text).toContain('- global-edge: `aws_kms_key.k` delete (refused by Terraform) (prevent_destroy)');
    expect(text).toContain('Plans that failed: global-edge (see below); the review is incomplete.');
    expect(renderMarkdown([], [{ stack: 'global', message: 'terraform init exited 1' }])).toContain(
      '**Verdict: PLAN FAILED.** No verdict for the stacks that could not be planned.\n\nPlans that failed: global (see below); the review is incomplete.',
    );
    expect(text).toContain('## global-edge\n\n**Plan failed.**\n\n```text\nterraform plan exited 1:\nError: Instance cannot be destroyed\n```');
    expect(text).toContain('Rerun: `cd x && terraform plan`');
    const v = verdict([], [failure]);
    expect(v).toMatchObject({ blocked: true, failed: true });
    expect(exitCode(verdict([], [{ stack: 'a', message: 'x' }]))).toBe(1);
  });

  test('is deterministic: the same plans give the same bytes', () => {
    expect(renderMarkdown(summaries, [], { notes: ['`bootstrap` was not planned.'] })).toBe(markdown);
  });
});

describe('a secret update that drops a replica', () => {
  const secretUpdate = (before: string[], after: string[]) =>
    parsePlan(
      JSON.stringify({
        format_version: '1.2',
        resource_changes: [
          {
            address: 'aws_secretsmanager_secret.secret_app_db',
            mode: 'managed',
            type: 'aws_secretsmanager_secret',
            change: {
              actions: ['update'],
              before: { name: 'app/db', replica: before.map((region) => ({ region, kms_key_id: `key-${region}`, status: 'InSync' })) },
              after: { name: 'app/db', replica: after.map((region) => ({ region, kms_key_id: `key-${region}` })) },
            },
          },
        ],
      }),
      'inline',
    );

  test('is blocked, naming the Region whose copy Secrets Manager would delete', () => {
    const s = summarizePlan('global-replication', secretUpdate(['us-west-2', 'eu-west-1'], ['eu-west-1']));
    expect(s.counts.update).toBe(1);
    expect(s.blocked).toHaveLength(1);
    expect(s.blocked[0].reason).toContain('drops the replica in us-west-2');
    const v = verdict([s]);
    expect(v.blocked).toBe(true);
    expect(exitCode(v)).toBe(1);
    expect(blockedLines(v)).toEqual(['BLOCKED global-replication: aws_secretsmanager_secret.secret_app_db would be updated so that it loses a copy (protected: secret replica)']);
    const markdown = renderMarkdown([s]);
    expect(markdown).toContain('Copies lost (1):');
    expect(markdown).toContain('drops the replica in us-west-2');
  });

  test('adding a replica or changing nothing in the set is not blocked', () => {
    expect(summarizePlan('g', secretUpdate(['eu-west-1'], ['us-west-2', 'eu-west-1'])).blocked).toEqual([]);
    expect(summarizePlan('g', secretUpdate(['eu-west-1'], ['eu-west-1'])).blocked).toEqual([]);
  });
});
