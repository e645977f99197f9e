import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { Statement, policyDocument, tlsOnlyBucketPolicy } from '../../src/aws/policy-documents';
import { StateBucket } from '../../src/constructs/state/state-bucket';
import { S3BucketTlsOnly } from '../../src/compliance/s3-bucket-tls-only';
import { policyFixture } from '../helpers/inspect';

const RULE = S3BucketTlsOnly.name;

/** A bucket with a complete public access block, so only its policy decides the outcome. */
function bucket(scope: Construct, id: string, name: string): S3Bucket {
  const b = new S3Bucket(scope, id, { bucket: name });
  new S3BucketPublicAccessBlock(scope, `${id}_pab`, { bucket: b.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
  return b;
}

const denyPlainHttp = (resources: string[], overrides: Partial<Statement> = {}): Statement => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: resources,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...overrides,
});

describe('S3BucketTlsOnly', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('S3BucketTlsOnly');
  });

  describe('compliant', () => {
    test('the project\'s TLS-only policy (StateBucket)', () => {
      const fixture = policyFixture(
        (scope) =>
          new StateBucket(scope, 'state', {
            bucketName: 'acme-tfstate',
            kmsKeyAlias: 'alias/acme',
            access: { deployRoleArn: 'arn:aws:iam::123456789012:role/acme-deploy', operatorArns: [], breakGlassArns: [] },
            accessLogBucket: { bucketName: 'acme-tfstate-access-logs' },
            facts: { account: '123456789012', partition: 'aws' },
          }),
      );
      expect(fixture.synthError()).toBeUndefined();
    });

    test('literal ARNs with any partition, boolean false, BoolIfExists, {"AWS": "*"}', () => {
      const fixture = policyFixture((scope) => {
        const a = bucket(scope, 'a', 'acme-a');
        new S3BucketPolicy(scope, 'a_policy', {
          bucket: a.id,
          policy: policyDocument([denyPlainHttp(['arn:${data.aws_partition.p.partition}:s3:::acme-a', 'arn:${data.aws_partition.p.partition}:s3:::acme-a/*'])]),
        });
        const b = bucket(scope, 'b', 'acme-b');
        new S3BucketPolicy(scope, 'b_policy', {
          bucket: 'acme-b',
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: '*', Resource: [`${b.arn}`, `${b.arn}/*`], Condition: { BoolIfExists: { 'aws:SecureTransport': false } } }],
          }),
        });
      });
      expect(fixture.synthError()).toBeUndefined();
    });

    test('a wildcard resource that covers the bucket and its objects', () => {
      const fixture = policyFixture((scope) => {
        const a = bucket(scope, 'a', 'acme-a');
        new S3BucketPolicy(scope, 'a_policy', { bucket: a.id, policy: policyDocument([denyPlainHttp(['arn:aws:s3:::acme-a*'])]) });
      });
      expect(fixture.synthError()).toBeUndefined();
    });
  });

  describe('non-compliant', () => {
    test('a bucket without a policy fails synth, naming the rule, the bucket and what is expected', () => {
      const fixture = policyFixture((scope) => bucket(scope, 'bucket', 'acme-plain'));
      expect(fixture.synthError()).toContain(
        `${RULE}: fixture/bucket (aws_s3_bucket.bucket): has no bucket policy; expected a bucket policy (aws_s3_bucket_policy in this stack) with a Deny of "s3:*" for Principal "*" on the bucket and its objects when aws:SecureTransport is false`,
      );
      expect(fixture.violations().map((v) => v.rule)).toEqual([RULE]);
    });

    const cases: Array<[string, (arn: string) => Statement]> = [
      ['only objects covered', (arn) => denyPlainHttp([`${arn}/*`])],
      ['only the bucket covered', (arn) => denyPlainHttp([arn])],
      ['Allow instead of Deny', (arn) => denyPlainHttp([arn, `${arn}/*`], { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' } })],
      ['only some actions', (arn) => denyPlainHttp([arn, `${arn}/*`], { Action: ['s3:GetObject'] })],
      ['a named principal', (arn) => denyPlainHttp([arn, `${arn}/*`], { Principal: { AWS: 'arn:aws:iam::123456789012:role/x' } })],
      ['a condition on something else', (arn) => denyPlainHttp([arn, `${arn}/*`], { Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } })],
      ['SecureTransport true', (arn) => denyPlainHttp([arn, `${arn}/*`], { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })],
    ];

    test.each(cases)('a policy with %s fails', (_name, statement) => {
      const fixture = policyFixture((scope) => {
        const b = bucket(scope, 'bucket', 'acme-weak');
        new S3BucketPolicy(scope, 'policy', { bucket: b.id, policy: policyDocument([statement(b.arn)]) });
      });
      expect(fixture.synthError()).toContain(`${RULE}: fixture/bucket (aws_s3_bucket.bucket): bucket policy does not deny insecure transport; expected`);
    });

    test('the TLS-only policy of another bucket does not count', () => {
      const fixture = policyFixture((scope) => {
        const a = bucket(scope, 'a', 'acme-a');
        bucket(scope, 'b', 'acme-b');
        new S3BucketPolicy(scope, 'policy', { bucket: 'acme-b', policy: tlsOnlyBucketPolicy(a.arn) });
        new S3BucketPolicy(scope, 'a_policy', { bucket: a.id, policy: tlsOnlyBucketPolicy(a.arn) });
      });
      expect(fixture.violations().map((v) => `${v.address}: ${v.message.split(';')[0]}`)).toEqual(['aws_s3_bucket.b: bucket policy does not deny insecure transport']);
    });
  });
});
