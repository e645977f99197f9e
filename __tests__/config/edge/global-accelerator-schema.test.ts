import { globalAcceleratorSchema } from '../../../src/config/edge/global-accelerator-schema';
import { recoveryControlSchema } from '../../../src/config/edge/recovery-control-schema';

const problemsOf = (schema: typeof globalAcceleratorSchema | typeof recoveryControlSchema, input: unknown): string[] => {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) =>
    issue.code === 'invalid_key' ? issue.issues.map((inner) => `${issue.path.join('.')}: ${inner.message}`) : [`${issue.path.join('.')}: ${issue.message}`],
  );
};

describe('edge.globalAccelerator schema', () => {
  test('off by default, every Region at 100, no flow logs', () => {
    expect(globalAcceleratorSchema.parse(undefined)).toEqual({ enable: false, trafficDial: {} });
  });

  test('values kept; flow log prefix defaulted', () => {
    expect(globalAcceleratorSchema.parse({ enable: true, trafficDial: { 'eu-west-1': 0, 'us-east-1': 100 }, flowLogs: { bucket: 'acme-ga-logs' } })).toEqual({
      enable: true,
      trafficDial: { 'eu-west-1': 0, 'us-east-1': 100 },
      flowLogs: { bucket: 'acme-ga-logs', prefix: 'global-accelerator/' },
    });
  });

  test('traffic dials are integers from 0 to 100 for Region names', () => {
    const rule = 'expected an integer from 0 to 100 (percent of the traffic for this Region that its endpoint group takes; 0 drains it)';
    expect(problemsOf(globalAcceleratorSchema, { trafficDial: { 'eu-west-1': 101 } })).toEqual([`trafficDial.eu-west-1: ${rule}`]);
    expect(problemsOf(globalAcceleratorSchema, { trafficDial: { 'eu-west-1': 12.5 } })).toEqual([`trafficDial.eu-west-1: ${rule}`]);
    expect(problemsOf(globalAcceleratorSchema, { trafficDial: { 'eu-west-1': '50' } })).toEqual([`trafficDial.eu-west-1: ${rule}`]);
    expect(problemsOf(globalAcceleratorSchema, { trafficDial: { Ireland: 50 } })).toEqual(['trafficDial.Ireland: expected an AWS Region name such as eu-west-1']);
    expect(problemsOf(globalAcceleratorSchema, { flowLogs: { bucket: 'Bad_Bucket' } })).toEqual([expect.stringMatching(/^flowLogs.bucket: expected the name of an existing S3 bucket/)]);
    expect(problemsOf(globalAcceleratorSchema, { enable: 'yes' })).toEqual(['enable: expected true or false']);
  });
});

describe('edge.recoveryControl schema', () => {
  test('off by default (a cluster is billed by the hour), safety rule waits 5 s', () => {
    expect(recoveryControlSchema.parse(undefined)).toEqual({ enable: false, safetyRuleWaitPeriodMs: 5000 });
    expect(recoveryControlSchema.parse({ enable: true, safetyRuleWaitPeriodMs: 0 })).toEqual({ enable: true, safetyRuleWaitPeriodMs: 0 });
  });

  test('bad values', () => {
    expect(problemsOf(recoveryControlSchema, { safetyRuleWaitPeriodMs: -5 })).toEqual([expect.stringMatching(/^safetyRuleWaitPeriodMs: expected an integer of 0 or more/)]);
    expect(problemsOf(recoveryControlSchema, { enabled: true })).toHaveLength(1);
  });
});
