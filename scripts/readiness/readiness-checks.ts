/**
 * What `npm run readiness` checks, and how it finds each thing: by the names and tags the stacks
 * derive from the config (key alias, secret names, `<project>/` repositories, `<project>-golden-ami`
 * AMIs, the FoundationProject tag on DLM policies, Transit Gateways and VPCs, the `<project>-<region>-
 * entry-point` Name tag of health checks, the state bucket and its `-replica`). No Terraform state
 * or outputs file is read: the checks need read permissions only and still run when the state's
 * Region is the one that is down. Free of the SDK: every call goes through a `Reader`.
 */
import { FoundationConfig } from '../../src/config/validate';
import { peeringLinks, PeeringLink } from '../../src/config/topology';
import { stateReplicaRegionOf } from '../../src/config/state/replica-region';
import { snapshotCopyTargets } from '../../src/config/compute/snapshot-copy-targets';
import { ecrRepositoryName, ecrReplicationFilter } from '../../src/constructs/compute/ecr-names';
import { imageBuilderNames } from '../../src/constructs/compute/image-builder-names';
import { stateReplicaBucketName } from '../../src/aws/bucket-name';
import { PROJECT_TAG_KEY } from '../../src/aws/tags';
import { Cell, cellOf, everywhere, fail, notApplicable, pass, Reader, Report, Row } from './readiness-lib';

export interface CheckContext {
  readonly config: FoundationConfig;
  readonly reader: Reader;
  /** The configured Regions, primary included, in config order. */
  readonly regions: readonly string[];
  readonly primary: string;
  /** The Region that takes writes (config activeRegion): the source of one-way replication. */
  readonly active: string;
  /** Results shared between checks (each Region's key is read once), by key. */
  readonly memo: Map<string, Promise<unknown>>;
}

export interface CheckDefinition {
  /** For `--only` and the JSON rows. */
  readonly id: string;
  readonly run: (ctx: CheckContext) => Promise<Row[]>;
}

type Tag = { Key?: string; Value?: string };
const hasProjectTag = (tags: Tag[] | undefined, project: string) => (tags ?? []).some((t) => t.Key === PROJECT_TAG_KEY && t.Value === project);

function memo<T>(ctx: CheckContext, key: string, compute: () => Promise<T>): Promise<T> {
  if (!ctx.memo.has(key)) ctx.memo.set(key, compute());
  return ctx.memo.get(key) as Promise<T>;
}

/** One cell per Region, evaluated in parallel (the reader bounds the calls). */
async function perRegion(regions: readonly string[], evaluate: (region: string) => Promise<Cell>): Promise<Record<string, Cell>> {
  const cells = await Promise.all(regions.map((region) => cellOf(() => evaluate(region))));
  return Object.fromEntries(regions.map((r, i) => [r, cells[i]]));
}

// ---------------------------------------------------------------------------------------------
// KMS

interface KeyMetadata {
  KeyId?: string;
  Arn?: string;
  KeyState?: string;
  MultiRegion?: boolean;
  MultiRegionConfiguration?: { MultiRegionKeyType?: string };
}

/** The key the alias names in `region` (undefined: no such alias). */
const keyIn = (ctx: CheckContext, region: string) =>
  memo(ctx, `key:${region}`, async () =>
    (await ctx.reader.read<{ KeyMetadata?: KeyMetadata }>(region, 'kms:DescribeKey', { KeyId: ctx.config.security.kms.alias }, ['NotFoundException']))?.KeyMetadata,
  );

const kmsKey: CheckDefinition = {
  id: 'kms-key',
  run: async (ctx) => {
    const alias = ctx.config.security.kms.alias;
    const cells = await perRegion(ctx.regions, async (region) => {
      const isPrimary = region === ctx.primary;
      const key = await keyIn(ctx, region);
      if (!key) return fail(`alias ${alias} does not exist`);
      if (key.KeyState !== 'Enabled') return fail(`${alias} names key ${key.KeyId}, which is ${key.KeyState}`);
      if (!key.MultiRegion || !key.KeyId?.startsWith('mrk-')) return fail(`${alias} names ${key.KeyId}, which is not a multi-Region key`);
      const type = key.MultiRegionConfiguration?.MultiRegionKeyType;
      if (isPrimary) return type === 'PRIMARY' ? pass(`primary ${key.KeyId}`) : fail(`${key.KeyId} is a ${type} key; expected the PRIMARY in the primary Region`);
      if (type !== 'REPLICA') return fail(`${key.KeyId} is a ${type} key; expected a REPLICA of the primary`);
      const primaryKey = await keyIn(ctx, ctx.primary);
      if (primaryKey && primaryKey.KeyId !== key.KeyId) return fail(`replica ${key.KeyId} has another key id than the primary ${primaryKey.KeyId}`);
      return pass(`replica ${key.KeyId}`);
    });
    return [{ id: 'kms-key', label: 'multi-Region key', cells }];
  },
};

/** Whether a key reference (an ARN, a key id or an alias, as Secrets Manager reports it) is `key` in `region`. */
function isKey(reference: string | undefined, key: KeyMetadata, alias: string, region: string): boolean {
  if (!reference) return false;
  if (reference === alias || reference === key.KeyId || reference === key.Arn) return true;
  return reference.includes(`:kms:${region}:`) && (reference.endsWith(`:key/${key.KeyId}`) || reference.endsWith(`:${alias}`));
}

// ---------------------------------------------------------------------------------------------
// Secrets Manager

interface Secret {
  Name?: string;
  DeletedDate?: unknown;
  PrimaryRegion?: string;
  KmsKeyId?: string;
  ReplicationStatus?: Array<{ Region?: string; KmsKeyId?: string; Status?: string; StatusMessage?: string }>;
}

const secrets: CheckDefinition = {
  id: 'secrets',
  run: async (ctx) => {
    const configured = ctx.config.security.secrets;
    if (configured.length === 0) return [{ id: 'secrets', label: 'secret replicas', cells: everywhere(ctx.regions, notApplicable('no secret in security.secrets')) }];
    const alias = ctx.config.security.kms.alias;
    return Promise.all(
      configured.map(async ({ name }) => {
        const describe = (region: string) => ctx.reader.read<Secret>(region, 'secretsmanager:DescribeSecret', { SecretId: name }, ['ResourceNotFoundException']);
        const source = memo(ctx, `secret:${name}`, () => describe(ctx.primary));
        const cells = await perRegion(ctx.regions, async (region) => {
          const secret = await source;
          if (!secret || secret.DeletedDate) return fail(`secret ${name} ${secret ? 'is scheduled for deletion' : 'does not exist'} in the primary Region ${ctx.primary}`);
          if (region === ctx.primary) return pass(`source of ${(secret.ReplicationStatus ?? []).length} replica(s)`);
          if (region === ctx.active) return promotedCopy(ctx, name, region, await describe(region));
          const status = secret.ReplicationStatus?.find((r) => r.Region === region);
          if (!status) return fail(`${name} is not replicated to ${region}`);
          if (status.Status !== 'InSync') return fail(`replica of ${name} is ${status.Status}${status.StatusMessage ? `: ${status.StatusMessage}` : ''}`);
          const [key, copy] = await Promise.all([keyIn(ctx, region), describe(region)]);
          if (!copy) return fail(`${name} is listed as replicated to ${region} but cannot be described there`);
          if (copy.PrimaryRegion && copy.PrimaryRegion !== ctx.primary) return fail(`${name} in ${region} is a replica of ${copy.PrimaryRegion}; expected ${ctx.primary}`);
          if (!key || !isKey(status.KmsKeyId, key, alias, region)) return fail(`replica of ${name} is encrypted with ${status.KmsKeyId ?? 'the AWS managed key'}; expected ${region}'s ${alias} (${key?.Arn ?? 'missing'})`);
          return pass('InSync on the Region\'s key');
        });
        return { id: `secrets:${name}`, label: `secret ${name}`, cells };
      }),
    );
  },
};

/**
 * The active Region's copy after a promotion (issue 12 item 3): a standalone secret there, writable,
 * on the Region's key; the primary keeps the Terraform-managed secret and its other replicas.
 */
async function promotedCopy(ctx: CheckContext, name: string, region: string, copy: Secret | undefined): Promise<Cell> {
  if (!copy || copy.DeletedDate) return fail(`${name} ${copy ? 'is scheduled for deletion' : 'does not exist'} in the active Region ${region}`);
  if (copy.PrimaryRegion && copy.PrimaryRegion !== region) return fail(`${name} in the active Region is still a replica of ${copy.PrimaryRegion}, read-only: run npm run dr -- promote ${region}`);
  const key = await keyIn(ctx, region);
  if (!key || !isKey(copy.KmsKeyId, key, ctx.config.security.kms.alias, region)) {
    return fail(`${name} in the active Region is encrypted with ${copy.KmsKeyId ?? 'the AWS managed key'}; expected ${region}'s ${ctx.config.security.kms.alias}`);
  }
  return pass('standalone, writable (promoted) on the Region\'s key');
}

// ---------------------------------------------------------------------------------------------
// ECR

interface ReplicationRule {
  destinations?: Array<{ region?: string; registryId?: string }>;
  repositoryFilters?: Array<{ filter?: string; filterType?: string }>;
}
interface ImageDetail {
  imageDigest?: string;
  imageTags?: string[];
  imagePushedAt?: Date | string;
}

const ecrReplication: CheckDefinition = {
  id: 'ecr-replication',
  run: async (ctx) => {
    const label = 'ECR replication';
    if (!ctx.config.compute.ecr.enable) return [{ id: 'ecr-replication', label, cells: everywhere(ctx.regions, notApplicable('compute.ecr.enable is false')) }];
    const filter = ecrReplicationFilter(ctx.config.project);
    const registry = (region: string) =>
      memo(ctx, `registry:${region}`, async () => (await ctx.reader.read<{ replicationConfiguration?: { rules?: ReplicationRule[] } }>(region, 'ecr:DescribeRegistry', {}))?.replicationConfiguration?.rules ?? []);
    const source = ctx.active;
    const cells = await perRegion(ctx.regions, async (region) => {
      const rules = await registry(source);
      if (region === source) return notApplicable(`source registry (${rules.length} replication rule(s))`);
      // A second source would replicate into the active Region's repositories.
      const own = await registry(region);
      if (own.length > 0) return fail(`${region} also replicates (${own.length} rule(s)); only the active Region ${source} may: run npm run dr -- promote ${source}`);
      const covering = rules.find((rule) => (rule.destinations ?? []).some((d) => d.region === region));
      if (!covering) return fail(`no replication rule of the ${source} registry has ${region} as destination`);
      const filtered = (covering.repositoryFilters ?? []).some((f) => f.filter === filter && f.filterType === 'PREFIX_MATCH');
      if (!filtered) return fail(`the rule replicating to ${region} does not filter on PREFIX_MATCH ${filter} (filters: ${JSON.stringify(covering.repositoryFilters ?? [])})`);
      return pass(`from ${source}, ${filter}*`);
    });
    return [{ id: 'ecr-replication', label, cells }];
  },
};

const time = (value: Date | string | undefined) => (value === undefined ? 0 : new Date(value).getTime());

const ecrImages: CheckDefinition = {
  id: 'ecr-images',
  run: async (ctx) => {
    const { ecr } = ctx.config.compute;
    if (!ecr.enable) return [{ id: 'ecr-images', label: 'ECR latest image', cells: everywhere(ctx.regions, notApplicable('compute.ecr.enable is false')) }];
    return Promise.all(
      ecr.repositories.map(async ({ name: short }) => {
        const repositoryName = ecrRepositoryName(ctx.config.project, short);
        const row = { id: `ecr-images:${repositoryName}`, label: `ECR latest image ${repositoryName}` };
        const pages = await ctx.reader
          .readAll<{ imageDetails?: ImageDetail[]; nextToken?: string }>(ctx.active, 'ecr:DescribeImages', { repositoryName, maxResults: 1000 }, (p) => p.nextToken, (nextToken) => ({ nextToken }), ['RepositoryNotFoundException'])
          .catch((error: unknown) => error as Error);
        if (pages instanceof Error) return { ...row, cells: await perRegion(ctx.regions, () => Promise.reject(pages)) };
        if (pages === undefined) return { ...row, cells: { ...everywhere(ctx.regions, notApplicable(`nothing to compare: ${repositoryName} is missing in ${ctx.active}`)), [ctx.active]: fail(`repository ${repositoryName} does not exist`) } };
        const latest = pages
          .flatMap((p) => p.imageDetails ?? [])
          .filter((i) => i.imageDigest)
          .sort((a, b) => time(b.imagePushedAt) - time(a.imagePushedAt) || a.imageDigest!.localeCompare(b.imageDigest!))[0];
        if (!latest) return { ...row, cells: everywhere(ctx.regions, notApplicable(`no image pushed to ${repositoryName} yet`)) };
        const what = `${latest.imageDigest}${latest.imageTags?.length ? ` (${latest.imageTags.join(', ')})` : ''}`;
        const cells = await perRegion(ctx.regions, async (region) => {
          if (region === ctx.active) return pass(`latest ${what}`);
          const found = await ctx.reader.read<{ imageDetails?: ImageDetail[] }>(region, 'ecr:DescribeImages', { repositoryName, imageIds: [{ imageDigest: latest.imageDigest }] }, [
            'ImageNotFoundException',
            'RepositoryNotFoundException',
          ]);
          return found?.imageDetails?.some((i) => i.imageDigest === latest.imageDigest) ? pass(what) : fail(`latest image ${what} of ${ctx.active} is not in ${region}`);
        });
        return { ...row, cells };
      }),
    );
  },
};

// ---------------------------------------------------------------------------------------------
// Golden AMI

interface Image {
  ImageId?: string;
  Name?: string;
  State?: string;
  CreationDate?: string;
}

const goldenAmi: CheckDefinition = {
  id: 'golden-ami',
  run: async (ctx) => {
    const label = 'golden AMI';
    if (!ctx.config.compute.imageBuilder.enable) return [{ id: 'golden-ami', label, cells: everywhere(ctx.regions, notApplicable('compute.imageBuilder.enable is false')) }];
    // The distribution names every copy `<project>-golden-ami-<build date>` in every Region; the build Region is the primary.
    const prefix = `${imageBuilderNames(ctx.config.project).goldenAmi}-`;
    const images = (region: string, name: string) =>
      ctx.reader
        .readAll<{ Images?: Image[]; NextToken?: string }>(region, 'ec2:DescribeImages', { Owners: ['self'], Filters: [{ Name: 'name', Values: [name] }], MaxResults: 1000 }, (p) => p.NextToken, (NextToken) => ({ NextToken }))
        .then((pages) => (pages ?? []).flatMap((p) => p.Images ?? []).filter((i) => i.Name?.startsWith(prefix)));
    const newest = images(ctx.primary, `${prefix}*`).then((all) =>
      all.filter((i) => i.State === 'available').sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? '') || (a.ImageId ?? '').localeCompare(b.ImageId ?? ''))[0],
    );
    const cells = await perRegion(ctx.regions, async (region) => {
      const source = await newest;
      if (!source) return notApplicable(`no golden AMI built yet (no available ${prefix}* image in ${ctx.primary})`);
      if (region === ctx.primary) return pass(`newest ${source.Name} (${source.ImageId})`);
      const copies = await images(region, source.Name!);
      const copy = copies.find((i) => i.Name === source.Name);
      if (!copy) return fail(`newest golden AMI ${source.Name} is not in ${region}`);
      return copy.State === 'available' ? pass(`${source.Name} (${copy.ImageId})`) : fail(`${source.Name} is ${copy.State} in ${region} (${copy.ImageId})`);
    });
    return [{ id: 'golden-ami', label, cells }];
  },
};

// ---------------------------------------------------------------------------------------------
// DLM

interface PolicyDetails {
  Schedules?: Array<{ CrossRegionCopyRules?: Array<{ Target?: string; TargetRegion?: string }> }>;
}

const sameList = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

const dlm: CheckDefinition = {
  id: 'dlm',
  run: async (ctx) => {
    const label = 'DLM snapshot policy';
    const { snapshots } = ctx.config.compute;
    if (!snapshots.enable) return [{ id: 'dlm', label, cells: everywhere(ctx.regions, notApplicable('compute.snapshots.enable is false')) }];
    const targets = snapshotCopyTargets(ctx.primary, ctx.regions, snapshots.copyTargets);
    const cells = await perRegion(ctx.regions, async (region) => {
      const summaries = (await ctx.reader.read<{ Policies?: Array<{ PolicyId?: string; State?: string; Tags?: Record<string, string> }> }>(region, 'dlm:GetLifecyclePolicies', {}))?.Policies ?? [];
      const ours = summaries.filter((p) => p.Tags?.[PROJECT_TAG_KEY] === ctx.config.project);
      if (ours.length === 0) return fail(`no lifecycle policy tagged ${PROJECT_TAG_KEY}=${ctx.config.project}`);
      const expected = targets[region] ?? [];
      const found: string[] = [];
      for (const summary of ours) {
        const policy = (await ctx.reader.read<{ Policy?: { State?: string; PolicyDetails?: PolicyDetails } }>(region, 'dlm:GetLifecyclePolicy', { PolicyId: summary.PolicyId }, ['ResourceNotFoundException']))?.Policy;
        const copies = (policy?.PolicyDetails?.Schedules ?? []).flatMap((s) => s.CrossRegionCopyRules ?? []).map((r) => r.Target ?? r.TargetRegion ?? '?');
        if (policy?.State === 'ENABLED' && sameList(copies, expected)) return pass(`${summary.PolicyId} copies to ${expected.join(', ') || 'nowhere'}`);
        found.push(`${summary.PolicyId} ${policy?.State ?? 'missing'} copying to ${copies.join(', ') || 'nowhere'}`);
      }
      return fail(`expected an ENABLED policy copying to ${expected.join(', ') || 'nowhere'}; found ${found.join('; ')}`);
    });
    return [{ id: 'dlm', label, cells }];
  },
};

// ---------------------------------------------------------------------------------------------
// Network

interface Peering {
  id: string;
  state: string;
  ends: [string, string];
}

/** The project's Transit Gateway (or VPC) ids in `region`, by the project tag. */
async function projectIds(ctx: CheckContext, region: string, kind: 'tgw' | 'vpc'): Promise<string[]> {
  return memo(ctx, `${kind}:${region}`, async () => {
    if (kind === 'tgw') {
      const pages = await ctx.reader.readAll<{ TransitGateways?: Array<{ TransitGatewayId?: string; State?: string; Tags?: Tag[] }>; NextToken?: string }>(region, 'ec2:DescribeTransitGateways', { MaxResults: 1000 }, (p) => p.NextToken, (NextToken) => ({ NextToken }));
      return (pages ?? []).flatMap((p) => p.TransitGateways ?? []).filter((t) => t.State !== 'deleted' && hasProjectTag(t.Tags, ctx.config.project)).map((t) => t.TransitGatewayId!);
    }
    const pages = await ctx.reader.readAll<{ Vpcs?: Array<{ VpcId?: string; Tags?: Tag[] }>; NextToken?: string }>(region, 'ec2:DescribeVpcs', { MaxResults: 1000 }, (p) => p.NextToken, (NextToken) => ({ NextToken }));
    return (pages ?? []).flatMap((p) => p.Vpcs ?? []).filter((v) => hasProjectTag(v.Tags, ctx.config.project)).map((v) => v.VpcId!);
  });
}

/** The peerings `region` describes, reduced to id, state and the two ends (Transit Gateway or VPC ids). */
async function peeringsIn(ctx: CheckContext, region: string, kind: 'tgw' | 'vpc'): Promise<Peering[]> {
  if (kind === 'tgw') {
    const pages = await ctx.reader.readAll<{ TransitGatewayPeeringAttachments?: any[]; NextToken?: string }>(region, 'ec2:DescribeTransitGatewayPeeringAttachments', { MaxResults: 1000 }, (p) => p.NextToken, (NextToken) => ({ NextToken }));
    return (pages ?? [])
      .flatMap((p) => p.TransitGatewayPeeringAttachments ?? [])
      .map((a) => ({ id: a.TransitGatewayAttachmentId, state: a.State, ends: [a.RequesterTgwInfo?.TransitGatewayId, a.AccepterTgwInfo?.TransitGatewayId] }));
  }
  const pages = await ctx.reader.readAll<{ VpcPeeringConnections?: any[]; NextToken?: string }>(region, 'ec2:DescribeVpcPeeringConnections', { MaxResults: 1000 }, (p) => p.NextToken, (NextToken) => ({ NextToken }));
  return (pages ?? [])
    .flatMap((p) => p.VpcPeeringConnections ?? [])
    .map((c) => ({ id: c.VpcPeeringConnectionId, state: c.Status?.Code, ends: [c.RequesterVpcInfo?.VpcId, c.AccepterVpcInfo?.VpcId] }));
}

const network: CheckDefinition = {
  id: 'network',
  run: async (ctx) => {
    const kind = ctx.config.network.interRegion === 'transit-gateway' ? 'tgw' : 'vpc';
    const label = kind === 'tgw' ? 'TGW peerings' : 'VPC peerings';
    const wanted = kind === 'tgw' ? 'available' : 'active';
    const links = peeringLinks(ctx.config);
    const cells = await perRegion(ctx.regions, async (region) => {
      const mine = links.filter((l) => l.requester.name === region || l.accepter.name === region);
      if (mine.length === 0) return notApplicable(`no peering ends in ${region} (${ctx.config.network.topology}, ${ctx.regions.length} Region(s))`);
      const peerings = await peeringsIn(ctx, region, kind);
      const problems: string[] = [];
      for (const link of mine) problems.push(...(await linkProblems(ctx, region, link, kind, peerings, wanted)));
      return problems.length ? fail(problems.join('; ')) : pass(`${mine.map((l) => l.name).join(', ')} ${wanted}`);
    });
    return [{ id: 'network', label, cells }];
  },
};

async function linkProblems(ctx: CheckContext, region: string, link: PeeringLink, kind: 'tgw' | 'vpc', peerings: Peering[], wanted: string): Promise<string[]> {
  const [requesterIds, accepterIds] = await Promise.all([projectIds(ctx, link.requester.name, kind), projectIds(ctx, link.accepter.name, kind)]);
  const what = kind === 'tgw' ? 'Transit Gateway' : 'VPC';
  if (requesterIds.length === 0 || accepterIds.length === 0) {
    const missing = requesterIds.length === 0 ? link.requester.name : link.accepter.name;
    return [`${link.name}: no ${what} tagged ${PROJECT_TAG_KEY}=${ctx.config.project} in ${missing}`];
  }
  const between = peerings.filter((p) => requesterIds.includes(p.ends[0]) && accepterIds.includes(p.ends[1]));
  if (between.some((p) => p.state === wanted)) return [];
  if (between.length === 0) return [`${link.name}: no peering between ${requesterIds.join('/')} and ${accepterIds.join('/')} is described in ${region}`];
  return [`${link.name}: ${between.map((p) => `${p.id} is ${p.state}`).join(', ')}; expected ${wanted}`];
}

// ---------------------------------------------------------------------------------------------
// Route 53 health checks

const healthChecks: CheckDefinition = {
  id: 'health-checks',
  run: async (ctx) => {
    const label = 'Route 53 health check';
    if (!ctx.config.edge.enable) return [{ id: 'health-checks', label, cells: everywhere(ctx.regions, notApplicable('edge.enable is false: no health checks')) }];
    // Route 53 is global: its API is in us-east-1.
    const api = 'us-east-1';
    const byName = memo(ctx, 'health-checks', async () => {
      const pages = await ctx.reader.readAll<{ HealthChecks?: Array<{ Id?: string }>; IsTruncated?: boolean; NextMarker?: string }>(api, 'route53:ListHealthChecks', { MaxItems: 1000 }, (p) => (p.IsTruncated ? p.NextMarker : undefined), (Marker) => ({ Marker }));
      const ids = (pages ?? []).flatMap((p) => p.HealthChecks ?? []).map((c) => c.Id!);
      const names = new Map<string, string>();
      // ListTagsForResources takes at most 10 ids.
      for (let i = 0; i < ids.length; i += 10) {
        const tags = await ctx.reader.read<{ ResourceTagSets?: Array<{ ResourceId?: string; Tags?: Tag[] }> }>(api, 'route53:ListTagsForResources', { ResourceType: 'healthcheck', ResourceIds: ids.slice(i, i + 10) });
        for (const set of tags?.ResourceTagSets ?? []) {
          const name = set.Tags?.find((t) => t.Key === 'Name')?.Value;
          if (name && set.ResourceId) names.set(name, set.ResourceId);
        }
      }
      return names;
    });
    const cells = await perRegion(ctx.regions, async (region) => {
      const name = `${ctx.config.project}-${region}-entry-point`;
      const id = (await byName).get(name);
      if (!id) return fail(`no health check named ${name}`);
      const status = await ctx.reader.read<{ HealthCheckObservations?: Array<{ Region?: string; StatusReport?: { Status?: string } }> }>(api, 'route53:GetHealthCheckStatus', { HealthCheckId: id }, ['NoSuchHealthCheck']);
      if (!status) return fail(`health check ${id} (${name}) disappeared while read`);
      const observations = status.HealthCheckObservations ?? [];
      if (observations.length === 0) return notApplicable(`health check ${id}: no checker has reported yet`);
      const healthy = observations.filter((o) => o.StatusReport?.Status?.startsWith('Success')).length;
      // Route 53 counts an endpoint healthy when more than 18% of its checkers do.
      if (healthy / observations.length > 0.18) return pass(`${id}: ${healthy} of ${observations.length} checkers report success`);
      const sample = observations.find((o) => !o.StatusReport?.Status?.startsWith('Success'));
      return fail(`health check ${id} is failing: ${healthy} of ${observations.length} checkers report success (${sample?.Region}: ${sample?.StatusReport?.Status})`);
    });
    return [{ id: 'health-checks', label, cells }];
  },
};

// ---------------------------------------------------------------------------------------------
// State replica

interface Head {
  VersionId?: string;
  ETag?: string;
  ReplicationStatus?: string;
}

const stateReplica: CheckDefinition = {
  id: 'state-replica',
  run: async (ctx) => {
    const label = 'state replica current';
    const { state } = ctx.config;
    const replicaRegion = stateReplicaRegionOf(ctx.config);
    const source = { bucket: state.bucket, region: state.region };
    const cellRegions = replicaRegion ? [replicaRegion] : [state.region];
    if (!replicaRegion) return [{ id: 'state-replica', label, cells: everywhere(cellRegions, notApplicable('no state replica Region')) }];
    const replica = { bucket: stateReplicaBucketName(state.bucket), region: replicaRegion };
    // The cell is the replica Region's: it is what would be used after the loss of the state's Region.
    const cells = await perRegion(cellRegions, async () => {
      const prefix = `${state.keyPrefix}/`;
      const pages = await ctx.reader.readAll<{ Contents?: Array<{ Key?: string }>; NextContinuationToken?: string; IsTruncated?: boolean }>(
        source.region,
        's3:ListObjectsV2',
        { Bucket: source.bucket, Prefix: prefix },
        (p) => (p.IsTruncated ? p.NextContinuationToken : undefined),
        (ContinuationToken) => ({ ContinuationToken }),
        ['NoSuchBucket'],
      );
      if (pages === undefined) return fail(`state bucket ${source.bucket} does not exist in ${source.region}`);
      const keys = pages.flatMap((p) => p.Contents ?? []).map((o) => o.Key!).filter((k) => k.endsWith('.tfstate')).sort();
      if (keys.length === 0) return notApplicable(`no state object under ${prefix} in ${source.bucket} yet (nothing deployed)`);
      const problems = (
        await Promise.all(
          keys.map(async (key) => {
            const [from, to] = await Promise.all([
              ctx.reader.read<Head>(source.region, 's3:HeadObject', { Bucket: source.bucket, Key: key }, ['NotFound', 'NoSuchKey']),
              ctx.reader.read<Head>(replica.region, 's3:HeadObject', { Bucket: replica.bucket, Key: key }, ['NotFound', 'NoSuchKey', 'NoSuchBucket']),
            ]);
            if (!from) return [`${key} vanished from ${source.bucket} while read`];
            if (from.ReplicationStatus !== 'COMPLETED') return [`${key}: replication ${from.ReplicationStatus ?? 'status absent (no rule applies)'} in ${source.bucket}`];
            if (!to) return [`${key} is missing from ${replica.bucket}`];
            // Replication keeps the version id; an unversioned copy (none) is compared by ETag.
            const same = from.VersionId && to.VersionId ? from.VersionId === to.VersionId : from.ETag === to.ETag;
            return same ? [] : [`${key}: replica is version ${to.VersionId ?? to.ETag}, source ${from.VersionId ?? from.ETag}`];
          }),
        )
      ).flat();
      return problems.length ? fail(problems.join('; ')) : pass(`${keys.length} state object(s) current in ${replica.bucket}`);
    });
    return [{ id: 'state-replica', label, cells }];
  },
};

/** In table order. */
export const CHECKS: readonly CheckDefinition[] = [kmsKey, secrets, ecrReplication, ecrImages, goldenAmi, dlm, network, healthChecks, stateReplica];
export const CHECK_IDS = CHECKS.map((c) => c.id);

/** The report's columns: the configured Regions, then the state replica's Region when it is not one of them. */
export function reportRegions(config: FoundationConfig): string[] {
  const configured = config.regions.map((r) => r.name);
  const replica = stateReplicaRegionOf(config) ?? config.state.region;
  return configured.includes(replica) ? configured : [...configured, replica];
}

/** Runs the checks (all, or those `only` names) and assembles the report, rows in check order. */
export async function runReadiness(config: FoundationConfig, reader: Reader, only: readonly string[] = []): Promise<Report> {
  const ctx: CheckContext = { config, reader, regions: config.regions.map((r) => r.name), primary: config.primaryRegion, active: config.activeRegion, memo: new Map() };
  const selected = CHECKS.filter((c) => only.length === 0 || only.includes(c.id));
  const rows = await Promise.all(selected.map((c) => c.run(ctx)));
  return { regions: reportRegions(config), rows: rows.flat() };
}
