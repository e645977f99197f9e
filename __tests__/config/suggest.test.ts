import { closestMatches, didYouMean, editDistance, expectedOneOf } from '../../src/config/suggest';
import { REGION_NAMES } from '../../src/aws/regions';

describe('editDistance', () => {
  test.each([
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'ab', 1],
    ['ab', 'abc', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['US-EAST-1', 'us-east-1', 0],
    ['eu-west-l', 'eu-west-1', 0.5],
    ['eu-west-I', 'eu-west-1', 0.5],
    ['us-east-O', 'us-east-0', 0.5],
    ['eu_west_1', 'eu-west-1', 1],
    ['eu west 1', 'eu-west-1', 1],
  ])('%j -> %j is %d', (from, to, distance) => {
    expect(editDistance(from, to)).toBe(distance);
  });
});

describe('closestMatches among the Regions', () => {
  test.each([
    ['eu-west-l', ['eu-west-1']],
    ['us-east1', ['us-east-1']],
    ['useast1', ['us-east-1']],
    ['EU_WEST_1', ['eu-west-1']],
    [' us-east-1 ', ['us-east-1']],
    ['eu-west-9', ['eu-west-1', 'eu-west-2', 'eu-west-3']],
    ['us-east-7', ['us-east-1', 'us-east-2']],
    ['west', []],
    ['mars-north-1', []],
    ['', []],
  ])('%j -> %j', (input, matches) => {
    expect(closestMatches(input, REGION_NAMES)).toEqual(matches);
  });

  test('more than three equally close candidates are no suggestion', () => {
    expect(closestMatches('ap-southeast-6', REGION_NAMES)).toEqual([]);
  });

  test('short names need a closer match', () => {
    expect(closestMatches('x', ['a', 'b'])).toEqual([]);
    expect(closestMatches('AL', ['ALL', 'ACCEPT'])).toEqual(['ALL']);
    expect(closestMatches('nam', ['name', 'vpcCidr'])).toEqual(['name']);
  });

  test('a fragment of 3 characters or more finds the names that contain it', () => {
    expect(closestMatches('peering', ['transit-gateway', 'vpc-peering'])).toEqual(['vpc-peering']);
    expect(closestMatches('mesh', ['full-mesh', 'hub-and-spoke'])).toEqual(['full-mesh']);
    expect(closestMatches('hu', ['full-mesh', 'hub-and-spoke'])).toEqual([]);
  });
});

describe('didYouMean', () => {
  test.each([
    ['eu-west-l', REGION_NAMES, 'did you mean "eu-west-1"?'],
    ['us-east-7', REGION_NAMES, 'did you mean "us-east-1" or "us-east-2"?'],
    ['eu-west-9', REGION_NAMES, 'did you mean "eu-west-1", "eu-west-2" or "eu-west-3"?'],
    ['star', ['full-mesh', 'hub-and-spoke'], ''],
    [42, ['full-mesh'], ''],
    [null, ['full-mesh'], ''],
  ] as const)('%j', (input, candidates, text) => {
    expect(didYouMean(input, candidates)).toBe(text);
  });

  test('never suggests the value itself', () => {
    expect(didYouMean('us-east-1', REGION_NAMES)).toBe('');
  });
});

describe('expectedOneOf', () => {
  test.each([
    ['x', ['a', 'b'], 'expected "a" or "b"'],
    ['x', ['ALL', 'ACCEPT', 'REJECT'], 'expected "ALL", "ACCEPT" or "REJECT"'],
    ['x', ['a', 'b', 'c', 'd'], 'expected one of "a", "b", "c", "d"'],
    ['reject', ['ALL', 'ACCEPT', 'REJECT'], 'expected "ALL", "ACCEPT" or "REJECT"; did you mean "REJECT"?'],
    [3, ['full-mesh', 'hub-and-spoke'], 'expected "full-mesh" or "hub-and-spoke"'],
  ] as const)('%j among %j', (input, allowed, text) => {
    expect(expectedOneOf(input, allowed)).toBe(text);
  });
});
