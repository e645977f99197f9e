import { validateConfig } from '../../../src/config/validate';
import { stateReplicaCrossChecks, stateReplicaRegionOf } from '../../../src/config/state/replica-region';
import { BASE_CONFIG } from '../../helpers/synth';
import { problemsOf } from '../../helpers/config-files';

const ONE_REGION = { ...BASE_CONFIG, regions: [{ name: 'us-east-1', vpcCidr: '10.10.0.0/16' }] };
const THREE_REGIONS = {
  ...BASE_CONFIG,
  regions: [
    { name: 'us-west-2', vpcCidr: '10.10.0.0/16' },
    { name: 'us-east-1', vpcCidr: '10.20.0.0/16' },
    { name: 'eu-west-1', vpcCidr: '10.30.0.0/16' },
  ],
  primaryRegion: 'us-west-2',
};


describe('state.replicaRegion', () => {
  test('defaults to the first listed Region other than state.region, in regions order', () => {
    expect(validateConfig(BASE_CONFIG).state.replicaRegion).toBe('eu-west-1');
    // state.region is us-east-1, listed second: the first other one is us-west-2, not the primary's neighbour.
    expect(validateConfig(THREE_REGIONS).state.replicaRegion).toBe('us-west-2');
  });

  test('keeps an explicit Region, listed or not', () => {
    expect(validateConfig({ ...BASE_CONFIG, state: { ...BASE_CONFIG.state, replicaRegion: 'eu-central-1' } }).state.replicaRegion).toBe('eu-central-1');
    expect(validateConfig({ ...ONE_REGION, state: { ...BASE_CONFIG.state, replicaRegion: 'us-west-2' } }).state.replicaRegion).toBe('us-west-2');
  });

  test('a one-Region config without it is an error naming the key and what is allowed', () => {
    expect(problemsOf(ONE_REGION)).toContain(
      'state.replicaRegion: received nothing (the key is required); no listed Region other than state.region (us-east-1) to replicate the state to; expected an AWS Region name other than us-east-1, e.g. "us-west-2"',
    );
  });

  test('the state Region itself is an error', () => {
    expect(problemsOf({ ...BASE_CONFIG, state: { ...BASE_CONFIG.state, replicaRegion: 'us-east-1' } })).toContain(
      'state.replicaRegion: received "us-east-1"; the state cannot be its own replica; expected an AWS Region name other than state.region (us-east-1)',
    );
  });

  test('an unknown Region name is reported by the Region validation, with a hint', () => {
    const message = problemsOf({ ...BASE_CONFIG, state: { ...BASE_CONFIG.state, replicaRegion: 'eu-wset-1' } });
    expect(message).toMatch(/state\.replicaRegion: received "eu-wset-1"; unknown Region; did you mean "eu-west-1"\?.*allowed: .*us-east-1/);
    expect(problemsOf({ ...BASE_CONFIG, state: { ...BASE_CONFIG.state, replicaRegion: 'Europe' } })).toContain(
      'state.replicaRegion: received "Europe"; expected an AWS Region name such as us-east-1',
    );
  });

  test('the cross-check leaves malformed input to the schema', () => {
    expect(stateReplicaCrossChecks({ state: { region: 'nowhere' }, regions: [] })).toEqual([]);
    expect(stateReplicaCrossChecks({ state: { region: 'us-east-1' }, regions: 'x' })).toEqual([]);
    expect(stateReplicaCrossChecks({ state: { region: 'us-east-1', replicaRegion: 'eu-wset-1' }, regions: [] })).toEqual([]);
  });

  test('stateReplicaRegionOf is undefined when nothing is left to choose', () => {
    expect(stateReplicaRegionOf({ regions: [{ name: 'us-east-1' }], state: { region: 'us-east-1' } })).toBeUndefined();
  });
});
