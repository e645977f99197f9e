/**
 * The e2e proof that state survives the loss of its Region (issue 12 item 1): every stack is
 * re-pointed at the state replica, as docs/state-recovery.md tells an operator to (backend and
 * remote-state reads name the replica bucket and its Region; the key alias is the same there),
 * `terraform init -reconfigure`, and `terraform plan` must be empty (but for listed emulator
 * drift, as in the re-plan phase). The originals are restored afterwards, so destroy runs against
 * the state bucket.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pool, run, table } from '../lib/run';
import { ToleratedDrift } from './gaps';
import { OVERRIDE_FILE } from './overrides';
import { replan, ReplanResult } from './replan';

/** Read after the emulator override (Terraform merges override files in name order), removed afterwards. */
export const REPLICA_OVERRIDE_FILE = 'zz_e2e_state_replica_override.tf.json';

export interface StateLocation {
  readonly bucket: string;
  readonly region: string;
}

/**
 * The override that moves a stack's backend and its remote-state reads of `source` to `replica`.
 * Override blocks replace whole blocks (`backend`) and whole attributes (`config`), so each starts
 * from what the stack holds once the emulator override is applied. Undefined for a stack with
 * neither (bootstrap: its state is local).
 */
export function replicaOverride(stack: any, emulatorOverride: any, source: StateLocation, replica: StateLocation): Record<string, any> | undefined {
  const override: Record<string, any> = {};
  const backend = emulatorOverride?.terraform?.backend?.s3 ?? stack.terraform?.backend?.s3;
  if (backend) {
    if (backend.bucket !== source.bucket) throw new Error(`state replica: the backend names bucket ${JSON.stringify(backend.bucket)}; expected the state bucket ${source.bucket}`);
    override.terraform = { backend: { s3: { ...backend, bucket: replica.bucket, region: replica.region } } };
  }
  const reads = Object.entries<any>(stack.data?.terraform_remote_state ?? {}).filter(([, block]) => block.config?.bucket === source.bucket);
  if (reads.length) {
    override.data = {
      terraform_remote_state: Object.fromEntries(
        reads.map(([name, block]) => {
          const config = emulatorOverride?.data?.terraform_remote_state?.[name]?.config ?? block.config;
          return [name, { config: { ...config, bucket: replica.bucket, region: replica.region } }];
        }),
      ),
    };
  }
  return Object.keys(override).length ? override : undefined;
}

export interface ReplicaPlanResult extends ReplanResult {
  /** The error of an `init -reconfigure`, onto the replica or back. */
  initError?: string;
}

async function reconfigure(stackDir: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const init = await run('terraform', ['init', '-reconfigure', '-input=false', '-no-color'], { cwd: stackDir, env, timeoutMs: 5 * 60_000 });
  return init.code === 0 ? undefined : `terraform init -reconfigure exited ${init.code}:\n${init.stdout}\n${init.stderr}`;
}

/** One stack: onto the replica, plan, and back (the override removed and the backend re-initialized even when the plan fails). */
async function planOnReplica(stackDir: string, env: NodeJS.ProcessEnv, tolerated: ToleratedDrift[], source: StateLocation, replica: StateLocation): Promise<ReplicaPlanResult | undefined> {
  const read = (file: string) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined);
  const override = replicaOverride(read(path.join(stackDir, 'cdk.tf.json')), read(path.join(stackDir, OVERRIDE_FILE)), source, replica);
  if (!override) return undefined;
  const file = path.join(stackDir, REPLICA_OVERRIDE_FILE);
  fs.writeFileSync(file, `${JSON.stringify(override, null, 2)}\n`);
  const stack = path.basename(stackDir);
  let result: ReplicaPlanResult;
  try {
    const initError = await reconfigure(stackDir, env);
    result = initError ? { stack, seconds: 0, tolerated: [], drift: [], initError } : await replan(stackDir, env, tolerated);
  } finally {
    fs.rmSync(file, { force: true });
  }
  const backError = await reconfigure(stackDir, env);
  return backError ? { ...result, initError: `${result.initError ?? ''}back to the state bucket: ${backError}` } : result;
}

/**
 * Plans every stack against the replica (two at a time, as the re-plan phase), prints a table and
 * throws naming each stack whose plan is not empty or whose backend could not be moved.
 */
export async function proveStateReplica(
  stacksDir: string,
  stacks: readonly string[],
  env: NodeJS.ProcessEnv,
  tolerated: ToleratedDrift[],
  source: StateLocation,
  replica: StateLocation,
  log: (line: string) => void,
): Promise<ReplicaPlanResult[]> {
  log(`state replica: planning every stack against s3://${replica.bucket} in ${replica.region} (state bucket: s3://${source.bucket} in ${source.region})`);
  const results = (await pool([...stacks], 2, (stack) => planOnReplica(path.join(stacksDir, stack), env, tolerated, source, replica))).filter(
    (r): r is ReplicaPlanResult => r !== undefined,
  );
  console.log(
    table(
      ['stack', 'plan against the replica', 'tolerated emulator drift', 'seconds'],
      results.map((r) => [r.stack, r.initError || r.error ? 'ERROR' : r.drift.length ? `DRIFT (${r.drift.length})` : 'empty', String(r.tolerated.length), r.seconds.toFixed(1)]),
    ),
  );
  for (const r of results) r.tolerated.forEach(([address, actions, id]) => log(`tolerated ${r.stack} (replica): ${address} ${actions} (${id})`));
  const broken = results.filter((r) => r.initError || r.error || r.drift.length);
  if (broken.length) {
    throw new Error(
      `planning against the state replica s3://${replica.bucket} (${replica.region}) failed:\n` +
        broken.map((r) => `${r.stack}: ${r.initError ?? r.error ?? r.drift.map(([a, act]) => `${a} wants ${act}`).join('; ')}`).join('\n'),
    );
  }
  if (results.length === 0) throw new Error('state replica: no stack has an S3 backend to re-point');
  return results;
}
