import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { SecurityHub, SecurityHubStandard } from '../../../src/constructs/security/security-hub';
import { SECURITY_HUB_STANDARDS } from '../../../src/config/security-schema';
import { accountFacts } from '../../../src/stacks/account-facts';
import { resources, synthConstruct } from '../../helpers/synth';
import { dataRef, only, ref } from '../../helpers/inspect';

const FSBP = 'aws-foundational-security-best-practices';
const CIS = 'cis-aws-foundations-benchmark';

describe('SecurityHub', () => {
  const stack = synthConstruct((scope) => {
    const hub = new SecurityHub(scope, 'hub', { standards: [FSBP, CIS], region: 'eu-west-1', facts: accountFacts(scope) });
    new TerraformOutput(scope, 'hub_arn', { value: hub.hubArn });
  });
  const [accountId, account] = only(stack, 'aws_securityhub_account');
  const subscriptions = resources(stack, 'aws_securityhub_standards_subscription');
  const arns = Object.values(subscriptions).map((s) => s.standards_arn);
  const partition = dataRef(stack, 'aws_partition', 'partition');

  test('enables Security Hub without AWS default standards, with controls on and consolidated findings', () => {
    expect(account).toEqual({
      enable_default_standards: false,
      auto_enable_controls: true,
      control_finding_generator: 'SECURITY_CONTROL',
    });
  });

  test('lives on the stack default provider (the Region stack\'s own Region)', () => {
    expect(account.provider).toBeUndefined();
    for (const subscription of Object.values(subscriptions)) expect(subscription.provider).toBeUndefined();
  });

  test('subscribes to exactly the given standards with pinned, Regional ARNs in the current partition', () => {
    expect(arns.sort()).toEqual([
      `arn:${partition}:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0`,
      `arn:${partition}:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/1.4.0`,
    ]);
  });

  test('every subscription waits for the account (its ARN does not reference it)', () => {
    for (const subscription of Object.values(subscriptions)) {
      expect(subscription.depends_on).toEqual([`aws_securityhub_account.${accountId}`]);
    }
  });

  test('exposes the Regional hub ARN, not the account id, for remote state', () => {
    expect(stack.output?.hub_arn.value).toBe(ref('aws_securityhub_account', accountId, 'arn'));
  });

  test('one standard gives one subscription', () => {
    const single = synthConstruct((scope) => new SecurityHub(scope, 'hub', { standards: [FSBP], region: 'us-east-1', facts: accountFacts(scope) }));
    expect(Object.values(resources(single, 'aws_securityhub_standards_subscription')).map((s) => s.standards_arn)).toEqual([
      `arn:${dataRef(single, 'aws_partition', 'partition')}:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0`,
    ]);
  });

  test('accepts every standard the config schema allows', () => {
    const scope = new TerraformStack(Testing.app(), 'schema');
    expect(() => new SecurityHub(scope, 'hub', { standards: [...SECURITY_HUB_STANDARDS], region: 'us-east-1', facts: accountFacts(scope) })).not.toThrow();
  });

  describe('rejects bad props with the value received and what is allowed', () => {
    const build = (standards: readonly string[], region = 'us-east-1') => () => {
      const stack = new TerraformStack(Testing.app(), 'bad');
      return new SecurityHub(stack, 'hub', { standards: standards as SecurityHubStandard[], region, facts: accountFacts(stack) });
    };

    test('no standard', () => {
      expect(build([])).toThrow(
        'SecurityHub hub standards: received []; expected at least one of "aws-foundational-security-best-practices", "cis-aws-foundations-benchmark"',
      );
    });

    test('a standard listed twice', () => {
      expect(build([FSBP, CIS, FSBP])).toThrow(
        `SecurityHub hub standards: received "${FSBP}" twice in ["${FSBP}","${CIS}","${FSBP}"]; expected each standard at most once`,
      );
    });

    test('an unknown standard', () => {
      expect(build(['pci-dss'])).toThrow(
        'SecurityHub hub standards: received "pci-dss"; expected one of "aws-foundational-security-best-practices", "cis-aws-foundations-benchmark"',
      );
    });

    test('a malformed Region', () => {
      expect(build([FSBP], 'EU West')).toThrow('SecurityHub hub region: received "EU West"; expected a Region name such as "us-east-1"');
    });
  });
});
