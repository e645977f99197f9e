import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { policyDocument, tlsOnlyBucketPolicy } from '../../src/aws/policy-documents';
import { synthConstruct } from '../helpers/synth';
import { KEY_ADMIN_ACTIONS } from '../../src/aws/kms-key-policy';
import { asList, KMS_KEY_ADMIN_SID, overlyBroadAllows, PolicyDocument } from '../helpers/inspect';

describe('policyDocument', () => {
  const statements = [
    { Sid: 'A', Effect: 'Allow' as const, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    { Sid: 'B', Effect: 'Deny' as const, Principal: '*' as const, Action: ['s3:DeleteObject'], Resource: ['arn:aws:s3:::b/*'] },
  ];

  test('is a JSON string with the 2012-10-17 version and the statements in order', () => {
    const parsed = JSON.parse(policyDocument(statements));
    expect(parsed).toEqual({ Version: '2012-10-17', Statement: statements });
  });

  test('token references stay valid JSON after synth', () => {
    const stack = synthConstruct((scope) => {
      const other = new IamPolicy(scope, 'other', { name: 'other', policy: policyDocument(statements) });
      new IamPolicy(scope, 'referencing', {
        name: 'ref',
        policy: policyDocument([{ Sid: 'C', Effect: 'Allow', Action: 'iam:GetPolicy', Resource: other.arn }]),
      });
    });
    const policies = Object.values(stack.resource?.aws_iam_policy ?? {}).map((p) => JSON.parse(p.policy) as PolicyDocument);
    expect(policies).toHaveLength(2);
    const referencing = policies.find((p) => p.Statement[0].Sid === 'C')!;
    expect(referencing.Statement[0].Resource).toMatch(/^\$\{aws_iam_policy\.[^.]+\.arn\}$/);
  });
});

describe('tlsOnlyBucketPolicy', () => {
  const document: PolicyDocument = JSON.parse(tlsOnlyBucketPolicy('arn:aws:s3:::acme'));

  test('only denies, covering the bucket and every object', () => {
    expect(document.Statement.length).toBeGreaterThanOrEqual(2);
    for (const s of document.Statement) {
      expect(s.Effect).toBe('Deny');
      expect(s.Principal).toBe('*');
      expect(s.Action).toBe('s3:*');
      expect(asList(s.Resource).sort()).toEqual(['arn:aws:s3:::acme', 'arn:aws:s3:::acme/*']);
    }
  });

  test('denies requests without TLS and requests below TLS 1.2', () => {
    const conditions = document.Statement.map((s) => s.Condition);
    expect(conditions).toContainEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    expect(conditions).toContainEqual({ NumericLessThan: { 's3:TlsVersion': '1.2' } });
  });

  test('statement ids are unique', () => {
    const sids = document.Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
  });
});

// The assertion every construct and stack test relies on must itself catch what it is meant to.
describe('overlyBroadAllows (test helper used on every policy)', () => {
  const doc = (...Statement: any[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

  test('flags Allow of "*" or "service:*" on "*", and NotAction', () => {
    expect(overlyBroadAllows(doc({ Effect: 'Allow', Action: '*', Resource: '*' }))).toHaveLength(1);
    expect(overlyBroadAllows(doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:*'], Resource: ['*'] }))).toHaveLength(1);
    expect(overlyBroadAllows(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' }))).toHaveLength(1);
    expect(overlyBroadAllows(doc({ Effect: 'Allow', Action: 'kms:*', Principal: { AWS: '*' }, Resource: '*' }))).toHaveLength(1);
  });

  test('flags "kms:*" on "*" in a key policy too, whatever the Sid or principal (no key-admin exception any more)', () => {
    const root = { AWS: 'arn:aws:iam::111122223333:root' };
    for (const Sid of [KMS_KEY_ADMIN_SID, 'AccountAdministersKeyThroughIam', undefined]) {
      expect(overlyBroadAllows(doc({ Sid, Effect: 'Allow', Principal: root, Action: 'kms:*', Resource: '*' }))).toHaveLength(1);
    }
    expect(
      overlyBroadAllows(doc({ Sid: KMS_KEY_ADMIN_SID, Effect: 'Allow', Principal: root, Action: [...KEY_ADMIN_ACTIONS, 'kms:*'], Resource: '*' })),
    ).toHaveLength(1);
  });

  test('passes scoped Allows, Denies and the key-admin statement with its explicit admin actions', () => {
    expect(overlyBroadAllows(doc({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b' }))).toEqual([]);
    expect(overlyBroadAllows(doc({ Effect: 'Deny', Action: '*', Resource: '*' }))).toEqual([]);
    expect(
      overlyBroadAllows(doc({ Sid: KMS_KEY_ADMIN_SID, Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root'] }, Action: KEY_ADMIN_ACTIONS, Resource: '*' })),
    ).toEqual([]);
  });
});
