import { parseArgs } from '../../../scripts/dr/dr-args';
import { UsageError } from '../../../scripts/lib/cli';

const regions = ['us-east-1', 'us-west-2'];

describe('npm run dr arguments', () => {
  test('promote with its options', () => {
    expect(parseArgs(['promote', 'us-west-2', '--dry-run', '--json', '--timeout', '10'], regions)).toEqual({
      kind: 'promote',
      target: 'us-west-2',
      dryRun: true,
      json: true,
      timeoutSeconds: 10,
      arcEndpointsFile: undefined,
      arcEndpoints: [],
    });
  });

  test('status, with ARC endpoints given one by one', () => {
    expect(parseArgs(['status', '--arc-endpoint', 'us-west-2=https://host.us-west-2.example.aws/v1'], regions)).toMatchObject({
      kind: 'status',
      json: false,
      arcEndpoints: [{ region: 'us-west-2', endpoint: 'https://host.us-west-2.example.aws/v1' }],
    });
  });

  test('no arguments or --help: the usage', () => {
    expect(parseArgs([], regions)).toEqual({ kind: 'help' });
    expect(parseArgs(['promote', '--help'], regions)).toEqual({ kind: 'help' });
  });

  test.each([
    [['failover'], 'unknown command "failover"; expected "promote <region>" or "status"'],
    [['promote'], 'promote needs a Region; expected one of the configured Regions us-east-1, us-west-2'],
    [['promote', 'eu-west-1'], 'promote: received Region "eu-west-1"; expected one of the configured Regions us-east-1, us-west-2'],
    [['promote', 'us-west-2', 'us-east-1'], 'unexpected argument "us-east-1"; expected one Region'],
    [['promote', 'us-west-2', '--force'], 'unknown option --force'],
    [['status', '--dry-run'], 'unknown option --dry-run for status (it only reads)'],
    [['status', 'us-west-2'], 'unexpected argument "us-west-2"; status takes options only'],
    [['status', '--timeout', '0'], '--timeout: received "0"; expected an integer from 1 to 600'],
    [['status', '--arc-endpoints-file'], '--arc-endpoints-file needs a value'],
    [['status', '--arc-endpoint', 'west=http://x'], '--arc-endpoint: received "west=http://x"; expected <region>=<https url>'],
    [['status', '--arc-endpoints-file', 'f.json', '--arc-endpoint', 'us-west-2=https://h/v1'], 'give either --arc-endpoints-file or --arc-endpoint, not both'],
  ])('%j is a usage error: %s', (argv, message) => {
    let caught: unknown;
    try {
      parseArgs(argv, regions);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toContain(message);
  });
});
