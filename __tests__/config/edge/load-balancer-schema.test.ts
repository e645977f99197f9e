import { loadBalancerSchema } from '../../../src/config/edge/load-balancer-schema';
import { RegionalEntryPoint } from '../../../src/constructs/edge/regional-entry-point';
import { synthConstruct } from '../../helpers/synth';
import { only } from '../../helpers/inspect';

/** The issues of a failed parse as "path: message". */
function problems(input: unknown): string[] {
  const result = loadBalancerSchema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('edge.loadBalancer schema', () => {
  test('an absent section is the whole default: no deletion protection, 60 s idle, defensive desync, logs kept 90 days', () => {
    expect(loadBalancerSchema.parse(undefined)).toEqual({ deletionProtection: false, idleTimeoutSeconds: 60, desyncMitigationMode: 'defensive', accessLogs: { expireAfterDays: 90 } });
    expect(loadBalancerSchema.parse({})).toEqual(loadBalancerSchema.parse(undefined));
    expect(loadBalancerSchema.parse({ accessLogs: {} }).accessLogs).toEqual({ expireAfterDays: 90 });
  });

  test('keeps what is given and fills the rest', () => {
    expect(loadBalancerSchema.parse({ deletionProtection: true, desyncMitigationMode: 'strictest', accessLogs: { expireAfterDays: 365 } })).toEqual({
      deletionProtection: true,
      idleTimeoutSeconds: 60,
      desyncMitigationMode: 'strictest',
      accessLogs: { expireAfterDays: 365 },
    });
    expect(loadBalancerSchema.parse({ idleTimeoutSeconds: 4000 }).idleTimeoutSeconds).toBe(4000);
    expect(loadBalancerSchema.parse({ idleTimeoutSeconds: 1 }).idleTimeoutSeconds).toBe(1);
  });

  test.each([
    [{ deletionProtection: 'yes' }, ['deletionProtection: expected true or false']],
    [{ idleTimeoutSeconds: 0 }, ['idleTimeoutSeconds: expected an integer from 1 to 4000']],
    [{ idleTimeoutSeconds: 4001 }, ['idleTimeoutSeconds: expected an integer from 1 to 4000']],
    [{ idleTimeoutSeconds: 1.5 }, ['idleTimeoutSeconds: expected an integer from 1 to 4000']],
    [{ idleTimeoutSeconds: '60' }, ['idleTimeoutSeconds: expected an integer from 1 to 4000']],
    [{ desyncMitigationMode: 'monitor' }, ['desyncMitigationMode: expected one of "defensive", "strictest"']],
    [{ accessLogs: { expireAfterDays: 0 } }, ['accessLogs.expireAfterDays: expected an integer from 1 to 3650']],
    [{ accessLogs: { expireAfterDays: 3651 } }, ['accessLogs.expireAfterDays: expected an integer from 1 to 3650']],
  ])('refuses %j naming the key and what is allowed', (input, expected) => {
    expect(problems(input)).toEqual(expected);
  });

  test('unknown keys are errors, at any depth', () => {
    expect(problems({ deletionProtecton: true }).join('\n')).toMatch(/deletionProtecton/);
    expect(problems({ accessLogs: { expireDays: 3 } }).join('\n')).toMatch(/expireDays/);
  });

  test('the parsed section is what RegionalEntryPoint takes: spread into its props as is', () => {
    const settings = loadBalancerSchema.parse({ deletionProtection: true, idleTimeoutSeconds: 120, accessLogs: { expireAfterDays: 30 } });
    const stack = synthConstruct(
      (scope) =>
        new RegionalEntryPoint(scope, 'entry', {
          ...settings,
          namePrefix: 'acme',
          region: 'us-east-1',
          facts: { account: '123456789012', partition: 'aws' },
          vpcId: 'vpc-0123456789abcdef0',
          vpcCidr: '10.10.0.0/16',
          publicSubnetIds: ['subnet-a', 'subnet-b'],
        }),
    );
    expect(only(stack, 'aws_lb')[1]).toMatchObject({ enable_deletion_protection: true, idle_timeout: 120, desync_mitigation_mode: 'defensive' });
    expect(only(stack, 'aws_s3_bucket_lifecycle_configuration')[1].rule[0].expiration).toEqual([{ days: 30 }]);
  });
});
