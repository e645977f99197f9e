import { DEFAULT_ECR_REPOSITORIES, ecrSchema } from '../../../src/config/compute/ecr-schema';

/** The issues of a failed parse as "path: message". */
function problems(input: unknown): string[] {
  const result = ecrSchema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('compute.ecr schema', () => {
  test('an absent section is the whole default: on, one example repository, keep 30, untagged 7 days, scan on push', () => {
    expect(ecrSchema.parse(undefined)).toEqual({
      enable: true,
      repositories: [{ name: 'app' }],
      lifecycle: { keepLastImages: 30, untaggedExpireDays: 7 },
      scanOnPush: true,
    });
    expect(ecrSchema.parse({})).toEqual(ecrSchema.parse(undefined));
    expect(DEFAULT_ECR_REPOSITORIES).toEqual([{ name: 'app' }]);
  });

  test('keeps what is given and fills the rest', () => {
    expect(
      ecrSchema.parse({ repositories: [{ name: 'web' }, { name: 'team/worker-2' }], lifecycle: { keepLastImages: 5 }, scanOnPush: false }),
    ).toEqual({
      enable: true,
      repositories: [{ name: 'web' }, { name: 'team/worker-2' }],
      lifecycle: { keepLastImages: 5, untaggedExpireDays: 7 },
      scanOnPush: false,
    });
    expect(ecrSchema.parse({ enable: false }).enable).toBe(false);
  });

  test.each(['app', 'a1', 'team/web-api', 'a.b_c-d/e', 'x'.repeat(256)])('accepts the ECR name %p', (name) => {
    expect(ecrSchema.parse({ repositories: [{ name }] }).repositories).toEqual([{ name }]);
  });

  test.each([
    ['App', 'expected lowercase letters and digits in components separated by "/"'],
    ['a', 'expected 2-256 characters (this one has 1)'],
    ['x'.repeat(257), 'expected 2-256 characters (this one has 257)'],
    ['-app', 'expected lowercase letters and digits'],
    ['app-', 'expected lowercase letters and digits'],
    ['app//web', 'expected lowercase letters and digits'],
    ['/app', 'expected lowercase letters and digits'],
    ['app/', 'expected lowercase letters and digits'],
    ['a--b', 'expected lowercase letters and digits'],
    ['my app', 'expected lowercase letters and digits'],
  ])('refuses the repository name %p, saying what ECR allows', (name, message) => {
    const [problem, ...rest] = problems({ repositories: [{ name }] });
    expect(rest).toEqual([]);
    expect(problem.startsWith('repositories.0.name: ')).toBe(true);
    expect(problem).toContain(message);
  });

  test('refuses a name listed twice, pointing at the second', () => {
    expect(problems({ repositories: [{ name: 'app' }, { name: 'web' }, { name: 'app' }] })).toEqual([
      'repositories.2.name: listed twice; expected each repository name once',
    ]);
  });

  test('refuses an empty list: ECR is turned off with enable, not with no repositories', () => {
    expect(problems({ repositories: [] })).toEqual(['repositories: expected at least one repository (set compute.ecr.enable to false to turn ECR off)']);
  });

  test.each([
    [{ lifecycle: { keepLastImages: 0 } }, 'lifecycle.keepLastImages: expected an integer from 1 to 10000'],
    [{ lifecycle: { keepLastImages: 2.5 } }, 'lifecycle.keepLastImages: expected an integer from 1 to 10000'],
    [{ lifecycle: { keepLastImages: '30' } }, 'lifecycle.keepLastImages: expected an integer from 1 to 10000'],
    [{ lifecycle: { untaggedExpireDays: 0 } }, 'lifecycle.untaggedExpireDays: expected an integer from 1 to 3650'],
    [{ lifecycle: { untaggedExpireDays: 3651 } }, 'lifecycle.untaggedExpireDays: expected an integer from 1 to 3650'],
    [{ enable: 'yes' }, 'enable: expected true or false'],
    [{ scanOnPush: 1 }, 'scanOnPush: expected true or false'],
    [{ repositories: 'app' }, 'repositories: expected a list of { name }'],
    [{ repositories: [{ name: 7 }] }, 'repositories.0.name: expected a repository name: lowercase letters'],
  ])('refuses %j', (input, message) => {
    const found = problems(input);
    expect(found).toHaveLength(1);
    expect(found[0].startsWith(message)).toBe(true);
  });

  test('unknown keys are errors at every level', () => {
    expect(problems({ scanOnPsuh: true })).toEqual([expect.stringContaining('scanOnPsuh')]);
    expect(problems({ lifecycle: { keepLast: 3 } })).toEqual([expect.stringContaining('keepLast')]);
    expect(problems({ repositories: [{ name: 'app', mutable: true }] })).toEqual([expect.stringContaining('mutable')]);
  });
});
