import * as fs from 'fs';
import * as path from 'path';
import { MAX_TAGS_PER_RESOURCE } from '../../src/aws/tags';
import { validateConfig } from '../../src/config/validate';
import { MAX_USER_TAGS, PROJECT_TAG_KEYS, RESOURCE_TAG_KEYS } from '../../src/config/tags-schema';
import { configWith, manyTags } from '../helpers/config-cases';
import { StackJson, synthApp } from '../helpers/synth';

const example = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'examples', name), 'utf8'));

describe('the user tag limit', () => {
  test('is 45: AWS 50, less the 3 default tags and the 2 a subnet sets itself', () => {
    expect(MAX_USER_TAGS).toBe(45);
    expect(MAX_USER_TAGS).toBe(MAX_TAGS_PER_RESOURCE - PROJECT_TAG_KEYS.length - RESOURCE_TAG_KEYS.length);
  });

  test('45 tags are accepted', () => {
    expect(Object.keys(validateConfig(configWith((c) => (c.tags = manyTags(45)))).tags)).toHaveLength(45);
  });
});

/**
 * Ties the limit to what is synthesized: with the most user tags allowed, no resource of a config that
 * builds every kind of construct (directory, NAT, VPC peering) carries more tags than AWS accepts. A
 * construct that starts setting a tag of its own fails here until RESOURCE_TAG_KEYS names it.
 */
describe.each([
  ['security-full with NAT gateways', { ...example('security-full.json'), network: { enableNatGateway: true } }],
  ['vpc-peering', example('vpc-peering.json')],
])(`with ${MAX_USER_TAGS} user tags, every resource of %s`, (_name, input) => {
  let stacks: Record<string, StackJson>;
  beforeAll(() => {
    stacks = synthApp(validateConfig({ ...input, tags: manyTags(MAX_USER_TAGS) }));
  });

  const everyResource = () =>
    Object.entries(stacks).flatMap(([stack, json]) =>
      Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
        Object.entries(byName).map(([name, resource]) => ({ address: `${stack}/${type}.${name}`, tags: Object.keys(resource.tags ?? {}) })),
      ),
    );

  test('every provider adds exactly the project tag keys to the user tags', () => {
    for (const json of Object.values(stacks)) {
      for (const provider of json.provider!.aws) {
        expect(Object.keys(provider.default_tags[0].tags).sort()).toEqual([...Object.keys(manyTags(MAX_USER_TAGS)), ...PROJECT_TAG_KEYS].sort());
      }
    }
  });

  test('sets no tag of its own beyond Name and Tier', () => {
    const own = new Set(everyResource().flatMap((r) => r.tags));
    expect([...own].filter((key) => !(RESOURCE_TAG_KEYS as readonly string[]).includes(key))).toEqual([]);
    expect([...own].sort()).toEqual([...RESOURCE_TAG_KEYS].sort());
  });

  test(`stays within AWS's ${MAX_TAGS_PER_RESOURCE} tags, and the subnets reach it`, () => {
    const counts = everyResource().map((r) => ({
      address: r.address,
      count: new Set([...Object.keys(manyTags(MAX_USER_TAGS)), ...PROJECT_TAG_KEYS, ...r.tags]).size,
    }));
    expect(counts.filter((r) => r.count > MAX_TAGS_PER_RESOURCE)).toEqual([]);
    expect(counts.filter((r) => r.count === MAX_TAGS_PER_RESOURCE).every((r) => r.address.includes('aws_subnet.'))).toBe(true);
    expect(Math.max(...counts.map((r) => r.count))).toBe(MAX_TAGS_PER_RESOURCE);
  });
});
