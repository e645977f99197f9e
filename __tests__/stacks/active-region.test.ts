/**
 * `activeRegion` (issue 12 item 3): after a promotion the apply moves only what follows the active
 * Region (ECR replication's source and templates, the promoted secret replica, the CloudFront origin
 * order) and keeps every key, bucket, secret and repository where and as it is.
 */
import { resources, synthApp, testConfig, StackJson } from '../helpers/synth';

const THREE_REGIONS = [
  { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
  { name: 'us-west-2', vpcCidr: '10.20.0.0/16' },
  { name: 'eu-west-1', vpcCidr: '10.30.0.0/16' },
];
const SECRETS = { secrets: [{ name: 'app/db', description: 'Database password' }] };
const PROTECTED = ['aws_kms_key', 'aws_kms_replica_key', 'aws_s3_bucket', 'aws_secretsmanager_secret', 'aws_ecr_repository'];

const providerRegion = (json: StackJson, body: { provider?: string }) => json.provider!.aws.find((p) => `aws.${p.alias}` === body.provider)?.region;

describe('activeRegion us-west-2 (the failover Region) against the primary us-east-1', () => {
  let before: Record<string, StackJson>;
  let after: Record<string, StackJson>;
  beforeAll(() => {
    before = synthApp(testConfig({ regions: THREE_REGIONS, security: SECRETS }));
    after = synthApp(testConfig({ regions: THREE_REGIONS, security: SECRETS, activeRegion: 'us-west-2' }));
  });

  test('only the three link stacks that replicate one way change', () => {
    const changed = Object.keys(before).filter((s) => JSON.stringify(before[s]) !== JSON.stringify(after[s]));
    expect(changed.sort()).toEqual(['global-compute', 'global-edge', 'global-replication']);
  });

  test('every key, bucket, secret and repository keeps its address, Region and name', () => {
    for (const stack of Object.keys(before)) {
      for (const type of PROTECTED) {
        const was = resources(before[stack], type);
        const is = resources(after[stack], type);
        expect({ stack, type, addresses: Object.keys(is) }).toEqual({ stack, type, addresses: Object.keys(was) });
        for (const [id, body] of Object.entries(was)) {
          expect({ stack, id, region: providerRegion(after[stack], is[id]), name: is[id].name ?? is[id].bucket }).toEqual({ stack, id, region: providerRegion(before[stack], body), name: body.name ?? body.bucket });
        }
      }
    }
  });

  test('ECR replicates from us-west-2 to the others, on templates there; repositories stay in us-east-1', () => {
    const json = after['global-compute'];
    const [replication] = Object.values(resources(json, 'aws_ecr_replication_configuration'));
    expect(providerRegion(json, replication)).toBe('us-west-2');
    expect(replication.replication_configuration.rule[0].destination.map((d: { region: string }) => d.region)).toEqual(['eu-west-1', 'us-east-1']);
    const templates = Object.values(resources(json, 'aws_ecr_repository_creation_template')).map((t) => providerRegion(json, t)).sort();
    expect(templates).toEqual(['eu-west-1', 'us-east-1']);
    expect(Object.values(resources(json, 'aws_ecr_repository')).map((r) => providerRegion(json, r))).toEqual(['us-east-1']);
  });

  test('the secret stays in us-east-1 and no longer lists us-west-2, whose promoted copy is standalone', () => {
    const [secret] = Object.values(resources(after['global-replication'], 'aws_secretsmanager_secret'));
    expect(secret.replica.map((r: { region: string }) => r.region)).toEqual(['eu-west-1']);
    const [was] = Object.values(resources(before['global-replication'], 'aws_secretsmanager_secret'));
    expect(was.replica.map((r: { region: string }) => r.region)).toEqual(['us-west-2', 'eu-west-1']);
  });

  test('CloudFront tries the us-west-2 bucket first; the buckets and their replication stay', () => {
    const [distribution] = Object.values(resources(after['global-edge'], 'aws_cloudfront_distribution'));
    expect(distribution.origin_group[0].member.map((m: { origin_id: string }) => m.origin_id)).toEqual(['primary-us-west-2', 'failover-us-east-1']);
    const [was] = Object.values(resources(before['global-edge'], 'aws_cloudfront_distribution'));
    expect(was.origin_group[0].member.map((m: { origin_id: string }) => m.origin_id)).toEqual(['primary-us-east-1', 'failover-us-west-2']);
    expect(resources(after['global-edge'], 'aws_s3_bucket_replication_configuration')).toEqual(resources(before['global-edge'], 'aws_s3_bucket_replication_configuration'));
  });
});

describe('activeRegion eu-west-1 (no static content bucket there)', () => {
  test('the origin order stays: only the primary and the failover Region hold a bucket', () => {
    const stacks = synthApp(testConfig({ regions: THREE_REGIONS, activeRegion: 'eu-west-1' }));
    const [distribution] = Object.values(resources(stacks['global-edge'], 'aws_cloudfront_distribution'));
    expect(distribution.origin_group[0].member.map((m: { origin_id: string }) => m.origin_id)).toEqual(['primary-us-east-1', 'failover-us-west-2']);
    const [replication] = Object.values(resources(stacks['global-compute'], 'aws_ecr_replication_configuration'));
    expect(replication.replication_configuration.rule[0].destination.map((d: { region: string }) => d.region)).toEqual(['us-east-1', 'us-west-2']);
  });
});
