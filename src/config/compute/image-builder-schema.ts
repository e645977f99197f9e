import { z } from 'zod';

/** Amazon Linux 2023 (x86_64, default kernel): the parent image when none is configured. */
export const DEFAULT_PARENT_IMAGE_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
/** Sundays at 03:00 UTC: a freshly patched AMI every week. */
export const DEFAULT_BUILD_SCHEDULE = 'cron(0 3 ? * sun *)';

const PARAMETER_RULE =
  'expected the name of an AWS public SSM parameter that holds an AMI id, under /aws/service/ (such as /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64)';
/**
 * Only AWS's public parameters: they hold nothing secret, so the deploy role may read them
 * (Image Builder resolves the parameter when the recipe is created), whereas a parameter of the
 * account could be a SecureString the deploy role must never read.
 */
const PARAMETER = /^\/aws\/service\/[A-Za-z0-9_.\-/]{1,1000}[A-Za-z0-9_.-]$/;

const INSTANCE_TYPE_RULE = 'expected EC2 instance type names such as "t3.small" or "m7i.large" (family "." size)';
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

const CRON_RULE =
  'expected an Image Builder cron expression "cron(minutes hours day-of-month month day-of-week year)" with "?" in exactly one of day-of-month and day-of-week, such as "cron(0 3 ? * sun *)" (Sundays 03:00 UTC)';
/**
 * Six fields of the characters each position allows (EventBridge's cron syntax, which Image Builder
 * uses; it has no rate() form). Ranges of values are left to Image Builder; the "?" rule is checked
 * below, since a regular expression could only express it as two alternatives of the whole.
 */
const CRON = /^cron\(([0-9,\-*/]+) ([0-9,\-*/]+) ([0-9,\-*/?LW]+) ([0-9A-Za-z,\-*/]+) ([0-9A-Za-z,\-*/?L#]+) ([0-9,\-*/]+)\)$/;

/** Whether exactly one of day-of-month and day-of-week is "?", as cron expressions of AWS require. */
export function cronDayFieldsValid(expression: string): boolean {
  const match = CRON.exec(expression);
  if (!match) return false;
  return (match[3] === '?') !== (match[5] === '?');
}

/**
 * compute.imageBuilder: a golden AMI built by EC2 Image Builder in the primary Region's private
 * subnet and distributed to every configured Region, encrypted with that Region's key.
 */
export const imageBuilderSchema = z
  .strictObject({
    /** Build and distribute the golden AMI. @default true */
    enable: z.boolean({ error: 'expected true or false' }).default(true),
    /**
     * Public SSM parameter holding the parent AMI id, resolved by Image Builder at every build (so each
     * build starts from the newest release). @default "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
     */
    parentImageSsmParameter: z.string({ error: PARAMETER_RULE }).regex(PARAMETER, { error: PARAMETER_RULE }).default(DEFAULT_PARENT_IMAGE_PARAMETER),
    /** Instance types of the build and test instances, tried in order; must match the parent image's architecture. @default ["t3.small"] */
    instanceTypes: z
      .array(z.string({ error: INSTANCE_TYPE_RULE }).regex(INSTANCE_TYPE, { error: INSTANCE_TYPE_RULE }), { error: 'expected a list of EC2 instance type names' })
      .min(1, { error: 'expected at least one instance type (set enable to false to turn the pipeline off)' })
      .max(10, { error: 'expected at most 10 instance types' })
      .refine((list) => new Set(list).size === list.length, { error: 'expected each instance type once' })
      .default(['t3.small']),
    /** When the pipeline builds, as an Image Builder cron expression in UTC. @default "cron(0 3 ? * sun *)" (weekly, Sundays 03:00) */
    schedule: z
      .string({ error: CRON_RULE })
      .regex(CRON, { error: CRON_RULE, abort: true })
      .refine(cronDayFieldsValid, { error: CRON_RULE })
      .default(DEFAULT_BUILD_SCHEDULE),
    /** Golden AMIs (with their snapshots) kept in every Region; older ones are deleted by the lifecycle policy. @default 3 */
    keepLatest: z
      .number({ error: 'expected an integer from 1 to 1000' })
      .int({ error: 'expected an integer from 1 to 1000' })
      .min(1, { error: 'expected an integer from 1 to 1000' })
      .max(1000, { error: 'expected an integer from 1 to 1000' })
      .default(3),
    /** Size of the encrypted gp3 root volume, GiB; at least the parent image's root snapshot (8 GiB for Amazon Linux 2023). @default 8 */
    rootVolumeSizeGb: z
      .number({ error: 'expected an integer from 8 to 16384 (GiB)' })
      .int({ error: 'expected an integer from 8 to 16384 (GiB)' })
      .min(8, { error: 'expected an integer from 8 to 16384 (GiB); the Amazon Linux 2023 root snapshot alone is 8 GiB' })
      .max(16384, { error: 'expected an integer from 8 to 16384 (GiB), the gp3 maximum' })
      .default(8),
    /**
     * Interface endpoints (ssm, ssmmessages, ec2messages, imagebuilder, logs) in the primary Region's
     * private subnets and an S3 gateway endpoint on its private route tables, through which the build
     * instance (no public IP) reaches Systems Manager, Image Builder and the package repositories.
     * Turn off only with network.enableNatGateway, which then carries that traffic. @default true
     */
    vpcEndpoints: z.boolean({ error: 'expected true or false' }).default(true),
  })
  .prefault({});

export type ImageBuilderConfig = z.infer<typeof imageBuilderSchema>;
