import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { dlmKeyStatements, ebsKeyStatements, ec2Endpoint } from '../../../src/constructs/compute/snapshot-key-statements';
import { defaultSnapshotCopyTargets, snapshotCopyTargets } from '../../../src/config/compute/snapshot-copy-targets';
import { kmsKeyPolicy } from '../../../src/aws/kms-key-policy';
import { policyDocument } from '../../../src/aws/policy-documents';
import { policyFixture, wildcardPrincipalAllows } from '../../helpers/inspect';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/acme-dlm`;
const USE = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

describe('ebsKeyStatements', () => {
  const statements = ebsKeyStatements({ account: ACCOUNT, partition: 'aws', region: 'eu-west-1' });

  test('principals of this account (as their IAM policies allow) use the key only through EC2 of its Region', () => {
    expect(statements).toEqual([
      {
        Sid: 'EbsForPrincipalsOfThisAccount',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: USE,
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 'ec2.eu-west-1.amazonaws.com' } },
      },
      {
        Sid: 'EbsGrantsForPrincipalsOfThisAccount',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 'ec2.eu-west-1.amazonaws.com' },
          Bool: { 'kms:GrantIsForAWSResource': 'true' },
        },
      },
    ]);
  });

  test('no administration of the key and no grant that a principal could use itself', () => {
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => !USE.includes(a) && a !== 'kms:CreateGrant')).toEqual([]);
  });
});

describe('dlmKeyStatements', () => {
  const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
  const plan = defaultSnapshotCopyTargets('us-east-1', REGIONS);
  const via = (statements: ReturnType<typeof dlmKeyStatements>) => statements.map((s) => s.Condition?.StringEquals?.['kms:ViaService']);

  test('the DLM role uses the key and grants it to EC2 for AWS resources, through EC2 only', () => {
    const statements = dlmKeyStatements({ region: 'eu-west-1', dlmRoleArn: ROLE, copyTargets: plan });
    expect(statements).toEqual([
      {
        Sid: 'DlmRoleUsesKeyThroughEc2',
        Effect: 'Allow',
        Principal: { AWS: ROLE },
        Action: USE,
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': ['ec2.eu-west-1.amazonaws.com', 'ec2.us-east-1.amazonaws.com'] } },
      },
      {
        Sid: 'DlmRoleGrantsToEc2',
        Effect: 'Allow',
        Principal: { AWS: ROLE },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:ViaService': ['ec2.eu-west-1.amazonaws.com', 'ec2.us-east-1.amazonaws.com'] },
          Bool: { 'kms:GrantIsForAWSResource': 'true' },
        },
      },
    ]);
  });

  test('through EC2 of the key\'s Region and of the Regions it exchanges copies with, no other', () => {
    // The primary receives every secondary's copies and sends its own to the first secondary.
    expect(via(dlmKeyStatements({ region: 'us-east-1', dlmRoleArn: ROLE, copyTargets: plan }))[0]).toEqual(REGIONS.map(ec2Endpoint));
    expect(via(dlmKeyStatements({ region: 'us-west-2', dlmRoleArn: ROLE, copyTargets: plan }))[0]).toEqual(['ec2.us-west-2.amazonaws.com', 'ec2.us-east-1.amazonaws.com']);
    const custom = snapshotCopyTargets('us-east-1', REGIONS, { 'eu-west-1': ['us-west-2'] });
    expect(via(dlmKeyStatements({ region: 'eu-west-1', dlmRoleArn: ROLE, copyTargets: custom }))[0]).toEqual(['ec2.eu-west-1.amazonaws.com', 'ec2.us-west-2.amazonaws.com']);
    expect(via(dlmKeyStatements({ region: 'us-west-2', dlmRoleArn: ROLE, copyTargets: custom }))[0]).toEqual([
      'ec2.us-west-2.amazonaws.com',
      'ec2.us-east-1.amazonaws.com',
      'ec2.eu-west-1.amazonaws.com',
    ]);
  });

  test('one Region: only that Region\'s EC2', () => {
    const alone = dlmKeyStatements({ region: 'us-east-1', dlmRoleArn: ROLE, copyTargets: defaultSnapshotCopyTargets('us-east-1', ['us-east-1']) });
    expect(via(alone)).toEqual([['ec2.us-east-1.amazonaws.com'], ['ec2.us-east-1.amazonaws.com']]);
  });
});

describe('in a key policy', () => {
  const policy = (() => {
    const base = JSON.parse(kmsKeyPolicy({ account: ACCOUNT, partition: 'aws', region: 'eu-west-1', administratorArns: [`arn:aws:iam::${ACCOUNT}:root`], userArns: [], s3ReaderArns: [], services: {} }));
    const plan = defaultSnapshotCopyTargets('us-east-1', ['us-east-1', 'eu-west-1']);
    return policyDocument([
      ...base.Statement,
      ...ebsKeyStatements({ account: ACCOUNT, partition: 'aws', region: 'eu-west-1' }),
      ...dlmKeyStatements({ region: 'eu-west-1', dlmRoleArn: ROLE, copyTargets: plan }),
    ]);
  })();

  test('Sids stay unique beside the foundation\'s own statements, and no principal is a wildcard', () => {
    const statements = JSON.parse(policy).Statement as Array<{ Sid: string }>;
    expect(new Set(statements.map((s) => s.Sid)).size).toBe(statements.length);
    expect(wildcardPrincipalAllows(JSON.parse(policy))).toEqual([]);
  });

  test('a key with these statements passes the foundation\'s compliance rules', () => {
    const fixture = policyFixture((scope) => new KmsKey(scope, 'key', { description: 'fixture', enableKeyRotation: true, multiRegion: true, policy }));
    expect(fixture.violations()).toEqual([]);
  });
});
