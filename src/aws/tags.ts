/**
 * AWS's rules for user tags, the ones common to every service (some services allow more characters).
 * Tags whose key starts with "aws:" are AWS's own and do not count towards the limit.
 */
export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

/** Letters, digits and spaces of any script, and _ . : / = + - @ (JSON Schema / RegExp source, u flag). */
export const TAG_CHARACTER_CLASS = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]';
/** "aws:" in any case, reserved for AWS on keys and values alike (RegExp source without the i flag). */
export const RESERVED_TAG_PREFIX = '[aA][wW][sS]:';

const TAG_CHARACTER = new RegExp(`^${TAG_CHARACTER_CLASS}$`, 'u');
const RESERVED = new RegExp(`^${RESERVED_TAG_PREFIX}`);
const ALLOWED_CHARACTERS = 'letters, digits, spaces and _ . : / = + - @';

function characterProblem(text: string, what: string): string | undefined {
  const bad = [...text].find((c) => !TAG_CHARACTER.test(c));
  if (bad === undefined) return undefined;
  const code = `U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `${JSON.stringify(bad)} (${code}) is not allowed in a tag ${what}; expected ${ALLOWED_CHARACTERS}`;
}

/** Why `key` is not a valid AWS tag key, or undefined if it is one. */
export function tagKeyProblem(key: string): string | undefined {
  const length = [...key].length;
  if (length < 1 || length > MAX_TAG_KEY_LENGTH) return `expected a tag key of 1-${MAX_TAG_KEY_LENGTH} characters (this one has ${length})`;
  if (RESERVED.test(key)) return 'the prefix "aws:" (in any case) is reserved for AWS; expected a key without it';
  return characterProblem(key, 'key');
}

/** Why `value` is not a valid AWS tag value, or undefined if it is one. */
export function tagValueProblem(value: string): string | undefined {
  const length = [...value].length;
  if (length > MAX_TAG_VALUE_LENGTH) return `expected a tag value of at most ${MAX_TAG_VALUE_LENGTH} characters (this one has ${length})`;
  if (RESERVED.test(value)) return 'the prefix "aws:" (in any case) is reserved for AWS; expected a value without it';
  return characterProblem(value, 'value');
}

/**
 * Tag that provider default_tags put on every resource, with the project name as value. The deploy
 * role's EC2 and KMS permissions are scoped by it (`aws:ResourceTag`, `aws:RequestTag`), so the role
 * may never set or remove it on an existing resource.
 */
export const PROJECT_TAG_KEY = 'FoundationProject';
