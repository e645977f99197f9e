import { z } from 'zod';
import { REGION_NAMES, REGION_NAME_PATTERN, isKnownRegion } from '../../aws/regions';
import { didYouMean } from '../suggest';
import {
  DEFAULT_FAILOVER_STATUS_CODES,
  DEFAULT_PRICE_CLASS,
  FAILOVER_STATUS_CODES,
  PRICE_CLASSES,
  certificateArnProblem,
} from '../../constructs/edge/static-site-distribution';
import { DEFAULT_NONCURRENT_VERSION_DAYS, MAX_NONCURRENT_VERSION_DAYS } from '../../constructs/edge/static-content-bucket';

const CODES_RULE = `expected a list of distinct HTTP status codes from ${FAILOVER_STATUS_CODES.join(', ')} (the codes CloudFront accepts for origin failover), such as [500, 502, 503, 504]`;
const PRICE_RULE = `expected one of ${PRICE_CLASSES.map((p) => `"${p}"`).join(', ')}`;
const DAYS_RULE = `expected an integer from 1 to ${MAX_NONCURRENT_VERSION_DAYS} (days)`;
const CERT_RULE = 'expected the ARN of an ACM certificate in us-east-1, such as "arn:aws:acm:us-east-1:123456789012:certificate/<id>"';

const statusCode = z.literal(FAILOVER_STATUS_CODES, { error: CODES_RULE });

const failoverStatusCodes = z
  .array(statusCode, { error: CODES_RULE })
  .refine((list) => list.length > 0, { error: CODES_RULE })
  .refine((list) => new Set(list).size === list.length, { error: 'expected each status code once' });

const certificateArn = z.string({ error: CERT_RULE }).superRefine((value, ctx) => {
  const problem = certificateArnProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * `edge.cloudfront`: the static content distribution and its buckets (issue 10 items 2 and 3).
 */
export const cloudfrontSchema = z
  .strictObject({
    /** Status codes from the primary bucket that make CloudFront retry on the failover bucket. @default [500, 502, 503, 504] */
    failoverStatusCodes: failoverStatusCodes.default([...DEFAULT_FAILOVER_STATUS_CODES] as Array<(typeof FAILOVER_STATUS_CODES)[number]>),
    /** Edge locations served: "PriceClass_100" (North America, Europe, Israel), "PriceClass_200", "PriceClass_All". @default "PriceClass_100" */
    priceClass: z.enum(PRICE_CLASSES, { error: PRICE_RULE }).default(DEFAULT_PRICE_CLASS),
    /**
     * ACM certificate (us-east-1) of the custom domain the distribution answers on. @default none:
     * the distribution's *.cloudfront.net name with CloudFront's default certificate
     */
    certificateArn: certificateArn.optional(),
    /** Days S3 keeps a replaced or deleted version of a static object (in both buckets). @default 30 */
    noncurrentVersionExpirationDays: z
      .number({ error: DAYS_RULE })
      .int({ error: DAYS_RULE })
      .min(1, { error: DAYS_RULE })
      .max(MAX_NONCURRENT_VERSION_DAYS, { error: DAYS_RULE })
      .default(DEFAULT_NONCURRENT_VERSION_DAYS),
  })
  .prefault({});

export type CloudfrontInput = z.input<typeof cloudfrontSchema>;
export type CloudfrontConfig = z.output<typeof cloudfrontSchema>;

/**
 * `edge.failoverRegion`: the Region of the failover bucket. Only its shape here; that it is a listed
 * Region other than the primary is `failoverRegionCrossChecks`. @default the first listed Region after the primary
 */
const failoverRegion = z
  .string({ error: 'expected a Region name such as "eu-west-1"' })
  .superRefine((value, ctx) => {
    if (isKnownRegion(value)) return;
    const hint = didYouMean(value, REGION_NAMES);
    const shape = REGION_NAME_PATTERN.test(value) ? 'unknown Region' : 'expected an AWS Region name such as eu-west-1';
    ctx.addIssue({ code: 'custom', message: `${shape}${hint ? `; ${hint}` : ''}` });
  });

export const failoverRegionSchema = failoverRegion.optional();

/** For config/schema.json (scripts/write-schema.ts `editorHints()`): what the refinements check. */
export function cloudfrontEditorHints(): Array<[z.ZodType, Record<string, unknown>]> {
  return [
    [failoverStatusCodes, { minItems: 1, uniqueItems: true }],
    [failoverRegion, { enum: [...REGION_NAMES] }],
    [certificateArn, { pattern: '^arn:aws[a-z-]*:acm:us-east-1:\\d{12}:certificate/[0-9a-f-]+$' }],
  ];
}
