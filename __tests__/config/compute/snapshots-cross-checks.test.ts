import { snapshotsCrossChecks } from '../../../src/config/compute/snapshots-cross-checks';
import { formatProblem } from '../../../src/config/errors';

const regions = (...names: string[]) => names.map((name, i) => ({ name, vpcCidr: `10.${10 + i}.0.0/16` }));
const config = (names: string[], copyTargets: unknown) => ({ primaryRegion: names[0], regions: regions(...names), compute: { snapshots: { copyTargets } } });
const printed = (input: unknown) => snapshotsCrossChecks(input).map(formatProblem);

describe('snapshotsCrossChecks', () => {
  test('no copyTargets, or only listed Regions copying to other listed Regions: no problem', () => {
    expect(printed({ primaryRegion: 'us-east-1', regions: regions('us-east-1', 'eu-west-1') })).toEqual([]);
    expect(printed(config(['us-east-1', 'eu-west-1', 'us-west-2'], { 'us-east-1': ['eu-west-1', 'us-west-2'], 'eu-west-1': [] }))).toEqual([]);
    expect(printed(config(['us-east-1'], { 'us-east-1': [] }))).toEqual([]);
  });

  test('a target that is not a listed Region', () => {
    expect(printed(config(['us-east-1', 'eu-west-1'], { 'us-east-1': ['eu-west-2'] }))).toEqual([
      'compute.snapshots.copyTargets.us-east-1[0]: received "eu-west-2"; not a listed Region; did you mean "eu-west-1"? expected a listed Region other than us-east-1 (eu-west-1): a copy is encrypted with the target Region\'s replica key, which exists only in listed Regions',
    ]);
  });

  test('a Region that copies to itself', () => {
    expect(printed(config(['us-east-1', 'eu-west-1', 'us-west-2'], { 'eu-west-1': ['us-east-1', 'eu-west-1'] }))).toEqual([
      'compute.snapshots.copyTargets.eu-west-1[1]: received "eu-west-1"; a Region cannot copy its snapshots to itself; expected a listed Region other than eu-west-1 (us-east-1, us-west-2)',
    ]);
  });

  test('a source that is not a listed Region', () => {
    expect(printed(config(['us-east-1', 'eu-west-1'], { 'ap-southeast-2': ['us-east-1'] }))).toEqual([
      'compute.snapshots.copyTargets.ap-southeast-2: received "ap-southeast-2"; not a listed Region; expected a Region of regions (us-east-1, eu-west-1) as the source of a copy',
    ]);
  });

  test('one Region only: any target is refused, saying there is nothing to copy to', () => {
    expect(printed(config(['us-east-1'], { 'us-east-1': ['us-east-1', 'eu-west-1'] }))).toEqual([
      'compute.snapshots.copyTargets.us-east-1[0]: received "us-east-1"; us-east-1 is the only listed Region, so its snapshots have no other Region to be copied to; expected [] (or no copyTargets)',
      'compute.snapshots.copyTargets.us-east-1[1]: received "eu-west-1"; us-east-1 is the only listed Region, so its snapshots have no other Region to be copied to; expected [] (or no copyTargets)',
    ]);
  });

  test('every problem is reported at once', () => {
    const problems = snapshotsCrossChecks(config(['us-east-1', 'eu-west-1'], { 'us-east-1': ['us-east-1', 'sa-east-1'], 'ca-central-1': [] }));
    expect(problems.map((p) => p.path)).toEqual([
      ['compute', 'snapshots', 'copyTargets', 'us-east-1', 0],
      ['compute', 'snapshots', 'copyTargets', 'us-east-1', 1],
      ['compute', 'snapshots', 'copyTargets', 'ca-central-1'],
    ]);
  });

  test('what the schema reports (unknown names, non-lists, bad Regions list) is left to it', () => {
    expect(printed(config(['us-east-1', 'eu-west-1'], { 'us-east-1': ['eu-west-l', 42], 'Ireland': ['us-east-1'], 'eu-west-1': 'us-east-1' }))).toEqual([]);
    expect(printed({ regions: 'us-east-1', compute: { snapshots: { copyTargets: { 'us-east-1': ['eu-west-1'] } } } })).toEqual([]);
    expect(printed({ regions: [{ name: 'mars-1' }], compute: { snapshots: { copyTargets: { 'us-east-1': ['eu-west-1'] } } } })).toEqual([]);
    expect(printed({ regions: regions('us-east-1'), compute: 'on' })).toEqual([]);
  });
});
