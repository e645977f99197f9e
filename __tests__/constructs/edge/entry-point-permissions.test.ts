import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { isConfigurationRead, policySize, worstCaseContext } from '../../../src/aws/deploy-permissions';
import { policyDocument } from '../../../src/aws/policy-documents';
import { PROJECT_TAG_KEY } from '../../../src/aws/tags';
import { ACM_MANAGE_ACTIONS, ELB_MANAGE_ACTIONS, ELB_READ_ACTIONS, entryPointGrants } from '../../../src/constructs/edge/entry-point-permissions';
import { CONTEXT, actionsOf, describeDomainPermissions, grantsAction } from '../../helpers/deploy-permissions';
import { Authorization, decide } from '../../helpers/iam-evaluator';
import { isWildcardAction, policyFixture } from '../../helpers/inspect';

const grants = entryPointGrants(CONTEXT);
const statements = grants.map((g) => g.statement);
const decision = (authorization: Authorization) => decide(statements, authorization);
const ACCOUNT = CONTEXT.account;
const LB = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/acme-entry/84b34073fd1f0684`;
const LISTENER = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/app/acme-entry/84b34073fd1f0684/e1efa5d5b8f76183`;
const RULE = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener-rule/app/acme-entry/84b34073fd1f0684/e1efa5d5b8f76183/af5376275d78e1e7`;
const CERTIFICATE = `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/c459eb47-11c7-4c41-8f87-2ca750a7a716`;
const tagged = (project?: string) => (project === undefined ? {} : { [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: project });
const request = (project: string, keys = [PROJECT_TAG_KEY, 'Project']) => ({ [`aws:RequestTag/${PROJECT_TAG_KEY}`]: project, 'aws:TagKeys': keys });

/**
 * What hashicorp/aws 5.100.0 calls for each type RegionalEntryPoint creates and this part covers
 * (create, read, update, delete, tags). The security group, the log bucket and the ELB
 * service-linked role are other domains' (see entryPointGrants).
 */
const REQUIRED: Record<string, string[]> = {
  aws_lb: [
    'elasticloadbalancing:CreateLoadBalancer',
    'elasticloadbalancing:AddTags',
    'elasticloadbalancing:ModifyLoadBalancerAttributes',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeLoadBalancerAttributes',
    'elasticloadbalancing:DescribeCapacityReservation',
    'elasticloadbalancing:DescribeTags',
    'elasticloadbalancing:SetSecurityGroups',
    'elasticloadbalancing:SetSubnets',
    'elasticloadbalancing:RemoveTags',
    'elasticloadbalancing:DeleteLoadBalancer',
  ],
  aws_lb_listener: [
    'elasticloadbalancing:CreateListener',
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:DescribeListenerAttributes',
    'elasticloadbalancing:ModifyListenerAttributes',
    'elasticloadbalancing:DescribeListenerCertificates',
    'elasticloadbalancing:ModifyListener',
    'elasticloadbalancing:DeleteListener',
    'elasticloadbalancing:DescribeTags',
  ],
  aws_lb_listener_rule: [
    'elasticloadbalancing:CreateRule',
    'elasticloadbalancing:DescribeRules',
    'elasticloadbalancing:ModifyRule',
    'elasticloadbalancing:SetRulePriorities',
    'elasticloadbalancing:DeleteRule',
    'elasticloadbalancing:DescribeTags',
  ],
  aws_acm_certificate: [
    'acm:RequestCertificate',
    'acm:DescribeCertificate',
    'acm:ListTagsForCertificate',
    'acm:AddTagsToCertificate',
    'acm:RemoveTagsFromCertificate',
    'acm:DeleteCertificate',
  ],
  aws_acm_certificate_validation: ['acm:DescribeCertificate'],
  aws_route53_record: ['route53:ChangeResourceRecordSets', 'route53:GetChange', 'route53:GetHostedZone', 'route53:ListResourceRecordSets'],
};

// The entry point's part of the edge-delivery policy, checked as a policy of its own.
describeDomainPermissions({ domain: 'edge-entry-point', description: 'entry points', grants: entryPointGrants }, REQUIRED);

describe('entry point deploy permissions', () => {
  test('Sids unique and alphanumeric; no NotAction or NotResource; every action named in full but the ELB reads', () => {
    const sids = statements.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const s of statements) {
      expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(Object.keys(s).filter((k) => k.startsWith('Not'))).toEqual([]);
      expect(actionsOf(s).filter(isWildcardAction)).toEqual([]);
    }
    const patterns = statements.flatMap(actionsOf).filter((a) => a.includes('*'));
    expect(patterns).toEqual(['elasticloadbalancing:Describe*']);
    expect(isConfigurationRead(patterns[0])).toBe(true);
    // The pattern stands for the reads the provider makes, and nothing that writes.
    expect(ELB_READ_ACTIONS.every((a) => grantsAction(statements, a))).toBe(true);
  });

  test('under 3,000 characters with the longest partition and a 32-character project (two parts fit one managed policy)', () => {
    const size = policySize(entryPointGrants(worstCaseContext({ ...CONTEXT, project: 'p'.repeat(32) })).map((g) => g.statement));
    expect(size).toBeLessThanOrEqual(3000);
  });

  test('pass the foundation\'s compliance rules in a managed policy', () => {
    const fixture = policyFixture((scope) => new IamPolicy(scope, 'policy', { name: 'acme-deploy-edge', policy: policyDocument(statements) }));
    expect(fixture.violations()).toEqual([]);
  });

  test('the partition and account come from the context', () => {
    const gov = JSON.stringify(entryPointGrants({ ...CONTEXT, partition: 'aws-us-gov', account: '210987654321' }));
    expect(gov).toContain('arn:aws-us-gov:elasticloadbalancing:*:210987654321:*/app/*');
    expect(gov).toContain('arn:aws-us-gov:acm:*:210987654321:certificate/*');
    expect(gov).not.toContain(ACCOUNT);
  });

  describe('load balancers, listeners and rules: only the project\'s', () => {
    test('created only with the project tag in the request, and tagged only by that create', () => {
      const creates: Array<[string, string, string]> = [
        ['elasticloadbalancing:CreateLoadBalancer', LB, 'CreateLoadBalancer'],
        ['elasticloadbalancing:CreateListener', LISTENER, 'CreateListener'],
        ['elasticloadbalancing:CreateRule', RULE, 'CreateRule'],
      ];
      for (const [action, resource, createAction] of creates) {
        expect(decision({ action, resource, context: request('acme') })).toBe('Allow');
        expect(decision({ action, resource, context: request('other') })).toBe('ImplicitDeny');
        expect(decision({ action, resource, context: {} })).toBe('ImplicitDeny');
        expect(decision({ action: 'elasticloadbalancing:AddTags', resource, context: { ...request('acme'), 'elasticloadbalancing:CreateAction': createAction } })).toBe('Allow');
      }
      // CreateListener is also authorized on the load balancer it goes on.
      expect(decision({ action: 'elasticloadbalancing:CreateListener', resource: LB, context: { ...tagged('acme'), ...request('acme') } })).toBe('Allow');
    });

    test('changed and deleted only while they carry the project tag', () => {
      const cases: Array<[string, string]> = [
        ['elasticloadbalancing:ModifyLoadBalancerAttributes', LB],
        ['elasticloadbalancing:DeleteLoadBalancer', LB],
        ['elasticloadbalancing:SetSecurityGroups', LB],
        ['elasticloadbalancing:ModifyListener', LISTENER],
        ['elasticloadbalancing:DeleteListener', LISTENER],
        ['elasticloadbalancing:ModifyRule', RULE],
        ['elasticloadbalancing:DeleteRule', RULE],
      ];
      for (const [action, resource] of cases) {
        expect(decision({ action, resource, context: tagged('acme') })).toBe('Allow');
        expect(decision({ action, resource, context: tagged('other') })).toBe('ImplicitDeny');
        expect(decision({ action, resource, context: tagged() })).toBe('ImplicitDeny');
      }
    });

    test('no network or classic load balancer, no target group', () => {
      const nlb = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/net/acme-nlb/84b34073fd1f0684`;
      expect(decision({ action: 'elasticloadbalancing:DeleteLoadBalancer', resource: nlb, context: tagged('acme') })).toBe('ImplicitDeny');
      expect(grantsAction(statements, 'elasticloadbalancing:CreateTargetGroup')).toBe(false);
      expect(grantsAction(statements, 'elasticloadbalancing:RegisterTargets')).toBe(false);
    });

    test('other tags change freely; the project tag is never removed or given another value', () => {
      const other = { ...tagged('acme'), 'aws:TagKeys': ['Project'] };
      expect(decision({ action: 'elasticloadbalancing:AddTags', resource: LB, context: { ...other, 'aws:RequestTag/Project': 'x' } })).toBe('Allow');
      expect(decision({ action: 'elasticloadbalancing:RemoveTags', resource: LB, context: other })).toBe('Allow');
      expect(decision({ action: 'elasticloadbalancing:RemoveTags', resource: LB, context: { ...tagged('acme'), 'aws:TagKeys': [PROJECT_TAG_KEY] } })).toBe('ExplicitDeny');
      expect(decision({ action: 'elasticloadbalancing:AddTags', resource: LB, context: { ...tagged('acme'), ...request('other', [PROJECT_TAG_KEY]) } })).toBe('ExplicitDeny');
      expect(decision({ action: 'elasticloadbalancing:AddTags', resource: LB, context: { ...tagged('other'), ...request('acme', [PROJECT_TAG_KEY]) } })).toBe('ImplicitDeny');
    });

    test('reads on "*": ELB\'s Describe calls have no resource-level permissions', () => {
      expect(decision({ action: 'elasticloadbalancing:DescribeLoadBalancers', resource: '*' })).toBe('Allow');
      expect(statements.find((s) => s.Sid === 'ReadLoadBalancers')!.Resource).toBe('*');
      expect(actionsOf(statements.find((s) => s.Sid === 'ReadLoadBalancers')!).every((a) => /^elasticloadbalancing:Describe/.test(a))).toBe(true);
    });

    test('every manage action is an update, a delete or a tag change', () => {
      expect(ELB_MANAGE_ACTIONS.filter((a) => !/:(Modify|Set|Delete|AddTags|RemoveTags)/.test(a))).toEqual([]);
    });
  });

  describe('certificates: only the project\'s', () => {
    test('requested only with the project tag', () => {
      expect(decision({ action: 'acm:RequestCertificate', resource: '*', context: request('acme') })).toBe('Allow');
      expect(decision({ action: 'acm:AddTagsToCertificate', resource: CERTIFICATE, context: request('acme') })).toBe('Allow');
      expect(decision({ action: 'acm:RequestCertificate', resource: '*', context: request('other') })).toBe('ImplicitDeny');
      expect(decision({ action: 'acm:RequestCertificate', resource: '*', context: {} })).toBe('ImplicitDeny');
    });

    test('read, validated and deleted only while tagged with the project', () => {
      for (const action of ACM_MANAGE_ACTIONS.filter((a) => !/Tags/.test(a))) {
        expect(decision({ action, resource: CERTIFICATE, context: tagged('acme') })).toBe('Allow');
        expect(decision({ action, resource: CERTIFICATE, context: tagged('other') })).toBe('ImplicitDeny');
      }
      expect(grantsAction(statements, 'acm:ImportCertificate')).toBe(false);
      expect(grantsAction(statements, 'acm:ExportCertificate')).toBe(false);
    });

    test('the project tag is never removed from a certificate', () => {
      expect(decision({ action: 'acm:RemoveTagsFromCertificate', resource: CERTIFICATE, context: { ...tagged('acme'), 'aws:TagKeys': [PROJECT_TAG_KEY] } })).toBe('ExplicitDeny');
    });
  });

  describe('Route 53: the validation records only', () => {
    // The evaluator does not model ForAllValues: the statement is checked as written.
    test('changes only CNAMEs whose names start with "_" (ACM validation names)', () => {
      expect(statements.find((s) => s.Sid === 'ChangeValidationRecords')).toEqual({
        Sid: 'ChangeValidationRecords',
        Effect: 'Allow',
        Action: 'route53:ChangeResourceRecordSets',
        Resource: 'arn:aws:route53:::hostedzone/*',
        Condition: {
          'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': 'CNAME' },
          'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': '_*' },
        },
      });
    });

    test('no zone or health check management', () => {
      for (const action of ['route53:CreateHostedZone', 'route53:DeleteHostedZone', 'route53:CreateHealthCheck', 'route53:ChangeTagsForResource']) expect(grantsAction(statements, action)).toBe(false);
    });
  });
});
