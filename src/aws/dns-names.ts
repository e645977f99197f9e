/** DNS names as Route 53 takes them, checked before anything reaches a plan. */

/** The hosted zone id of every CloudFront alias target (fixed by AWS, all commercial Regions). */
export const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';

/** "Z" and upper-case letters and digits, as Route 53 hands out hosted zone ids. */
export const HOSTED_ZONE_ID_PATTERN = /^Z[A-Z0-9]{1,31}$/;

/** Record name of the zone apex in the config (`recordName: "@"`), as in zone files. */
export const APEX = '@';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const MAX_NAME_LENGTH = 253;

/** Why `value` is not a lower-case domain name Route 53 can host ("example.com"), or undefined. */
export function domainNameProblem(value: string): string | undefined {
  const expected = 'expected a lower-case domain name such as "example.com" (letters, digits and "-" in dot-separated labels of 1-63 characters, no trailing dot)';
  if (value.endsWith('.')) return `a trailing dot is not needed; ${expected}`;
  if (value !== value.toLowerCase()) return `upper case is not kept by DNS; ${expected}`;
  if (value.length > MAX_NAME_LENGTH) return `${value.length} characters is more than DNS allows (${MAX_NAME_LENGTH}); ${expected}`;
  const labels = value.split('.');
  if (labels.length < 2 || labels.some((l) => !LABEL.test(l))) return expected;
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return `an all-digit top-level label is an IP address, not a domain; ${expected}`;
  return undefined;
}

/** Why `value` is not a record name below a zone ("app", "api.eu", or "@" for the apex), or undefined. */
export function recordNameProblem(value: string): string | undefined {
  if (value === APEX) return undefined;
  if (value.split('.').every((l) => LABEL.test(l))) return undefined;
  return 'expected a lower-case name below the domain such as "app" or "api.eu" (letters, digits and "-" in dot-separated labels of 1-63 characters), or "@" for the domain itself';
}

/** The full name of a record: `<name>.<domain>`, or the domain for "@". */
export function recordFqdn(domainName: string, recordName: string): string {
  return recordName === APEX ? domainName : `${recordName}.${domainName}`;
}
