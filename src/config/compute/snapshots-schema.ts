import { z } from 'zod';
import { REGION_NAMES, REGION_NAME_PATTERN, isKnownRegion } from '../../aws/regions';
import { MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, RESERVED_TAG_PREFIX, TAG_CHARACTER_CLASS, tagKeyProblem, tagValueProblem } from '../../aws/tags';
import { didYouMean } from '../suggest';

/** Hours between two snapshots that a DLM create rule accepts (CreateRule.Interval with unit HOURS). */
export const DLM_INTERVAL_HOURS = [1, 2, 3, 4, 6, 8, 12, 24] as const;
/** DLM refuses a schedule with more than three cross-Region copy rules. */
export const MAX_COPY_TARGETS = 3;
/** Longest age-based retention DLM accepts: 100 years, in days. */
export const MAX_RETAIN_DAYS = 36500;

/** The tag that marks a volume for backup unless the config names another. */
export const DEFAULT_SNAPSHOT_TARGET_TAG = { key: 'Backup', value: 'daily' } as const;

const INTERVAL_RULE = `expected one of ${DLM_INTERVAL_HOURS.join(', ')} (hours between snapshots that Data Lifecycle Manager accepts)`;
const RETAIN_RULE = `expected an integer from 1 to ${MAX_RETAIN_DAYS} (days; Data Lifecycle Manager keeps snapshots at most 100 years)`;
const START_TIME_RULE = 'expected a UTC time "hh:mm" from "00:00" to "23:59", such as "03:00"';

/** Why `value` is not a Region this project knows, with the nearest names for a near miss. */
function regionProblem(value: string): string | undefined {
  if (isKnownRegion(value)) return undefined;
  const hint = didYouMean(value, REGION_NAMES);
  const shape = REGION_NAME_PATTERN.test(value) ? 'unknown Region' : 'expected an AWS Region name such as eu-west-1';
  return `${shape}${hint ? `; ${hint}` : ''}`;
}

const region = z.string({ error: 'expected a Region name such as "eu-west-1"' }).superRefine((value, ctx) => {
  const problem = regionProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const targetList = z
  .array(region, { error: 'expected a list of Region names such as ["eu-west-1"] ([] = no copy from this Region)' })
  // A refinement, not .max(): zod 4 applies .max() to a string given instead of a list too, which
  // would add a second, misleading problem to "expected a list".
  .refine((list) => list.length <= MAX_COPY_TARGETS, {
    error: `expected at most ${MAX_COPY_TARGETS} target Regions: Data Lifecycle Manager allows ${MAX_COPY_TARGETS} cross-Region copy rules per schedule`,
  })
  .refine((list) => new Set(list).size === list.length, { error: 'expected each target Region once' });

const tagKey = z.string({ error: 'expected a tag key such as "Backup"' }).superRefine((key, ctx) => {
  const problem = tagKeyProblem(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const tagValue = z.string({ error: 'expected a tag value such as "daily"' }).superRefine((value, ctx) => {
  const problem = tagValueProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const targetTag = z.strictObject(
  {
    /** Tag key on the volumes to back up. */
    key: tagKey,
    /** Tag value on the volumes to back up. */
    value: tagValue,
  },
  { error: 'expected an object such as { "key": "Backup", "value": "daily" }' },
);

/**
 * `compute.snapshots`: Data Lifecycle Manager in every Region snapshots the volumes that carry the
 * target tag and copies each snapshot to other Regions, encrypted with that Region's key.
 */
export const snapshotsSchema = z
  .strictObject({
    /** A DLM policy in every Region, its role, and the key grants it needs. @default true */
    enable: z.boolean({ error: 'expected true or false' }).default(true),
    /**
     * Volumes that carry this tag (key and value) are snapshotted. Nothing else is: tag a volume to
     * back it up. DLM refuses two policies of a Region with the same target tag. @default { "key": "Backup", "value": "daily" }
     */
    targetTag: targetTag.default({ ...DEFAULT_SNAPSHOT_TARGET_TAG }),
    /** Hours between two snapshots of a volume: 1, 2, 3, 4, 6, 8, 12 or 24. @default 24 */
    intervalHours: z.literal(DLM_INTERVAL_HOURS, { error: INTERVAL_RULE }).default(24),
    /** UTC time of day ("hh:mm") of the first snapshot of each day; DLM starts within an hour of it. @default "03:00" */
    startTime: z.string({ error: START_TIME_RULE }).regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: START_TIME_RULE }).default('03:00'),
    /** Days a snapshot is kept, in its own Region and as a copy in every target Region. @default 3 */
    retainDays: z
      .number({ error: RETAIN_RULE })
      .int({ error: RETAIN_RULE })
      .min(1, { error: RETAIN_RULE })
      .max(MAX_RETAIN_DAYS, { error: RETAIN_RULE })
      .default(3),
    /**
     * Source Region -> the Regions its snapshots are copied to (at most 3, each a listed Region other
     * than the source; [] = no copy). A listed Region missing here keeps its default.
     * @default every secondary Region copies to the primary, the primary to the first secondary in `regions`
     */
    copyTargets: z.record(region, targetList, { error: 'expected an object of Region names to lists of Region names, such as { "us-east-1": ["eu-west-1"] }' }).optional(),
  })
  .prefault({});

export type SnapshotsInput = z.input<typeof snapshotsSchema>;
export type SnapshotsConfig = z.output<typeof snapshotsSchema>;

/**
 * What the refinements above check but JSON Schema cannot say, for config/schema.json: the lead adds
 * these entries to `editorHints()` in scripts/write-schema.ts (the Region names are enums there).
 */
export function snapshotsEditorHints(): Array<[z.ZodType, Record<string, unknown>]> {
  return [
    [region, { enum: [...REGION_NAMES] }],
    [targetList, { maxItems: MAX_COPY_TARGETS }],
    [tagKey, { pattern: `^(?!${RESERVED_TAG_PREFIX})${TAG_CHARACTER_CLASS}{1,${MAX_TAG_KEY_LENGTH}}$` }],
    [tagValue, { pattern: `^(?!${RESERVED_TAG_PREFIX})${TAG_CHARACTER_CLASS}*$`, maxLength: MAX_TAG_VALUE_LENGTH }],
  ];
}
