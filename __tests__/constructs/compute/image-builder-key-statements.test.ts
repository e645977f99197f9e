import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { policyDocument } from '../../../src/aws/policy-documents';
import { KEY_ADMIN_ACTIONS } from '../../../src/aws/kms-key-policy';
import { imageBuilderKeyStatements } from '../../../src/constructs/compute/image-builder-key-statements';
import { decide } from '../../helpers/iam-evaluator';
import { overlyBroadAllows, policyFixture } from '../../helpers/inspect';

const CONTEXT = { account: '123456789012', partition: 'aws', region: 'eu-west-1', regions: ['us-east-1', 'eu-west-1'] };
const SLR = 'arn:aws:iam::123456789012:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/mrk-1';

describe('imageBuilderKeyStatements', () => {
  const statements = imageBuilderKeyStatements(CONTEXT);

  test('name Image Builder\'s service-linked role, through EC2 of a configured Region, in this account', () => {
    expect(statements.map((s) => s.Sid)).toEqual(['ImageBuilderUsesKeyThroughEc2', 'ImageBuilderLetsEc2AttachVolumes']);
    for (const s of statements) {
      expect(s.Principal).toEqual({ AWS: SLR });
      expect(s.Condition?.StringEquals).toEqual({ 'kms:ViaService': ['ec2.us-east-1.amazonaws.com', 'ec2.eu-west-1.amazonaws.com'], 'kms:CallerAccount': '123456789012' });
    }
    expect(statements[0].Action).toEqual(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']);
  });

  test('grants only for AWS resources (EC2\'s volumes), never key administration', () => {
    expect(statements[1]).toMatchObject({ Action: 'kms:CreateGrant', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } });
    // Exactly these two statements: use and grants, no key administration.
    expect(statements).toHaveLength(2);
  });

  test('the evaluator agrees: EC2 copies into this Region, nothing else gets through', () => {
    const viaEc2 = (region: string) => ({ 'kms:ViaService': `ec2.${region}.amazonaws.com`, 'kms:CallerAccount': '123456789012' });
    expect(decide(statements, { action: 'kms:GenerateDataKeyWithoutPlaintext', resource: KEY, context: viaEc2('eu-west-1') })).toBe('Allow');
    expect(decide(statements, { action: 'kms:Decrypt', resource: KEY, context: viaEc2('us-east-1') })).toBe('Allow');
    expect(decide(statements, { action: 'kms:Decrypt', resource: KEY, context: viaEc2('ap-southeast-2') })).toBe('ImplicitDeny');
    expect(decide(statements, { action: 'kms:Decrypt', resource: KEY, context: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': '123456789012' } })).toBe('ImplicitDeny');
    expect(decide(statements, { action: 'kms:CreateGrant', resource: KEY, context: viaEc2('eu-west-1') })).toBe('ImplicitDeny');
    expect(decide(statements, { action: 'kms:CreateGrant', resource: KEY, context: { ...viaEc2('eu-west-1'), 'kms:GrantIsForAWSResource': 'true' } })).toBe('Allow');
  });

  test('a Region outside the configured ones is refused', () => {
    expect(() => imageBuilderKeyStatements({ ...CONTEXT, region: 'ap-south-1' })).toThrow(
      'imageBuilderKeyStatements region: received "ap-south-1"; expected one of the configured Regions ["us-east-1","eu-west-1"]',
    );
  });
});

test('a key policy with these statements passes the compliance rules and has no broad Allow', () => {
  const document = policyDocument([
    { Sid: 'KeyAdministrators', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: KEY_ADMIN_ACTIONS, Resource: '*' },
    ...imageBuilderKeyStatements(CONTEXT),
  ]);
  expect(overlyBroadAllows(JSON.parse(document))).toEqual([]);
  expect(policyFixture((scope) => new KmsKey(scope, 'key', { description: 'fixture', enableKeyRotation: true, policy: document })).violations()).toEqual([]);
});
