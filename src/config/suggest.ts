/**
 * "Did you mean" for misspelt names. An edit distance in which case does not count and the slips a
 * reader cannot see cost half (l or I for 1, O for 0, "_" or space for "-"), so "eu-west-l" points
 * at eu-west-1 rather than at every eu-west-N, and "EU_WEST_1" still finds eu-west-1.
 */
const LOOK_ALIKES = ['l1', 'i1', 'o0', '_-', ' -'];
const MAX_DISTANCE = 2;
/** More candidates than this sharing a fragment is a list, not a suggestion. */
const MAX_SUGGESTIONS = 3;

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  return LOOK_ALIKES.includes(a + b) || LOOK_ALIKES.includes(b + a) ? 0.5 : 1;
}

/** Weighted Levenshtein distance between two lowercased strings. */
export function editDistance(from: string, to: string): number {
  const a = from.toLowerCase();
  const b = to.toLowerCase();
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitutionCost(a[i - 1], b[j - 1]));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidates closest to `input`: every candidate at the smallest distance if that is at most 2
 * (and a third of the candidate's length), else those that contain `input` (3 characters or more),
 * else none. More than three is no suggestion.
 */
export function closestMatches(input: string, candidates: readonly string[]): string[] {
  const text = input.trim();
  if (text === '') return [];
  // Short names need a closer match: one edit turns any 1-letter name into any other.
  const scored = candidates
    .map((candidate) => ({ candidate, distance: editDistance(text, candidate) }))
    .filter((s) => s.distance <= Math.min(MAX_DISTANCE, s.candidate.length / 3));
  const best = Math.min(...scored.map((s) => s.distance));
  let matches = scored.filter((s) => s.distance === best).map((s) => s.candidate);
  if (matches.length === 0 && text.length >= 3) {
    matches = candidates.filter((candidate) => candidate.toLowerCase().includes(text.toLowerCase()));
  }
  return matches.length <= MAX_SUGGESTIONS ? matches : [];
}

/** "a", "a" or "b", "a", "b" or "c". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** `did you mean "x"?`, `did you mean "x" or "y"?`, or '' when nothing is close. */
export function didYouMean(input: unknown, candidates: readonly string[]): string {
  if (typeof input !== 'string') return '';
  const matches = closestMatches(input, candidates).filter((m) => m !== input);
  return matches.length === 0 ? '' : `did you mean ${orList(matches.map((m) => `"${m}"`))}?`;
}

/** `expected "a" or "b"` (`expected one of ...` past three), with a suggestion for a near miss. */
export function expectedOneOf(input: unknown, allowed: readonly string[]): string {
  const quoted = allowed.map((a) => `"${a}"`);
  const expected = quoted.length <= 3 ? `expected ${orList(quoted)}` : `expected one of ${quoted.join(', ')}`;
  const hint = didYouMean(input, allowed);
  return hint ? `${expected}; ${hint}` : expected;
}
