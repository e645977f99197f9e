import { Statement } from '../../aws/policy-documents';
import { KEY_USER_ACTIONS } from '../../aws/kms-key-policy';
import { imageBuilderServiceLinkedRoleArn } from './image-builder-names';

export interface ImageBuilderKeyContext {
  readonly account: string;
  readonly partition: string;
  /** Region of this copy of the multi-Region key. */
  readonly region: string;
  /** Every configured Region: EC2 in any of them may read this Region's AMIs while copying them. */
  readonly regions: readonly string[];
  /**
   * ARN of Image Builder's service-linked role, as a reference to the resource that creates it where
   * there is one (so the key policy is applied after it). @default the role's ARN, built from its name
   */
  readonly serviceLinkedRoleArn?: string;
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
 * before the key policy is written: the global stack creates it and passes its ARN as a reference.
 * Principals of the account that use the AMI or the Region's default EBS key are in
 * `ebsKeyStatements`.
 */
export function imageBuilderKeyStatements({ account, partition, region, regions, serviceLinkedRoleArn }: ImageBuilderKeyContext): Statement[] {
  if (!regions.includes(region)) {
    throw new Error(`imageBuilderKeyStatements region: received ${JSON.stringify(region)}; expected one of the configured Regions ${JSON.stringify(regions)}`);
  }
  const principal = { AWS: serviceLinkedRoleArn ?? imageBuilderServiceLinkedRoleArn(partition, account) };
  const viaEc2 = regions.map((r) => `ec2.${r}.amazonaws.com`);
  return [
    {
      Sid: 'ImageBuilderUsesKeyThroughEc2',
      Effect: 'Allow',
      Principal: principal,
      Action: [...KEY_USER_ACTIONS],
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
