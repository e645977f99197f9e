import { StaticContentBucketPolicy } from '../../../src/constructs/edge/static-content-bucket-policy';
import { accountDistributionsArn, distributionArn } from '../../../src/constructs/edge/static-content-names';
import { synthConstruct } from '../../helpers/synth';
import { only } from '../../helpers/inspect';
import { decide } from '../../helpers/iam-evaluator';

const A = '123456789012';
const BUCKET = { bucketName: 'acme-static-us-east-1-123456789012', bucketArn: 'arn:aws:s3:::acme-static-us-east-1-123456789012' };
const OURS = distributionArn('aws', A, 'E2QWRUHEXAMPLE');
const policyOf = (arn: string) => JSON.parse(only(synthConstruct((s) => new StaticContentBucketPolicy(s, 'p', { bucket: BUCKET, account: A, distributionArn: arn })), 'aws_s3_bucket_policy')[1].policy);
const cf = (sourceArn: string, sourceAccount = A) => ({ 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount, 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.3' });

describe('StaticContentBucketPolicy', () => {
  test('one policy: the TLS-only Denies, then CloudFront\'s GetObject for the named distribution', () => {
    const policy = policyOf(OURS);
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['DenyInsecureTransport', 'DenyOutdatedTls', 'CloudFrontReadsThroughOriginAccessControl']);
    expect(policy.Statement[2]).toEqual({
      Sid: 'CloudFrontReadsThroughOriginAccessControl',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: `${BUCKET.bucketArn}/*`,
      Condition: { StringEquals: { 'aws:SourceArn': OURS, 'aws:SourceAccount': A } },
    });
  });

  test('the exact distribution reads objects; another distribution, another account or a listing does not', () => {
    // The TLS Denies (NumericLessThan) are S3BucketTlsOnly's to check; the evaluator models the Allow.
    const statements = policyOf(OURS).Statement.slice(2);
    const object = `${BUCKET.bucketArn}/docs/index.html`;
    expect(decide(statements, { action: 's3:GetObject', resource: object, context: cf(OURS) })).toBe('Allow');
    expect(decide(statements, { action: 's3:GetObject', resource: object, context: cf(distributionArn('aws', A, 'EOTHER')) })).toBe('ImplicitDeny');
    expect(decide(statements, { action: 's3:PutObject', resource: object, context: cf(OURS) })).toBe('ImplicitDeny');
    expect(decide(statements, { action: 's3:ListBucket', resource: BUCKET.bucketArn, context: cf(OURS) })).toBe('ImplicitDeny');
  });

  test('with the account pattern (the distribution not created yet): any distribution of this account, none of another', () => {
    const statements = policyOf(accountDistributionsArn('aws', A)).Statement.slice(2);
    expect(statements[0].Condition).toEqual({ ArnLike: { 'aws:SourceArn': `arn:aws:cloudfront::${A}:distribution/*` }, StringEquals: { 'aws:SourceAccount': A } });
    const object = `${BUCKET.bucketArn}/index.html`;
    expect(decide(statements, { action: 's3:GetObject', resource: object, context: cf(distributionArn('aws', A, 'EANY')) })).toBe('Allow');
    expect(decide(statements, { action: 's3:GetObject', resource: object, context: cf('arn:aws:cloudfront::999999999999:distribution/E1', '999999999999') })).toBe('ImplicitDeny');
  });

  test('a distribution reference is taken as it is', () => {
    const statement = policyOf('${aws_cloudfront_distribution.cdn.arn}').Statement[2];
    expect(statement.Condition.StringEquals['aws:SourceArn']).toBe('${aws_cloudfront_distribution.cdn.arn}');
  });

  test('anything else is a clear error', () => {
    expect(() => policyOf('arn:aws:cloudfront::123456789012:origin-access-control/E1')).toThrow(
      'StaticContentBucketPolicy p distributionArn: received "arn:aws:cloudfront::123456789012:origin-access-control/E1"; expected a CloudFront distribution ARN (arn:<partition>:cloudfront::<account>:distribution/<id>) or the account\'s pattern arn:<partition>:cloudfront::<account>:distribution/*',
    );
  });
});
