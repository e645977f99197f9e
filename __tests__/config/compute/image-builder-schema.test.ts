import { z } from 'zod';
import {
  DEFAULT_BUILD_SCHEDULE,
  DEFAULT_PARENT_IMAGE_PARAMETER,
  cronDayFieldsValid,
  imageBuilderSchema,
} from '../../../src/config/compute/image-builder-schema';
import { imageBuilderCrossChecks } from '../../../src/config/compute/image-builder-cross-checks';
import { formatProblem } from '../../../src/config/errors';

/** Every issue of a parse as "path: message". */
function issues(input: unknown): string[] {
  const result = imageBuilderSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('compute.imageBuilder schema', () => {
  test('an absent section is the whole default layer', () => {
    expect(imageBuilderSchema.parse(undefined)).toEqual({
      enable: true,
      parentImageSsmParameter: DEFAULT_PARENT_IMAGE_PARAMETER,
      instanceTypes: ['t3.small'],
      schedule: DEFAULT_BUILD_SCHEDULE,
      keepLatest: 3,
      rootVolumeSizeGb: 8,
      vpcEndpoints: true,
    });
    expect(DEFAULT_PARENT_IMAGE_PARAMETER).toBe('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
  });

  test('accepts a full valid section as given', () => {
    const section = {
      enable: false,
      parentImageSsmParameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
      instanceTypes: ['t4g.small', 'm7g.large'],
      schedule: 'cron(30 1 1 * ? *)',
      keepLatest: 10,
      rootVolumeSizeGb: 30,
      vpcEndpoints: false,
    };
    expect(imageBuilderSchema.parse(section)).toEqual(section);
  });

  test.each([
    ['cron(0 3 ? * sun *)', true],
    ['cron(0 3 ? * MON-FRI *)', true],
    ['cron(15 */6 * * ? *)', true],
    ['cron(0 0 1,15 * ? 2027)', true],
    ['cron(0 3 L * ? *)', true],
    ['cron(0 3 ? * 6#3 *)', true],
    ['cron(0 3 * * * *)', false], // neither day field is "?"
    ['cron(0 3 ? * ? *)', false], // both are
    ['cron(0 3 ? * sun)', false], // five fields
    ['rate(7 days)', false], // Image Builder schedules only cron
    ['0 3 ? * sun *', false],
  ])('schedule %p valid: %p', (schedule, valid) => {
    expect(issues({ schedule }).length === 0).toBe(valid);
    if (!valid) expect(issues({ schedule })).toEqual([expect.stringContaining('schedule: expected an Image Builder cron expression')]);
  });

  test('cronDayFieldsValid needs exactly one "?" of day-of-month and day-of-week', () => {
    expect(cronDayFieldsValid('cron(0 3 ? * sun *)')).toBe(true);
    expect(cronDayFieldsValid('cron(0 3 1 * ? *)')).toBe(true);
    expect(cronDayFieldsValid('cron(0 3 1 * sun *)')).toBe(false);
    expect(cronDayFieldsValid('not cron')).toBe(false);
  });

  test.each([
    [{ parentImageSsmParameter: 'ami-0123456789abcdef0' }, 'parentImageSsmParameter: expected the name of an AWS public SSM parameter that holds an AMI id, under /aws/service/'],
    [{ parentImageSsmParameter: '/my/own/base-ami' }, 'parentImageSsmParameter: expected the name of an AWS public SSM parameter'],
    [{ parentImageSsmParameter: '/aws/service/' }, 'parentImageSsmParameter: expected the name of an AWS public SSM parameter'],
    [{ instanceTypes: [] }, 'instanceTypes: expected at least one instance type (set enable to false to turn the pipeline off)'],
    [{ instanceTypes: ['t3.small', 't3.small'] }, 'instanceTypes: expected each instance type once'],
    [{ instanceTypes: ['t3'] }, 'instanceTypes.0: expected EC2 instance type names such as "t3.small"'],
    [{ instanceTypes: 't3.small' }, 'instanceTypes: expected a list of EC2 instance type names'],
    [{ keepLatest: 0 }, 'keepLatest: expected an integer from 1 to 1000'],
    [{ keepLatest: 2.5 }, 'keepLatest: expected an integer from 1 to 1000'],
    [{ keepLatest: '3' }, 'keepLatest: expected an integer from 1 to 1000'],
    [{ rootVolumeSizeGb: 4 }, 'rootVolumeSizeGb: expected an integer from 8 to 16384 (GiB); the Amazon Linux 2023 root snapshot alone is 8 GiB'],
    [{ rootVolumeSizeGb: 20000 }, 'rootVolumeSizeGb: expected an integer from 8 to 16384 (GiB), the gp3 maximum'],
    [{ enable: 'yes' }, 'enable: expected true or false'],
    [{ vpcEndpoints: 1 }, 'vpcEndpoints: expected true or false'],
  ])('%p is refused with what is allowed', (input, message) => {
    expect(issues(input)).toEqual([expect.stringContaining(message)]);
  });

  test('unknown keys are refused', () => {
    const result = imageBuilderSchema.safeParse({ keeplatest: 3 });
    expect(result.success).toBe(false);
    expect((result as z.ZodSafeParseError<unknown>).error.issues[0].code).toBe('unrecognized_keys');
  });
});

describe('imageBuilderCrossChecks (proposed for src/config/cross-checks.ts)', () => {
  const config = (imageBuilder: unknown, network: unknown = {}) => ({ network, compute: { imageBuilder } });

  test('the minimal config builds through the VPC endpoints', () => {
    expect(imageBuilderCrossChecks({})).toEqual([]);
    expect(imageBuilderCrossChecks(config({}))).toEqual([]);
  });

  test('endpoints off builds through NAT when NAT is on', () => {
    expect(imageBuilderCrossChecks(config({ vpcEndpoints: false }, { enableNatGateway: true }))).toEqual([]);
  });

  test('endpoints off is fine when the pipeline is off', () => {
    expect(imageBuilderCrossChecks(config({ enable: false, vpcEndpoints: false }))).toEqual([]);
  });

  test('endpoints off without NAT is refused, naming both ways out', () => {
    const problems = imageBuilderCrossChecks(config({ vpcEndpoints: false }, { enableNatGateway: false }));
    expect(problems.map(formatProblem)).toEqual([
      'compute.imageBuilder.vpcEndpoints: received false; the build instance runs in a private subnet without a public IP and network.enableNatGateway is false, so it could reach neither Systems Manager nor the package repositories and every build would fail; expected true, or set network.enableNatGateway to true, or compute.imageBuilder.enable to false',
    ]);
    // The same when NAT is merely left at its default.
    expect(imageBuilderCrossChecks(config({ vpcEndpoints: false }, {}))).toHaveLength(1);
  });
});
