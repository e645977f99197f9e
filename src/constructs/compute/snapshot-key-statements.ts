import { Statement } from '../../aws/policy-documents';
import { KEY_USER_ACTIONS } from '../../aws/kms-key-policy';
import { SnapshotCopyTargets, snapshotCopySources } from '../../config/compute/snapshot-copy-targets';

/** The endpoint EC2 (and so EBS) of a Region calls KMS through: the value of kms:ViaService. */
export const ec2Endpoint = (region: string): string => `ec2.${region}.amazonaws.com`;

/**
 * Grants for AWS resources only: EC2 holds a grant on the key while a volume is attached or a
 * snapshot is copied, and retires it itself. No principal can use such a grant for its own calls.
 */
const FOR_AWS_RESOURCES = { Bool: { 'kms:GrantIsForAWSResource': 'true' } } as const;

export interface EbsKeyStatementsProps {
  readonly account: string;
  readonly partition: string;
  /** Region of this copy of the multi-Region key (the key policy is per Region). */
  readonly region: string;
}

/**
 * Key-policy statements for EBS encryption by default with this key (`EbsDefaults`): every volume,
 * snapshot and AMI of the Region is encrypted with it, so whoever may create a volume must be able
 * to use the key through EC2. The account root as principal delegates to IAM: a principal still
 * needs an IAM policy that allows the KMS action (as with AWS's own aws/ebs key), and then may use
 * the key only through EC2 of this Region and only from this account. Auto Scaling and other
 * services' roles that launch instances are account principals too; they need such an IAM policy.
 */
export function ebsKeyStatements({ account, partition, region }: EbsKeyStatementsProps): Statement[] {
  const accountPrincipals = { AWS: `arn:${partition}:iam::${account}:root` };
  const throughEc2 = { 'kms:CallerAccount': account, 'kms:ViaService': ec2Endpoint(region) };
  return [
    {
      Sid: 'EbsForPrincipalsOfThisAccount',
      Effect: 'Allow',
      Principal: accountPrincipals,
      Action: [...KEY_USER_ACTIONS],
      Resource: '*',
      Condition: { StringEquals: throughEc2 },
    },
    {
      Sid: 'EbsGrantsForPrincipalsOfThisAccount',
      Effect: 'Allow',
      Principal: accountPrincipals,
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { StringEquals: throughEc2, ...FOR_AWS_RESOURCES },
    },
  ];
}

export interface DlmKeyStatementsProps {
  /** Region of this copy of the multi-Region key. */
  readonly region: string;
  /**
   * The DLM role (`DlmExecutionRole`). KMS checks that a principal named in a key policy exists, so
   * the role must be created before this policy is applied: the global stack creates it, and the
   * primary key there must depend on it.
   */
  readonly dlmRoleArn: string;
  /** Every Region's copy targets (`snapshotCopyTargets`), the same map every Region's policy is built from. */
  readonly copyTargets: SnapshotCopyTargets;
}

/**
 * Key-policy statements for the snapshot policies (`SnapshotLifecyclePolicy`): DLM's role snapshots
 * volumes encrypted with this key, and copies snapshots into this Region (re-encrypted with it) and
 * out of it (decrypted from it). It is named by ARN, so no IAM policy is needed beside AWS's managed
 * one, and uses the key only through EC2 of this Region and of the Regions this one exchanges
 * copies with: a cross-Region copy is made by EC2 of the target Region from a snapshot of the source
 * Region, and AWS does not document which Region's endpoint each key sees.
 */
export function dlmKeyStatements({ region, dlmRoleArn, copyTargets }: DlmKeyStatementsProps): Statement[] {
  const linked = [region, ...(copyTargets[region] ?? []), ...snapshotCopySources(copyTargets, region)];
  const viaEc2 = { 'kms:ViaService': [...new Set(linked)].map(ec2Endpoint) };
  return [
    {
      Sid: 'DlmRoleUsesKeyThroughEc2',
      Effect: 'Allow',
      Principal: { AWS: dlmRoleArn },
      Action: [...KEY_USER_ACTIONS],
      Resource: '*',
      Condition: { StringEquals: viaEc2 },
    },
    {
      Sid: 'DlmRoleGrantsToEc2',
      Effect: 'Allow',
      Principal: { AWS: dlmRoleArn },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { StringEquals: viaEc2, ...FOR_AWS_RESOURCES },
    },
  ];
}
