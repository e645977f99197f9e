import { DeployContext, DeployGrant } from '../../aws/deploy-permissions';
import { roleArn } from '../../aws/resource-names';
import { PROJECT_TAG_KEY } from '../../aws/tags';
import { S3_SERVICE } from './static-content-replication';
import { staticReplicationRoleName } from './static-content-names';

/**
 * What hashicorp/aws 5.100.0 calls for aws_cloudfront_distribution: CreateDistributionWithTags
 * (authorized as CreateDistribution and TagResource) because default_tags always tag it, then
 * GetDistribution, ListTagsForResource, UpdateDistribution (also to disable it before deletion),
 * DeleteDistribution, TagResource / UntagResource.
 */
export const DISTRIBUTION_WRITES = ['cloudfront:CreateDistribution', 'cloudfront:UpdateDistribution', 'cloudfront:DeleteDistribution', 'cloudfront:TagResource', 'cloudfront:UntagResource'];
export const DISTRIBUTION_READS = ['cloudfront:GetDistribution', 'cloudfront:ListTagsForResource'];
/** aws_cloudfront_origin_access_control (no tags in CloudFront). */
export const OAC_ACTIONS = ['cloudfront:CreateOriginAccessControl', 'cloudfront:GetOriginAccessControl', 'cloudfront:UpdateOriginAccessControl', 'cloudfront:DeleteOriginAccessControl'];
/** aws_cloudfront_function: create, read (describe and the code), publish to LIVE, update, delete. */
export const FUNCTION_ACTIONS = [
  'cloudfront:CreateFunction',
  'cloudfront:DescribeFunction',
  'cloudfront:GetFunction',
  'cloudfront:PublishFunction',
  'cloudfront:UpdateFunction',
  'cloudfront:DeleteFunction',
];
/** aws_cloudfront_response_headers_policy (no tags in CloudFront). */
export const RESPONSE_HEADERS_ACTIONS = [
  'cloudfront:CreateResponseHeadersPolicy',
  'cloudfront:GetResponseHeadersPolicy',
  'cloudfront:UpdateResponseHeadersPolicy',
  'cloudfront:DeleteResponseHeadersPolicy',
];

/**
 * The deploy role's statements for the static content and its distribution (issue 10 items 2 and 3),
 * beside the audit domain's ManageProjectBuckets (every bucket setting of `<project>-*` buckets but
 * replication) and the identity domain's role management (the replication role must be in
 * `deployableRoleNames`).
 *
 * CloudFront ARNs are global (`arn:<partition>:cloudfront::<account>:<type>/<id>`) and carry ids,
 * not names, except functions, which are scoped by name to `<project>-*`. Distributions are created
 * only with the project tag and changed, tagged or deleted only while they carry it; origin access
 * controls and response headers policies cannot be tagged, so any of the account's may be changed
 * (the plan shows which). The managed cache policy is only read.
 */
export function cdnGrants({ partition, account, project }: DeployContext): DeployGrant[] {
  const cf = (type: string) => `arn:${partition}:cloudfront::${account}:${type}`;
  const distributions = cf('distribution/*');
  return [
    {
      covers: ['aws_cloudfront_distribution'],
      statement: {
        Sid: 'CreateProjectDistributions',
        Effect: 'Allow',
        Action: ['cloudfront:CreateDistribution', 'cloudfront:TagResource'],
        Resource: distributions,
        Condition: { StringEquals: { [`aws:RequestTag/${PROJECT_TAG_KEY}`]: project } },
      },
    },
    {
      covers: ['aws_cloudfront_distribution'],
      statement: {
        Sid: 'ManageProjectDistributions',
        Effect: 'Allow',
        Action: DISTRIBUTION_WRITES.filter((a) => a !== 'cloudfront:CreateDistribution'),
        Resource: distributions,
        Condition: { StringEquals: { [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: project } },
      },
    },
    {
      // The project tag is set only by CreateDistributionWithTags (no tag yet on the resource), and
      // never changed or removed afterwards: no distribution leaves the scope, and none tagged for
      // another project joins it. An untagged distribution of the account could still be tagged
      // into it (CloudFront has no condition key that tells a create from a later TagResource);
      // the plan would show such an adoption.
      covers: [],
      statement: {
        Sid: 'NeverRetagDistributions',
        Effect: 'Deny',
        Action: ['cloudfront:TagResource', 'cloudfront:UntagResource'],
        Resource: distributions,
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': PROJECT_TAG_KEY }, Null: { [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: 'false' } },
      },
    },
    {
      // Reads carry no tag condition: a refresh must also see a distribution whose tag was removed.
      covers: ['aws_cloudfront_distribution', 'aws_cloudfront_response_headers_policy'],
      statement: {
        Sid: 'ReadDistributionsAndPolicies',
        Effect: 'Allow',
        Action: [...DISTRIBUTION_READS, 'cloudfront:GetCachePolicy', ...RESPONSE_HEADERS_ACTIONS],
        Resource: [distributions, cf('cache-policy/*'), cf('response-headers-policy/*')],
      },
    },
    { covers: ['aws_cloudfront_origin_access_control'], statement: { Sid: 'ManageOriginAccessControls', Effect: 'Allow', Action: OAC_ACTIONS, Resource: cf('origin-access-control/*') } },
    { covers: ['aws_cloudfront_function'], statement: { Sid: 'ManageProjectFunctions', Effect: 'Allow', Action: FUNCTION_ACTIONS, Resource: cf(`function/${project}-*`) } },
    {
      // DeleteBucketReplication is authorized as s3:PutReplicationConfiguration; reads are ManageProjectBuckets'.
      covers: ['aws_s3_bucket_replication_configuration'],
      statement: { Sid: 'ManageStaticReplication', Effect: 'Allow', Action: 's3:PutReplicationConfiguration', Resource: `arn:${partition}:s3:::${project}-static-*` },
    },
    {
      covers: ['aws_s3_bucket_replication_configuration'],
      statement: {
        Sid: 'PassReplicationRoleToS3',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: roleArn(partition, account, staticReplicationRoleName(project)),
        Condition: { StringEquals: { 'iam:PassedToService': S3_SERVICE } },
      },
    },
  ];
}
