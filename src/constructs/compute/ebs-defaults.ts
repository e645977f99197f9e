import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { EbsDefaultKmsKey } from '@cdktf/provider-aws/lib/ebs-default-kms-key';
import { EbsSnapshotBlockPublicAccess } from '@cdktf/provider-aws/lib/ebs-snapshot-block-public-access';
import { Ec2ImageBlockPublicAccess } from '@cdktf/provider-aws/lib/ec2-image-block-public-access';
import { REGION_NAME_PATTERN } from '../../aws/regions';
import { regionalKeyArnProblem } from './regional-key-arn';

export interface EbsDefaultsProps {
  /** The Region these settings apply to: the Region of `provider`. */
  readonly region: string;
  /**
   * ARN of the multi-Region key in this Region (the primary key in the primary Region, the replica
   * elsewhere): every new volume and snapshot copy of the Region is encrypted with it unless the
   * caller names another key. An ARN, not an alias: EC2 stores what it is given, and an alias would
   * follow whatever key the alias is later pointed at.
   */
  readonly kmsKeyArn: string;
  /** The provider of `region` when it is not the stack's default. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * The EBS and AMI settings of one Region of the account (each exists once per account and Region,
 * so one instance per Region): new volumes encrypted by default with the project's key, and public
 * sharing of snapshots and AMIs blocked. Snapshots: "block-all-sharing" also withdraws any public
 * share that already exists. AMIs: "block-new-sharing" is the only blocking state AWS offers; AMIs
 * already public stay so until made private.
 */
export class EbsDefaults extends Construct {
  readonly encryptionByDefault: EbsEncryptionByDefault;
  readonly defaultKey: EbsDefaultKmsKey;
  readonly snapshotPublicAccess: EbsSnapshotBlockPublicAccess;
  readonly imagePublicAccess: Ec2ImageBlockPublicAccess;

  constructor(scope: Construct, id: string, props: EbsDefaultsProps) {
    super(scope, id);
    validate(`EbsDefaults ${id}`, props);
    const { provider } = props;

    this.defaultKey = new EbsDefaultKmsKey(this, 'default_kms_key', { provider, keyArn: props.kmsKeyArn });
    this.encryptionByDefault = new EbsEncryptionByDefault(this, 'encryption_by_default', {
      provider,
      enabled: true,
      // Switched on once the key is in place: a volume created in between would get the AWS managed
      // key aws/ebs, which cannot be shared and whose policy nobody here controls.
      dependsOn: [this.defaultKey],
    });
    this.snapshotPublicAccess = new EbsSnapshotBlockPublicAccess(this, 'snapshot_block_public_access', { provider, state: 'block-all-sharing' });
    this.imagePublicAccess = new Ec2ImageBlockPublicAccess(this, 'image_block_public_access', { provider, state: 'block-new-sharing' });
  }
}

function validate(where: string, props: EbsDefaultsProps): void {
  const { region, kmsKeyArn } = props;
  if (!Token.isUnresolved(region) && !REGION_NAME_PATTERN.test(region)) {
    throw new Error(`${where} region: received ${JSON.stringify(region)}; expected a Region name such as "us-east-1"`);
  }
  const problem = regionalKeyArnProblem(kmsKeyArn, region);
  if (problem) throw new Error(`${where} kmsKeyArn: received ${JSON.stringify(kmsKeyArn)}; ${problem}`);
}
