import { z } from 'zod';
import { MAX_TAGS_PER_RESOURCE, tagKeyProblem, tagValueProblem } from '../aws/tags';
import { ConfigProblem } from './errors';

/** Tags the project puts on every resource through the provider's default_tags (src/stacks/providers.ts). */
export const PROJECT_TAG_KEYS = ['ManagedBy', 'FoundationProject', 'FoundationStack'] as const;
/** Tags constructs set on some resources themselves: Name on network resources, Name and Tier on subnets. */
export const RESOURCE_TAG_KEYS = ['Name', 'Tier'] as const;
/** User tags that fit beside the project's own on the most-tagged resource (a subnet): 50 - 3 - 2. */
export const MAX_USER_TAGS = MAX_TAGS_PER_RESOURCE - PROJECT_TAG_KEYS.length - RESOURCE_TAG_KEYS.length;

const and = (keys: readonly string[]) => `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
export const TAG_LIMIT_REASON =
  `AWS allows ${MAX_TAGS_PER_RESOURCE} tags per resource, and the project adds ${and(PROJECT_TAG_KEYS)} to every resource ` +
  `and ${and(RESOURCE_TAG_KEYS)} to subnets`;

const tagKey = z.string().superRefine((key, ctx) => {
  const problem = tagKeyProblem(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
  else if ((PROJECT_TAG_KEYS as readonly string[]).includes(key)) {
    ctx.addIssue({
      code: 'custom',
      message: `the project sets ${key} on every resource (provider default_tags), which would silently replace this value; expected a key other than ${PROJECT_TAG_KEYS.join(', ')}`,
    });
  }
});

const tagValue = z.string({ error: 'expected a string (tag values are text, "" allowed)' }).superRefine((value, ctx) => {
  const problem = tagValueProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Tags on every taggable resource (provider default_tags). The count is checked by tagCountProblems. */
export const tagsSchema = z.record(tagKey, tagValue, { error: 'expected an object of tag keys to tag values' }).default({});

/**
 * More than MAX_USER_TAGS tags. Checked on the raw input, apart from the schema: zod drops invalid keys
 * before an object-level refinement would see them, and runs none once a key is invalid.
 */
export function tagCountProblems(tags: unknown): ConfigProblem[] {
  if (!tags || typeof tags !== 'object' || Array.isArray(tags)) return [];
  const count = Object.keys(tags).length;
  if (count <= MAX_USER_TAGS) return [];
  return [{ path: ['tags'], received: tags, message: `${count} tags; expected at most ${MAX_USER_TAGS}: ${TAG_LIMIT_REASON}` }];
}
