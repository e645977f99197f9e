import { Statement } from '../../aws/policy-documents';
import { roleArn } from '../../aws/resource-names';
import { CLOUDFRONT_SERVICE } from './static-content-bucket-policy';
import { accountDistributionsArn, staticReplicationRoleName } from './static-content-names';

/** The endpoint S3 of a Region calls KMS through: the value of kms:ViaService. */
export const s3Endpoint = (region: string): string => `s3.${region}.amazonaws.com`;

export interface StaticContentKeyStatementsProps {
  /** Region of this copy of the multi-Region key (a static bucket's Region). */
  readonly region: string;
  readonly account: string;
  readonly partition: string;
  /**
   * The distribution's ARN, when the key policy can name it. @default every distribution of the
   * account (`arn:<partition>:cloudfront::<account>:distribution/*`): the key policies are applied
   * by the stacks deployed before the distribution exists.
   */
  readonly distributionArn?: string;
}

/**
 * Key-policy statement that lets CloudFront read the SSE-KMS objects of this Region's static
 * bucket (issue 10 item 2). With an origin access control CloudFront signs its GetObject as the
 * CloudFront service principal, and S3 then decrypts with that principal's permission: the key must
 * allow it kms:Decrypt. Nothing else: the distribution only reads (GET/HEAD/OPTIONS).
 *
 * The key policy is applied before the distribution exists (chicken and egg), so it cannot name the
 * distribution's ARN; it is narrowed instead to (1) distributions of this account (`aws:SourceArn`
 * on the account's distribution ARNs, and `aws:SourceAccount`), (2) calls S3 of this Region makes
 * (`kms:ViaService`), so the permission is only usable to read objects of a bucket whose own policy
 * lets that distribution read it. The bucket policy is what names the distribution; this statement
 * only keeps the key from standing in the way.
 */
export function staticContentKeyStatements({ region, account, partition, distributionArn }: StaticContentKeyStatementsProps): Statement[] {
  const source = distributionArn ?? accountDistributionsArn(partition, account);
  return [
    {
      Sid: 'CloudFrontDecryptsStaticContentThroughS3',
      Effect: 'Allow',
      Principal: { Service: CLOUDFRONT_SERVICE },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: {
        ArnLike: { 'aws:SourceArn': source },
        StringEquals: { 'aws:SourceAccount': account, 'kms:ViaService': s3Endpoint(region) },
      },
    },
  ];
}

export interface StaticReplicationKeyStatementsProps {
  /** Region of this copy of the multi-Region key. */
  readonly region: string;
  readonly account: string;
  readonly partition: string;
  readonly project: string;
  /** "source": the primary Region's key (decrypt what is replicated); "destination": the failover Region's (encrypt the replicas). */
  readonly side: 'source' | 'destination';
}

/**
 * Key-policy statements for S3 replication of the static content (`StaticContentReplication`), for
 * the primary Region's key ("source") and the failover Region's ("destination"). The key policies
 * do not delegate cryptographic use to IAM, so the replication role's own IAM policy is not enough.
 *
 * The role is created by the global-edge stack, after the key policies: KMS refuses a policy that
 * names a principal that does not exist yet. So the principal is the account and the role is named
 * by `aws:PrincipalArn` (a condition, not checked for existence), which narrows the delegation to
 * that one role; the role's IAM policy must allow the same calls. Only through S3 of the key's Region.
 */
export function staticReplicationKeyStatements({ region, account, partition, project, side }: StaticReplicationKeyStatementsProps): Statement[] {
  const role = roleArn(partition, account, staticReplicationRoleName(project));
  const condition = {
    // ArnLike without a wildcard is an exact match.
    ArnLike: { 'aws:PrincipalArn': role },
    StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': s3Endpoint(region) },
  };
  const principal = { AWS: `arn:${partition}:iam::${account}:root` };
  return side === 'source'
    ? [{ Sid: 'StaticReplicationDecryptsThroughS3', Effect: 'Allow', Principal: principal, Action: 'kms:Decrypt', Resource: '*', Condition: condition }]
    : [
        {
          Sid: 'StaticReplicationEncryptsThroughS3',
          Effect: 'Allow',
          Principal: principal,
          // GenerateDataKey: with an S3 bucket key on the destination, S3 makes a bucket-level data key.
          Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
          Resource: '*',
          Condition: condition,
        },
      ];
}
