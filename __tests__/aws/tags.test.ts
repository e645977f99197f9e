import { MAX_TAGS_PER_RESOURCE, tagKeyProblem, tagValueProblem } from '../../src/aws/tags';

describe('AWS tag rules', () => {
  test('50 tags per resource', () => {
    expect(MAX_TAGS_PER_RESOURCE).toBe(50);
  });

  test.each(['Owner', 'cost-center', 'Cost Center', 'app:tier', 'a/b=c+d@e.f_g', 'Équipe', '東京', 'k'.repeat(128), 'team:aws:x', 'aws'])(
    'key %j is valid',
    (key) => expect(tagKeyProblem(key)).toBeUndefined(),
  );

  test.each([
    ['', 'expected a tag key of 1-128 characters (this one has 0)'],
    ['k'.repeat(129), 'expected a tag key of 1-128 characters (this one has 129)'],
    ['aws:owner', 'the prefix "aws:" (in any case) is reserved for AWS; expected a key without it'],
    ['AWS:Owner', 'the prefix "aws:" (in any case) is reserved for AWS; expected a key without it'],
    ['Aws:owner', 'the prefix "aws:" (in any case) is reserved for AWS; expected a key without it'],
    ['cost#center', '"#" (U+0023) is not allowed in a tag key; expected letters, digits, spaces and _ . : / = + - @'],
    ['a,b', '"," (U+002C) is not allowed in a tag key'],
    ['tab\there', '"\\t" (U+0009) is not allowed in a tag key'],
  ])('key %j: %s', (key, problem) => {
    expect(tagKeyProblem(key)).toContain(problem);
  });

  test('length counts characters, not UTF-16 code units', () => {
    expect(tagKeyProblem('𝒜'.repeat(128))).toBeUndefined();
    expect(tagValueProblem('𝒜'.repeat(256))).toBeUndefined();
  });

  test.each(['', 'web', 'v'.repeat(256), 'Zürich 東京', 'x aws:y'])('value %j is valid', (value) => expect(tagValueProblem(value)).toBeUndefined());

  test.each([
    ['v'.repeat(257), 'expected a tag value of at most 256 characters (this one has 257)'],
    ['aws:x', 'the prefix "aws:" (in any case) is reserved for AWS; expected a value without it'],
    ['AWS:x', 'the prefix "aws:" (in any case) is reserved for AWS'],
    ['a;b', '";" (U+003B) is not allowed in a tag value; expected letters, digits, spaces and _ . : / = + - @'],
    ['line\nbreak', '"\\n" (U+000A) is not allowed in a tag value'],
  ])('value %j: %s', (value, problem) => {
    expect(tagValueProblem(value)).toContain(problem);
  });
});
