import { promote } from '../../../scripts/dr/promote';
import { status, statusExitCode, statusJson, statusLines } from '../../../scripts/dr/status';
import { A, B, deployedWorld, drConfig, fakeArc, fakeCaller, P, writes } from './fake-aws';

describe('npm run dr -- status', () => {
  test('after a deploy everything is active in the primary', async () => {
    const config = drConfig();
    const world = deployedWorld(config);
    const report = await status(config, fakeCaller(world));
    expect(statusLines(report)).toEqual([
      'activeRegion (config): us-east-1 (primary us-east-1)',
      'secret app/db: writable in us-east-1',
      '  us-east-1: primary (replicas: us-west-2 InSync, eu-west-1 InSync)',
      '  us-west-2: replica of us-east-1 (InSync)',
      '  eu-west-1: replica of us-east-1 (InSync)',
      'ECR: source us-east-1 -> us-west-2, eu-west-1',
      'CloudFront: E123, origins us-east-1 then us-west-2 (expected first: us-east-1)',
      'ARC: off (edge.recoveryControl.enable is false)',
      'consistent: everything active in us-east-1',
    ]);
    expect(statusExitCode(report)).toBe(0);
    expect(writes(world)).toEqual([]);
  });

  test('after promote, before the apply: the services the apply moves disagree', async () => {
    const world = deployedWorld(drConfig());
    await promote(drConfig(), A, fakeCaller(world));
    const config = drConfig({ activeRegion: A });
    const report = await status(config, fakeCaller(world));
    expect(report.secrets[0]).toEqual({
      name: 'app/db',
      copies: { [P]: `primary (replicas: ${B} InSync)`, [A]: 'standalone', [B]: `replica of ${P} (InSync)` },
      writableIn: [P, A],
    });
    expect(report.disagreements).toEqual(['ECR: replication source none', `CloudFront: first origin in ${P}`]);
    expect(statusLines(report).at(-1)).toBe(`not consistent with activeRegion ${A}: ECR: replication source none; CloudFront: first origin in ${P}`);
    expect(statusExitCode(report)).toBe(0);
  });

  test('after the apply: consistent in the promoted Region, ARC included', async () => {
    const config = drConfig({ activeRegion: A, edge: { recoveryControl: { enable: true } } });
    const world = deployedWorld(config);
    await promote(config, A, fakeCaller(world), { arc: fakeArc(world) });
    world.registries[A] = [{ destinations: [P, B].map((region) => ({ region, registryId: '123456789012' })) }];
    const group = (world.distributions[1].OriginGroups as { Items: Array<{ Members: { Items: unknown[] } }> }).Items[0].Members;
    group.Items.reverse();
    const report = await status(config, fakeCaller(world), { arc: fakeArc(world) });
    expect(report.arc).toEqual({ states: { [P]: 'Off', [A]: 'On', [B]: 'Off' } });
    expect(report.disagreements).toEqual([]);
    expect(JSON.parse(statusJson(report))).toMatchObject({ consistent: true, verdict: `consistent: everything active in ${A}` });
  });

  test('a read that fails is an error naming Region and call, exit 1, and no guess about that service', async () => {
    const config = drConfig();
    const world = deployedWorld(config);
    world.unreachable.add(B);
    const report = await status(config, fakeCaller(world));
    expect(report.errors).toEqual([`${B}: secretsmanager:DescribeSecret failed: connect ECONNREFUSED ${B}`, `${B}: ecr:DescribeRegistry failed: connect ECONNREFUSED ${B}`]);
    expect(report.disagreements).toEqual([]);
    expect(statusExitCode(report)).toBe(1);
    expect(statusLines(report).at(-1)).toBe(`not consistent with activeRegion ${P}: 2 read(s) failed`);
  });

  test("the primary that a promotion left without replicas is still called the primary", async () => {
    const config = drConfig({ regions: [P, A].map((name, i) => ({ name, vpcCidr: `10.${i + 1}0.0.0/16` })) });
    const world = deployedWorld(config);
    await promote(config, A, fakeCaller(world));
    const report = await status(drConfig({ activeRegion: A, regions: [P, A].map((name, i) => ({ name, vpcCidr: `10.${i + 1}0.0.0/16` })) }), fakeCaller(world));
    expect(report.secrets[0].copies).toEqual({ [P]: 'primary (no replica)', [A]: 'standalone' });
  });

  test('a Region writable besides the primary and the active one disagrees', async () => {
    const config = drConfig();
    const world = deployedWorld(config);
    world.secrets[B]['app/db'].PrimaryRegion = undefined;
    const report = await status(config, fakeCaller(world));
    expect(report.disagreements).toEqual([`secret app/db: writable in ${P}, ${B}`]);
  });
});
