import { FoundationConfig, RegionConfig } from './validate';

/** One inter-Region link: created in the requester's Region, accepted in the accepter's. */
export interface PeeringLink {
  readonly requester: RegionConfig;
  readonly accepter: RegionConfig;
  /** Stable name, e.g. "us-east-1_eu-west-1". */
  readonly name: string;
}

/** A route in one Region's table towards another Region's VPC, over a given link. */
export interface RemoteRoute {
  readonly region: RegionConfig;
  readonly destination: RegionConfig;
  readonly link: PeeringLink;
}

// The primary always requests; otherwise the alphabetically first Region does, so reordering the
// regions list never swaps the sides of an existing link (which would replace it).
function orderPair(a: RegionConfig, b: RegionConfig): [RegionConfig, RegionConfig] {
  if (a.isPrimary) return [a, b];
  if (b.isPrimary) return [b, a];
  return a.name < b.name ? [a, b] : [b, a];
}

function link(a: RegionConfig, b: RegionConfig): PeeringLink {
  const [requester, accepter] = orderPair(a, b);
  return { requester, accepter, name: `${requester.name}_${accepter.name}` };
}

export function primaryRegion(config: FoundationConfig): RegionConfig {
  const primary = config.regions.find((r) => r.isPrimary);
  if (!primary) throw new Error(`primaryRegion "${config.primaryRegion}" is not one of the listed Regions`);
  return primary;
}

/** Full mesh: N(N-1)/2 links. Hub-and-spoke: N-1 links, all to the primary. */
export function peeringLinks(config: FoundationConfig): PeeringLink[] {
  const regions = config.regions;
  if (config.network.topology === 'hub-and-spoke') {
    const hub = primaryRegion(config);
    return regions.filter((r) => r !== hub).map((spoke) => link(hub, spoke));
  }
  return regions.flatMap((a, i) => regions.slice(i + 1).map((b) => link(a, b)));
}

/** Every Region gets a route to every other Region's CIDR: directly, or via the hub. */
export function remoteRoutes(config: FoundationConfig): RemoteRoute[] {
  const links = peeringLinks(config);
  const between = (a: RegionConfig, b: RegionConfig) =>
    links.find((l) => (l.requester === a && l.accepter === b) || (l.requester === b && l.accepter === a));
  const hub = config.network.topology === 'hub-and-spoke' ? primaryRegion(config) : undefined;
  return config.regions.flatMap((region) =>
    config.regions
      .filter((destination) => destination !== region)
      .map((destination) => {
        const via = between(region, destination) ?? (hub && between(region, hub));
        if (!via) throw new Error(`No link carries traffic from ${region.name} to ${destination.name}`);
        return { region, destination, link: via };
      }),
  );
}
