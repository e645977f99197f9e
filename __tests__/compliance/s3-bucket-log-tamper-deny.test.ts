import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { Statement, policyDocument, tlsOnlyBucketPolicy } from '../../src/aws/policy-documents';
import { AuditLogBucket } from '../../src/constructs/audit/audit-log-bucket';
import { ConfigLogBucket } from '../../src/constructs/audit/config-log-bucket';
import { configDeliveryStatements } from '../../src/constructs/audit/log-bucket';
import { S3BucketLogTamperDeny } from '../../src/compliance/s3-bucket-log-tamper-deny';
import { BUCKET_PROTECTION_ACTIONS as BUCKET_TAMPER_ACTIONS, LOG_TAMPER_ACTIONS as OBJECT_TAMPER_ACTIONS } from '../../src/constructs/audit/protected-actions';
import { accountFacts } from '../../src/stacks/account-facts';
import { policyFixture } from '../helpers/inspect';

const RULE = S3BucketLogTamperDeny.name;
const DEPLOYER = 'arn:aws:iam::123456789012:role/acme-deploy';

/** A bucket with Object Lock (or without), a complete public access block, and the given policy statements after the TLS-only ones. */
function lockedBucket(scope: Construct, statements: (arn: string) => Statement[], objectLockEnabled = true): S3Bucket {
  const bucket = new S3Bucket(scope, 'bucket', { bucket: 'acme-logs', objectLockEnabled });
  new S3BucketPublicAccessBlock(scope, 'pab', { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
  const tlsOnly = JSON.parse(tlsOnlyBucketPolicy(bucket.arn)).Statement as Statement[];
  new S3BucketPolicy(scope, 'policy', { bucket: bucket.id, policy: policyDocument([...tlsOnly, ...statements(bucket.arn)]) });
  return bucket;
}

const denyObjects = (arn: string, overrides: Partial<Statement> = {}): Statement => ({
  Sid: 'DenyObjects',
  Effect: 'Deny',
  Principal: '*',
  Action: [...OBJECT_TAMPER_ACTIONS],
  Resource: `${arn}/*`,
  ...overrides,
});

const denyBucket = (arn: string, overrides: Partial<Statement> = {}): Statement => ({
  Sid: 'DenyBucket',
  Effect: 'Deny',
  Principal: '*',
  Action: [...BUCKET_TAMPER_ACTIONS],
  Resource: arn,
  Condition: { ArnNotEquals: { 'aws:PrincipalArn': [DEPLOYER] } },
  ...overrides,
});

const violationsOf = (build: (scope: Construct) => void) => policyFixture(build).violations().filter((v) => v.rule === RULE);

/** A statement letting an AWS service write log objects. */
const serviceWrites = (arn: string, service: string): Statement => ({ Sid: 'ServiceWrites', Effect: 'Allow', Principal: { Service: service }, Action: 's3:PutObject', Resource: `${arn}/AWSLogs/*` });

describe('S3BucketLogTamperDeny', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('S3BucketLogTamperDeny');
  });

  describe('compliant', () => {
    test('the project\'s AuditLogBucket, without and with break-glass principals', () => {
      for (const breakGlassArns of [[], ['arn:aws:iam::123456789012:role/break-glass']]) {
        const fixture = policyFixture((scope) =>
          new AuditLogBucket(scope, 'audit', {
            bucketName: 'acme-audit-logs',
            kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef',
            trailName: 'acme-trail',
            logReaderArns: ['arn:aws:iam::123456789012:role/security-audit'],
            bucketManagerArns: [DEPLOYER],
            breakGlassArns,
            accessLogBucket: { bucketName: 'acme-access-logs' },
            facts: accountFacts(scope),
          }),
        );
        expect(fixture.violations().filter((v) => v.rule === RULE)).toEqual([]);
      }
    });

    test('wildcard actions and {"AWS": "*"} cover the same ground; exceptions may be references to roles', () => {
      const violations = violationsOf((scope) => {
        const role = '${aws_iam_role.deploy.arn}';
        lockedBucket(scope, (arn) => [
          denyObjects(arn, { Principal: { AWS: '*' }, Action: ['s3:Delete*', 's3:BypassGovernanceRetention', 's3:PutObjectRetention', 's3:PutObjectLegalHold'], Condition: { ArnNotEquals: { 'aws:PrincipalArn': role } } }),
          denyBucket(arn, { Action: ['s3:PutBucket*', 's3:DeleteBucket*', 's3:PutLifecycleConfiguration', 's3:PutEncryptionConfiguration', 's3:PutReplicationConfiguration'], Resource: [arn, `${arn}/*`] }),
        ]);
      });
      expect(violations).toEqual([]);
    });

    test('the project\'s ConfigLogBucket (no Object Lock), without and with break-glass principals', () => {
      for (const breakGlassArns of [[], ['arn:aws:iam::123456789012:role/break-glass']]) {
        const violations = violationsOf((scope) =>
          new ConfigLogBucket(scope, 'config', {
            bucketName: 'acme-config',
            kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef',
            logReaderArns: ['arn:aws:iam::123456789012:role/security-audit'],
            bucketManagerArns: [DEPLOYER],
            breakGlassArns,
            accessLogBucket: { bucketName: 'acme-access-logs' },
            facts: accountFacts(scope),
          }),
        );
        expect(violations).toEqual([]);
      }
    });

    test('a bucket without Object Lock that no log service writes to is not this rule\'s concern', () => {
      expect(violationsOf((scope) => lockedBucket(scope, () => [], false))).toEqual([]);
      expect(violationsOf((scope) => lockedBucket(scope, (arn) => [serviceWrites(arn, 'logging.s3.amazonaws.com')], false))).toEqual([]);
      // Reading or checking the bucket is no delivery.
      expect(violationsOf((scope) => lockedBucket(scope, (arn) => [{ ...serviceWrites(arn, 'config.amazonaws.com'), Action: 's3:GetBucketAcl', Resource: arn }], false))).toEqual([]);
    });

    test('a log bucket without Object Lock that has the Denies', () => {
      expect(violationsOf((scope) => lockedBucket(scope, (arn) => [serviceWrites(arn, 'config.amazonaws.com'), denyObjects(arn), denyBucket(arn)], false))).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    test('an Object Lock bucket whose policy only denies plain HTTP (the audit bucket before this rule) fails synth, listing every missing action', () => {
      const fixture = policyFixture((scope) => lockedBucket(scope, () => []));
      expect(fixture.synthError()).toContain(
        `${RULE}: fixture/bucket (aws_s3_bucket.bucket): has Object Lock; its bucket policy does not deny ${[...OBJECT_TAMPER_ACTIONS, ...BUCKET_TAMPER_ACTIONS].join(', ')} to everyone; expected Deny statements for Principal "*"`,
      );
      expect(fixture.violations().map((v) => v.rule)).toEqual([RULE]);
    });

    test.each([
      ['AWS Config', 'config', 'config.amazonaws.com'],
      ['CloudTrail', 'cloudtrail', 'cloudtrail.amazonaws.com'],
    ])('a bucket without Object Lock that %s writes to, with the delivery statements alone (AWS Config\'s bucket without the audit bucket\'s Denies)', (_name, short, service) => {
      const fixture = policyFixture((scope) => lockedBucket(scope, (arn) => (short === 'config' ? configDeliveryStatements(arn, '123456789012', 'config') : [serviceWrites(arn, service)]), false));
      expect(fixture.synthError()).toContain(
        `${RULE}: fixture/bucket (aws_s3_bucket.bucket): receives ${short} logs; its bucket policy does not deny ${[...OBJECT_TAMPER_ACTIONS, ...BUCKET_TAMPER_ACTIONS].join(', ')} to everyone`,
      );
      expect(fixture.violations().map((v) => v.rule)).toEqual([RULE]);
    });

    test('a log bucket with only the object Deny: the bucket settings stay open', () => {
      const [violation] = violationsOf((scope) => lockedBucket(scope, (arn) => [serviceWrites(arn, 'config.amazonaws.com'), denyObjects(arn)], false));
      expect(violation.message).toBe(
        `receives config logs; its bucket policy does not deny ${BUCKET_TAMPER_ACTIONS.join(', ')} to everyone; expected Deny statements for Principal "*" of ${OBJECT_TAMPER_ACTIONS.join(', ')} on its objects and of ${BUCKET_TAMPER_ACTIONS.join(', ')} on the bucket, excepting at most named principals through ArnNotEquals/ArnNotLike on aws:PrincipalArn (never the account root)`,
      );
    });

    test('an Object Lock bucket without any bucket policy', () => {
      const violations = violationsOf((scope) => new S3Bucket(scope, 'bucket', { bucket: 'acme-logs', objectLockEnabled: true }));
      expect(violations.map((v) => v.message)).toEqual([expect.stringMatching(/^has Object Lock but no bucket policy; expected Deny statements/)]);
    });

    test('denying the objects but not the bucket settings', () => {
      const [violation] = violationsOf((scope) => lockedBucket(scope, (arn) => [denyObjects(arn)]));
      expect(violation.message).toContain(`does not deny ${BUCKET_TAMPER_ACTIONS.join(', ')} to everyone`);
    });

    test('an exception for the account root lets every administrator through', () => {
      const root = 'arn:aws:iam::123456789012:root';
      const [violation] = violationsOf((scope) => lockedBucket(scope, (arn) => [denyObjects(arn, { Condition: { ArnNotEquals: { 'aws:PrincipalArn': [root] } } }), denyBucket(arn)]));
      expect(violation.message).toContain(
        `does not deny ${OBJECT_TAMPER_ACTIONS.join(', ')} to everyone (statement "DenyObjects" exempts the account root (${root}), which lets every administrator through); expected`,
      );
    });

    test.each([
      ['a pattern of principals', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/*' } }, 'exempts the pattern arn:aws:iam::123456789012:role/*; expected exact principal ARNs'],
      ['a condition on something else than who calls', { StringNotEquals: { 'aws:SourceVpce': 'vpce-1234' } }, 'uses StringNotEquals, which can exempt callers by more than who they are'],
      ['an Arn condition on another key', { ArnNotEquals: { 'aws:SourceArn': DEPLOYER } }, 'exempts by aws:SourceArn, not by aws:PrincipalArn'],
    ])('an exception by %s', (_name, condition, problem) => {
      const [violation] = violationsOf((scope) => lockedBucket(scope, (arn) => [denyObjects(arn), denyBucket(arn, { Condition: condition as Statement['Condition'] })]));
      expect(violation.message).toContain(`does not deny ${BUCKET_TAMPER_ACTIONS.join(', ')} to everyone (statement "DenyBucket" ${problem}); expected`);
    });

    test.each([
      ['an Allow instead of a Deny', (arn: string) => [denyObjects(arn, { Effect: 'Allow', Principal: { AWS: DEPLOYER } }), denyBucket(arn)]],
      ['a Deny for one principal only', (arn: string) => [denyObjects(arn, { Principal: { AWS: DEPLOYER } }), denyBucket(arn)]],
      ['a Deny on the bucket instead of its objects', (arn: string) => [denyObjects(arn, { Resource: arn }), denyBucket(arn)]],
      ['a Deny of other actions', (arn: string) => [denyObjects(arn, { Action: ['s3:PutObject'] }), denyBucket(arn)]],
    ])('%s', (_name, statements) => {
      const [violation] = violationsOf((scope) => lockedBucket(scope, statements));
      expect(violation.message).toContain(`does not deny ${OBJECT_TAMPER_ACTIONS.join(', ')} to everyone`);
    });
  });
});
