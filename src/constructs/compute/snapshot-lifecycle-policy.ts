import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
import { DlmLifecyclePolicy } from '@cdktf/provider-aws/lib/dlm-lifecycle-policy';
import { REGION_NAME_PATTERN } from '../../aws/regions';
import { tagKeyProblem, tagValueProblem } from '../../aws/tags';
import { regionalKeyArnProblem } from './regional-key-arn';
import { DLM_INTERVAL_HOURS, MAX_COPY_TARGETS, MAX_RETAIN_DAYS } from '../../config/compute/snapshots-schema';

export type DlmIntervalHours = (typeof DLM_INTERVAL_HOURS)[number];

export interface SnapshotLifecyclePolicyProps {
  /** The Region the policy runs in: the Region of `provider`. Its snapshots stay there and are copied to the targets. */
  readonly region: string;
  /** The DLM role (`DlmExecutionRole`, one per account, created by the global stack). */
  readonly executionRoleArn: string;
  /**
   * Volumes that carry this tag are snapshotted, and no others. DLM refuses a second policy of the
   * same Region with the same target tag.
   */
  readonly targetTag: { readonly key: string; readonly value: string };
  /** Hours between two snapshots of a volume. @default 24 */
  readonly intervalHours?: DlmIntervalHours;
  /** UTC "hh:mm" of the first snapshot of the day; DLM starts within the hour after it. @default "03:00" */
  readonly startTime?: string;
  /** Days each snapshot is kept, here and as a copy in every target Region. @default 3 */
  readonly retainDays?: number;
  /**
   * Target Region -> ARN of the key that encrypts the copies there (that Region's replica of the
   * multi-Region key, or the primary key in the primary Region). At most three (a DLM limit), never
   * this Region; {} when snapshots stay in this Region (a one-Region configuration).
   */
  readonly copyTargetKeyArns: Readonly<Record<string, string>>;
  /** The provider of `region` when it is not the stack's default (a global stack with a provider per Region). @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const START_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/**
 * One Region's Data Lifecycle Manager policy for EBS snapshots: every `intervalHours` hours, a
 * snapshot of each volume carrying the target tag, kept `retainDays` days; the volume's tags are
 * copied onto the snapshot; and each snapshot is copied to every target Region, encrypted there with
 * that Region's key, with its tags, and kept `retainDays` days there too. One instance per Region:
 * a policy lives in one Region and names the others only by name and key ARN, so it can sit in that
 * Region's stack (default provider) or in a global stack (`provider` per Region).
 */
export class SnapshotLifecyclePolicy extends Construct {
  readonly policy: DlmLifecyclePolicy;
  /** The target Regions, in the order given. */
  readonly copyTargets: readonly string[];

  constructor(scope: Construct, id: string, props: SnapshotLifecyclePolicyProps) {
    super(scope, id);
    const intervalHours = props.intervalHours ?? 24;
    const startTime = props.startTime ?? '03:00';
    const retainDays = props.retainDays ?? 3;
    const targets = Object.entries(props.copyTargetKeyArns);
    validate(`SnapshotLifecyclePolicy ${id}`, props, { intervalHours, startTime, retainDays, targets });
    this.copyTargets = targets.map(([region]) => region);

    const retain = { interval: retainDays, intervalUnit: 'DAYS' };
    // DLM accepts only letters, digits, spaces, "_" and "-" here; Region names are made of those.
    const copies = targets.length === 0 ? 'not copied to another Region' : `copied to ${this.copyTargets.join(' and ')}`;
    const description = `EBS snapshots every ${intervalHours} hours kept ${retainDays} days and ${copies}`;
    this.policy = new DlmLifecyclePolicy(this, 'policy', {
      provider: props.provider,
      description,
      executionRoleArn: props.executionRoleArn,
      state: 'ENABLED',
      policyDetails: {
        policyType: 'EBS_SNAPSHOT_MANAGEMENT',
        resourceTypes: ['VOLUME'],
        targetTags: { [props.targetTag.key]: props.targetTag.value },
        schedule: [
          {
            name: `every-${intervalHours}h-keep-${retainDays}d`,
            copyTags: true,
            createRule: { interval: intervalHours, intervalUnit: 'HOURS', times: [startTime] },
            retainRule: retain,
            crossRegionCopyRule:
              targets.length === 0
                ? undefined
                : targets.map(([target, keyArn]) => ({
                    target,
                    // The source snapshots are encrypted (EBS encryption by default); a copy is
                    // re-encrypted with a key of its own Region, since a key is used where it lives.
                    encrypted: true,
                    cmkArn: keyArn,
                    copyTags: true,
                    retainRule: retain,
                  })),
          },
        ],
      },
    });
  }
}

interface Resolved {
  readonly intervalHours: number;
  readonly startTime: string;
  readonly retainDays: number;
  readonly targets: ReadonlyArray<[string, string]>;
}

function validate(where: string, props: SnapshotLifecyclePolicyProps, { intervalHours, startTime, retainDays, targets }: Resolved): void {
  const { region } = props;
  if (!Token.isUnresolved(region) && !REGION_NAME_PATTERN.test(region)) {
    throw new Error(`${where} region: received ${JSON.stringify(region)}; expected a Region name such as "us-east-1"`);
  }
  if (!Token.isUnresolved(props.executionRoleArn) && !ROLE_ARN.test(props.executionRoleArn)) {
    throw new Error(`${where} executionRoleArn: received ${JSON.stringify(props.executionRoleArn)}; expected an IAM role ARN such as arn:aws:iam::123456789012:role/acme-dlm`);
  }
  const keyProblem = tagKeyProblem(props.targetTag.key);
  if (keyProblem) throw new Error(`${where} targetTag.key: received ${JSON.stringify(props.targetTag.key)}; ${keyProblem}`);
  const valueProblem = tagValueProblem(props.targetTag.value);
  if (valueProblem) throw new Error(`${where} targetTag.value: received ${JSON.stringify(props.targetTag.value)}; ${valueProblem}`);
  if (!(DLM_INTERVAL_HOURS as readonly number[]).includes(intervalHours)) {
    throw new Error(`${where} intervalHours: received ${JSON.stringify(intervalHours)}; expected one of ${DLM_INTERVAL_HOURS.join(', ')} (what Data Lifecycle Manager accepts)`);
  }
  if (!START_TIME.test(startTime)) {
    throw new Error(`${where} startTime: received ${JSON.stringify(startTime)}; expected a UTC time "hh:mm" from "00:00" to "23:59"`);
  }
  if (!Number.isInteger(retainDays) || retainDays < 1 || retainDays > MAX_RETAIN_DAYS) {
    throw new Error(`${where} retainDays: received ${JSON.stringify(retainDays)}; expected an integer from 1 to ${MAX_RETAIN_DAYS}`);
  }
  if (targets.length > MAX_COPY_TARGETS) {
    throw new Error(
      `${where} copyTargetKeyArns: received ${targets.length} target Regions (${targets.map(([t]) => t).join(', ')}); expected at most ${MAX_COPY_TARGETS}: Data Lifecycle Manager allows ${MAX_COPY_TARGETS} cross-Region copy rules per schedule`,
    );
  }
  for (const [target, keyArn] of targets) {
    if (!REGION_NAME_PATTERN.test(target)) {
      throw new Error(`${where} copyTargetKeyArns: received the target ${JSON.stringify(target)}; expected a Region name such as "eu-west-1"`);
    }
    if (target === region) {
      throw new Error(`${where} copyTargetKeyArns: received ${JSON.stringify(target)}, the policy's own Region; expected other Regions (a copy to the same Region is no protection against losing it)`);
    }
    const problem = regionalKeyArnProblem(keyArn, target);
    if (problem) throw new Error(`${where} copyTargetKeyArns.${target}: received ${JSON.stringify(keyArn)}; ${problem}`);
  }
}
