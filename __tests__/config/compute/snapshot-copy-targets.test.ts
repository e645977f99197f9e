import { copyTargetProblem, defaultSnapshotCopyTargets, snapshotCopySources, snapshotCopyTargets } from '../../../src/config/compute/snapshot-copy-targets';

const SIX = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'sa-east-1'];

describe('defaultSnapshotCopyTargets', () => {
  test('one Region: nowhere to copy to, so no copy rule', () => {
    expect(defaultSnapshotCopyTargets('us-east-1', ['us-east-1'])).toEqual({ 'us-east-1': [] });
  });

  test('two Regions copy to each other', () => {
    expect(defaultSnapshotCopyTargets('us-east-1', ['us-east-1', 'eu-west-1'])).toEqual({ 'us-east-1': ['eu-west-1'], 'eu-west-1': ['us-east-1'] });
  });

  test('six Regions: every secondary copies to the primary, the primary to the first secondary', () => {
    expect(defaultSnapshotCopyTargets('us-east-1', SIX)).toEqual({
      'us-east-1': ['us-west-2'],
      'us-west-2': ['us-east-1'],
      'eu-west-1': ['us-east-1'],
      'eu-central-1': ['us-east-1'],
      'ap-southeast-2': ['us-east-1'],
      'sa-east-1': ['us-east-1'],
    });
  });

  test('a primary that is not listed first copies to the first other Region in list order', () => {
    expect(defaultSnapshotCopyTargets('eu-west-1', SIX)).toEqual({
      'us-east-1': ['eu-west-1'],
      'us-west-2': ['eu-west-1'],
      'eu-west-1': ['us-east-1'],
      'eu-central-1': ['eu-west-1'],
      'ap-southeast-2': ['eu-west-1'],
      'sa-east-1': ['eu-west-1'],
    });
    expect(defaultSnapshotCopyTargets('sa-east-1', ['sa-east-1', 'ap-southeast-2'])).toEqual({ 'sa-east-1': ['ap-southeast-2'], 'ap-southeast-2': ['sa-east-1'] });
  });

  test('every Region appears once, in list order, never copies to itself, and has at most one default target', () => {
    for (const primary of SIX) {
      const targets = defaultSnapshotCopyTargets(primary, SIX);
      expect(Object.keys(targets)).toEqual(SIX);
      for (const [source, list] of Object.entries(targets)) {
        expect(list).toHaveLength(1);
        expect(list).not.toContain(source);
        expect(SIX).toEqual(expect.arrayContaining(list));
      }
    }
  });

  test('adding a Region adds its copy to the primary and changes no other Region (the primary\'s target is the first secondary)', () => {
    const before = defaultSnapshotCopyTargets('us-east-1', SIX.slice(0, 3));
    const after = defaultSnapshotCopyTargets('us-east-1', SIX.slice(0, 4));
    expect(after).toEqual({ ...before, 'eu-central-1': ['us-east-1'] });
  });

  test.each([
    [[], 'snapshot copy targets: received no Regions; expected the configured Regions, the primary among them'],
    [['eu-west-1'], 'snapshot copy targets: primary Region "us-east-1" is not one of ["eu-west-1"]; expected the primary among the configured Regions'],
    [['us-east-1', 'eu-west-1', 'us-east-1'], 'snapshot copy targets: received "us-east-1" twice in ["us-east-1","eu-west-1","us-east-1"]; expected each Region once'],
  ])('Regions %p are refused', (regions, message) => {
    expect(() => defaultSnapshotCopyTargets('us-east-1', regions)).toThrow(message);
  });
});

describe('snapshotCopyTargets', () => {
  const THREE = ['us-east-1', 'us-west-2', 'eu-west-1'];

  test('without configured targets it is the default', () => {
    expect(snapshotCopyTargets('us-east-1', THREE)).toEqual(defaultSnapshotCopyTargets('us-east-1', THREE));
  });

  test('a configured Region gets exactly its list ([] = no copy); the others keep their default', () => {
    expect(snapshotCopyTargets('us-east-1', THREE, { 'us-east-1': ['eu-west-1', 'us-west-2'], 'eu-west-1': [] })).toEqual({
      'us-east-1': ['eu-west-1', 'us-west-2'],
      'us-west-2': ['us-east-1'],
      'eu-west-1': [],
    });
  });

  test.each([
    [{ 'eu-central-1': ['us-east-1'] }, 'snapshot copy targets: source "eu-central-1" is not a configured Region; expected one of us-east-1, us-west-2, eu-west-1'],
    [{ 'us-east-1': ['us-east-1'] }, 'snapshot copy targets of us-east-1: received "us-east-1"; expected a configured Region other than us-east-1 (us-west-2, eu-west-1)'],
    [{ 'us-east-1': ['sa-east-1'] }, 'snapshot copy targets of us-east-1: received "sa-east-1"; expected a configured Region other than us-east-1 (us-west-2, eu-west-1)'],
    [{ 'us-east-1': ['eu-west-1', 'eu-west-1'] }, 'snapshot copy targets of us-east-1: received "eu-west-1" twice; expected each target Region once'],
  ])('configured %p is refused', (configured, message) => {
    expect(() => snapshotCopyTargets('us-east-1', THREE, configured)).toThrow(message);
  });

  test('more than three targets is refused with the DLM limit', () => {
    expect(() => snapshotCopyTargets('us-east-1', SIX, { 'us-east-1': SIX.slice(1, 5) })).toThrow(
      'snapshot copy targets of us-east-1: received 4 target Regions (us-west-2, eu-west-1, eu-central-1, ap-southeast-2); expected at most 3: Data Lifecycle Manager allows 3 cross-Region copy rules per schedule',
    );
    expect(snapshotCopyTargets('us-east-1', SIX, { 'us-east-1': SIX.slice(1, 4) })['us-east-1']).toEqual(SIX.slice(1, 4));
  });

  test('one Region: any target is refused, saying there is no other Region', () => {
    expect(copyTargetProblem('us-east-1', ['us-east-1'], ['us-east-1'])).toBe(
      'received "us-east-1"; expected no target: us-east-1 is the only configured Region, so its snapshots have no other Region to go to',
    );
    expect(snapshotCopyTargets('us-east-1', ['us-east-1'], { 'us-east-1': [] })).toEqual({ 'us-east-1': [] });
  });
});

describe('snapshotCopySources', () => {
  test('the Regions that copy into a Region', () => {
    const targets = defaultSnapshotCopyTargets('us-east-1', SIX);
    expect(snapshotCopySources(targets, 'us-east-1')).toEqual(SIX.slice(1));
    expect(snapshotCopySources(targets, 'us-west-2')).toEqual(['us-east-1']);
    expect(snapshotCopySources(targets, 'eu-west-1')).toEqual([]);
  });
});
