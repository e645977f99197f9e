import { z } from 'zod';
import { expectedOneOf } from './suggest';

/** A zod enum whose error lists the allowed values and suggests the nearest for a near miss. */
export function oneOf<const T extends readonly string[]>(values: T) {
  return z.enum(values, { error: (issue) => expectedOneOf(issue.input, values) });
}
