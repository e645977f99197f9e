import { KMSClient } from '@aws-sdk/client-kms';
import { testConfig } from '../../helpers/synth';
import { FoundationConfig } from '../../../src/config/validate';
import { breakKey, emulatorCaller, judgeReadiness, readinessPhase, restoreKey } from '../../../scripts/readiness/e2e-readiness';
import { Report } from '../../../scripts/readiness/readiness-lib';
import { readyWorld, stubCaller } from './stub-aws';

let config: FoundationConfig;
beforeAll(() => {
  config = testConfig({
    regions: [
      { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
      { name: 'us-west-2', vpcCidr: '10.20.0.0/16' },
      { name: 'eu-west-1', vpcCidr: '10.30.0.0/16' },
    ],
  });
});

const options = { concurrency: 4, timeoutSeconds: 5 };

describe('readinessPhase', () => {
  test('after deploy: ready, and the lines hold the table', async () => {
    const result = await readinessPhase(config, { kind: 'ready' }, stubCaller(readyWorld(config)).call, options);
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.lines[0]).toMatch(/^check\s+us-east-1\s+us-west-2\s+eu-west-1\s+total/);
  });

  test('after deleting a replica key: that Region\'s key row is red, named; the phase passes', async () => {
    const world = readyWorld(config);
    world.keys['eu-west-1']!.KeyState = 'PendingDeletion';
    const result = await readinessPhase(config, { kind: 'broken', check: 'kms-key', region: 'eu-west-1' }, stubCaller(world).call, options);
    expect(result.failures).toEqual([]);
    expect(result.lines).toContainEqual(expect.stringMatching(/^FAIL {2}multi-Region key \[eu-west-1\]: .*PendingDeletion$/));
  });

  test('a break that readiness does not see fails the phase, saying so', async () => {
    const result = await readinessPhase(config, { kind: 'broken', check: 'kms-key', region: 'eu-west-1' }, stubCaller(readyWorld(config)).call, options);
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual(['expected check kms-key to fail in eu-west-1 after the break; it did not (everything passed)']);
  });

  test('expecting ready, any red cell fails the phase, naming check and Region', async () => {
    const world = readyWorld(config);
    world.secrets['third-party/example-api-key'].ReplicationStatus.pop();
    const result = await readinessPhase(config, { kind: 'ready' }, stubCaller(world).call, options);
    expect(result.failures).toEqual(['expected ready, got secret third-party/example-api-key [eu-west-1]: fail: third-party/example-api-key is not replicated to eu-west-1']);
  });
});

describe('judgeReadiness', () => {
  const report = (cells: Record<string, Record<string, { status: 'pass' | 'fail' | 'n/a' | 'error'; detail?: string }>>): Report => ({
    regions: ['us-east-1', 'eu-west-1'],
    rows: Object.entries(cells).map(([id, c]) => ({ id, label: id, cells: c })),
  });

  test('a per-item row matches its check id; other checks may fail in the broken Region', () => {
    const broken = report({
      'kms-key': { 'us-east-1': { status: 'pass' }, 'eu-west-1': { status: 'fail', detail: 'PendingDeletion' } },
      'secrets:app/db': { 'us-east-1': { status: 'pass' }, 'eu-west-1': { status: 'fail', detail: 'on a key pending deletion' } },
    });
    expect(judgeReadiness(broken, { kind: 'broken', check: 'kms-key', region: 'eu-west-1' })).toEqual([]);
    expect(judgeReadiness(broken, { kind: 'broken', check: 'secrets', region: 'eu-west-1' })).toEqual([]);
  });

  test('red in another Region, or an error anywhere, is unexpected', () => {
    const spread = report({
      'kms-key': { 'us-east-1': { status: 'fail', detail: 'x' }, 'eu-west-1': { status: 'fail', detail: 'PendingDeletion' } },
      dlm: { 'us-east-1': { status: 'pass' }, 'eu-west-1': { status: 'error', detail: 'eu-west-1: dlm:GetLifecyclePolicies failed: boom' } },
    });
    expect(judgeReadiness(spread, { kind: 'broken', check: 'kms-key', region: 'eu-west-1' })).toEqual([
      'unexpected after breaking kms-key in eu-west-1: kms-key [us-east-1]: fail: x',
      'unexpected after breaking kms-key in eu-west-1: dlm [eu-west-1]: error: eu-west-1: dlm:GetLifecyclePolicies failed: boom',
    ]);
  });
});

describe('the break and its undoing', () => {
  test('schedule deletion of the key behind the alias (7 days), then cancel and enable it', async () => {
    const sent: Array<{ name: string; input: any }> = [];
    const kms = { send: async (command: any) => (sent.push({ name: command.constructor.name, input: command.input }), { KeyMetadata: { KeyId: 'mrk-1' } }) } as unknown as KMSClient;
    const keyId = await breakKey(kms, 'alias/foundation');
    await restoreKey(kms, keyId);
    expect(sent).toEqual([
      { name: 'DescribeKeyCommand', input: { KeyId: 'alias/foundation' } },
      { name: 'ScheduleKeyDeletionCommand', input: { KeyId: 'mrk-1', PendingWindowInDays: 7 } },
      { name: 'CancelKeyDeletionCommand', input: { KeyId: 'mrk-1' } },
      { name: 'EnableKeyCommand', input: { KeyId: 'mrk-1' } },
    ]);
  });

  test('the emulator caller refuses any endpoint but loopback', () => {
    expect(() => emulatorCaller('https://kms.us-east-1.amazonaws.com')).toThrow('refusing a non-loopback endpoint: https://kms.us-east-1.amazonaws.com');
    emulatorCaller('http://127.0.0.1:4566').close();
  });
});
