import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SecurityhubStandardsSubscription } from '@cdktf/provider-aws/lib/securityhub-standards-subscription';
import { AccountFacts } from '../../aws/account-facts';
import { REGION_NAME_PATTERN } from '../../aws/regions';

/** Security Hub standards this construct knows how to subscribe to. */
export type SecurityHubStandard = 'aws-foundational-security-best-practices' | 'cis-aws-foundations-benchmark';

/**
 * ARN path (after `arn:<partition>:securityhub:<region>::`) and version of each standard. The
 * versions are pinned: a new version is a new subscription with different controls, so moving to
 * it is a reviewed change, never a side effect of a provider upgrade. CIS 1.4.0 is the first CIS
 * version with a Regional `standards/` ARN (1.2.0 used the global `ruleset/` form).
 */
export const SECURITY_HUB_STANDARD_PATHS: Readonly<Record<SecurityHubStandard, string>> = {
  'aws-foundational-security-best-practices': 'standards/aws-foundational-security-best-practices/v/1.0.0',
  'cis-aws-foundations-benchmark': 'standards/cis-aws-foundations-benchmark/v/1.4.0',
};

const KNOWN_STANDARDS = Object.keys(SECURITY_HUB_STANDARD_PATHS) as SecurityHubStandard[];

export interface SecurityHubProps {
  /** Standards to subscribe to in this Region; at least one, each at most once. */
  readonly standards: readonly SecurityHubStandard[];
  /** Region of the stack's provider; standards ARNs are Regional and name it. */
  readonly region: string;
  /** Partition of the stack (`accountFacts` in src/stacks); only `partition` is read. */
  readonly facts: AccountFacts;
}

/**
 * Security Hub enabled in one Region (the stack's default provider) with an explicit list of
 * standards. AWS's default standards are switched off so that the subscriptions in Terraform are
 * the whole truth: with `enable_default_standards` on, AWS subscribes on its own and a later
 * removal from the config would leave a subscription nobody manages. Controls of subscribed
 * standards are enabled automatically, and findings are generated once per control
 * (SECURITY_CONTROL) rather than once per standard, so a control shared by FSBP and CIS does not
 * produce two findings.
 */
export class SecurityHub extends Construct {
  /** The Security Hub account (enablement in this Region). */
  readonly account: SecurityhubAccount;
  /**
   * This Region's hub ARN (`arn:<partition>:securityhub:<region>:<account>:hub/default`), the value
   * to export for remote state. The account's `id` is the AWS account id, the same in every Region,
   * so it cannot tell one Region's hub from another's.
   */
  readonly hubArn: string;
  /** One subscription per standard, in the order given. */
  readonly standardsSubscriptions: SecurityhubStandardsSubscription[];

  constructor(scope: Construct, id: string, props: SecurityHubProps) {
    super(scope, id);
    validate(id, props);

    this.account = new SecurityhubAccount(this, 'account', {
      enableDefaultStandards: false,
      autoEnableControls: true,
      controlFindingGenerator: 'SECURITY_CONTROL',
    });
    this.hubArn = this.account.arn;
    // The partition keeps the ARNs right in GovCloud and China without a config switch.
    const { partition } = props.facts;
    this.standardsSubscriptions = props.standards.map(
      (standard) =>
        new SecurityhubStandardsSubscription(this, standard, {
          standardsArn: `arn:${partition}:securityhub:${props.region}::${SECURITY_HUB_STANDARD_PATHS[standard]}`,
          // The ARN does not reference the account, so without this the subscription races the
          // enablement and fails with "not subscribed to AWS Security Hub".
          dependsOn: [this.account],
        }),
    );
  }
}

function validate(id: string, props: SecurityHubProps): void {
  const where = `SecurityHub ${id}`;
  const allowed = KNOWN_STANDARDS.map((s) => `"${s}"`).join(', ');
  if (!Token.isUnresolved(props.region) && !REGION_NAME_PATTERN.test(props.region)) {
    throw new Error(`${where} region: received ${JSON.stringify(props.region)}; expected a Region name such as "us-east-1"`);
  }
  if (props.standards.length === 0) {
    throw new Error(`${where} standards: received []; expected at least one of ${allowed}`);
  }
  const seen = new Set<string>();
  for (const standard of props.standards) {
    if (!KNOWN_STANDARDS.includes(standard)) {
      throw new Error(`${where} standards: received ${JSON.stringify(standard)}; expected one of ${allowed}`);
    }
    if (seen.has(standard)) {
      throw new Error(`${where} standards: received ${JSON.stringify(standard)} twice in ${JSON.stringify(props.standards)}; expected each standard at most once`);
    }
    seen.add(standard);
  }
}
