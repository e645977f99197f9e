import { Statement } from '../../aws/policy-documents';

export interface EcrKeyStatementsProps {
  /** Region of this copy of the multi-Region key (the primary or a replica). */
  readonly region: string;
  readonly account: string;
  readonly partition: string;
}

/**
 * Key-policy statements that let ECR encrypt this Region's project repositories with the
 * multi-Region key (issue 9 item 5), for `kmsKeyPolicy` of the primary key and of every replica.
 *
 * ECR never holds a key permission of its own: when a principal creates a KMS-encrypted repository
 * (the deploy role in the primary Region, the creation-template role in the others), ECR calls
 * DescribeKey and CreateGrant as that principal, and the grants it creates (grantee: ECR, for that
 * repository) are what encrypt and decrypt layers on push and pull; pushers and pullers need no key
 * permission. So the policy delegates exactly those calls to the account's IAM policies, only
 * through ECR in this Region (`kms:ViaService`), only from this account (`kms:CallerAccount`), and
 * grants only for an AWS resource (`kms:GrantIsForAWSResource`). RetireGrant lets ECR's caller
 * retire the repository's grants when the repository is deleted.
 */
export function ecrKeyStatements({ region, account, partition }: EcrKeyStatementsProps): Statement[] {
  const principal = { AWS: `arn:${partition}:iam::${account}:root` };
  const throughEcr = { 'kms:CallerAccount': account, 'kms:ViaService': `ecr.${region}.amazonaws.com` };
  return [
    {
      Sid: 'EcrGrantsForRepositoriesOfThisAccount',
      Effect: 'Allow',
      Principal: principal,
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { StringEquals: throughEcr, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
    {
      Sid: 'EcrDescribesKeyForRepositoriesOfThisAccount',
      Effect: 'Allow',
      Principal: principal,
      Action: ['kms:DescribeKey', 'kms:RetireGrant'],
      Resource: '*',
      Condition: { StringEquals: throughEcr },
    },
  ];
}
