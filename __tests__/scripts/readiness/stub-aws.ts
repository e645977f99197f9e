/**
 * A deployed foundation as the readiness checks read it, in memory: every Region ready, as the
 * stacks would leave it after an apply (and an image push, an AMI build). Tests edit the world
 * (delete a replica key, remove a secret replica, fail a call) and read the report.
 */
import { FoundationConfig } from '../../../src/config/validate';
import { peeringLinks } from '../../../src/config/topology';
import { snapshotCopyTargets } from '../../../src/config/compute/snapshot-copy-targets';
import { stateReplicaBucketName } from '../../../src/aws/bucket-name';
import { AwsCaller, ReadCall } from '../../../scripts/readiness/readiness-lib';

const ACCOUNT = '123456789012';
const KEY_ID = 'mrk-0123456789abcdef0123456789abcdef';

export interface World {
  keys: Record<string, { KeyId: string; Arn: string; KeyState: string; MultiRegion: boolean; MultiRegionConfiguration: { MultiRegionKeyType: string } } | undefined>;
  /** Secret name -> the primary's DescribeSecret answer. */
  secrets: Record<string, { Name: string; PrimaryRegion: string; ReplicationStatus: Array<{ Region: string; KmsKeyId: string; Status: string }> }>;
  /** Region -> standalone secrets there (a promoted copy): name -> its KmsKeyId. */
  standaloneSecrets: Record<string, Record<string, { KmsKeyId: string }>>;
  /** Region -> its registry's replication rules (the source's only, when ready). */
  registryRules: Record<string, Array<{ destinations: Array<{ region: string; registryId: string }>; repositoryFilters: Array<{ filter: string; filterType: string }> }>>;
  /** Region -> repository -> images. */
  ecrImages: Record<string, Record<string, Array<{ imageDigest: string; imageTags?: string[]; imagePushedAt: Date }>>>;
  /** Region -> AMIs. */
  amis: Record<string, Array<{ ImageId: string; Name: string; State: string; CreationDate: string }>>;
  /** Region -> DLM policies. */
  dlm: Record<string, Array<{ PolicyId: string; State: string; Tags: Record<string, string>; targets: string[] }>>;
  /** Region -> Transit Gateways. */
  tgws: Record<string, Array<{ TransitGatewayId: string; State: string; Tags: Array<{ Key: string; Value: string }> }>>;
  /** Region -> VPCs. */
  vpcs: Record<string, Array<{ VpcId: string; Tags: Array<{ Key: string; Value: string }> }>>;
  /** Region -> peerings, as either kind describes them. */
  tgwPeerings: Record<string, Array<{ TransitGatewayAttachmentId: string; State: string; RequesterTgwInfo: { TransitGatewayId: string }; AccepterTgwInfo: { TransitGatewayId: string } }>>;
  vpcPeerings: Record<string, Array<{ VpcPeeringConnectionId: string; Status: { Code: string }; RequesterVpcInfo: { VpcId: string }; AccepterVpcInfo: { VpcId: string } }>>;
  healthChecks: Array<{ Id: string; Name: string; statuses: string[] }>;
  /** Bucket -> key -> head. */
  objects: Record<string, Record<string, { VersionId: string; ETag: string; ReplicationStatus?: string }>>;
  /** `${region} ${call}` -> error thrown instead of answering. */
  failures: Record<string, Error>;
}

const tag = (project: string) => [{ Key: 'FoundationProject', Value: project }];

/** The world of a ready foundation for `config`. */
export function readyWorld(config: FoundationConfig): World {
  const regions = config.regions.map((r) => r.name);
  const primary = config.primaryRegion;
  const others = regions.filter((r) => r !== primary);
  const arn = (region: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/${KEY_ID}`;
  const project = config.project;
  const repositories = config.compute.ecr.repositories.map((r) => `${project}/${r.name}`);
  const images = [
    { imageDigest: `sha256:${'1'.repeat(64)}`, imageTags: ['v1'], imagePushedAt: new Date('2026-01-01T00:00:00Z') },
    { imageDigest: `sha256:${'2'.repeat(64)}`, imageTags: ['v2'], imagePushedAt: new Date('2026-02-01T00:00:00Z') },
  ];
  const amiName = `${project}-golden-ami-2026-02-01T00-00-00.000Z`;
  const targets = snapshotCopyTargets(primary, regions, config.compute.snapshots.copyTargets);
  const tgwPeerings = peeringLinks(config).map((l, i) => ({
    TransitGatewayAttachmentId: `tgw-attach-${i}`,
    State: 'available',
    RequesterTgwInfo: { TransitGatewayId: `tgw-${l.requester.name}` },
    AccepterTgwInfo: { TransitGatewayId: `tgw-${l.accepter.name}` },
  }));
  const vpcPeerings = peeringLinks(config).map((l, i) => ({
    VpcPeeringConnectionId: `pcx-${i}`,
    Status: { Code: 'active' },
    RequesterVpcInfo: { VpcId: `vpc-${l.requester.name}` },
    AccepterVpcInfo: { VpcId: `vpc-${l.accepter.name}` },
  }));
  const touching = <T extends { ends: string[] }>(list: T[], region: string) => list.filter((p) => p.ends.includes(region));
  const links = peeringLinks(config);
  const stateKeys = ['global', ...regions.map((r) => `region-${r}`), 'global-network'].map((s) => `${config.state.keyPrefix}/${s}.tfstate`);
  return {
    keys: Object.fromEntries(
      regions.map((r) => [r, { KeyId: KEY_ID, Arn: arn(r), KeyState: 'Enabled', MultiRegion: true, MultiRegionConfiguration: { MultiRegionKeyType: r === primary ? 'PRIMARY' : 'REPLICA' } }]),
    ),
    secrets: Object.fromEntries(
      config.security.secrets.map((s) => [s.name, { Name: s.name, PrimaryRegion: primary, ReplicationStatus: others.map((r) => ({ Region: r, KmsKeyId: arn(r), Status: 'InSync' })) }]),
    ),
    standaloneSecrets: {},
    registryRules: Object.fromEntries(
      regions.map((r) => [r, r === primary ? [{ destinations: others.map((region) => ({ region, registryId: ACCOUNT })), repositoryFilters: [{ filter: `${project}/`, filterType: 'PREFIX_MATCH' }] }] : []]),
    ),
    ecrImages: Object.fromEntries(regions.map((r) => [r, Object.fromEntries(repositories.map((repo) => [repo, r === primary ? [...images] : [images[1]]]))])),
    amis: Object.fromEntries(regions.map((r) => [r, [{ ImageId: `ami-${r}`, Name: amiName, State: 'available', CreationDate: '2026-02-01T00:00:00.000Z' }]])),
    dlm: Object.fromEntries(regions.map((r) => [r, [{ PolicyId: `policy-${r}`, State: 'ENABLED', Tags: { FoundationProject: project }, targets: targets[r] }]])),
    tgws: Object.fromEntries(regions.map((r) => [r, [{ TransitGatewayId: `tgw-${r}`, State: 'available', Tags: tag(project) }]])),
    vpcs: Object.fromEntries(regions.map((r) => [r, [{ VpcId: `vpc-${r}`, Tags: tag(project) }]])),
    tgwPeerings: Object.fromEntries(regions.map((r) => [r, touching(tgwPeerings.map((p, i) => ({ ...p, ends: [links[i].requester.name, links[i].accepter.name] })), r).map(({ ends, ...p }) => p)])),
    vpcPeerings: Object.fromEntries(regions.map((r) => [r, touching(vpcPeerings.map((p, i) => ({ ...p, ends: [links[i].requester.name, links[i].accepter.name] })), r).map(({ ends, ...p }) => p)])),
    healthChecks: regions.map((r) => ({ Id: `hc-${r}`, Name: `${project}-${r}-entry-point`, statuses: ['Success: HTTP Status Code 200', 'Success: HTTP Status Code 200'] })),
    objects: {
      [config.state.bucket]: Object.fromEntries(stateKeys.map((k) => [k, { VersionId: `v-${k}`, ETag: `"e-${k}"`, ReplicationStatus: 'COMPLETED' }])),
      [stateReplicaBucketName(config.state.bucket)]: Object.fromEntries(stateKeys.map((k) => [k, { VersionId: `v-${k}`, ETag: `"e-${k}"`, ReplicationStatus: 'REPLICA' }])),
    },
    failures: {},
  };
}

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });

/** The stub caller over `world`; every call is recorded, and the peak of calls in flight measured. */
export function stubCaller(world: World) {
  const calls: Array<{ region: string; call: ReadCall; input: any }> = [];
  const stats = { active: 0, peak: 0 };
  const answer = (region: string, call: ReadCall, input: any): any => {
    switch (call) {
      case 'kms:DescribeKey': {
        const key = world.keys[region];
        if (!key) throw awsError('NotFoundException', `Alias ${input.KeyId} is not found.`);
        return { KeyMetadata: key };
      }
      case 'secretsmanager:DescribeSecret': {
        const standalone = world.standaloneSecrets[region]?.[input.SecretId];
        if (standalone) return { Name: input.SecretId, KmsKeyId: standalone.KmsKeyId };
        const secret = world.secrets[input.SecretId];
        if (!secret) throw awsError('ResourceNotFoundException');
        if (region === secret.PrimaryRegion) return secret;
        if (!secret.ReplicationStatus.some((r) => r.Region === region)) throw awsError('ResourceNotFoundException');
        return { Name: secret.Name, PrimaryRegion: secret.PrimaryRegion };
      }
      case 'ecr:DescribeRegistry':
        return { registryId: ACCOUNT, replicationConfiguration: { rules: world.registryRules[region] ?? [] } };
      case 'ecr:DescribeImages': {
        const images = world.ecrImages[region]?.[input.repositoryName];
        if (!images) throw awsError('RepositoryNotFoundException');
        if (!input.imageIds) return { imageDetails: images };
        const found = images.filter((i) => i.imageDigest === input.imageIds[0].imageDigest);
        if (!found.length) throw awsError('ImageNotFoundException');
        return { imageDetails: found };
      }
      case 'ec2:DescribeImages': {
        const pattern = input.Filters[0].Values[0] as string;
        const match = (name: string) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern);
        return { Images: (world.amis[region] ?? []).filter((i) => match(i.Name)) };
      }
      case 'ec2:DescribeTransitGateways':
        return { TransitGateways: world.tgws[region] ?? [] };
      case 'ec2:DescribeVpcs':
        return { Vpcs: world.vpcs[region] ?? [] };
      case 'ec2:DescribeTransitGatewayPeeringAttachments':
        return { TransitGatewayPeeringAttachments: world.tgwPeerings[region] ?? [] };
      case 'ec2:DescribeVpcPeeringConnections':
        return { VpcPeeringConnections: world.vpcPeerings[region] ?? [] };
      case 'dlm:GetLifecyclePolicies':
        return { Policies: (world.dlm[region] ?? []).map(({ PolicyId, State, Tags }) => ({ PolicyId, State, Tags })) };
      case 'dlm:GetLifecyclePolicy': {
        const policy = (world.dlm[region] ?? []).find((p) => p.PolicyId === input.PolicyId);
        if (!policy) throw awsError('ResourceNotFoundException');
        return { Policy: { PolicyId: policy.PolicyId, State: policy.State, PolicyDetails: { Schedules: [{ CrossRegionCopyRules: policy.targets.map((Target) => ({ Target })) }] } } };
      }
      case 'route53:ListHealthChecks':
        return { HealthChecks: world.healthChecks.map((c) => ({ Id: c.Id })), IsTruncated: false };
      case 'route53:ListTagsForResources':
        return { ResourceTagSets: world.healthChecks.filter((c) => input.ResourceIds.includes(c.Id)).map((c) => ({ ResourceId: c.Id, Tags: [{ Key: 'Name', Value: c.Name }] })) };
      case 'route53:GetHealthCheckStatus': {
        const check = world.healthChecks.find((c) => c.Id === input.HealthCheckId);
        if (!check) throw awsError('NoSuchHealthCheck');
        return { HealthCheckObservations: check.statuses.map((Status, i) => ({ Region: `checker-${i}`, StatusReport: { Status } })) };
      }
      case 's3:ListObjectsV2': {
        const objects = world.objects[input.Bucket];
        if (!objects) throw awsError('NoSuchBucket');
        return { Contents: Object.keys(objects).filter((k) => k.startsWith(input.Prefix)).map((Key) => ({ Key })), IsTruncated: false };
      }
      case 's3:HeadObject': {
        const head = world.objects[input.Bucket]?.[input.Key];
        if (!head) throw awsError('NotFound');
        return head;
      }
    }
  };
  const call: AwsCaller = async (region, name, input, signal) => {
    calls.push({ region, call: name, input });
    expect(signal).toBeInstanceOf(AbortSignal);
    stats.active++;
    stats.peak = Math.max(stats.peak, stats.active);
    try {
      await new Promise((resolve) => setImmediate(resolve));
      const failure = world.failures[`${region} ${name}`];
      if (failure) throw failure;
      return structuredClone(answer(region, name, input));
    } finally {
      stats.active--;
    }
  };
  return { call, calls, stats };
}

export { awsError };
