import { z } from 'zod';
import { DEFAULT_SNAPSHOT_TARGET_TAG, DLM_INTERVAL_HOURS, MAX_RETAIN_DAYS, snapshotsEditorHints, snapshotsSchema } from '../../../src/config/compute/snapshots-schema';
import { REGION_NAMES } from '../../../src/aws/regions';

/** The problems of one parse as "path: message", the way the config error prints them. */
function problems(input: unknown): string[] {
  const result = snapshotsSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('compute.snapshots schema', () => {
  test('an absent section is the whole default: on, Backup=daily, every 24 h from 03:00, kept 3 days, default copy targets', () => {
    expect(snapshotsSchema.parse(undefined)).toEqual({
      enable: true,
      targetTag: { key: 'Backup', value: 'daily' },
      intervalHours: 24,
      startTime: '03:00',
      retainDays: 3,
    });
    expect(snapshotsSchema.parse({})).toEqual(snapshotsSchema.parse(undefined));
    expect(DEFAULT_SNAPSHOT_TARGET_TAG).toEqual({ key: 'Backup', value: 'daily' });
  });

  test('every value given is kept', () => {
    const input = {
      enable: false,
      targetTag: { key: 'backup:policy', value: 'hourly' },
      intervalHours: 6,
      startTime: '23:59',
      retainDays: 14,
      copyTargets: { 'us-east-1': ['eu-west-1', 'us-west-2', 'ap-southeast-2'], 'eu-west-1': [] },
    };
    expect(snapshotsSchema.parse(input)).toEqual(input);
  });

  test.each(DLM_INTERVAL_HOURS)('intervalHours %p is accepted', (hours) => {
    expect(snapshotsSchema.parse({ intervalHours: hours }).intervalHours).toBe(hours);
  });

  test.each([0, 5, 7, 48, 24.5, '24'])('intervalHours %p is refused with the hours DLM accepts', (hours) => {
    expect(problems({ intervalHours: hours })).toEqual([
      'intervalHours: expected one of 1, 2, 3, 4, 6, 8, 12, 24 (hours between snapshots that Data Lifecycle Manager accepts)',
    ]);
  });

  test.each([1, 3, MAX_RETAIN_DAYS])('retainDays %p is accepted', (days) => {
    expect(snapshotsSchema.parse({ retainDays: days }).retainDays).toBe(days);
  });

  test.each([0, -3, 1.5, MAX_RETAIN_DAYS + 1, '3'])('retainDays %p is refused with the range', (days) => {
    expect(problems({ retainDays: days })).toEqual([
      'retainDays: expected an integer from 1 to 36500 (days; Data Lifecycle Manager keeps snapshots at most 100 years)',
    ]);
  });

  test.each(['3:00', '24:00', '03:60', '0300', 'noon', 3])('startTime %p is refused with the format', (time) => {
    expect(problems({ startTime: time })).toEqual(['startTime: expected a UTC time "hh:mm" from "00:00" to "23:59", such as "03:00"']);
  });

  describe('targetTag', () => {
    test('key and value follow AWS tag rules', () => {
      expect(problems({ targetTag: { key: 'aws:backup', value: 'daily' } })).toEqual([
        'targetTag.key: the prefix "aws:" (in any case) is reserved for AWS; expected a key without it',
      ]);
      expect(problems({ targetTag: { key: 'Backup', value: 'a'.repeat(257) } })).toEqual([
        'targetTag.value: expected a tag value of at most 256 characters (this one has 257)',
      ]);
      expect(problems({ targetTag: { key: '', value: 'daily' } })).toEqual(['targetTag.key: expected a tag key of 1-128 characters (this one has 0)']);
      expect(problems({ targetTag: { key: 'Back#up', value: 'daily' } })[0]).toMatch(/^targetTag.key: "#" \(U\+0023\) is not allowed in a tag key/);
    });

    test('both key and value are required, and nothing else is accepted', () => {
      expect(problems({ targetTag: { key: 'Backup' } })).toEqual(['targetTag.value: expected a tag value such as "daily"']);
      // The config loader words unrecognized_keys itself (with the allowed keys and a suggestion).
      const extra = snapshotsSchema.safeParse({ targetTag: { key: 'Backup', value: 'daily', values: ['x'] } });
      expect(extra.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['values'], path: ['targetTag'] })]);
      expect(problems({ targetTag: 'Backup=daily' })).toEqual(['targetTag: expected an object such as { "key": "Backup", "value": "daily" }']);
    });
  });

  describe('copyTargets', () => {
    test('more than 3 targets is refused with the DLM limit', () => {
      expect(problems({ copyTargets: { 'us-east-1': ['eu-west-1', 'us-west-2', 'ap-southeast-2', 'eu-central-1'] } })).toEqual([
        'copyTargets.us-east-1: expected at most 3 target Regions: Data Lifecycle Manager allows 3 cross-Region copy rules per schedule',
      ]);
    });

    test('a target listed twice is refused', () => {
      expect(problems({ copyTargets: { 'us-east-1': ['eu-west-1', 'eu-west-1'] } })).toEqual(['copyTargets.us-east-1: expected each target Region once']);
    });

    test('a misspelt target or source names the nearest Region', () => {
      expect(problems({ copyTargets: { 'us-east-1': ['eu-wets-1'] } })).toEqual(['copyTargets.us-east-1.0: unknown Region; did you mean "eu-west-1"?']);
      expect(problems({ copyTargets: { 'us-east-1': ['eu-west-l'] } })).toEqual([
        'copyTargets.us-east-1.0: expected an AWS Region name such as eu-west-1; did you mean "eu-west-1"?',
      ]);
      expect(problems({ copyTargets: { 'us-east-1': ['Ireland'] } })).toEqual(['copyTargets.us-east-1.0: expected an AWS Region name such as eu-west-1']);
      const source = snapshotsSchema.safeParse({ copyTargets: { 'us-east-l': ['eu-west-1'] } });
      expect(source.success).toBe(false);
      const keyIssue = source.error!.issues[0] as z.core.$ZodIssueInvalidKey;
      expect(keyIssue.code).toBe('invalid_key');
      expect(keyIssue.issues.map((i) => i.message)).toEqual(['expected an AWS Region name such as eu-west-1; did you mean "us-east-1"?']);
    });

    test('a list is required for each source; [] means no copy', () => {
      expect(snapshotsSchema.parse({ copyTargets: { 'eu-west-1': [] } }).copyTargets).toEqual({ 'eu-west-1': [] });
      expect(problems({ copyTargets: { 'eu-west-1': 'us-east-1' } })).toEqual([
        'copyTargets.eu-west-1: expected a list of Region names such as ["eu-west-1"] ([] = no copy from this Region)',
      ]);
      expect(problems({ copyTargets: ['us-east-1'] })).toEqual([
        'copyTargets: expected an object of Region names to lists of Region names, such as { "us-east-1": ["eu-west-1"] }',
      ]);
    });
  });

  test('unknown keys are refused (a misspelt key must not pass silently)', () => {
    expect(snapshotsSchema.safeParse({ retentionDays: 3 }).error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['retentionDays'] })]);
  });

  test('enable must be a boolean', () => {
    expect(problems({ enable: 'yes' })).toEqual(['enable: expected true or false']);
  });

  test('the editor hints give config/schema.json the Region names and tag patterns the refinements check', () => {
    const hints = new Map(snapshotsEditorHints());
    const json = z.toJSONSchema(snapshotsSchema, {
      io: 'input',
      override: ({ zodSchema, jsonSchema }) => {
        const hint = hints.get(zodSchema as unknown as z.ZodType);
        if (hint) Object.assign(jsonSchema, hint);
      },
    }) as any;
    const copyTargets = json.properties.copyTargets;
    expect(copyTargets.propertyNames.enum).toEqual([...REGION_NAMES]);
    expect(copyTargets.additionalProperties.items.enum).toEqual([...REGION_NAMES]);
    expect(copyTargets.additionalProperties.maxItems).toBe(3);
    expect(json.properties.intervalHours.enum).toEqual([...DLM_INTERVAL_HOURS]);
    const key = new RegExp(json.properties.targetTag.properties.key.pattern, 'u');
    expect(key.test('Backup')).toBe(true);
    expect(key.test('aws:backup')).toBe(false);
    const value = json.properties.targetTag.properties.value;
    expect(new RegExp(value.pattern, 'u').test('')).toBe(true);
    expect(value.maxLength).toBe(256);
    expect(new RegExp(json.properties.startTime.pattern).test('03:00')).toBe(true);
  });
});
