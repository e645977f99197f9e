/**
 * The planner of `npm run dr -- promote <region>`: observed state in, steps out, no I/O, so every
 * case is tested with plain objects. The phases run in this order, the safe one:
 *
 * 1. the secrets become writable in the target (a replica promoted to a standalone secret with the
 *    readers-only policy; on fail-back, the value written during the outage copied back to the
 *    primary and the standalone copy made a replica again);
 * 2. ECR replication stops in every other Region that has rules (two sources would replicate into
 *    each other's Regions); the apply after the config change writes the target's rules;
 * 3. traffic: the ARC routing controls, when on (otherwise the apply's origin order and the health
 *    checks move it).
 */
import { FoundationConfig } from '../../src/config/validate';
import { readersOnlyPolicy } from '../../src/constructs/security/replicated-secret';
import { planChanges, PlannedChange, RoutingControlSummary } from '../arc/routing-control-lib';
import { ARC_ENDPOINTS_NEEDED, Outcome, ReplicationRule, RoutingObservation, SecretCopies, SecretCopy, isWritable } from './observe';
import { routingControlName } from '../../src/constructs/edge/recovery-control-names';

/** One data-plane write; the executor performs them in order. Values never appear here. */
export type Action =
  | { readonly kind: 'stop-replication'; readonly region: string; readonly secret: string }
  | { readonly kind: 'put-policy'; readonly region: string; readonly secret: string; readonly policy: string }
  | { readonly kind: 'copy-value'; readonly secret: string; readonly from: string; readonly to: string }
  | { readonly kind: 'replicate'; readonly region: string; readonly secret: string; readonly replicaRegion: string; readonly kmsKeyArn: string }
  | { readonly kind: 'empty-ecr-rules'; readonly region: string }
  | { readonly kind: 'set-routing-controls'; readonly changes: readonly PlannedChange[] };

export type Plan =
  | { readonly kind: 'write'; readonly actions: readonly Action[] }
  | { readonly kind: 'already'; readonly detail: string }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

export interface PlannedStep {
  /** 0: the target's reachability; 1: secrets; 2: ECR; 3: traffic. */
  readonly phase: 0 | 1 | 2 | 3;
  readonly title: string;
  readonly plan: Plan;
  /** Index (in the plan) of a step that must have succeeded first: a fail-back never overwrites a value it did not copy. */
  readonly dependsOn?: number;
}

/** What the planner needs, read by `observePromotion`. */
export interface PromoteObservation {
  readonly secrets: SecretCopies;
  /** Secret name -> its resource policy in the target (read when the target's copy is writable and not the primary's). */
  readonly targetPolicies: Readonly<Record<string, Outcome<string | undefined>>>;
  /** Fail-back only, secret name -> for the one Region R whose copy is standalone: whether R's value differs from P's, and R's key. */
  readonly failBack: Readonly<Record<string, { readonly valuesDiffer: Outcome<boolean>; readonly kmsKeyArn: Outcome<string> }>>;
  /** Region -> replication rules; undefined when compute.ecr.enable is false. */
  readonly registries: Readonly<Record<string, Outcome<readonly ReplicationRule[]>>> | undefined;
  readonly routing: RoutingObservation;
}

const unreachable = (reason: string) => `unreachable: ${reason}; run promote again when it is back`;

/** Regions other than `primary` whose copy is writable (promoted earlier), and those that could not be read. */
export function writableElsewhere(copies: Readonly<Record<string, Outcome<SecretCopy>>>, exclude: readonly string[]): { writable: string[]; unreadable: string[] } {
  const writable: string[] = [];
  const unreadable: string[] = [];
  for (const [region, copy] of Object.entries(copies)) {
    if (exclude.includes(region)) continue;
    if (!copy.ok) unreadable.push(region);
    else if (isWritable(copy.value)) writable.push(region);
  }
  return { writable, unreadable };
}

/** The reason the target cannot be reached, when any read there failed for that reason. */
export function targetUnreachable(target: string, observed: PromoteObservation): string | undefined {
  const outcomes: Array<Outcome<unknown> | undefined> = [
    ...Object.values(observed.secrets).map((copies) => copies[target]),
    ...Object.values(observed.targetPolicies),
    observed.registries?.[target],
  ];
  const down = outcomes.find((o): o is Extract<Outcome<unknown>, { ok: false }> => o !== undefined && !o.ok && o.unreachable);
  return down?.reason;
}

function promoteSecret(config: FoundationConfig, target: string, name: string, readerArns: readonly string[], observed: PromoteObservation): PlannedStep[] {
  const primary = config.primaryRegion;
  const copies = observed.secrets[name];
  const title = `secret ${name}: writable in ${target}`;
  const copy = copies[target];
  if (!copy.ok) return [{ phase: 1, title, plan: { kind: 'failed', reason: copy.reason } }];
  if (copy.value.kind === 'missing' || copy.value.kind === 'deleted') {
    return [{ phase: 1, title, plan: { kind: 'failed', reason: `${name} ${copy.value.kind === 'missing' ? 'does not exist' : 'is scheduled for deletion'} in ${target}; expected a replica of ${primary} (apply global-replication, or check security.secrets)` } }];
  }
  const { writable } = writableElsewhere(copies, [primary, target]);
  if (writable.length > 0) {
    return [
      {
        phase: 1,
        title,
        plan: { kind: 'failed', reason: `${name} is already writable in ${writable.join(', ')} (promoted earlier): two writable copies would diverge; fail back to ${primary} first (npm run dr -- promote ${primary}), then promote ${target}` },
      },
    ];
  }
  const policy = readersOnlyPolicy(name, readerArns);
  const putPolicy: Action = { kind: 'put-policy', region: target, secret: name, policy };
  if (copy.value.kind === 'replica') return [{ phase: 1, title, plan: { kind: 'write', actions: [{ kind: 'stop-replication', region: target, secret: name }, putPolicy] } }];
  const current = observed.targetPolicies[name];
  if (current?.ok && current.value !== undefined && samePolicy(current.value, policy)) return [{ phase: 1, title, plan: { kind: 'already', detail: `${copy.value.kind}, with the readers-only policy` } }];
  return [{ phase: 1, title: `secret ${name}: readers-only policy in ${target} (already ${copy.value.kind})`, plan: { kind: 'write', actions: [putPolicy] } }];
}

/** Two policy documents with the same content, whatever their layout. */
export function samePolicy(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

function failBackSecret(config: FoundationConfig, name: string, observed: PromoteObservation, firstIndex: number): PlannedStep[] {
  const primary = config.primaryRegion;
  const copies = observed.secrets[name];
  const home = copies[primary];
  const title = `secret ${name}: ${primary} holds the only writable copy`;
  if (!home.ok) return [{ phase: 1, title, plan: { kind: 'failed', reason: home.reason } }];
  if (!isWritable(home.value)) return [{ phase: 1, title, plan: { kind: 'failed', reason: `${name} in ${primary} is ${home.value.kind === 'replica' ? `a replica of ${home.value.of}` : home.value.kind}; expected the primary secret (apply global-replication)` } }];
  const { writable, unreadable } = writableElsewhere(copies, [primary]);
  if (writable.length > 1) {
    return [
      {
        phase: 1,
        title,
        plan: {
          kind: 'failed',
          reason: `${name} is writable in ${writable.join(', ')}: fail-back copies one Region's value into ${primary} and cannot choose. Promote through ${primary}: put the current value in ${primary} yourself, make the other copies replicas again, then run promote ${primary} again`,
        },
      },
    ];
  }
  if (writable.length === 0) {
    if (unreadable.length > 0) {
      const reasons = unreadable.map((r) => copies[r]).flatMap((o) => (o.ok ? [] : [o]));
      const reason = reasons.map((o) => o.reason).join('; ');
      return [{ phase: 1, title, plan: reasons.every((o) => o.unreachable) ? { kind: 'skipped', reason: unreachable(reason) } : { kind: 'failed', reason } }];
    }
    return [{ phase: 1, title, plan: { kind: 'already', detail: `every other copy is a replica of ${primary}` } }];
  }
  const [region] = writable;
  const seen = observed.failBack[name];
  const copyTitle = `secret ${name}: the value written in ${region} copied back to ${primary}`;
  const replicaTitle = `secret ${name}: ${region}'s copy a replica of ${primary} again`;
  if (!seen) return [{ phase: 1, title: copyTitle, plan: { kind: 'failed', reason: `the values of ${region} and ${primary} were not compared` } }];
  const copyPlan: Plan = !seen.valuesDiffer.ok
    ? { kind: 'failed', reason: seen.valuesDiffer.reason }
    : seen.valuesDiffer.value
      ? { kind: 'write', actions: [{ kind: 'copy-value', secret: name, from: region, to: primary }] }
      : { kind: 'already', detail: `${primary} already holds ${region}'s current value (or ${region} has none)` };
  const replicaPlan: Plan = !seen.kmsKeyArn.ok
    ? { kind: 'failed', reason: seen.kmsKeyArn.reason }
    : copyPlan.kind === 'failed'
      ? { kind: 'skipped', reason: `the value copy failed: making ${region}'s copy a replica would overwrite the value written there` }
      : { kind: 'write', actions: [{ kind: 'replicate', region: primary, secret: name, replicaRegion: region, kmsKeyArn: seen.kmsKeyArn.value }] };
  return [
    { phase: 1, title: copyTitle, plan: copyPlan },
    { phase: 1, title: replicaTitle, plan: replicaPlan, dependsOn: firstIndex },
  ];
}

function ecrSteps(config: FoundationConfig, target: string, observed: PromoteObservation): PlannedStep[] {
  if (!observed.registries) return [{ phase: 2, title: 'ECR replication source', plan: { kind: 'skipped', reason: 'compute.ecr.enable is false' } }];
  const steps: PlannedStep[] = [];
  for (const region of config.regions.map((r) => r.name).filter((r) => r !== target)) {
    const rules = observed.registries[region];
    const title = `ECR: no replication from ${region}`;
    if (!rules) continue;
    if (!rules.ok) steps.push({ phase: 2, title, plan: rules.unreachable ? { kind: 'skipped', reason: unreachable(rules.reason) } : { kind: 'failed', reason: rules.reason } });
    else if (rules.value.length > 0) steps.push({ phase: 2, title: `${title} (${rules.value.length} rule(s) there; the apply writes ${target}'s)`, plan: { kind: 'write', actions: [{ kind: 'empty-ecr-rules', region }] } });
  }
  if (steps.length === 0) steps.push({ phase: 2, title: `ECR: no Region but ${target} replicates`, plan: { kind: 'already', detail: `no replication rules outside ${target}` } });
  return steps;
}

function trafficSteps(config: FoundationConfig, target: string, routing: RoutingObservation): PlannedStep[] {
  const title = `traffic: ${target}'s routing control On, the others Off`;
  if (routing.kind === 'off') {
    return [
      {
        phase: 3,
        title: 'traffic',
        plan: {
          kind: 'skipped',
          reason: `${config.edge.enable ? 'edge.recoveryControl.enable is false' : 'edge.enable is false'}: traffic moves with the apply (CloudFront puts ${target}'s bucket first when it has one) and the latency/failover records follow the health checks`,
        },
      },
    ];
  }
  if (routing.kind === 'no-endpoints') return [{ phase: 3, title, plan: { kind: 'failed', reason: ARC_ENDPOINTS_NEEDED } }];
  if (!routing.controls.ok) return [{ phase: 3, title, plan: { kind: 'failed', reason: routing.controls.reason } }];
  const controls: readonly RoutingControlSummary[] = routing.controls.value;
  let planned: PlannedChange[];
  try {
    planned = planChanges(
      controls,
      config.regions.map((r) => ({ target: routingControlName(config.project, r.name), state: r.name === target ? 'On' : 'Off' })),
    );
  } catch (error) {
    return [{ phase: 3, title, plan: { kind: 'failed', reason: (error as Error).message } }];
  }
  const changes = planned.filter((p) => p.from !== p.to);
  if (changes.length === 0) return [{ phase: 3, title, plan: { kind: 'already', detail: planned.map((p) => `${p.name} ${p.to}`).join(', ') } }];
  return [{ phase: 3, title: `${title} (${changes.map((c) => `${c.name} ${c.from} -> ${c.to}`).join(', ')})`, plan: { kind: 'write', actions: [{ kind: 'set-routing-controls', changes }] } }];
}

/** The steps of promoting `target`, in the order they run. */
export function planPromotion(config: FoundationConfig, target: string, observed: PromoteObservation): PlannedStep[] {
  const down = targetUnreachable(target, observed);
  if (down !== undefined) return [{ phase: 0, title: `reach ${target}`, plan: { kind: 'failed', reason: `${target} cannot be reached (${down}); nothing was changed` } }];
  const steps: PlannedStep[] = [];
  for (const secret of config.security.secrets) {
    if (target === config.primaryRegion) steps.push(...failBackSecret(config, secret.name, observed, steps.length));
    else steps.push(...promoteSecret(config, target, secret.name, secret.readerArns, observed));
  }
  if (config.security.secrets.length === 0) steps.push({ phase: 1, title: 'secrets', plan: { kind: 'already', detail: 'no secret in security.secrets' } });
  steps.push(...ecrSteps(config, target, observed), ...trafficSteps(config, target, observed.routing));
  return steps;
}
