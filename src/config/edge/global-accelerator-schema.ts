import { z } from 'zod';
import { REGION_NAMES, REGION_NAME_PATTERN, isKnownRegion } from '../../aws/regions';
import { didYouMean } from '../suggest';

const DIAL_RULE = 'expected an integer from 0 to 100 (percent of the traffic for this Region that its endpoint group takes; 0 drains it)';
const BUCKET_RULE = 'expected the name of an existing S3 bucket such as "acme-ga-flow-logs" (3-63 lower-case letters, digits, "." and "-")';
const PREFIX_RULE = 'expected an S3 key prefix without a leading "/", such as "global-accelerator/"';

const region = z.string().superRefine((value, ctx) => {
  if (isKnownRegion(value)) return;
  const hint = didYouMean(value, REGION_NAMES);
  const shape = REGION_NAME_PATTERN.test(value) ? 'unknown Region' : 'expected an AWS Region name such as eu-west-1';
  ctx.addIssue({ code: 'custom', message: `${shape}${hint ? `; ${hint}` : ''}` });
});

export const trafficDialSchema = z.number({ error: DIAL_RULE }).int({ error: DIAL_RULE }).min(0, { error: DIAL_RULE }).max(100, { error: DIAL_RULE });

/**
 * `edge.globalAccelerator` (issue 10 item 5): two static anycast IPv4 addresses in front of every
 * Region's load balancer. Costs a fixed hourly fee per accelerator plus data transfer premium.
 */
export const globalAcceleratorSchema = z
  .strictObject({
    /** An accelerator with one endpoint group per Region. @default false */
    enable: z.boolean({ error: 'expected true or false' }).default(false),
    /** Region -> percent of that Region's share of traffic it takes (0-100); a listed Region missing here takes 100. @default {} */
    trafficDial: z.record(region, trafficDialSchema, { error: 'expected an object of Region names to percentages, such as { "eu-west-1": 50 }' }).default({}),
    /** Flow logs to an existing bucket that allows delivery by the log service (not created here). @default none */
    flowLogs: z
      .strictObject({
        bucket: z.string({ error: BUCKET_RULE }).regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: BUCKET_RULE }),
        /** @default "global-accelerator/" */
        prefix: z.string({ error: PREFIX_RULE }).regex(/^(?!\/)[\x21-\x7e]{0,512}$/, { error: PREFIX_RULE }).default('global-accelerator/'),
      })
      .optional(),
  })
  .prefault({});

export type GlobalAcceleratorConfig = z.output<typeof globalAcceleratorSchema>;
