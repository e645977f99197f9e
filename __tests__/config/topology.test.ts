import { peeringLinks, primaryRegion, remoteRoutes, PeeringLink } from '../../src/config/topology';
import { validateConfig, FoundationConfig } from '../../src/config/validate';
import { MINIMAL_CONFIG } from '../helpers/config-cases';

const SIX = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2', 'sa-east-1', 'ca-central-1'];

function config(names: string[], topology: 'full-mesh' | 'hub-and-spoke', primary = names[0]): FoundationConfig {
  return validateConfig({
    ...MINIMAL_CONFIG,
    primaryRegion: primary,
    regions: names.map((name) => ({ name, vpcCidr: `10.${10 + SIX.indexOf(name)}.0.0/16` })),
    network: { interRegion: 'transit-gateway', topology },
    // One Region leaves no default for the state replica.
    state: { ...MINIMAL_CONFIG.state, replicaRegion: 'eu-central-1' },
  });
}

const pairKey = (a: string, b: string) => [a, b].sort().join('+');
const linkPair = (l: PeeringLink) => pairKey(l.requester.name, l.accepter.name);
const summary = (links: PeeringLink[]) => links.map((l) => `${l.requester.name}->${l.accepter.name}`).sort();

describe.each([2, 3, 4, 6])('%d Regions', (n) => {
  const names = SIX.slice(0, n);

  describe('full mesh', () => {
    const cfg = config(names, 'full-mesh');
    const links = peeringLinks(cfg);

    test(`has N(N-1)/2 = ${(n * (n - 1)) / 2} links, one per pair of Regions`, () => {
      expect(links).toHaveLength((n * (n - 1)) / 2);
      const pairs = new Set(links.map(linkPair));
      expect(pairs.size).toBe(links.length);
      names.forEach((a, i) => names.slice(i + 1).forEach((b) => expect(pairs.has(pairKey(a, b))).toBe(true)));
    });

    test('links join two different Regions and have unique, descriptive names', () => {
      for (const l of links) {
        expect(l.requester).not.toBe(l.accepter);
        expect(l.name).toBe(`${l.requester.name}_${l.accepter.name}`);
      }
      expect(new Set(links.map((l) => l.name)).size).toBe(links.length);
    });

    test('the primary requests every link it is part of', () => {
      for (const l of links.filter((x) => x.requester.isPrimary || x.accepter.isPrimary)) expect(l.requester.isPrimary).toBe(true);
    });

    test('every ordered pair of Regions has a route over the direct link', () => {
      const routes = remoteRoutes(cfg);
      expect(routes).toHaveLength(n * (n - 1));
      for (const a of names) {
        for (const b of names.filter((x) => x !== a)) {
          const route = routes.filter((r) => r.region.name === a && r.destination.name === b);
          expect(route).toHaveLength(1);
          expect(linkPair(route[0].link)).toBe(pairKey(a, b));
        }
      }
    });
  });

  describe('hub-and-spoke', () => {
    const cfg = config(names, 'hub-and-spoke');
    const links = peeringLinks(cfg);
    const hub = names[0];

    test('has N-1 links, all requested by the primary (the hub)', () => {
      expect(links).toHaveLength(n - 1);
      for (const l of links) expect(l.requester.name).toBe(hub);
      expect(links.map((l) => l.accepter.name).sort()).toEqual(names.slice(1).sort());
    });

    test('every ordered pair of Regions has a route; spokes reach each other over their link to the hub', () => {
      const routes = remoteRoutes(cfg);
      expect(routes).toHaveLength(n * (n - 1));
      for (const a of names) {
        for (const b of names.filter((x) => x !== a)) {
          const route = routes.filter((r) => r.region.name === a && r.destination.name === b);
          expect(route).toHaveLength(1);
          const expectedPair = a === hub || b === hub ? pairKey(a, b) : pairKey(a, hub);
          expect([a, b, linkPair(route[0].link)]).toEqual([a, b, expectedPair]);
        }
      }
    });
  });
});

describe('requester choice', () => {
  test.each(['full-mesh', 'hub-and-spoke'] as const)('%s: stable when the regions list is reordered', (topology) => {
    const original = summary(peeringLinks(config(SIX, topology)));
    const orders = [[...SIX].reverse(), [SIX[3], SIX[0], SIX[5], SIX[1], SIX[4], SIX[2]], [...SIX].sort()];
    for (const order of orders) expect(summary(peeringLinks(config(order, topology, 'us-east-1')))).toEqual(original);
  });

  test('a non-default primary requests all its links; other pairs are ordered by name', () => {
    const links = peeringLinks(config(SIX, 'full-mesh', 'sa-east-1'));
    for (const l of links) {
      if (l.requester.name === 'sa-east-1' || l.accepter.name === 'sa-east-1') expect(l.requester.name).toBe('sa-east-1');
      else expect(l.requester.name < l.accepter.name).toBe(true);
    }
    expect(peeringLinks(config(SIX, 'hub-and-spoke', 'sa-east-1')).every((l) => l.requester.name === 'sa-east-1')).toBe(true);
  });

  test('adding a Region keeps every existing link as it was', () => {
    const before = summary(peeringLinks(config(SIX.slice(0, 5), 'full-mesh')));
    const after = summary(peeringLinks(config(SIX, 'full-mesh')));
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toHaveLength(before.length + 5);
  });
});

test('a single Region has no links and no routes', () => {
  const cfg = config(['us-east-1'], 'full-mesh');
  expect(peeringLinks(cfg)).toEqual([]);
  expect(remoteRoutes(cfg)).toEqual([]);
});

test('primaryRegion finds the primary, and explains a config that bypassed validation', () => {
  const cfg = config(SIX, 'hub-and-spoke', 'ap-southeast-2');
  expect(primaryRegion(cfg).name).toBe('ap-southeast-2');
  const broken = { ...cfg, primaryRegion: 'me-south-1', regions: cfg.regions.map((r) => ({ ...r, isPrimary: false })) };
  expect(() => primaryRegion(broken)).toThrow('primaryRegion "me-south-1" is not one of the listed Regions');
});
