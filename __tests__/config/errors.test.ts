import { ConfigError, Described, MISSING, formatPath, formatProblem, valueAt } from '../../src/config/errors';

describe('formatPath', () => {
  test.each([
    [[], '(root)'],
    [['primaryRegion'], 'primaryRegion'],
    [['network', 'flowLogs', 'trafficType'], 'network.flowLogs.trafficType'],
    [['regions', 0], 'regions[0]'],
    [['regions', 2, 'vpcCidr'], 'regions[2].vpcCidr'],
    [[3], '[3]'],
  ])('%p -> %s', (pathParts, text) => {
    expect(formatPath(pathParts)).toBe(text);
  });
});

describe('formatProblem', () => {
  test('path, received value as JSON, then what is allowed', () => {
    expect(formatProblem({ path: ['regions', 1, 'name'], received: 'eu-west-9', message: 'unknown Region' })).toBe(
      'regions[1].name: received "eu-west-9"; unknown Region',
    );
  });

  test.each([
    [MISSING, 'nothing (the key is required)'],
    [null, 'null'],
    [undefined, 'undefined'],
    [42, '42'],
    [true, 'true'],
    [{ a: [1] }, '{"a":[1]}'],
    ['x'.repeat(100), `"${'x'.repeat(76)}...`],
  ])('received %p is shown as %s', (received, text) => {
    expect(formatProblem({ path: ['key'], received, message: 'm' })).toBe(`key: received ${text}; m`);
  });
});

describe('formatProblem extras', () => {
  test('a Described value is shown as its text, not as JSON', () => {
    expect(formatProblem({ path: [], received: new Described('an empty file'), message: 'm' })).toBe('(root): received an empty file; m');
  });

  test('excerpt lines follow the problem line, indented under it', () => {
    expect(formatProblem({ path: ['a'], received: ',', message: 'm', excerpt: ['1 | [1,]', '  |   ^'] })).toBe(
      'a: received ","; m\n      1 | [1,]\n        |   ^',
    );
  });
});

describe('ConfigError', () => {
  const one = new ConfigError('in a.json', [{ path: ['state', 'bucket'], received: 'A', message: 'expected lowercase' }]);
  const two = new ConfigError('in b.json', [
    { path: ['project'], received: 1, message: 'expected string' },
    { path: [], received: MISSING, message: 'expected object' },
  ]);

  test('is an Error named ConfigError that keeps its problems and source', () => {
    expect(one).toBeInstanceOf(Error);
    expect(one.name).toBe('ConfigError');
    expect(one.source).toBe('in a.json');
    expect(two.problems).toHaveLength(2);
  });

  test('one message lists every problem, one per line', () => {
    expect(one.message).toBe('Invalid configuration in a.json: 1 problem\n  - state.bucket: received "A"; expected lowercase');
    expect(two.message).toBe(
      'Invalid configuration in b.json: 2 problems\n' +
        '  - project: received 1; expected string\n' +
        '  - (root): received nothing (the key is required); expected object',
    );
  });
});

describe('valueAt', () => {
  const doc = { a: { b: [10, { c: null }] } };
  test.each([
    [[], doc],
    [['a', 'b', 0], 10],
    [['a', 'b', 1, 'c'], null],
    [['a', 'x'], MISSING],
    [['a', 'b', 5], MISSING],
    [['a', 'b', 0, 'deeper'], MISSING],
  ])('%p', (pathParts, expected) => {
    expect(valueAt(doc, pathParts)).toBe(expected);
  });
});
