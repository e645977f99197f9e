import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { kmsKeyPolicy } from '../../../src/aws/kms-key-policy';
import { staticContentKeyStatements, staticReplicationKeyStatements } from '../../../src/constructs/edge/static-content-key-statements';
import { decide } from '../../helpers/iam-evaluator';
import { policyFixture } from '../../helpers/inspect';

const A = '123456789012';
const KEY = `arn:aws:kms:eu-west-1:${A}:key/mrk-1`;
const cloudfront = staticContentKeyStatements({ region: 'eu-west-1', account: A, partition: 'aws' });
const viaS3 = { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'aws:SourceAccount': A };

describe('staticContentKeyStatements', () => {
  test('CloudFront may only decrypt, through S3 of the key\'s Region, for a distribution of this account', () => {
    expect(cloudfront).toEqual([
      {
        Sid: 'CloudFrontDecryptsStaticContentThroughS3',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:cloudfront::${A}:distribution/*` }, StringEquals: { 'aws:SourceAccount': A, 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      },
    ]);
    const ours = { ...viaS3, 'aws:SourceArn': `arn:aws:cloudfront::${A}:distribution/E2QWRUHEXAMPLE` };
    expect(decide(cloudfront, { action: 'kms:Decrypt', resource: KEY, context: ours })).toBe('Allow');
    expect(decide(cloudfront, { action: 'kms:Encrypt', resource: KEY, context: ours })).toBe('ImplicitDeny');
    expect(decide(cloudfront, { action: 'kms:Decrypt', resource: KEY, context: { ...ours, 'kms:ViaService': 's3.us-east-1.amazonaws.com' } })).toBe('ImplicitDeny');
    expect(decide(cloudfront, { action: 'kms:Decrypt', resource: KEY, context: { ...ours, 'aws:SourceArn': 'arn:aws:cloudfront::999999999999:distribution/E1', 'aws:SourceAccount': '999999999999' } })).toBe('ImplicitDeny');
  });

  test('names the distribution when it is known', () => {
    const arn = `arn:aws:cloudfront::${A}:distribution/E2QWRUHEXAMPLE`;
    expect(staticContentKeyStatements({ region: 'eu-west-1', account: A, partition: 'aws', distributionArn: arn })[0].Condition!.ArnLike).toEqual({ 'aws:SourceArn': arn });
  });
});

describe('staticReplicationKeyStatements', () => {
  const role = `arn:aws:iam::${A}:role/acme-static-replication`;
  const source = staticReplicationKeyStatements({ region: 'us-east-1', account: A, partition: 'aws', project: 'acme', side: 'source' });
  const destination = staticReplicationKeyStatements({ region: 'eu-west-1', account: A, partition: 'aws', project: 'acme', side: 'destination' });
  const as = (principal: string, region: string) => ({ 'aws:PrincipalArn': principal, 'kms:CallerAccount': A, 'kms:ViaService': `s3.${region}.amazonaws.com` });

  test('the source key: only the replication role decrypts, only through S3 of its Region', () => {
    expect(decide(source, { action: 'kms:Decrypt', resource: KEY, context: as(role, 'us-east-1') })).toBe('Allow');
    expect(decide(source, { action: 'kms:Encrypt', resource: KEY, context: as(role, 'us-east-1') })).toBe('ImplicitDeny');
    expect(decide(source, { action: 'kms:Decrypt', resource: KEY, context: as(`arn:aws:iam::${A}:role/acme-deploy`, 'us-east-1') })).toBe('ImplicitDeny');
    expect(decide(source, { action: 'kms:Decrypt', resource: KEY, context: as(role, 'eu-west-1') })).toBe('ImplicitDeny');
  });

  test('the destination key: only the replication role encrypts, only through S3 of its Region', () => {
    expect(decide(destination, { action: 'kms:Encrypt', resource: KEY, context: as(role, 'eu-west-1') })).toBe('Allow');
    expect(decide(destination, { action: 'kms:GenerateDataKey', resource: KEY, context: as(role, 'eu-west-1') })).toBe('Allow');
    expect(decide(destination, { action: 'kms:Decrypt', resource: KEY, context: as(role, 'eu-west-1') })).toBe('ImplicitDeny');
  });

  test('in a whole key policy, pass the foundation\'s rules', () => {
    const policy = kmsKeyPolicy({
      account: A,
      partition: 'aws',
      region: 'eu-west-1',
      administratorArns: [`arn:aws:iam::${A}:root`],
      userArns: [],
      s3ReaderArns: [],
      services: { layers: [...cloudfront, ...destination] },
    });
    expect(policyFixture((s) => new KmsKey(s, 'key', { enableKeyRotation: true, multiRegion: true, policy })).violations()).toEqual([]);
  });
});
