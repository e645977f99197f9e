import { Statement } from '../../aws/policy-documents';
import { imageBuilderServiceLinkedRoleArn } from './image-builder-names';

/** What EC2 does with a customer-managed key for an encrypted volume, snapshot or AMI copy. */
const EBS_KEY_USE = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

export interface ImageBuilderKeyContext {
  readonly account: string;
  readonly partition: string;
  /** Region of this copy of the multi-Region key. */
  readonly region: string;
  /** Every configured Region: EC2 in any of them may read this Region's AMIs while copying them. */
  readonly regions: readonly string[];
}

/**
 * Key-policy statements for the golden AMI, for the copy of the multi-Region key in `region`:
 * Image Builder's service-linked role launches build and test instances on the encrypted root
 * volume and copies the AMI into every Region with that Region's key, each through EC2 only.
 * EC2 of the destination Region reads the source snapshot during a cross-Region copy, so the EC2
 * endpoints of every configured Region are allowed (never another service). CreateGrant only for
 * grants EC2 makes for its own resources (the volumes of the instances it launches).
 *
 * The principal is the service-linked role itself, so the statements hold whatever its AWS managed
 * policy allows; KMS refuses a policy naming a role that does not exist, so the role must exist
 * before the key policy is written (the lead's wiring: an aws_iam_service_linked_role for
 * imagebuilder.amazonaws.com in the global stack, before the key).
 */
export function imageBuilderKeyStatements({ account, partition, region, regions }: ImageBuilderKeyContext): Statement[] {
  if (!regions.includes(region)) {
    throw new Error(`imageBuilderKeyStatements region: received ${JSON.stringify(region)}; expected one of the configured Regions ${JSON.stringify(regions)}`);
  }
  const principal = { AWS: imageBuilderServiceLinkedRoleArn(partition, account) };
  const viaEc2 = regions.map((r) => `ec2.${r}.amazonaws.com`);
  return [
    {
      Sid: 'ImageBuilderUsesKeyThroughEc2',
      Effect: 'Allow',
      Principal: principal,
      Action: EBS_KEY_USE,
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': viaEc2, 'kms:CallerAccount': account } },
    },
    {
      Sid: 'ImageBuilderLetsEc2AttachVolumes',
      Effect: 'Allow',
      Principal: principal,
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': viaEc2, 'kms:CallerAccount': account }, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
  ];
}

/**
 * Principals of this account may use the key in `region` through EC2 there, as far as their own IAM
 * policies allow: whoever launches an instance from the golden AMI (its snapshots are on this key)
 * or creates a volume while the key is the Region's default EBS key. Delegates to IAM the way the
 * key policy already does for Secrets Manager, and only through EC2 of this Region.
 * Issue 9 item 4 (EBS default key) needs the same statement: keep one of the two.
 */
export function ebsThroughEc2KeyStatements({ account, partition, region }: Pick<ImageBuilderKeyContext, 'account' | 'partition' | 'region'>): Statement[] {
  const condition = { 'kms:ViaService': `ec2.${region}.amazonaws.com`, 'kms:CallerAccount': account };
  const root = { AWS: `arn:${partition}:iam::${account}:root` };
  return [
    { Sid: 'EbsThroughEc2ForPrincipalsOfThisAccount', Effect: 'Allow', Principal: root, Action: EBS_KEY_USE, Resource: '*', Condition: { StringEquals: condition } },
    {
      Sid: 'EbsGrantsThroughEc2ForPrincipalsOfThisAccount',
      Effect: 'Allow',
      Principal: root,
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { StringEquals: condition, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
  ];
}
