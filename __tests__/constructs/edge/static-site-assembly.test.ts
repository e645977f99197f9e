import { Construct } from 'constructs';
import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { applyComplianceRules, FOUNDATION_RULES } from '../../../src/compliance/foundation-rules';
import { CloudFrontViewerHttps } from '../../../src/compliance/cloud-front-viewer-https';
import { S3OriginThroughOac } from '../../../src/compliance/s3-origin-through-oac';
import { StaticContentBucket } from '../../../src/constructs/edge/static-content-bucket';
import { StaticContentBucketPolicy } from '../../../src/constructs/edge/static-content-bucket-policy';
import { StaticContentReplication } from '../../../src/constructs/edge/static-content-replication';
import { StaticSiteDistribution } from '../../../src/constructs/edge/static-site-distribution';
import { staticBucketName, staticReplicationRoleName } from '../../../src/constructs/edge/static-content-names';
import { StackJson } from '../../helpers/synth';
import { only, ref } from '../../helpers/inspect';

const A = '123456789012';
const key = (region: string) => `arn:aws:kms:${region}:${A}:key/mrk-0123456789abcdef`;

/**
 * The whole static site in one stack, as the report recommends for global-edge: each bucket with an
 * aliased provider of its Region, its one policy naming the distribution by reference, replication
 * from the primary, the distribution on the us-east-1 provider.
 */
function assemble(scope: Construct): void {
  const us = new AwsProvider(scope, 'us_east_1', { region: 'us-east-1', alias: 'us_east_1' });
  const eu = new AwsProvider(scope, 'eu_west_1', { region: 'eu-west-1', alias: 'eu_west_1' });
  const primary = new StaticContentBucket(scope, 'static_us_east_1', { provider: us, region: 'us-east-1', bucketName: staticBucketName('acme', 'us-east-1', A), kmsKeyArn: key('us-east-1') });
  const failover = new StaticContentBucket(scope, 'static_eu_west_1', { provider: eu, region: 'eu-west-1', bucketName: staticBucketName('acme', 'eu-west-1', A), kmsKeyArn: key('eu-west-1') });
  const cdn = new StaticSiteDistribution(scope, 'cdn', { provider: us, project: 'acme', primary, failover });
  new StaticContentBucketPolicy(scope, 'policy_us_east_1', { provider: us, bucket: primary, account: A, distributionArn: cdn.distributionArn });
  new StaticContentBucketPolicy(scope, 'policy_eu_west_1', { provider: eu, bucket: failover, account: A, distributionArn: cdn.distributionArn });
  new StaticContentReplication(scope, 'replication', {
    provider: us,
    source: primary,
    destination: failover,
    roleName: staticReplicationRoleName('acme'),
    account: A,
  });
}

describe('the static site assembled in one stack', () => {
  const stack = new TerraformStack(Testing.app(), 'global-edge');
  assemble(stack);
  const aspect = applyComplianceRules(stack, [...FOUNDATION_RULES, CloudFrontViewerHttps, S3OriginThroughOac]);
  const json = JSON.parse(Testing.synth(stack)) as StackJson;
  /** Logical id of the bucket of a Region (JSON orders resources by id, not by creation). */
  const bucketId = (region: string) => Object.entries(json.resource!.aws_s3_bucket).find(([, b]) => b.bucket.includes(`-${region}-`))![0];

  test('passes the foundation\'s rules and the two CloudFront rules', () => {
    expect(aspect.violations()).toEqual([]);
  });

  test('each bucket policy names the distribution by reference, on its Region\'s provider', () => {
    const [distId] = only(json, 'aws_cloudfront_distribution');
    const policies = Object.values(json.resource!.aws_s3_bucket_policy);
    expect(policies.map((p) => [p.bucket, p.provider]).sort()).toEqual([
      [ref('aws_s3_bucket', bucketId('eu-west-1'), 'bucket'), 'aws.eu_west_1'],
      [ref('aws_s3_bucket', bucketId('us-east-1'), 'bucket'), 'aws.us_east_1'],
    ]);
    for (const p of policies) {
      expect(JSON.parse(p.policy).Statement[2].Condition.StringEquals['aws:SourceArn']).toBe(ref('aws_cloudfront_distribution', distId, 'arn'));
    }
  });

  test('the origins are the two buckets\' regional domain names, primary first', () => {
    const [, d] = only(json, 'aws_cloudfront_distribution');
    expect(d.origin.map((o: { domain_name: string }) => o.domain_name)).toEqual([
      ref('aws_s3_bucket', bucketId('us-east-1'), 'bucket_regional_domain_name'),
      ref('aws_s3_bucket', bucketId('eu-west-1'), 'bucket_regional_domain_name'),
    ]);
    expect(json.resource!.aws_s3_bucket[bucketId('us-east-1')].provider).toBe('aws.us_east_1');
    expect(json.resource!.aws_s3_bucket[bucketId('eu-west-1')].provider).toBe('aws.eu_west_1');
  });

  test('replication waits for the role\'s policy and for both buckets\' versioning', () => {
    const [, replication] = only(json, 'aws_s3_bucket_replication_configuration');
    expect(replication.depends_on).toHaveLength(3);
    expect(replication.depends_on.filter((d: string) => d.startsWith('aws_s3_bucket_versioning.'))).toHaveLength(2);
    expect(replication.bucket).toBe(ref('aws_s3_bucket', bucketId('us-east-1'), 'bucket'));
    expect(replication.provider).toBe('aws.us_east_1');
    expect(replication.rule[0].destination.bucket).toBe(ref('aws_s3_bucket', bucketId('eu-west-1'), 'arn'));
  });
});
