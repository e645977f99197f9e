import { Construct } from 'constructs';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsReplicaKey } from '@cdktf/provider-aws/lib/kms-replica-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { AccountFacts } from '../../aws/account-facts';
import { KeyServiceUse, kmsKeyPolicy } from '../../aws/kms-key-policy';

export interface MultiRegionKeyProps {
  /** Alias in this Region, the same in every Region, e.g. "alias/multi-region". */
  readonly alias: string;
  /** Key administrators. @default the account root */
  readonly administratorArns?: readonly string[];
  /**
   * The principal that creates and updates the key through Terraform (the deploy role), named in the
   * key policy beside the administrators (see `kmsKeyPolicy`). @default none: the administrators
   * (by default the account root, which delegates to IAM) cover it
   */
  readonly deployerArn?: string;
  /** Key users (encrypt/decrypt). @default none */
  readonly userArns?: readonly string[];
  /** Principals that read SSE-KMS objects through S3. @default none */
  readonly s3ReaderArns?: readonly string[];
  /** The project's resources that AWS services encrypt with the key, each pinned in the key policy. @default none */
  readonly services?: KeyServiceUse;
  /**
   * ARN of the multi-Region primary key: when set this is a replica of it in the stack's Region;
   * when absent this is the primary. @default primary
   */
  readonly primaryKeyArn?: string;
  /** Account id and partition of the stack (`accountFacts` in src/stacks): one data source each per stack. */
  readonly facts: AccountFacts;
}

const DELETION_WINDOW_DAYS = 30;

/**
 * The foundation's customer managed key: a multi-Region primary in the primary Region, a replica
 * with the same key id everywhere else. Rotation is on (replicas follow the primary), deletion
 * waits 30 days, and `terraform destroy` cannot remove it.
 */
export class MultiRegionKey extends Construct {
  /** ARN of this Region's copy of the key. */
  readonly keyArn: string;
  readonly keyId: string;
  /** The key resource, for ordering (principals named in its policy must exist before it). */
  readonly resource: KmsKey | KmsReplicaKey;

  constructor(scope: Construct, id: string, props: MultiRegionKeyProps) {
    super(scope, id);
    if (!/^alias\/[A-Za-z0-9/_-]+$/.test(props.alias) || props.alias.startsWith('alias/aws/')) {
      throw new Error(`MultiRegionKey alias: received "${props.alias}"; expected "alias/<name>" not under alias/aws/`);
    }
    const { account, partition } = props.facts;
    const region = new DataAwsRegion(this, 'region').name;
    const administrators = props.administratorArns?.length ? props.administratorArns : [`arn:${partition}:iam::${account}:root`];
    const policy = kmsKeyPolicy({
      account,
      partition,
      region,
      administratorArns: administrators,
      deployerArn: props.deployerArn,
      userArns: props.userArns ?? [],
      s3ReaderArns: props.s3ReaderArns ?? [],
      services: props.services ?? {},
    });
    const description = 'Foundation multi-Region key (CloudTrail, Secrets Manager, audit logs)';

    if (props.primaryKeyArn) {
      const replica = new KmsReplicaKey(this, 'key', {
        primaryKeyArn: props.primaryKeyArn,
        description,
        deletionWindowInDays: DELETION_WINDOW_DAYS,
        policy,
        lifecycle: { preventDestroy: true },
      });
      this.keyArn = replica.arn;
      this.keyId = replica.keyId;
      this.resource = replica;
    } else {
      const primary = new KmsKey(this, 'key', {
        description,
        multiRegion: true,
        enableKeyRotation: true,
        deletionWindowInDays: DELETION_WINDOW_DAYS,
        policy,
        lifecycle: { preventDestroy: true },
      });
      this.keyArn = primary.arn;
      this.keyId = primary.keyId;
      this.resource = primary;
    }
    new KmsAlias(this, 'alias', { name: props.alias, targetKeyId: this.keyId });
  }
}
