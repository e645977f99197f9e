import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { cdnGrants } from '../../../src/constructs/edge/cdn-permissions';
import { AUDIT_PERMISSIONS } from '../../../src/constructs/audit/permissions';
import { policySize, worstCaseContext } from '../../../src/aws/deploy-permissions';
import { policyDocument } from '../../../src/aws/policy-documents';
import { PROJECT_TAG_KEY } from '../../../src/aws/tags';
import { CONTEXT, describeDomainPermissions, grantsAction } from '../../helpers/deploy-permissions';
import { decide } from '../../helpers/iam-evaluator';
import { policyFixture } from '../../helpers/inspect';

const grants = cdnGrants(CONTEXT);
const statements = grants.map((g) => g.statement);
const audit = AUDIT_PERMISSIONS.grants(CONTEXT).map((g) => g.statement);
const A = CONTEXT.account;
const DIST = `arn:aws:cloudfront::${A}:distribution/E2QWRUHEXAMPLE`;
const tagged = (p: string) => ({ [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: p });

/** What Terraform calls for each type, from this grant (the buckets' other settings are the audit domain's). */
const REQUIRED: Record<string, string[]> = {
  aws_cloudfront_distribution: ['cloudfront:CreateDistribution', 'cloudfront:GetDistribution', 'cloudfront:UpdateDistribution', 'cloudfront:DeleteDistribution', 'cloudfront:TagResource', 'cloudfront:UntagResource', 'cloudfront:ListTagsForResource'],
  aws_cloudfront_origin_access_control: ['cloudfront:CreateOriginAccessControl', 'cloudfront:GetOriginAccessControl', 'cloudfront:UpdateOriginAccessControl', 'cloudfront:DeleteOriginAccessControl'],
  aws_cloudfront_function: ['cloudfront:CreateFunction', 'cloudfront:DescribeFunction', 'cloudfront:GetFunction', 'cloudfront:PublishFunction', 'cloudfront:UpdateFunction', 'cloudfront:DeleteFunction'],
  aws_cloudfront_response_headers_policy: ['cloudfront:CreateResponseHeadersPolicy', 'cloudfront:GetResponseHeadersPolicy', 'cloudfront:UpdateResponseHeadersPolicy', 'cloudfront:DeleteResponseHeadersPolicy'],
  aws_s3_bucket_replication_configuration: ['s3:PutReplicationConfiguration', 'iam:PassRole'],
};

// The CDN's part of the edge-delivery policy, checked as a policy of its own.
describeDomainPermissions({ domain: 'edge-cdn', description: 'CDN', grants: cdnGrants }, REQUIRED);

describe('cdnGrants', () => {
  test('the audit domain reads replication configurations but cannot write them: this grant adds only that', () => {
    expect(grantsAction(audit, 's3:GetReplicationConfiguration')).toBe(true);
    expect(grantsAction(audit, 's3:PutReplicationConfiguration')).toBe(false);
  });

  test('under 3,000 characters with aws-us-gov and a 32-character project', () => {
    const size = policySize(cdnGrants({ ...worstCaseContext(CONTEXT), project: 'a'.repeat(32) }).map((g) => g.statement));
    expect(size).toBeLessThanOrEqual(3000);
  });

  test('pass the foundation\'s compliance rules in a managed policy', () => {
    expect(policyFixture((s) => new IamPolicy(s, 'p', { name: 'acme-deploy-edge', policy: policyDocument(statements) })).violations()).toEqual([]);
  });

  test('distributions: created only with the project tag, changed and deleted only while they carry it', () => {
    expect(decide(statements, { action: 'cloudfront:CreateDistribution', resource: DIST, context: { [`aws:RequestTag/${PROJECT_TAG_KEY}`]: 'acme' } })).toBe('Allow');
    expect(decide(statements, { action: 'cloudfront:CreateDistribution', resource: DIST, context: { [`aws:RequestTag/${PROJECT_TAG_KEY}`]: 'other' } })).toBe('ImplicitDeny');
    expect(decide(statements, { action: 'cloudfront:CreateDistribution', resource: DIST, context: {} })).toBe('ImplicitDeny');
    for (const action of ['cloudfront:UpdateDistribution', 'cloudfront:DeleteDistribution', 'cloudfront:UntagResource']) {
      expect(decide(statements, { action, resource: DIST, context: tagged('acme') })).toBe('Allow');
      expect(decide(statements, { action, resource: DIST, context: tagged('other') })).toBe('ImplicitDeny');
    }
    expect(decide(statements, { action: 'cloudfront:GetDistribution', resource: DIST })).toBe('Allow');
    expect(decide(statements, { action: 'cloudfront:CreateInvalidation', resource: DIST, context: tagged('acme') })).toBe('ImplicitDeny');
  });

  test('the project tag is never changed or removed on an existing distribution; other tags are', () => {
    const request = (keys: string[], value?: string) => ({ 'aws:TagKeys': keys, ...(value ? { [`aws:RequestTag/${PROJECT_TAG_KEY}`]: value } : {}) });
    // Create (no tag on the resource yet): allowed with the project tag.
    expect(decide(statements, { action: 'cloudfront:TagResource', resource: DIST, context: request([PROJECT_TAG_KEY, 'Project'], 'acme') })).toBe('Allow');
    expect(decide(statements, { action: 'cloudfront:TagResource', resource: DIST, context: { ...tagged('acme'), ...request(['Project']) } })).toBe('Allow');
    expect(decide(statements, { action: 'cloudfront:UntagResource', resource: DIST, context: { ...tagged('acme'), ...request(['Project']) } })).toBe('Allow');
    expect(decide(statements, { action: 'cloudfront:UntagResource', resource: DIST, context: { ...tagged('acme'), ...request([PROJECT_TAG_KEY]) } })).toBe('ExplicitDeny');
    expect(decide(statements, { action: 'cloudfront:TagResource', resource: DIST, context: { ...tagged('acme'), ...request([PROJECT_TAG_KEY], 'other') } })).toBe('ExplicitDeny');
    // Another project's distribution cannot be taken over.
    expect(decide(statements, { action: 'cloudfront:TagResource', resource: DIST, context: { ...tagged('other'), ...request([PROJECT_TAG_KEY], 'acme') } })).toBe('ExplicitDeny');
    expect(decide(statements, { action: 'cloudfront:TagResource', resource: DIST, context: { ...tagged('other'), ...request(['Project']) } })).toBe('ImplicitDeny');
  });

  test('functions only by the project\'s name; cache policies read, never written', () => {
    expect(decide(statements, { action: 'cloudfront:UpdateFunction', resource: `arn:aws:cloudfront::${A}:function/acme-directory-index` })).toBe('Allow');
    expect(decide(statements, { action: 'cloudfront:UpdateFunction', resource: `arn:aws:cloudfront::${A}:function/other-fn` })).toBe('ImplicitDeny');
    expect(decide(statements, { action: 'cloudfront:GetCachePolicy', resource: `arn:aws:cloudfront::${A}:cache-policy/658327ea-f89d-4fab-a63d-7e88639e58f6` })).toBe('Allow');
    expect(decide(statements, { action: 'cloudfront:UpdateCachePolicy', resource: `arn:aws:cloudfront::${A}:cache-policy/658327ea-f89d-4fab-a63d-7e88639e58f6` })).toBe('ImplicitDeny');
  });

  test('replication configured only on the static buckets, with the replication role passed only to S3', () => {
    expect(decide(statements, { action: 's3:PutReplicationConfiguration', resource: 'arn:aws:s3:::acme-static-us-east-1-123456789012' })).toBe('Allow');
    expect(decide(statements, { action: 's3:PutReplicationConfiguration', resource: 'arn:aws:s3:::acme-audit-123456789012' })).toBe('ImplicitDeny');
    const role = `arn:aws:iam::${A}:role/acme-static-replication`;
    expect(decide(statements, { action: 'iam:PassRole', resource: role, context: { 'iam:PassedToService': 's3.amazonaws.com' } })).toBe('Allow');
    expect(decide(statements, { action: 'iam:PassRole', resource: role, context: { 'iam:PassedToService': 'ec2.amazonaws.com' } })).toBe('ImplicitDeny');
    expect(decide(statements, { action: 'iam:PassRole', resource: `arn:aws:iam::${A}:role/acme-deploy`, context: { 'iam:PassedToService': 's3.amazonaws.com' } })).toBe('ImplicitDeny');
  });
});
