/**
 * `promote`: reads the live state, plans (promote-plan.ts) and performs the steps in order through
 * an injected caller, so the CLI, the e2e drill and the tests share one path. A dry run reads
 * (values included, on fail-back, to say whether a copy is needed) and writes nothing.
 */
import { FoundationConfig } from '../../src/config/validate';
import { setStates } from '../arc/routing-control-lib';
import { DrCaller } from './dr-caller';
import {
  ArcAccess,
  DrClient,
  failed,
  observeRegistries,
  observeRoutingControls,
  observeSecrets,
  ok,
  Outcome,
  readValue,
  sameValue,
  isWritable,
} from './observe';
import { Action, planPromotion, PlannedStep, PromoteObservation, writableElsewhere } from './promote-plan';

export type StepStatus = 'done' | 'already so' | 'would do (dry run)' | 'skipped' | 'FAILED';

export interface StepResult {
  /** "1.2": phase and position in it. */
  readonly number: string;
  readonly title: string;
  readonly status: StepStatus;
  /** Why skipped or failed, or what was found. */
  readonly detail?: string;
}

export interface PromoteResult {
  readonly target: string;
  readonly dryRun: boolean;
  readonly steps: readonly StepResult[];
  /** Every step done, already so, would do or skipped. */
  readonly ok: boolean;
}

export interface PromoteOptions {
  readonly dryRun?: boolean;
  /** The ARC cluster's data plane, needed when edge.recoveryControl.enable. */
  readonly arc?: ArcAccess;
  /** Limit of each call, seconds. @default 30 */
  readonly timeoutSeconds?: number;
}

/** Everything the planner needs, read from the live state; nothing is written. */
export async function observePromotion(config: FoundationConfig, target: string, client: DrClient, arc?: ArcAccess): Promise<PromoteObservation> {
  const primary = config.primaryRegion;
  const regions = config.regions.map((r) => r.name);
  const [secrets, registries, routing] = await Promise.all([
    observeSecrets(config, client),
    config.compute.ecr.enable ? observeRegistries(regions, client) : Promise.resolve(undefined),
    observeRoutingControls(config, arc),
  ]);
  const targetPolicies: Record<string, Outcome<string | undefined>> = {};
  const failBack: Record<string, { valuesDiffer: Outcome<boolean>; kmsKeyArn: Outcome<string> }> = {};
  await Promise.all(
    config.security.secrets.map(async ({ name }) => {
      const copies = secrets[name];
      const here = copies[target];
      if (target !== primary && here.ok && isWritable(here.value)) {
        const answer = await client.read<{ ResourcePolicy?: string }>(target, 'secretsmanager:GetResourcePolicy', { SecretId: name });
        targetPolicies[name] = answer.ok ? ok(answer.value?.ResourcePolicy) : answer;
      }
      if (target !== primary) return;
      const { writable } = writableElsewhere(copies, [primary]);
      if (writable.length !== 1 || !copies[primary].ok) return;
      const [region] = writable;
      failBack[name] = { valuesDiffer: await valuesDiffer(client, name, region, primary), kmsKeyArn: await keyArn(client, region, config.security.kms.alias) };
    }),
  );
  return { secrets, targetPolicies, failBack, registries, routing };
}

async function valuesDiffer(client: DrClient, name: string, from: string, to: string): Promise<Outcome<boolean>> {
  try {
    const [a, b] = await Promise.all([readValue(client, from, name), readValue(client, to, name)]);
    return ok(a !== undefined && !sameValue(a, b));
  } catch (error) {
    return failed((error as Error).message);
  }
}

async function keyArn(client: DrClient, region: string, alias: string): Promise<Outcome<string>> {
  const answer = await client.read<{ KeyMetadata?: { Arn?: string } }>(region, 'kms:DescribeKey', { KeyId: alias }, ['NotFoundException']);
  if (!answer.ok) return answer;
  const arn = answer.value?.KeyMetadata?.Arn;
  return arn ? ok(arn) : failed(`${region}: no key behind ${alias} (security.kms.alias): the replica must be encrypted with ${region}'s replica key`);
}

/** What an action does, for the dry run's lines. */
export function describeAction(action: Action): string {
  switch (action.kind) {
    case 'stop-replication':
      return `StopReplicationToReplica ${action.secret} in ${action.region}`;
    case 'put-policy':
      return `PutResourcePolicy ${action.secret} in ${action.region} (readers only, BlockPublicPolicy)`;
    case 'copy-value':
      return `copy the current value of ${action.secret} from ${action.from} to ${action.to} (PutSecretValue)`;
    case 'replicate':
      return `ReplicateSecretToRegions ${action.secret} from ${action.region} to ${action.replicaRegion} (ForceOverwriteReplicaSecret, key ${action.kmsKeyArn})`;
    case 'empty-ecr-rules':
      return `PutReplicationConfiguration in ${action.region} with no rules`;
    case 'set-routing-controls':
      return `UpdateRoutingControlStates ${action.changes.map((c) => `${c.name}=${c.to}`).join(', ')}`;
  }
}

async function perform(action: Action, client: DrClient, arc: ArcAccess | undefined): Promise<void> {
  switch (action.kind) {
    case 'stop-replication':
      await client.send(action.region, 'secretsmanager:StopReplicationToReplica', { SecretId: action.secret });
      return;
    case 'put-policy':
      await client.send(action.region, 'secretsmanager:PutResourcePolicy', { SecretId: action.secret, ResourcePolicy: action.policy, BlockPublicPolicy: true });
      return;
    case 'copy-value': {
      // Read at the moment of the copy (a write may have landed since the plan); never logged.
      const value = await readValue(client, action.from, action.secret);
      if (value === undefined) throw new Error(`${action.from}: ${action.secret} has no current value to copy`);
      await client.send(action.to, 'secretsmanager:PutSecretValue', { SecretId: action.secret, ...(value.string !== undefined ? { SecretString: value.string } : { SecretBinary: value.binary }) });
      return;
    }
    case 'replicate':
      await client.send(action.region, 'secretsmanager:ReplicateSecretToRegions', {
        SecretId: action.secret,
        AddReplicaRegions: [{ Region: action.replicaRegion, KmsKeyId: action.kmsKeyArn }],
        ForceOverwriteReplicaSecret: true,
      });
      return;
    case 'empty-ecr-rules':
      await client.send(action.region, 'ecr:PutReplicationConfiguration', { replicationConfiguration: { rules: [] } });
      return;
    case 'set-routing-controls':
      if (!arc) throw new Error('no ARC access');
      await setStates(arc.endpoints, arc.factory, arc.io, action.changes);
  }
}

/**
 * Why an action failed, in one line; never a value (the SDK's errors carry none). readValue's own
 * errors (a read refused by the readers-only policy) are already worded.
 */
function failure(action: Action, error: unknown, client: DrClient): string {
  const message = error instanceof Error && !('$metadata' in error) ? error.message : client.reason(error);
  return `${describeAction(action)}: ${message}`;
}

/** Performs the planned steps in order; a FAILED step skips every later phase, and a step whose prerequisite failed. */
export async function execute(steps: readonly PlannedStep[], client: DrClient, options: { dryRun: boolean; arc?: ArcAccess }): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const counters = new Map<number, number>();
  let failedPhase: number | undefined;
  for (const step of steps) {
    const position = (counters.get(step.phase) ?? 0) + 1;
    counters.set(step.phase, position);
    const base = { number: `${step.phase}.${position}`, title: step.title };
    const record = (status: StepStatus, detail?: string) => {
      results.push(detail === undefined ? { ...base, status } : { ...base, status, detail });
      if (status === 'FAILED' && failedPhase === undefined) failedPhase = step.phase;
    };
    const prerequisite = step.dependsOn !== undefined ? results[step.dependsOn] : undefined;
    if (failedPhase !== undefined && step.phase > failedPhase) record('skipped', `step ${results.find((r) => r.status === 'FAILED')!.number} FAILED; fix it and run promote again`);
    else if (prerequisite && prerequisite.status !== 'done' && prerequisite.status !== 'already so' && step.plan.kind === 'write' && !options.dryRun) record('skipped', `step ${prerequisite.number} did not succeed: this step would overwrite the value written there`);
    else if (step.plan.kind === 'already') record('already so', step.plan.detail);
    else if (step.plan.kind === 'skipped') record('skipped', step.plan.reason);
    else if (step.plan.kind === 'failed') record('FAILED', step.plan.reason);
    else if (options.dryRun) record('would do (dry run)', step.plan.actions.map(describeAction).join('; '));
    else {
      let error: string | undefined;
      for (const action of step.plan.actions) {
        try {
          await perform(action, client, options.arc);
        } catch (e) {
          error = failure(action, e, client);
          break;
        }
      }
      record(error === undefined ? 'done' : 'FAILED', error);
    }
  }
  return results;
}

export const isSuccess = (status: StepStatus): boolean => status !== 'FAILED';

/** Promotes `target`: observes, plans and performs (or, with dryRun, only reports) the steps. */
export async function promote(config: FoundationConfig, target: string, caller: DrCaller, options: PromoteOptions = {}): Promise<PromoteResult> {
  const regions = config.regions.map((r) => r.name);
  if (!regions.includes(target)) throw new Error(`promote: received Region ${JSON.stringify(target)}; expected one of the configured Regions ${regions.join(', ')}`);
  const client = new DrClient(caller, options.timeoutSeconds);
  const observed = await observePromotion(config, target, client, options.arc);
  const steps = await execute(planPromotion(config, target, observed), client, { dryRun: options.dryRun ?? false, arc: options.arc });
  return { target, dryRun: options.dryRun ?? false, steps, ok: steps.every((s) => isSuccess(s.status)) };
}
