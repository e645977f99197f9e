/**
 * Inter-Region links of a synthesized app: what connects or copies data between Regions, derived
 * from the resources that make each link (their provider's Region and the Region they point at),
 * so that the diagram shows what Terraform will build for this config.
 */
import { AppDoc, resourceRegion, StackDoc } from './model';

export type LinkKind =
  | 'tgw-peering'
  | 'vpc-peering'
  | 'kms-replica'
  | 'secret-replica'
  | 'ecr-replication'
  | 'ami-distribution'
  | 'snapshot-copy'
  | 's3-replication'
  | 'origin-failover';

export const LINK_LABELS: Record<LinkKind, string> = {
  'tgw-peering': 'TGW peering',
  'vpc-peering': 'VPC peering',
  'kms-replica': 'KMS key replica',
  'secret-replica': 'secret replica',
  'ecr-replication': 'ECR replication',
  'ami-distribution': 'AMI distribution',
  'snapshot-copy': 'EBS snapshot copy',
  's3-replication': 'S3 replication',
  'origin-failover': 'CloudFront origin failover',
};

/** Peerings carry traffic both ways; the other kinds copy from one Region to another. */
export const TWO_WAY: ReadonlySet<LinkKind> = new Set(['tgw-peering', 'vpc-peering']);

export interface Link {
  readonly kind: LinkKind;
  /** Requester (peerings), source or primary Region. */
  readonly from: string;
  /** Accepter (peerings), destination, replica or failover Region. */
  readonly to: string;
  /** Stack that declares the resource making the link. */
  readonly stack: string;
  /** Terraform address of that resource. */
  readonly address: string;
}

type Block = Record<string, unknown>;

const RESOURCE_REF = /^\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\./;
const REMOTE_REF = /^\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\}$/;

const list = (value: unknown): Block[] => (Array.isArray(value) ? (value as Block[]) : value && typeof value === 'object' ? [value as Block] : []);

/**
 * The Region of the resource an expression points at: a resource of this stack (its provider's
 * Region) or an output of another stack read through remote state (followed into that stack).
 */
export function regionOf(app: AppDoc, stack: StackDoc, expression: unknown, seen: ReadonlySet<string> = new Set()): string | undefined {
  if (typeof expression !== 'string') return undefined;
  const resource = RESOURCE_REF.exec(expression);
  if (resource) {
    const block = stack.json.resource?.[resource[1]]?.[resource[2]];
    return block ? resourceRegion(stack, block) : undefined;
  }
  const remote = REMOTE_REF.exec(expression);
  if (remote) {
    const input = stack.remoteInputs.find((i) => i.dataSource === remote[1]);
    const producer = input && app.stacks.find((s) => s.name === input.producer);
    const key = `${producer?.name}.${remote[2]}`;
    if (!producer || seen.has(key)) return undefined;
    const value = producer.json.output?.[remote[2]]?.value;
    return regionOf(app, producer, value, new Set([...seen, key])) ?? producer.providers[0].region;
  }
  return undefined;
}

function resourcesOfType(stack: StackDoc, type: string): Array<[string, Block]> {
  const instances = stack.json.resource?.[type] ?? {};
  return Object.keys(instances)
    .sort()
    .map((name) => [`${type}.${name}`, instances[name]]);
}

function linksOfStack(app: AppDoc, stack: StackDoc): Link[] {
  const links: Link[] = [];
  const add = (kind: LinkKind, from: string | undefined, to: unknown, address: string) => {
    if (!from || typeof to !== 'string' || from === to) return;
    links.push({ kind, from, to, stack: stack.name, address });
  };
  for (const [address, block] of resourcesOfType(stack, 'aws_ec2_transit_gateway_peering_attachment')) {
    add('tgw-peering', resourceRegion(stack, block), block.peer_region, address);
  }
  for (const [address, block] of resourcesOfType(stack, 'aws_vpc_peering_connection')) {
    add('vpc-peering', resourceRegion(stack, block), block.peer_region ?? resourceRegion(stack, block), address);
  }
  for (const [address, block] of resourcesOfType(stack, 'aws_kms_replica_key')) {
    add('kms-replica', regionOf(app, stack, block.primary_key_arn), resourceRegion(stack, block), address);
  }
  for (const [address, block] of resourcesOfType(stack, 'aws_secretsmanager_secret')) {
    for (const replica of list(block.replica)) add('secret-replica', resourceRegion(stack, block), replica.region, address);
  }
  for (const [address, block] of resourcesOfType(stack, 'aws_ecr_replication_configuration')) {
    for (const rule of list((block.replication_configuration as Block | undefined)?.rule)) {
      for (const destination of list(rule.destination)) add('ecr-replication', resourceRegion(stack, block), destination.region, address);
    }
  }
  for (const [address, block] of resourcesOfType(stack, 'aws_imagebuilder_distribution_configuration')) {
    for (const distribution of list(block.distribution)) add('ami-distribution', resourceRegion(stack, block), distribution.region, address);
  }
  for (const [address, block] of resourcesOfType(stack, 'aws_dlm_lifecycle_policy')) {
    for (const schedule of list((block.policy_details as Block | undefined)?.schedule)) {
      for (const rule of list(schedule.cross_region_copy_rule)) add('snapshot-copy', resourceRegion(stack, block), rule.target ?? rule.target_region, address);
    }
  }
  for (const [address, block] of resourcesOfType(stack, 'aws_s3_bucket_replication_configuration')) {
    for (const rule of list(block.rule)) {
      for (const destination of list(rule.destination)) add('s3-replication', regionOf(app, stack, block.bucket), regionOf(app, stack, destination.bucket), address);
    }
  }
  for (const [address, block] of resourcesOfType(stack, 'aws_cloudfront_distribution')) {
    const origins = new Map(list(block.origin).map((origin) => [origin.origin_id as string, origin.domain_name]));
    for (const group of list(block.origin_group)) {
      const [primary, ...failovers] = list(group.member).map((member) => regionOf(app, stack, origins.get(member.origin_id as string)));
      for (const failover of failovers) add('origin-failover', primary, failover, address);
    }
  }
  return links;
}

/** Every inter-Region link of the app, sorted by kind, then Regions, then address. */
export function interRegionLinks(app: AppDoc): Link[] {
  return app.stacks
    .flatMap((stack) => linksOfStack(app, stack))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.address.localeCompare(b.address));
}
