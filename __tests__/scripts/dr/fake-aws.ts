/**
 * The data plane `npm run dr` reads and writes, in memory: secrets per Region with Secrets
 * Manager's replication semantics (a replica names its primary; StopReplicationToReplica makes it
 * standalone; ReplicateSecretToRegions with ForceOverwriteReplicaSecret makes a Region's copy a
 * replica again, with the primary's value), ECR registries, KMS aliases, CloudFront distributions
 * and an ARC cluster. Regions can be made unreachable and calls denied; every call is recorded.
 */
import { validateConfig, FoundationConfig } from '../../../src/config/validate';
import { DrCall, DrCaller, DR_WRITES } from '../../../scripts/dr/dr-caller';
import { ArcAccess } from '../../../scripts/dr/observe';
import { ClusterApi, RoutingControlSummary } from '../../../scripts/arc/routing-control-lib';

export const ACCOUNT = '123456789012';
export const READER = `arn:aws:iam::${ACCOUNT}:role/app`;
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
export const [P, A, B] = REGIONS;

export function drConfig(overrides: Record<string, unknown> = {}): FoundationConfig {
  return validateConfig({
    project: 'acme',
    primaryRegion: P,
    regions: REGIONS.map((name, i) => ({ name, vpcCidr: `10.${i + 1}0.0.0/16` })),
    state: { bucket: 'acme-tfstate', region: P, keyPrefix: 'acme' },
    security: { secrets: [{ name: 'app/db', readerArns: [READER] }] },
    ...overrides,
  });
}

interface Copy {
  PrimaryRegion?: string;
  ReplicationStatus?: Array<{ Region: string; Status: string }>;
  value?: string;
  policy?: string;
}

export interface FakeWorld {
  /** Region -> secret name -> its copy. */
  secrets: Record<string, Record<string, Copy>>;
  /** Region -> registry replication rules. */
  registries: Record<string, Array<{ destinations: Array<{ region: string; registryId: string }> }>>;
  distributions: Array<Record<string, unknown>>;
  controls: RoutingControlSummary[];
  unreachable: Set<string>;
  /** `${region} ${call}` answered AccessDeniedException. */
  denied: Set<string>;
  calls: Array<{ region: string; call: DrCall; input: Record<string, any> }>;
  arcUpdates: unknown[];
}

const keyArn = (region: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/mrk-0123456789abcdef0123456789abcdef`;
const bucket = (region: string) => `acme-static-${region}-${ACCOUNT}`;
const error = (name: string, message = name) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

/** The world after a deploy: every secret primary in P with a replica in every other Region, ECR replicating from P, CloudFront P first. */
export function deployedWorld(config: FoundationConfig): FakeWorld {
  const regions = config.regions.map((r) => r.name);
  const others = regions.filter((r) => r !== config.primaryRegion);
  const secrets: FakeWorld['secrets'] = Object.fromEntries(regions.map((r) => [r, {}]));
  for (const { name } of config.security.secrets) {
    secrets[config.primaryRegion][name] = { PrimaryRegion: config.primaryRegion, ReplicationStatus: others.map((r) => ({ Region: r, Status: 'InSync' })), value: 'v1', policy: 'primary policy' };
    for (const r of others) secrets[r][name] = { PrimaryRegion: config.primaryRegion, value: 'v1' };
  }
  const origin = (id: string, region: string) => ({ Id: id, DomainName: `${bucket(region)}.s3.${region}.amazonaws.com` });
  return {
    secrets,
    registries: { ...Object.fromEntries(regions.map((r) => [r, []])), [config.primaryRegion]: [{ destinations: others.map((region) => ({ region, registryId: ACCOUNT })) }] },
    distributions: [
      { Id: 'EOTHER', Comment: 'someone else', Origins: { Items: [origin('x', 'eu-west-1')] } },
      {
        Id: 'E123',
        Comment: `${config.project} static content`,
        Origins: { Items: [origin(`primary-${P}`, P), origin(`failover-${A}`, A)] },
        OriginGroups: { Items: [{ Id: 'static-content', Members: { Items: [{ OriginId: `primary-${P}` }, { OriginId: `failover-${A}` }] } }] },
      },
    ],
    controls: regions.map((r) => ({ RoutingControlArn: `arn:aws:route53-recovery-control::${ACCOUNT}:controlpanel/abc/routingcontrol/${r}`, RoutingControlName: `${config.project}-${r}`, RoutingControlState: 'On' })),
    unreachable: new Set(),
    denied: new Set(),
    calls: [],
    arcUpdates: [],
  };
}

/** A DrCaller over the world. */
export function fakeCaller(world: FakeWorld): DrCaller {
  return async (region, call, raw) => {
    const input = raw as Record<string, any>;
    world.calls.push({ region, call, input });
    if (world.unreachable.has(region)) throw Object.assign(new Error(`connect ECONNREFUSED ${region}`), { code: 'ECONNREFUSED' });
    if (world.denied.has(`${region} ${call}`)) throw error('AccessDeniedException', `not authorized to perform ${call}`);
    const copy = () => {
      const found = world.secrets[region]?.[input.SecretId as string];
      if (!found) throw error('ResourceNotFoundException', 'Secrets Manager can’t find the specified secret.');
      return found;
    };
    switch (call) {
      case 'secretsmanager:DescribeSecret': {
        const c = copy();
        return { Name: input.SecretId, PrimaryRegion: c.PrimaryRegion, ReplicationStatus: c.ReplicationStatus };
      }
      case 'secretsmanager:GetResourcePolicy':
        return { ResourcePolicy: copy().policy };
      case 'secretsmanager:GetSecretValue':
        return { SecretString: copy().value };
      case 'secretsmanager:StopReplicationToReplica': {
        const c = copy();
        if (!c.PrimaryRegion || c.PrimaryRegion === region) throw error('InvalidRequestException', 'not a replica');
        const primary = world.secrets[c.PrimaryRegion][input.SecretId];
        primary.ReplicationStatus = primary.ReplicationStatus?.filter((r) => r.Region !== region);
        delete c.PrimaryRegion;
        return {};
      }
      case 'secretsmanager:PutResourcePolicy':
        copy().policy = input.ResourcePolicy;
        return {};
      case 'secretsmanager:PutSecretValue':
        copy().value = input.SecretString;
        return {};
      case 'secretsmanager:ReplicateSecretToRegions': {
        const primary = copy();
        for (const { Region } of input.AddReplicaRegions) {
          if (world.secrets[Region][input.SecretId] && !input.ForceOverwriteReplicaSecret) throw error('InvalidRequestException', 'exists');
          world.secrets[Region][input.SecretId] = { PrimaryRegion: region, value: primary.value };
          primary.ReplicationStatus = [...(primary.ReplicationStatus ?? []), { Region, Status: 'InSync' }];
        }
        primary.PrimaryRegion = region;
        return {};
      }
      case 'kms:DescribeKey':
        return { KeyMetadata: { Arn: keyArn(region) } };
      case 'ecr:DescribeRegistry':
        return { registryId: ACCOUNT, replicationConfiguration: { rules: world.registries[region] } };
      case 'ecr:PutReplicationConfiguration':
        world.registries[region] = input.replicationConfiguration.rules;
        return {};
      case 'cloudfront:ListDistributions':
        // Summaries without comment or origin groups, as the emulator answers: the configuration has them.
        return { DistributionList: { Items: world.distributions.map(({ OriginGroups: _groups, Comment: _comment, ...summary }) => summary), IsTruncated: false } };
      case 'cloudfront:GetDistributionConfig': {
        const found = world.distributions.find((d) => d.Id === input.Id);
        if (!found) throw error('NoSuchDistribution');
        const { Id: _id, ...config } = found;
        return { DistributionConfig: config };
      }
    }
  };
}

/** The ARC cluster of the world, through scripts/arc's client interface. */
export function fakeArc(world: FakeWorld): ArcAccess {
  const api: ClusterApi = {
    listRoutingControls: async () => ({ RoutingControls: world.controls.map((c) => ({ ...c })) }),
    updateRoutingControlStates: async (input) => {
      world.arcUpdates.push(input);
      for (const entry of input.UpdateRoutingControlStateEntries) {
        const control = world.controls.find((c) => c.RoutingControlArn === entry.RoutingControlArn)!;
        (control as { RoutingControlState?: string }).RoutingControlState = entry.RoutingControlState;
      }
      return {};
    },
  };
  return { endpoints: [{ endpoint: 'https://arc.example', region: 'us-west-2' }], factory: () => api, io: { log: () => {}, random: () => 0 } };
}

export const writes = (world: FakeWorld) => world.calls.filter((c) => (DR_WRITES as readonly string[]).includes(c.call));
