import { z } from 'zod';

const WAIT_RULE = 'expected an integer of 0 or more (milliseconds the safety rule waits before it evaluates a change of routing controls, so that it sees settled states)';

/**
 * `edge.recoveryControl` (issue 10 item 6): Route 53 Application Recovery Controller. COST: a
 * cluster is billed by the hour whether used or not, about $2.50 an hour (~$1,800 a month); the
 * routing-control health checks are billed as Route 53 health checks. Off by default.
 */
export const recoveryControlSchema = z
  .strictObject({
    /**
     * A recovery cluster (about $2.50 an hour, ~$1,800 a month, billed while it exists), a control
     * panel, one routing control per Region, a safety rule that keeps at least one Region on, and a
     * routing-control health check per Region that takes the Region out of DNS when its control is
     * off. Flip the controls with `npx tsx scripts/arc/routing-control.ts`. @default false
     */
    enable: z.boolean({ error: 'expected true or false' }).default(false),
    /** Wait period of the "at least one Region on" safety rule, in milliseconds. @default 5000 */
    safetyRuleWaitPeriodMs: z.number({ error: WAIT_RULE }).int({ error: WAIT_RULE }).min(0, { error: WAIT_RULE }).default(5000),
  })
  .prefault({});

export type RecoveryControlConfig = z.output<typeof recoveryControlSchema>;
