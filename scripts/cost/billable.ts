/**
 * What the foundation bills for, read from the synthesized stacks: each Terraform type that carries
 * a charge of its own, and how AWS prices it. Counts come from synth, never from prose, so the
 * README's cost table follows the stacks (rewrite: npx tsx scripts/write-cost-table.ts).
 */

/** The parts of a synthesized stack the counts read. */
export interface SynthesizedStack {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}

interface Billable {
  /** What the reader recognises on the bill. */
  readonly item: string;
  /** AWS's pricing dimensions for it. */
  readonly billedBy: string;
  /** How many are billed for one Terraform resource of the type. @default 1 */
  readonly count?: (resource: Record<string, unknown>) => number;
}

const replicas = (resource: Record<string, unknown>) => 1 + (Array.isArray(resource.replica) ? resource.replica.length : 0);
/** An interface endpoint bills one network interface per subnet; a gateway endpoint (S3) bills nothing. */
const interfacesOf = (resource: Record<string, unknown>) => (resource.vpc_endpoint_type === 'Interface' && Array.isArray(resource.subnet_ids) ? resource.subnet_ids.length : 0);

/** In README order: per-hour charges first, then usage-only ones. */
export const BILLABLE: Readonly<Record<string, Billable>> = {
  aws_directory_service_directory: { item: 'AWS Managed Microsoft AD, Enterprise (primary Region)', billedBy: 'per domain-controller hour (2 per Region)' },
  aws_directory_service_region: { item: 'AWS Managed Microsoft AD, replica Regions', billedBy: 'per domain-controller hour (2 per Region) + inter-Region replication traffic' },
  aws_nat_gateway: { item: 'NAT gateways', billedBy: 'per hour + per GB processed, plus the public IPv4 address per hour' },
  aws_lb: { item: 'Application Load Balancers, one per Region (entry points)', billedBy: 'per hour + per LCU-hour (new connections, active connections, processed bytes, rule evaluations)' },
  aws_globalaccelerator_accelerator: { item: 'Global Accelerator (edge.globalAccelerator.enable)', billedBy: 'a fixed fee per accelerator-hour + a data transfer premium per GB' },
  aws_route53recoverycontrolconfig_cluster: {
    item: 'Route 53 ARC cluster (edge.recoveryControl.enable)',
    billedBy: 'per cluster-hour, about $2.50 an hour (~$1,800 a month) while it exists',
  },
  aws_vpc_endpoint: {
    item: 'VPC interface endpoints of the golden AMI build, per AZ (primary Region)',
    billedBy: 'per endpoint-AZ-hour + per GB processed; the S3 gateway endpoint is free',
    count: interfacesOf,
  },
  aws_ec2_transit_gateway_vpc_attachment: { item: 'Transit Gateway VPC attachments', billedBy: 'per attachment-hour + per GB processed' },
  aws_ec2_transit_gateway_peering_attachment: { item: 'Transit Gateway peering attachments', billedBy: 'per attachment-hour + inter-Region data transfer per GB' },
  aws_vpc_peering_connection: { item: 'VPC peering connections', billedBy: 'no hourly charge; inter-Region data transfer per GB' },
  aws_kms_key: { item: 'KMS keys (multi-Region primary, state and its replica, flow-log keys)', billedBy: 'per key-month + per 10,000 requests' },
  aws_kms_replica_key: { item: 'KMS multi-Region replica keys', billedBy: 'per key-month (each replica is a key) + per 10,000 requests' },
  aws_secretsmanager_secret: { item: 'Secrets Manager secrets, replicas included', billedBy: 'per secret-month (each replica counts) + per 10,000 API calls', count: replicas },
  aws_securityhub_account: { item: 'Security Hub, one per Region', billedBy: 'per security check + per finding ingested (a 30-day free trial per Region)' },
  aws_config_configuration_recorder: { item: 'AWS Config recorders, one per Region', billedBy: 'per configuration item recorded (continuous recording)' },
  aws_cloudtrail: { item: 'CloudTrail trails', billedBy: 'the first copy of management events is free; S3 storage, and CloudWatch Logs ingestion when enabled' },
  aws_flow_log: { item: 'VPC flow logs into CloudWatch Logs', billedBy: 'per GB ingested (vended logs) + per GB-month stored' },
  aws_s3_bucket: { item: 'S3 buckets (state and its replica, logs, load balancer logs, static content)', billedBy: 'per GB-month stored + requests; audit and AWS Config logs move to Glacier' },
  aws_sns_topic: { item: 'SNS topics (tampering alerts)', billedBy: 'per publish and delivery; only when an alert fires' },
  aws_route53_zone: { item: 'Route 53 hosted zone (with edge.domainName)', billedBy: 'per zone-month + per million queries (alias queries to AWS resources are free)' },
  aws_route53_health_check: { item: 'Route 53 health checks (one per Region; with ARC two more per Region)', billedBy: 'per health check-month (AWS endpoints are cheaper; HTTPS and a 10 s interval cost more)' },
  aws_cloudfront_distribution: { item: 'CloudFront distribution (static content)', billedBy: 'per GB out to viewers and per 10,000 requests, by price class; origin fetches from S3 are free' },
  aws_s3_bucket_replication_configuration: { item: 'S3 replication (state to its replica Region; static content to the failover Region)', billedBy: 'inter-Region transfer per GB replicated + the replica\'s storage' },
  aws_ecr_repository: {
    item: 'ECR repositories (primary Region; replicas in every other Region)',
    billedBy: 'per GB-month stored in every Region holding a copy + inter-Region replication transfer per GB; basic scanning is free',
  },
  aws_imagebuilder_image_pipeline: {
    item: 'Golden AMI pipeline (EC2 Image Builder)',
    billedBy: 'Image Builder itself is free; each build runs a build and a test instance (about an hour of t3.small per scheduled build), its AMI snapshots are stored per GB-month in every Region (keepLatest of them), and each copy to another Region is inter-Region transfer per GB',
  },
  aws_dlm_lifecycle_policy: {
    item: 'Data Lifecycle Manager snapshot policies, one per Region',
    billedBy: 'DLM itself is free; EBS snapshot storage per GB-month for retainDays, in the source Region and in every copy Region, + inter-Region copy transfer per GB; only for volumes you tag',
  },
};

/** Billable items of one deployment, in BILLABLE's order, with how many the stacks create. */
export function billableCounts(stacks: readonly SynthesizedStack[]): Array<{ type: string; item: string; billedBy: string; count: number }> {
  return Object.entries(BILLABLE).map(([type, billable]) => ({
    type,
    item: billable.item,
    billedBy: billable.billedBy,
    count: stacks
      .flatMap((stack) => Object.values(stack.resource?.[type] ?? {}))
      .reduce((sum, resource) => sum + (billable.count ? billable.count(resource) : 1), 0),
  }));
}
