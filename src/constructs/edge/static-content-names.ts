import { roleNames } from '../../aws/resource-names';
import { isReference } from '../compute/regional-key-arn';
import { bucketNameProblem } from '../../aws/bucket-name';

/** Name of the static content bucket of one Region: `<project>-static-<region>-<account>` (S3 names are global). */
export function staticBucketName(project: string, region: string, account: string): string {
  return `${project}-static-${region}-${account}`;
}

/** The role S3 assumes to replicate the primary static bucket to the failover one (`roleNames`). */
export function staticReplicationRoleName(project: string): string {
  return roleNames(project).staticReplicationRole;
}

/** Name prefix of every CloudFront object of the project (OAC, function, response headers policy). */
export function cdnNamePrefix(project: string): string {
  return `${project}-`;
}

/**
 * Throws unless `name` is a valid bucket name. Parts that are Terraform references (the account id
 * from a data source) are replaced by a 12-digit stand-in first, so the length is checked against
 * the longest value they can take.
 */
export function checkStaticBucketName(owner: string, name: string): void {
  const literal = isReference(name) ? name.replace(/\$\{[^}]*\}/g, '123456789012') : name;
  const problem = bucketNameProblem(literal);
  if (problem === undefined) return;
  const tooLong = literal.length > 63 ? ` (${literal.length} characters with a 12-digit account id; S3 allows 63: shorten the project name)` : '';
  throw new Error(`${owner} bucketName: received ${JSON.stringify(name)}; ${problem}${tooLong}`);
}

/** The ARN pattern that matches every CloudFront distribution of the account (CloudFront ARNs have no Region). */
export function accountDistributionsArn(partition: string, account: string): string {
  return `arn:${partition}:cloudfront::${account}:distribution/*`;
}

/** The ARN of one distribution. */
export function distributionArn(partition: string, account: string, distributionId: string): string {
  return `arn:${partition}:cloudfront::${account}:distribution/${distributionId}`;
}

/** The distribution's comment: how `npm run dr -- status` finds it (CloudFront names nothing else). */
export function staticDistributionComment(project: string): string {
  return `${project} static content`;
}
