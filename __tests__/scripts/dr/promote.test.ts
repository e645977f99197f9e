import { promote } from '../../../scripts/dr/promote';
import { READER_NEEDED } from '../../../scripts/dr/observe';
import { readersOnlyPolicy } from '../../../src/constructs/security/replicated-secret';
import { A, B, deployedWorld, drConfig, fakeArc, fakeCaller, P, READER, writes } from './fake-aws';

const config = drConfig();
const statuses = (result: { steps: ReadonlyArray<{ number: string; status: string }> }) => result.steps.map((s) => `${s.number} ${s.status}`);

describe('promote to a Region other than the primary', () => {
  test('the replica becomes a standalone secret with the readers-only policy, ECR stops in the old source, traffic is left to the apply', async () => {
    const world = deployedWorld(config);
    const result = await promote(config, A, fakeCaller(world));
    expect(result.ok).toBe(true);
    expect(statuses(result)).toEqual(['1.1 done', '2.1 done', '3.1 skipped']);
    expect(world.secrets[A]['app/db'].PrimaryRegion).toBeUndefined();
    expect(world.secrets[A]['app/db'].policy).toBe(readersOnlyPolicy('app/db', [READER]));
    expect(world.secrets[P]['app/db'].ReplicationStatus!.map((r) => r.Region)).toEqual([B]);
    expect(world.registries[P]).toEqual([]);
    expect(writes(world).map((c) => `${c.region} ${c.call}`)).toEqual([
      `${A} secretsmanager:StopReplicationToReplica`,
      `${A} secretsmanager:PutResourcePolicy`,
      `${P} ecr:PutReplicationConfiguration`,
    ]);
    expect(writes(world)[1].input).toMatchObject({ SecretId: 'app/db', BlockPublicPolicy: true });
    expect(result.steps[2].detail).toMatch(/edge.recoveryControl.enable is false: traffic moves with the apply \(CloudFront/);
  });

  test('a second run finds everything already so and writes nothing', async () => {
    const world = deployedWorld(config);
    await promote(config, A, fakeCaller(world));
    world.calls.length = 0;
    const again = await promote(config, A, fakeCaller(world));
    expect(statuses(again)).toEqual(['1.1 already so', '2.1 already so', '3.1 skipped']);
    expect(writes(world)).toEqual([]);
  });

  test('an already standalone copy without the readers-only policy gets it', async () => {
    const world = deployedWorld(config);
    await promote(config, A, fakeCaller(world));
    world.secrets[A]['app/db'].policy = undefined;
    world.calls.length = 0;
    const result = await promote(config, A, fakeCaller(world));
    expect(result.steps[0]).toMatchObject({ status: 'done', title: expect.stringContaining('readers-only policy in us-west-2 (already standalone)') });
    expect(writes(world).map((c) => c.call)).toEqual(['secretsmanager:PutResourcePolicy']);
  });

  test('a secret missing in the target FAILS and the later phases are skipped, with no write', async () => {
    const world = deployedWorld(config);
    delete world.secrets[A]['app/db'];
    const result = await promote(config, A, fakeCaller(world));
    expect(result.ok).toBe(false);
    expect(statuses(result)).toEqual(['1.1 FAILED', '2.1 skipped', '3.1 skipped']);
    expect(result.steps[0].detail).toMatch(/app\/db does not exist in us-west-2/);
    expect(result.steps[1].detail).toMatch(/step 1.1 FAILED/);
    expect(writes(world)).toEqual([]);
  });

  test('a copy already writable in a third Region FAILS: two writable copies would diverge', async () => {
    const world = deployedWorld(config);
    await promote(config, B, fakeCaller(world));
    world.calls.length = 0;
    const result = await promote(config, A, fakeCaller(world));
    expect(result.steps[0]).toMatchObject({ status: 'FAILED', detail: expect.stringContaining(`already writable in ${B}`) });
    expect(writes(world)).toEqual([]);
  });

  test('dry run reads and reports every write, performing none', async () => {
    const world = deployedWorld(config);
    const result = await promote(config, A, fakeCaller(world), { dryRun: true });
    expect(result.ok).toBe(true);
    expect(statuses(result)).toEqual(['1.1 would do (dry run)', '2.1 would do (dry run)', '3.1 skipped']);
    expect(result.steps[0].detail).toBe(`StopReplicationToReplica app/db in ${A}; PutResourcePolicy app/db in ${A} (readers only, BlockPublicPolicy)`);
    expect(writes(world)).toEqual([]);
  });

  test('an unreachable primary: the target\'s steps run, the primary\'s are skipped as unreachable', async () => {
    const world = deployedWorld(config);
    world.unreachable.add(P);
    const result = await promote(config, A, fakeCaller(world));
    expect(result.ok).toBe(true);
    expect(statuses(result)).toEqual(['1.1 done', '2.1 skipped', '3.1 skipped']);
    expect(result.steps[1].detail).toMatch(/^unreachable: us-east-1: ecr:DescribeRegistry failed: connect ECONNREFUSED.*run promote again when it is back$/);
    expect(world.secrets[A]['app/db'].PrimaryRegion).toBeUndefined();
  });

  test('an unreachable target: exit before any write', async () => {
    const world = deployedWorld(config);
    world.unreachable.add(A);
    const result = await promote(config, A, fakeCaller(world));
    expect(result.ok).toBe(false);
    expect(result.steps).toEqual([{ number: '0.1', title: `reach ${A}`, status: 'FAILED', detail: expect.stringMatching(/^us-west-2 cannot be reached .*nothing was changed$/) }]);
    expect(writes(world)).toEqual([]);
  });

  test('a Region that is not configured is refused', async () => {
    await expect(promote(config, 'ap-south-1', fakeCaller(deployedWorld(config)))).rejects.toThrow('received Region "ap-south-1"; expected one of the configured Regions us-east-1, us-west-2, eu-west-1');
  });

  test('with ECR off, the ECR phase is skipped', async () => {
    const off = drConfig({ compute: { ecr: { enable: false } } });
    const result = await promote(off, A, fakeCaller(deployedWorld(off)));
    expect(result.steps[1]).toMatchObject({ title: 'ECR replication source', status: 'skipped', detail: 'compute.ecr.enable is false' });
  });
});

describe('fail-back to the primary', () => {
  async function promotedWorld(value: string) {
    const world = deployedWorld(config);
    await promote(config, A, fakeCaller(world));
    world.secrets[A]['app/db'].value = value;
    // The apply after promotion moved ECR's source to A.
    world.registries[A] = [{ destinations: [P, B].map((region) => ({ region, registryId: '123456789012' })) }];
    world.calls.length = 0;
    return world;
  }

  test('a value written during the outage is copied back, then the copy becomes a replica again on its Region\'s key', async () => {
    const world = await promotedWorld('written-during-outage');
    const result = await promote(config, P, fakeCaller(world));
    expect(result.ok).toBe(true);
    expect(statuses(result)).toEqual(['1.1 done', '1.2 done', '2.1 done', '3.1 skipped']);
    expect(world.secrets[P]['app/db'].value).toBe('written-during-outage');
    expect(world.secrets[A]['app/db']).toMatchObject({ PrimaryRegion: P, value: 'written-during-outage' });
    expect(world.registries[A]).toEqual([]);
    const replicate = writes(world).find((c) => c.call === 'secretsmanager:ReplicateSecretToRegions')!;
    expect(replicate).toMatchObject({ region: P, input: { AddReplicaRegions: [{ Region: A, KmsKeyId: `arn:aws:kms:${A}:123456789012:key/mrk-0123456789abcdef0123456789abcdef` }], ForceOverwriteReplicaSecret: true } });
    expect(writes(world).map((c) => c.call)).toEqual(['secretsmanager:PutSecretValue', 'secretsmanager:ReplicateSecretToRegions', 'ecr:PutReplicationConfiguration']);
  });

  test('no value appears in the result', async () => {
    const world = await promotedWorld('s3cr3t-value-xyz');
    const result = await promote(config, P, fakeCaller(world));
    expect(JSON.stringify(result)).not.toContain('s3cr3t-value-xyz');
  });

  test('the same value in both Regions: no copy, only the re-replication', async () => {
    const world = await promotedWorld('v1');
    const result = await promote(config, P, fakeCaller(world));
    expect(statuses(result)).toEqual(['1.1 already so', '1.2 done', '2.1 done', '3.1 skipped']);
    expect(writes(world).map((c) => c.call)).not.toContain('secretsmanager:PutSecretValue');
  });

  test('a caller that is not a reader: FAILED saying so, and the copy is not overwritten', async () => {
    const world = await promotedWorld('written-during-outage');
    world.denied.add(`${A} secretsmanager:GetSecretValue`);
    const result = await promote(config, P, fakeCaller(world));
    expect(result.ok).toBe(false);
    expect(result.steps[0]).toMatchObject({ status: 'FAILED', detail: expect.stringContaining(READER_NEEDED) });
    expect(result.steps[1]).toMatchObject({ status: 'skipped', detail: expect.stringContaining('would overwrite the value written there') });
    expect(writes(world)).toEqual([]);
    expect(world.secrets[A]['app/db'].value).toBe('written-during-outage');
  });

  test('a copy that fails when it runs leaves the standalone copy alone', async () => {
    const world = await promotedWorld('written-during-outage');
    world.denied.add(`${P} secretsmanager:PutSecretValue`);
    const result = await promote(config, P, fakeCaller(world));
    expect(statuses(result)).toEqual(['1.1 FAILED', '1.2 skipped', '2.1 skipped', '3.1 skipped']);
    expect(result.steps[0].detail).toMatch(/^copy the current value of app\/db from us-west-2 to us-east-1 \(PutSecretValue\): AccessDeniedException: /);
    expect(writes(world).map((c) => c.call)).toEqual(['secretsmanager:PutSecretValue']);
    expect(world.secrets[A]['app/db'].PrimaryRegion).toBeUndefined();
    expect(world.secrets[A]['app/db'].value).toBe('written-during-outage');
  });

  test('a reader refused when the copy runs is told it needs to be a reader', async () => {
    const world = await promotedWorld('written-during-outage');
    const caller = fakeCaller(world);
    let reads = 0;
    // Allowed while planning, refused at the copy (a policy changed in between).
    const result = await promote(config, P, async (region, call, input, signal) => {
      if (call === 'secretsmanager:GetSecretValue' && region === A && ++reads > 1) throw Object.assign(new Error('denied'), { name: 'AccessDeniedException', $metadata: {} });
      return caller(region, call, input, signal);
    });
    expect(result.steps[0]).toMatchObject({ status: 'FAILED', detail: expect.stringContaining(READER_NEEDED) });
    expect(result.steps[1].status).toBe('skipped');
  });

  test('two standalone copies: FAILED, promote through the primary', async () => {
    const world = deployedWorld(config);
    await promote(config, A, fakeCaller(world));
    world.secrets[B]['app/db'].PrimaryRegion = undefined;
    world.calls.length = 0;
    const result = await promote(config, P, fakeCaller(world));
    expect(result.steps[0]).toMatchObject({ status: 'FAILED', detail: expect.stringContaining(`writable in ${A}, ${B}`) });
    expect(result.steps[0].detail).toContain('Promote through us-east-1');
    expect(writes(world)).toEqual([]);
  });

  test('nothing promoted: already so', async () => {
    const world = deployedWorld(config);
    const result = await promote(config, P, fakeCaller(world));
    expect(statuses(result)).toEqual(['1.1 already so', '2.1 already so', '3.1 skipped']);
    expect(writes(world)).toEqual([]);
  });

  test('the standalone copy\'s Region unreachable: skipped, to run again when it is back', async () => {
    const world = await promotedWorld('x');
    world.unreachable.add(A);
    const result = await promote(config, P, fakeCaller(world));
    expect(result.ok).toBe(true);
    expect(result.steps[0]).toMatchObject({ status: 'skipped', detail: expect.stringMatching(/^unreachable: us-west-2: .*run promote again when it is back$/) });
  });
});

describe('traffic with ARC', () => {
  const arcConfig = drConfig({ edge: { recoveryControl: { enable: true } } });

  test("the target's routing control On and the others Off, in one update", async () => {
    const world = deployedWorld(arcConfig);
    const result = await promote(arcConfig, A, fakeCaller(world), { arc: fakeArc(world) });
    expect(result.steps.at(-1)).toMatchObject({ status: 'done', title: expect.stringContaining('acme-us-east-1 On -> Off, acme-eu-west-1 On -> Off') });
    expect(world.controls.map((c) => `${c.RoutingControlName} ${c.RoutingControlState}`)).toEqual(['acme-us-east-1 Off', 'acme-us-west-2 On', 'acme-eu-west-1 Off']);
    expect(world.arcUpdates).toHaveLength(1);
  });

  test('dry run changes no routing control', async () => {
    const world = deployedWorld(arcConfig);
    const result = await promote(arcConfig, A, fakeCaller(world), { arc: fakeArc(world), dryRun: true });
    expect(result.steps.at(-1)!.status).toBe('would do (dry run)');
    expect(world.arcUpdates).toEqual([]);
  });

  test('without the cluster endpoints the traffic step FAILS naming the options', async () => {
    const world = deployedWorld(arcConfig);
    const result = await promote(arcConfig, A, fakeCaller(world));
    expect(result.steps.at(-1)).toMatchObject({ status: 'FAILED', detail: expect.stringContaining('--arc-endpoints-file') });
    expect(result.ok).toBe(false);
  });
});
