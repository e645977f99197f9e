/**
 * Reads Terraform JSON plans (`terraform show -json <planfile>`, format_version 1.x) and summarizes
 * them for review: counts per stack, every replace and delete, drift, and the protected resources
 * a plan would destroy. Pure: no file or process access, so the CLI, `npm run plan` and the e2e
 * share one implementation.
 */

/** Resource types whose loss is unrecoverable or destroys evidence, with why they are protected. */
export const PROTECTED_TYPES: Readonly<Record<string, string>> = {
  aws_kms_key: 'KMS key: data encrypted under it becomes unreadable',
  aws_kms_replica_key: 'KMS replica key',
  aws_kms_external_key: 'KMS key with imported material',
  aws_kms_replica_external_key: 'KMS replica key with imported material',
  aws_s3_bucket: 'S3 bucket: state, audit and log data',
  aws_secretsmanager_secret: 'secret',
  aws_ecr_repository: 'ECR repository: its images',
  aws_directory_service_directory: 'directory',
  aws_cloudtrail: 'audit trail',
};

/** The parts of Terraform's resource change representation this summary reads. */
export interface PlanResourceChange {
  address: string;
  mode?: 'managed' | 'data';
  type: string;
  name?: string;
  previous_address?: string;
  action_reason?: string;
  change: {
    actions: string[];
    replace_paths?: Array<Array<string | number>>;
    importing?: Record<string, unknown>;
    before?: unknown;
    after?: unknown;
  };
}

export interface TerraformPlan {
  format_version: string;
  terraform_version?: string;
  resource_changes?: PlanResourceChange[];
  resource_drift?: PlanResourceChange[];
  applyable?: boolean;
  complete?: boolean;
  errored?: boolean;
}

export type Kind = 'create' | 'update' | 'replace' | 'delete' | 'forget' | 'import' | 'drift';
export const COUNTED: readonly Kind[] = ['create', 'update', 'replace', 'delete', 'drift', 'forget', 'import'];

export interface Entry {
  address: string;
  type: string;
  /** Terraform's actions joined as it orders them, e.g. "delete, create". */
  actions: string;
  /** Terraform's action_reason, in words. */
  reason?: string;
  /** Attributes that force a replacement. */
  forcedBy?: string[];
  /** Why the resource is protected (its type, prevent_destroy), when it is. */
  protection?: string;
  /** Drift only: the top-level attributes that changed outside Terraform. */
  changed?: string[];
  /** Drift only: what this plan does to the drifted object ("update", "create", ...), if anything. */
  planned?: string;
}

export interface StackSummary {
  stack: string;
  terraformVersion?: string;
  counts: Record<Kind, number>;
  replaces: Entry[];
  deletes: Entry[];
  forgets: Entry[];
  drift: Entry[];
  /** Protected resources this plan would replace or delete. */
  blocked: Entry[];
  /** Things a reviewer must know about the plan itself (incomplete, errored). */
  warnings: string[];
}

/** A stack whose plan could not be made; it counts as failed, not as blocked. */
export interface PlanFailure {
  stack: string;
  message: string;
  /** The command that reproduces the failure. */
  rerun?: string;
  /** Protected addresses Terraform refused to destroy (prevent_destroy): these block. */
  refusedDestroy?: string[];
}

export class PlanFormatError extends Error {}

const EXPECTED = 'expected the output of `terraform show -json <planfile>`: an object with format_version and resource_changes';

/** Parses and checks one JSON plan; errors name the source (a file name) and what is expected. */
export function parsePlan(text: string, source: string): TerraformPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PlanFormatError(`${source}: not JSON (${(error as Error).message}); ${EXPECTED}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PlanFormatError(`${source}: got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}; ${EXPECTED}`);
  }
  const plan = value as Record<string, unknown>;
  if (typeof plan.format_version !== 'string') {
    throw new PlanFormatError(`${source}: no format_version; ${EXPECTED}`);
  }
  if (!/^1\./.test(plan.format_version)) {
    throw new PlanFormatError(`${source}: format_version ${plan.format_version} is not supported (1.x is); ${EXPECTED}`);
  }
  // A plan of an empty configuration has planned_values but no resource_changes; a state shown
  // with `terraform show -json` (no plan file) has `values` instead.
  if (!('resource_changes' in plan) && !('planned_values' in plan)) {
    const hint = 'values' in plan ? ' (this is a state: `terraform show -json` was run without a plan file)' : '';
    throw new PlanFormatError(`${source}: no resource_changes${hint}; ${EXPECTED}`);
  }
  for (const key of ['resource_changes', 'resource_drift'] as const) {
    const list = plan[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new PlanFormatError(`${source}: ${key} is not an array; ${EXPECTED}`);
    list.forEach((item, i) => {
      const change = item as Partial<PlanResourceChange> | null;
      if (typeof change?.address !== 'string' || typeof change.type !== 'string' || !Array.isArray(change.change?.actions)) {
        throw new PlanFormatError(`${source}: ${key}[${i}] lacks address, type or change.actions; ${EXPECTED}`);
      }
    });
  }
  return plan as unknown as TerraformPlan;
}

const REASONS: Record<string, string> = {
  replace_because_cannot_update: 'an argument that cannot be updated in place changed',
  replace_because_tainted: 'the object is tainted',
  replace_by_request: 'requested with -replace',
  replace_by_triggers: 'replace_triggered_by changed',
  delete_because_no_resource_config: 'no longer in the configuration',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_wrong_repetition: 'count/for_each was added or removed',
  delete_because_count_index: 'its count index is out of range',
  delete_because_each_key: 'its for_each key is gone',
  delete_because_no_move_target: 'the target of its moved block is not in the configuration',
};

/** Matches prevent_destroy addresses (`type.name`, maybe in a module) to instances (`type.name[0]`). */
function matchesAddress(address: string, configured: string): boolean {
  return address === configured || address.startsWith(`${configured}[`);
}

export function protectionOf(type: string, address: string, preventDestroy: readonly string[]): string | undefined {
  const reasons: string[] = [];
  if (PROTECTED_TYPES[type]) reasons.push(`${type}: ${PROTECTED_TYPES[type]}`);
  if (preventDestroy.some((configured) => matchesAddress(address, configured))) reasons.push('prevent_destroy');
  return reasons.length ? reasons.join('; ') : undefined;
}

function entry(change: PlanResourceChange, preventDestroy: readonly string[]): Entry {
  const forcedBy = change.change.replace_paths?.map((p) => p.join('.'));
  const protection = protectionOf(change.type, change.address, preventDestroy);
  return {
    address: change.address,
    type: change.type,
    actions: change.change.actions.join(', '),
    ...(change.action_reason ? { reason: REASONS[change.action_reason] ?? change.action_reason } : {}),
    ...(forcedBy?.length ? { forcedBy } : {}),
    ...(protection ? { protection } : {}),
  };
}

/**
 * Regions an in-place update removes from a secret's `replica` set. Removing a replica deletes that
 * Region's copy of the secret (RemoveRegionsFromReplication), which no replace/delete count shows:
 * an apply of `activeRegion` without the promotion first would do exactly that.
 */
function droppedSecretReplicas(change: PlanResourceChange): string[] {
  if (change.type !== 'aws_secretsmanager_secret' || change.change.actions.join() !== 'update') return [];
  const regions = (value: unknown): string[] => {
    const replicas = (value as { replica?: Array<{ region?: unknown }> } | null)?.replica;
    return Array.isArray(replicas) ? replicas.map((r) => r?.region).filter((r): r is string => typeof r === 'string') : [];
  };
  const kept = new Set(regions(change.change.after));
  return regions(change.change.before).filter((r) => !kept.has(r));
}

/** Top-level attributes whose values differ; objects compared as JSON. */
function changedAttributes(before: unknown, after: unknown): string[] {
  if (typeof before !== 'object' || typeof after !== 'object' || !before || !after) return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort();
}

export interface SummarizeOptions {
  /** Addresses the configuration marks `lifecycle.prevent_destroy` (the plan JSON does not carry it). */
  preventDestroy?: readonly string[];
}

export function summarizePlan(stack: string, plan: TerraformPlan, options: SummarizeOptions = {}): StackSummary {
  const preventDestroy = options.preventDestroy ?? [];
  const counts = Object.fromEntries(COUNTED.map((k) => [k, 0])) as Record<Kind, number>;
  const summary: StackSummary = {
    stack,
    ...(plan.terraform_version ? { terraformVersion: plan.terraform_version } : {}),
    counts,
    replaces: [],
    deletes: [],
    forgets: [],
    drift: [],
    blocked: [],
    warnings: [],
  };
  for (const change of plan.resource_changes ?? []) {
    if (change.mode === 'data') continue; // data sources are only read
    const actions = change.change.actions;
    const has = (action: string) => actions.includes(action);
    if (change.change.importing) counts.import++;
    if (has('delete') && has('create')) {
      counts.replace++;
      summary.replaces.push(entry(change, preventDestroy));
    } else if (has('delete')) {
      counts.delete++;
      summary.deletes.push(entry(change, preventDestroy));
    } else {
      if (has('create')) counts.create++;
      if (has('update')) counts.update++;
    }
    if (has('forget')) {
      counts.forget++;
      summary.forgets.push(entry(change, preventDestroy));
    }
  }
  const plannedActions = new Map(
    (plan.resource_changes ?? []).filter((c) => c.change.actions.some((a) => a !== 'no-op' && a !== 'read')).map((c) => [c.address, c.change.actions.join(', ')]),
  );
  for (const change of plan.resource_drift ?? []) {
    counts.drift++;
    const changed = changedAttributes(change.change.before, change.change.after);
    const planned = plannedActions.get(change.address);
    summary.drift.push({ ...entry(change, preventDestroy), ...(changed.length ? { changed } : {}), ...(planned ? { planned } : {}) });
  }
  summary.blocked = [...summary.replaces, ...summary.deletes].filter((e) => e.protection);
  for (const change of plan.resource_changes ?? []) {
    const dropped = droppedSecretReplicas(change);
    if (dropped.length) {
      summary.blocked.push({
        ...entry(change, preventDestroy),
        reason: `drops the replica in ${dropped.join(', ')}: Secrets Manager deletes that copy (promote it first: npm run dr -- promote)`,
        protection: 'secret replica',
      });
    }
  }
  if (plan.errored) summary.warnings.push('Terraform reports this plan as errored: it is not the whole change.');
  else if (plan.complete === false) summary.warnings.push('Terraform reports this plan as incomplete (deferred changes): another plan and apply follow.');
  return summary;
}

/**
 * Addresses Terraform refused to plan destroying because of prevent_destroy. Such a plan fails
 * ("Instance cannot be destroyed") instead of listing the delete, so its error text is the only
 * record; Terraform wraps the message, hence whitespace, not spaces.
 */
export function preventDestroyRefusals(output: string): string[] {
  const found = [...output.matchAll(/Resource\s+(\S+)\s+has\s+lifecycle\.prevent_destroy\s+set/g)].map((m) => m[1]);
  return [...new Set(found)];
}

export interface Verdict {
  blocked: boolean;
  failed: boolean;
  /** Every protected resource a plan would replace or delete, or Terraform refused to destroy. */
  protectedChanges: Array<{ stack: string; address: string; action: string; protection: string }>;
}

export function verdict(summaries: readonly StackSummary[], failures: readonly PlanFailure[] = []): Verdict {
  const protectedChanges = [
    ...summaries.flatMap((s) =>
      s.blocked.map((e) => ({ stack: s.stack, address: e.address, action: s.replaces.includes(e) ? 'replace' : s.deletes.includes(e) ? 'delete' : 'update', protection: e.protection! })),
    ),
    ...failures.flatMap((f) =>
      (f.refusedDestroy ?? []).map((address) => ({ stack: f.stack, address, action: 'delete (refused by Terraform)', protection: 'prevent_destroy' })),
    ),
  ];
  return { blocked: protectedChanges.length > 0, failed: failures.length > 0, protectedChanges };
}

/** One line per protected resource a plan would destroy, for stderr. */
export function blockedLines(v: Verdict): string[] {
  const verb: Record<string, string> = { replace: 'replaced', delete: 'deleted', update: 'updated so that it loses a copy' };
  return v.protectedChanges.map((p) => `BLOCKED ${p.stack}: ${p.address} would be ${verb[p.action] ?? p.action} (protected: ${p.protection})`);
}

/** Exit status for CI: 0 nothing protected destroyed and every plan made, 1 otherwise. */
export function exitCode(v: Verdict): number {
  return v.blocked || v.failed ? 1 : 0;
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

const ACTION_WORDS: Record<string, string> = {
  'delete, create': 'destroy, then create the replacement',
  'create, delete': 'create the replacement, then destroy (create_before_destroy)',
};

function describe(e: Entry): string {
  const details = [ACTION_WORDS[e.actions] ?? e.actions, e.reason, e.forcedBy ? `forced by ${e.forcedBy.map(code).join(', ')}` : undefined].filter(Boolean);
  const mark = e.protection ? ` **PROTECTED** (${e.protection})` : '';
  return `- ${code(e.address)}${mark}: ${details.join('; ')}`;
}

function describeDrift(e: Entry): string {
  const what = e.actions === 'delete' ? 'deleted outside Terraform' : `changed outside Terraform${e.changed ? ` (${e.changed.map(code).join(', ')})` : ''}`;
  // Refresh also records values other resources set (a bucket's policy, a policy's attachment
  // count): with no planned change the state only catches up.
  const consequence = e.planned ? `this plan will ${e.planned} it` : 'no change planned (the state catches up)';
  return `- ${code(e.address)}${e.protection ? ` (protected: ${e.protection})` : ''}: ${what}; ${consequence}`;
}

function stackVerdict(s: StackSummary): string {
  if (s.blocked.length) {
    return `**Verdict: BLOCKED**: ${s.blocked.length} protected resource${s.blocked.length === 1 ? '' : 's'} would be replaced, deleted or lose a copy (${s.blocked.map((e) => code(e.address)).join(', ')}).`;
  }
  return 'Verdict: no protected resource is replaced or deleted.';
}

const hasChanges = (s: StackSummary) => COUNTED.some((k) => s.counts[k] > 0);

function stackStatus(s: StackSummary): string {
  if (s.blocked.length) return '**BLOCKED**';
  return hasChanges(s) ? 'ok' : 'no changes';
}

export interface RenderOptions {
  title?: string;
  /** Lines shown under the verdict, e.g. which stacks were not planned and why. */
  notes?: readonly string[];
}

/** One Markdown document for every stack: the table, the verdict, then each stack's details. */
export function renderMarkdown(summaries: readonly StackSummary[], failures: readonly PlanFailure[] = [], options: RenderOptions = {}): string {
  const v = verdict(summaries, failures);
  const lines: string[] = [`# ${options.title ?? 'Terraform plan summary'}`, ''];
  const header = ['stack', ...COUNTED, 'status'];
  lines.push(`| ${header.join(' | ')} |`, `|---|${COUNTED.map(() => '---:').join('|')}|---|`);
  for (const s of summaries) lines.push(`| ${s.stack} | ${COUNTED.map((k) => s.counts[k]).join(' | ')} | ${stackStatus(s)} |`);
  for (const f of failures) lines.push(`| ${f.stack} | ${COUNTED.map(() => '–').join(' | ')} | **PLAN FAILED** |`);
  const total = (k: Kind) => summaries.reduce((sum, s) => sum + s.counts[k], 0);
  lines.push(`| **total** | ${COUNTED.map((k) => total(k)).join(' | ')} | ${v.blocked ? '**BLOCKED**' : v.failed ? '**PLAN FAILED**' : ''} |`, '');

  if (v.blocked) {
    lines.push(`**Verdict: BLOCKED.** Protected resources would be replaced, deleted or lose a copy:`, '');
    for (const p of v.protectedChanges) lines.push(`- ${p.stack}: ${code(p.address)} ${p.action} (${p.protection})`);
  } else if (v.failed) {
    lines.push('**Verdict: PLAN FAILED.** No verdict for the stacks that could not be planned.');
  } else if (summaries.length && !summaries.some(hasChanges)) {
    lines.push('**Verdict: no changes.**');
  } else {
    lines.push('**Verdict: no protected resource is replaced or deleted.**');
  }
  if (v.failed) lines.push('', `Plans that failed: ${failures.map((f) => f.stack).join(', ')} (see below); the review is incomplete.`);
  for (const note of options.notes ?? []) lines.push('', note);

  for (const s of summaries) {
    lines.push('', `## ${s.stack}`, '');
    for (const w of s.warnings) lines.push(`**Warning:** ${w}`, '');
    if (!hasChanges(s)) {
      lines.push('No changes.');
      continue;
    }
    const section = (title: string, entries: Entry[], line: (e: Entry) => string) => {
      if (entries.length) lines.push(`${title} (${entries.length}):`, '', ...entries.map(line), '');
    };
    section('Replace', s.replaces, describe);
    section('Delete', s.deletes, describe);
    section('Copies lost', s.blocked.filter((e) => e.actions === 'update'), describe);
    section('Forget (removed from state, left in the account)', s.forgets, describe);
    section('Drift (objects changed outside Terraform since the last apply)', s.drift, describeDrift);
    if (!s.replaces.length && !s.deletes.length) lines.push('Nothing is replaced or deleted.', '');
    lines.push(stackVerdict(s));
  }
  for (const f of failures) {
    lines.push('', `## ${f.stack}`, '', '**Plan failed.**', '', '```text', f.message.trim().replace(/```/g, "'''"), '```');
    if (f.refusedDestroy?.length) lines.push('', `Terraform refused to destroy prevent_destroy resources: ${f.refusedDestroy.map(code).join(', ')}.`);
    if (f.rerun) lines.push('', `Rerun: ${code(f.rerun)}`);
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
