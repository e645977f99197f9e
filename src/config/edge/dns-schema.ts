import { z } from 'zod';
import { REGION_NAMES, REGION_NAME_PATTERN, isKnownRegion } from '../../aws/regions';
import { CONTINENT_CODES, COUNTRY_CODES, isContinentCode, isCountryCode } from '../../aws/geolocation';
import { HOSTED_ZONE_ID_PATTERN, domainNameProblem, recordNameProblem } from '../../aws/dns-names';
import { didYouMean } from '../suggest';

/** Route 53 health checks run every 10 or 30 seconds ("fast" costs more). */
export const HEALTH_CHECK_INTERVALS = [10, 30] as const;
export const MAX_FAILURE_THRESHOLD = 10;

export const DEFAULT_RECORD_NAME = 'app';
export const DEFAULT_STATIC_RECORD_NAME = 'static';
export const DEFAULT_GEOLOCATION_RECORD_NAME = 'geo';

const withProblem = (problemOf: (value: string) => string | undefined, error: string) =>
  z.string({ error }).superRefine((value, ctx) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const domainName = withProblem(domainNameProblem, 'expected a domain name such as "example.com"');
const recordName = withProblem(recordNameProblem, 'expected a record name such as "app", or "@" for the domain itself');

const HOSTED_ZONE_RULE = 'expected a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ" ("Z" and upper-case letters and digits, without "/hostedzone/")';
const hostedZoneId = z.string({ error: HOSTED_ZONE_RULE }).regex(HOSTED_ZONE_ID_PATTERN, { error: HOSTED_ZONE_RULE });

const region = z.string({ error: 'expected a Region name such as "eu-west-1"' }).superRefine((value, ctx) => {
  if (isKnownRegion(value)) return;
  const hint = didYouMean(value, REGION_NAMES);
  const shape = REGION_NAME_PATTERN.test(value) ? 'unknown Region' : 'expected an AWS Region name such as eu-west-1';
  ctx.addIssue({ code: 'custom', message: `${shape}${hint ? `; ${hint}` : ''}` });
});

const CONTINENT_RULE = `expected a Route 53 continent code: ${CONTINENT_CODES.join(', ')} (AF Africa, AN Antarctica, AS Asia, EU Europe, NA North America, OC Oceania, SA South America)`;
const COUNTRY_RULE = 'expected an upper-case ISO 3166-1 alpha-2 country code such as "DE" or "JP"';

const continentKey = z.string().refine((code): boolean => isContinentCode(code), { error: CONTINENT_RULE });
const countryKey = z.string().superRefine((value, ctx) => {
  if (isCountryCode(value)) return;
  const hint = isCountryCode(value.toUpperCase()) ? `; did you mean "${value.toUpperCase()}"?` : '';
  const continent = isContinentCode(value) ? ` (${value} is a continent code: put it under "continents")` : '';
  ctx.addIssue({ code: 'custom', message: `not a country code${continent}${hint}; ${COUNTRY_RULE}` });
});

const FAILURE_RULE = `expected an integer from 1 to ${MAX_FAILURE_THRESHOLD} (consecutive failed checks before Route 53 calls a Region unhealthy)`;
const INTERVAL_RULE = `expected ${HEALTH_CHECK_INTERVALS.join(' or ')} (seconds between two checks from each Route 53 checker; 10 is billed as a fast check)`;

export const healthCheckSchema = z
  .strictObject({
    /** Consecutive failed checks before a Region is unhealthy and leaves DNS. @default 3 */
    failureThreshold: z.number({ error: FAILURE_RULE }).int({ error: FAILURE_RULE }).min(1, { error: FAILURE_RULE }).max(MAX_FAILURE_THRESHOLD, { error: FAILURE_RULE }).default(3),
    /** Seconds between two checks of each checker: 30, or 10 (a "fast interval" check, billed higher). @default 30 */
    requestIntervalSeconds: z.literal(HEALTH_CHECK_INTERVALS, { error: INTERVAL_RULE }).default(30),
  })
  .prefault({});

export const geolocationSchema = z
  .strictObject({
    /** Geolocation records beside the latency records; needs `edge.domainName`. @default false */
    enable: z.boolean({ error: 'expected true or false' }).default(false),
    /**
     * Name of the geolocation records below the domain. It must differ from `edge.recordName`:
     * Route 53 refuses records of one name and type with different routing policies. @default "geo"
     */
    recordName: recordName.default(DEFAULT_GEOLOCATION_RECORD_NAME),
    /** Continent code (AF, AN, AS, EU, NA, OC, SA) -> the listed Region that serves it. @default {} */
    continents: z.record(continentKey, region, { error: 'expected an object of continent codes to Region names, such as { "EU": "eu-west-1" }' }).default({}),
    /** ISO 3166-1 alpha-2 country code -> the listed Region that serves it; a country wins over its continent. @default {} */
    countries: z.record(countryKey, region, { error: 'expected an object of country codes to Region names, such as { "JP": "ap-northeast-1" }' }).default({}),
    /** Region of the default ("*") record, for every location not mapped above. @default the primary Region */
    defaultRegion: region.optional(),
  })
  .prefault({});

/**
 * The Route 53 keys of `edge` (issue 10 item 4), spread by the lead into the edge schema. Without
 * `domainName` there is no zone and no record; the per-Region health checks still deploy, on the
 * load balancers' own DNS names.
 */
export const dnsFields = {
  /** Domain the foundation serves; a public hosted zone is created for it unless `hostedZoneId` names an existing one. @default none */
  domainName: domainName.optional(),
  /** An existing public hosted zone for `domainName` (its id), used instead of creating one. Needs `domainName`. @default none */
  hostedZoneId: hostedZoneId.optional(),
  /** The application's name below the domain, with one latency record per Region ("@" = the domain itself). @default "app" */
  recordName: recordName.default(DEFAULT_RECORD_NAME),
  /** Name of the alias to the CloudFront distribution below the domain. @default "static" */
  staticRecordName: recordName.default(DEFAULT_STATIC_RECORD_NAME),
  /** The per-Region Route 53 health checks on each load balancer's `/health`. */
  healthCheck: healthCheckSchema,
  /** Optional geolocation records (continents and countries to Regions) under their own name. */
  geolocation: geolocationSchema,
};

export const dnsSchema = z.strictObject(dnsFields);
export type DnsInput = z.input<typeof dnsSchema>;
export type DnsConfig = z.output<typeof dnsSchema>;

/** JSON Schema hints for config/schema.json (scripts/write-schema.ts editorHints()). */
export function dnsEditorHints(): Array<[z.ZodType, Record<string, unknown>]> {
  return [
    [region, { enum: [...REGION_NAMES] }],
    [continentKey, { enum: [...CONTINENT_CODES] }],
    [countryKey, { enum: [...COUNTRY_CODES] }],
  ];
}
