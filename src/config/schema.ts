import { z } from 'zod';
import { REGION_NAME_PATTERN, isKnownRegion, REGION_NAMES, isPrivateAsn } from '../aws/regions';
import { cidrProblem, cidrsOverlap, prefixOf, MAX_AZ_COUNT, MIN_VPC_PREFIX, MAX_VPC_PREFIX } from './subnet-plan';
import { bucketNameProblem, stateAccessLogBucketName, stateReplicaAccessLogBucketName, stateReplicaBucketName } from '../aws/bucket-name';
import { LOG_RETENTION_DAYS } from '../aws/log-retention';
import { DEFAULT_PROJECT, KEY_PREFIX_PATTERN, PROJECT_PATTERN } from './patterns';
import { principalList, securitySchema } from './security-schema';
import { computeSchema } from './compute/compute-schema';
import { edgeSchema } from './edge/edge-schema';
import { operationsSchema } from './operations/operations-schema';
import { didYouMean } from './suggest';
import { oneOf } from './one-of';
import { tagsSchema } from './tags-schema';

export { LOG_RETENTION_DAYS } from '../aws/log-retention';

/** Address ranges AWS refuses for a VPC: "this" network, loopback, link-local, multicast and reserved. */
const RESERVED_RANGES = ['0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/3'];

/** Why a string is not a known Region name, with the nearest known names when it is a near miss. */
function regionNameProblem(value: string): string | undefined {
  if (isKnownRegion(value)) return undefined;
  const shape = REGION_NAME_PATTERN.test(value) ? 'unknown Region' : 'expected an AWS Region name such as us-east-1';
  const hint = didYouMean(value, REGION_NAMES);
  return `${shape}; ${hint ? `${hint} ` : ''}allowed: ${REGION_NAMES.join(', ')}`;
}

const regionName = z.string().superRefine((value, ctx) => {
  const problem = regionNameProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const vpcCidr = z.string().superRefine((value, ctx) => {
  const problem = cidrProblem(value);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return;
  }
  const prefix = prefixOf(value);
  if (prefix < MIN_VPC_PREFIX) {
    ctx.addIssue({ code: 'custom', message: `larger than AWS allows for a VPC; prefix must be /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}` });
  } else if (prefix > MAX_VPC_PREFIX) {
    ctx.addIssue({ code: 'custom', message: `too small for the subnet plan (16 subnet slots of at least /28); prefix must be /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}` });
  }
  const reserved = RESERVED_RANGES.find((range) => cidrsOverlap(value, range));
  if (reserved) {
    ctx.addIssue({ code: 'custom', message: `overlaps ${reserved}, which AWS does not allow for a VPC; use a private range such as 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16` });
  }
});

const azCount = z
  .number({ error: `expected an integer from 2 to ${MAX_AZ_COUNT}` })
  .int({ error: `expected an integer from 2 to ${MAX_AZ_COUNT}` })
  .min(2, { error: `expected an integer from 2 to ${MAX_AZ_COUNT} (multi-AZ)` })
  .max(MAX_AZ_COUNT, { error: `expected an integer from 2 to ${MAX_AZ_COUNT}` });

const asn = z
  .number({ error: 'expected a private ASN: 64512-65534 or 4200000000-4294967294' })
  .int({ error: 'expected a private ASN: 64512-65534 or 4200000000-4294967294' })
  .refine(isPrivateAsn, { error: 'expected a private ASN: 64512-65534 or 4200000000-4294967294' });

const region = z.strictObject({
  /** AWS Region name, e.g. eu-west-1. */
  name: regionName,
  /** IPv4 CIDR of the Region's VPC, /16 to /24; must not overlap any other Region's. */
  vpcCidr,
  /** Availability Zones used in this Region. @default network.azCount */
  azCount: azCount.optional(),
  /** Amazon-side ASN of the Region's Transit Gateway. @default 64512 + the Region's index in the Region table */
  transitGatewayAsn: asn.optional(),
}, { error: 'expected an object such as { "name": "us-east-1", "vpcCidr": "10.10.0.0/16" }' });

const network = z
  .strictObject({
    /** How Regions are linked. @default "transit-gateway" */
    interRegion: oneOf(['transit-gateway', 'vpc-peering']).default('transit-gateway'),
    /** Peering graph; hub-and-spoke uses the primary Region as hub. @default "full-mesh" */
    topology: oneOf(['full-mesh', 'hub-and-spoke']).default('full-mesh'),
    /** Availability Zones per Region unless a Region overrides it. @default 2 */
    azCount: azCount.default(2),
    /** One NAT gateway per AZ for private egress. @default false */
    enableNatGateway: z.boolean({ error: 'expected true or false' }).default(false),
    flowLogs: z
      .strictObject({
        /** Days to keep VPC flow logs. @default 365 */
        retentionDays: z
          .number()
          .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), {
            error: `expected one of ${LOG_RETENTION_DAYS.join(', ')}`,
          })
          .default(365),
        /** Traffic recorded. @default "ALL" */
        trafficType: oneOf(['ALL', 'ACCEPT', 'REJECT']).default('ALL'),
      })
      .prefault({}),
  })
  .prefault({});

/** The state bucket's name must leave room for the name of its access-log bucket. */
const stateBucketName = z.string().superRefine((value, ctx) => {
  const problem = bucketNameProblem(value);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return;
  }
  // Longest suffix first: the first name that does not fit gives the tightest limit.
  for (const [what, derived] of [
    ['the bucket of its replica\'s access logs', stateReplicaAccessLogBucketName(value)],
    ['the bucket of its access logs', stateAccessLogBucketName(value)],
    ['the replica bucket', stateReplicaBucketName(value)],
  ] as const) {
    const problem = bucketNameProblem(derived);
    if (problem) {
      ctx.addIssue({
        code: 'custom',
        message: `bootstrap names ${what} "${derived}", which is not a valid bucket name (${problem}); expected a state bucket name of at most ${63 - (derived.length - value.length)} characters`,
      });
      return;
    }
  }
});

const state = z.strictObject({
  /** S3 bucket holding every stack's state; created by the bootstrap stack with its access-log bucket "<bucket>-access-logs" and its replica "<bucket>-replica" (logs: "<bucket>-replica-logs") in replicaRegion; at most 50 characters. */
  bucket: stateBucketName,
  /** Region of the state bucket. */
  region: regionName,
  /**
   * Region of the state bucket's replica (S3 replication, encrypted with a key there): where state
   * is read from after the loss of state.region. Must differ from state.region.
   * @default the first Region in regions other than state.region (a one-Region config must set it)
   */
  replicaRegion: regionName.optional(),
  /** Prefix of every state key: <keyPrefix>/<stack>.tfstate. */
  keyPrefix: z
    .string()
    .regex(KEY_PREFIX_PATTERN, {
      error: 'expected path segments of letters, digits, ".", "_" or "-" joined by "/", without leading or trailing "/"',
    }),
  /** KMS key (alias) that encrypts state objects; bootstrap creates it. @default "alias/terraform-state" */
  kmsKeyAlias: z
    .string()
    .regex(/^alias\/[A-Za-z0-9/_-]{1,250}$/, { error: 'expected "alias/" followed by letters, digits, "/", "_" or "-"' })
    .refine((v) => !v.startsWith('alias/aws/'), { error: 'alias/aws/ is reserved for AWS managed keys' })
    .default('alias/terraform-state'),
  /** Days to keep superseded state versions. @default 90 */
  noncurrentVersionExpirationDays: z
    .number()
    .int({ error: 'expected an integer from 1 to 3650' })
    .min(1, { error: 'expected an integer from 1 to 3650' })
    .max(3650, { error: 'expected an integer from 1 to 3650' })
    .default(90),
  /**
   * Principals besides the deploy role that may read and write state objects (people or pipelines
   * that run cdktf or terraform with their own credentials). Everyone else, account administrators
   * included, is denied. @default none = only the deploy role and security.cloudTrail.breakGlassArns
   */
  operatorArns: principalList,
});

export const configSchema = z.strictObject({
  /** JSON Schema reference for editors; ignored by the app. */
  $schema: z.string().optional(),
  /** Name prefix of every named resource. @default "multi-region" */
  project: z
    .string()
    .regex(PROJECT_PATTERN, {
      error: 'expected 3-32 lowercase letters, digits or "-", starting with a letter',
    })
    .default(DEFAULT_PROJECT),
  /** Region of the global stacks; must be listed in regions. */
  primaryRegion: regionName,
  /**
   * Region that takes writes and feeds one-way replication: the source of ECR replication, the first
   * origin of the CloudFront origin group, the Region whose secret copies are writable. Change it
   * only through the promotion playbook (docs/dr-playbook.md): `npm run dr -- promote <region>`
   * first, then this key, then an apply; fail back the same way. Must be listed in regions.
   * @default primaryRegion
   */
  activeRegion: regionName.optional(),
  /** One entry per Region; adding a Region is one line. */
  regions: z
    .array(region, { error: 'expected a list of Regions' })
    .min(1, { error: 'expected at least one Region' })
    .max(REGION_NAMES.length, { error: `expected at most ${REGION_NAMES.length} Regions` }),
  network,
  state,
  /** Security and identity across Regions (blog Figure 1). */
  security: securitySchema,
  compute: computeSchema,
  /** Traffic toward users: entry points, CloudFront (blog Figure 2). */
  edge: edgeSchema,
  /** Inventory and operations across Regions (issue 12). */
  operations: operationsSchema,
  /** Tags on every taggable resource (provider default_tags); at most 45. @default {} */
  tags: tagsSchema,
});

export type FoundationConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
