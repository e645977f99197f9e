import { promote, status } from '../../../scripts/dr/dr-lib';
import { A, deployedWorld, drConfig, fakeCaller, P } from './fake-aws';

describe('dr-lib, the drill\'s interface', () => {
  test('promote adds the printed step lines', async () => {
    const config = drConfig();
    const result = await promote(config, A, fakeCaller(deployedWorld(config)), { dryRun: true });
    expect(result.lines[0]).toBe('1.1  would do (dry run)  secret app/db: writable in us-west-2');
    expect(result.ok).toBe(true);
  });

  test('status says where everything is active, or what disagrees', async () => {
    const config = drConfig();
    const world = deployedWorld(config);
    const consistent = await status(config, fakeCaller(world));
    expect(consistent).toMatchObject({ consistentIn: P, disagreeing: [] });
    expect(consistent.lines.at(-1)).toBe(`consistent: everything active in ${P}`);
    world.unreachable.add(A);
    const broken = await status(config, fakeCaller(world));
    expect(broken.consistentIn).toBeUndefined();
    expect(broken.disagreeing).toEqual([`${A}: secretsmanager:DescribeSecret failed: connect ECONNREFUSED ${A}`, `${A}: ecr:DescribeRegistry failed: connect ECONNREFUSED ${A}`]);
  });
});
