import { GA_ACCELERATOR_ACTIONS, trafficGrants } from '../../../src/constructs/edge/traffic-permissions';
import { TrafficDeployOptions } from '../../../src/aws/deploy-permissions';
import { MANAGED_POLICY_MAX_CHARS, policySize, worstCaseContext } from '../../../src/aws/deploy-permissions';
import { Statement } from '../../../src/aws/policy-documents';
import { globMatches } from '../../../src/compliance/rule';
import { Authorization, decide } from '../../helpers/iam-evaluator';
import { CONTEXT, actionsOf, grantsAction } from '../../helpers/deploy-permissions';
import { isWildcardAction, policyFixture } from '../../helpers/inspect';

const ALL_ON: TrafficDeployOptions = { domainName: 'example.com', globalAccelerator: true, recoveryControl: true };
const grants = trafficGrants({ ...CONTEXT, traffic: ALL_ON });
const statements = grants.map((g) => g.statement);
const bySid = (sid: string, list: readonly Statement[] = statements) => {
  const found = list.filter((s) => s.Sid === sid);
  if (found.length !== 1) throw new Error(`expected one ${sid}, found ${found.length}`);
  return found[0];
};
const call = (action: string, resource: string, context: Record<string, string> = {}): Authorization => ({ action, resource, context });

/** What hashicorp/aws 5.100.0 calls for each type of the traffic constructs (create, read, update, delete, tags). */
const REQUIRED: Record<string, readonly string[]> = {
  aws_route53_zone: ['route53:CreateHostedZone', 'route53:GetHostedZone', 'route53:GetChange', 'route53:ListResourceRecordSets', 'route53:UpdateHostedZoneComment', 'route53:ChangeTagsForResource', 'route53:ListTagsForResource'],
  'data.aws_route53_zone': ['route53:GetHostedZone', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource'],
  aws_route53_record: ['route53:ChangeResourceRecordSets', 'route53:GetChange', 'route53:GetHostedZone', 'route53:ListResourceRecordSets'],
  aws_route53_health_check: ['route53:CreateHealthCheck', 'route53:GetHealthCheck', 'route53:UpdateHealthCheck', 'route53:DeleteHealthCheck', 'route53:ChangeTagsForResource', 'route53:ListTagsForResource'],
  aws_globalaccelerator_accelerator: [
    'globalaccelerator:CreateAccelerator',
    'globalaccelerator:DescribeAccelerator',
    'globalaccelerator:DescribeAcceleratorAttributes',
    'globalaccelerator:UpdateAccelerator',
    'globalaccelerator:UpdateAcceleratorAttributes',
    'globalaccelerator:DeleteAccelerator',
    'globalaccelerator:TagResource',
    'globalaccelerator:UntagResource',
    'globalaccelerator:ListTagsForResource',
  ],
  aws_globalaccelerator_listener: ['globalaccelerator:CreateListener', 'globalaccelerator:DescribeListener', 'globalaccelerator:UpdateListener', 'globalaccelerator:DeleteListener', 'globalaccelerator:DescribeAccelerator'],
  aws_globalaccelerator_endpoint_group: ['globalaccelerator:CreateEndpointGroup', 'globalaccelerator:DescribeEndpointGroup', 'globalaccelerator:UpdateEndpointGroup', 'globalaccelerator:DeleteEndpointGroup'],
  aws_route53recoverycontrolconfig_cluster: ['CreateCluster', 'DescribeCluster', 'DeleteCluster'].map((a) => `route53-recovery-control-config:${a}`),
  aws_route53recoverycontrolconfig_control_panel: ['CreateControlPanel', 'DescribeControlPanel', 'UpdateControlPanel', 'DeleteControlPanel'].map((a) => `route53-recovery-control-config:${a}`),
  aws_route53recoverycontrolconfig_routing_control: ['CreateRoutingControl', 'DescribeRoutingControl', 'UpdateRoutingControl', 'DeleteRoutingControl'].map((a) => `route53-recovery-control-config:${a}`),
  aws_route53recoverycontrolconfig_safety_rule: ['CreateSafetyRule', 'DescribeSafetyRule', 'UpdateSafetyRule', 'DeleteSafetyRule'].map((a) => `route53-recovery-control-config:${a}`),
};

/**
 * ForAllValues:StringLike / StringEquals as IAM evaluates them on a multivalued key (the shared
 * evaluator does not model ForAllValues): every value of the request must match one pattern.
 */
function allowsRecordChange(list: readonly Statement[], names: string[], types: string[]): boolean {
  const statement = bySid('ChangeDomainRecords', list);
  const condition = statement.Condition as Record<string, Record<string, string[]>>;
  const like = condition['ForAllValues:StringLike']['route53:ChangeResourceRecordSetsNormalizedRecordNames'];
  const equals = condition['ForAllValues:StringEquals']['route53:ChangeResourceRecordSetsRecordTypes'];
  return names.every((n) => like.some((p) => globMatches(p, n, false))) && types.every((t) => equals.includes(t));
}

describe('traffic deploy grants', () => {
  test('covers exactly the traffic types when everything is on, and every type gets every action it needs', () => {
    expect([...new Set(grants.flatMap((g) => g.covers))].sort()).toEqual(Object.keys(REQUIRED).sort());
    const missing = Object.entries(REQUIRED).flatMap(([type, actions]) => {
      const covering = grants.filter((g) => g.covers.includes(type)).map((g) => g.statement);
      return actions.filter((a) => !grantsAction(covering, a)).map((a) => `${type}: ${a}`);
    });
    expect(missing).toEqual([]);
    expect(grants.filter((g) => g.statement.Effect === 'Allow' && g.covers.length === 0)).toEqual([]);
  });

  test('Sids unique and alphanumeric, no wildcard action, no Not*; under 3,000 characters with a 32-character project and a 62-character domain in aws-us-gov', () => {
    const sids = statements.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const s of statements) {
      expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(Object.keys(s).filter((k) => k.startsWith('Not'))).toEqual([]);
      expect(actionsOf(s).filter(isWildcardAction)).toEqual([]);
    }
    const worst = trafficGrants({ ...worstCaseContext({ ...CONTEXT, project: 'p'.repeat(32) }), traffic: { ...ALL_ON, domainName: `${'d'.repeat(50)}.example.com` } });
    expect(policySize(worst.map((g) => g.statement))).toBeLessThanOrEqual(3000);
    expect(3000).toBeLessThan(MANAGED_POLICY_MAX_CHARS / 2);
  });

  test('without a domain: health checks only (they deploy on the load balancers\' names); no zone, no record change', () => {
    const bare = trafficGrants(CONTEXT).map((g) => g.statement);
    expect(bare.map((s) => s.Sid)).toEqual(['ManageHealthChecks']);
    expect(grantsAction(bare, 'route53:ChangeResourceRecordSets')).toBe(false);
    expect(grantsAction(bare, 'route53:CreateHostedZone')).toBe(false);
  });

  test('an existing zone is read, never created', () => {
    const existing = trafficGrants({ ...CONTEXT, traffic: { domainName: 'example.com', existingZone: true } }).map((g) => g.statement);
    expect(grantsAction(existing, 'route53:CreateHostedZone')).toBe(false);
    expect(grantsAction(existing, 'route53:GetHostedZone')).toBe(true);
  });

  test('record changes only for names in the domain and only A, AAAA and CNAME', () => {
    const zone = 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ';
    expect(bySid('ChangeDomainRecords')).toMatchObject({ Effect: 'Allow', Action: 'route53:ChangeResourceRecordSets', Resource: 'arn:aws:route53:::hostedzone/*' });
    expect(zone).toMatch(/^arn:aws:route53:::hostedzone\//);
    expect(allowsRecordChange(statements, ['app.example.com', 'example.com', '_abc.static.example.com'], ['A', 'AAAA', 'CNAME'])).toBe(true);
    expect(allowsRecordChange(statements, ['app.example.com', 'www.other.com'], ['A'])).toBe(false);
    expect(allowsRecordChange(statements, ['notexample.com'], ['A'])).toBe(false);
    expect(allowsRecordChange(statements, ['example.com'], ['NS'])).toBe(false);
    expect(allowsRecordChange(statements, ['app.example.com'], ['A', 'MX'])).toBe(false);
  });

  test('never deletes a hosted zone, whatever else allows it', () => {
    const zone = 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ';
    expect(decide([...statements, { Sid: 'Broad', Effect: 'Allow', Action: 'route53:DeleteHostedZone', Resource: '*' }], call('route53:DeleteHostedZone', zone))).toBe('ExplicitDeny');
    const others = statements.filter((s) => s.Sid !== 'ChangeDomainRecords');
    for (const action of ['route53:AssociateVPCWithHostedZone', 'route53:CreateTrafficPolicy', 'route53:ChangeResourceRecordSets', 'route53domains:UpdateDomainNameservers']) {
      expect(grantsAction(others, action)).toBe(false);
    }
  });

  test('Global Accelerator: us-west-2 only; an accelerator is created and changed only with the project tag; children on accelerator ARNs', () => {
    const accelerator = 'arn:aws:globalaccelerator::123456789012:accelerator/1234abcd-abcd-1234-abcd-1234abcdefgh';
    const tagged = { 'aws:RequestedRegion': 'us-west-2', 'aws:ResourceTag/FoundationProject': 'acme' };
    expect(decide(statements, call('globalaccelerator:CreateAccelerator', '*', { 'aws:RequestedRegion': 'us-west-2', 'aws:RequestTag/FoundationProject': 'acme' }))).toBe('Allow');
    expect(decide(statements, call('globalaccelerator:CreateAccelerator', '*', { 'aws:RequestedRegion': 'us-west-2' }))).toBe('ImplicitDeny');
    expect(decide(statements, call('globalaccelerator:CreateAccelerator', '*', { 'aws:RequestedRegion': 'us-east-1', 'aws:RequestTag/FoundationProject': 'acme' }))).toBe('ImplicitDeny');
    expect(decide(statements, call('globalaccelerator:DeleteAccelerator', accelerator, tagged))).toBe('Allow');
    expect(decide(statements, call('globalaccelerator:DeleteAccelerator', accelerator, { ...tagged, 'aws:ResourceTag/FoundationProject': 'other' }))).toBe('ImplicitDeny');
    expect(decide(statements, call('globalaccelerator:CreateEndpointGroup', `${accelerator}/listener/0123abcd`, { 'aws:RequestedRegion': 'us-west-2' }))).toBe('Allow');
    expect(decide(statements, call('globalaccelerator:CreateEndpointGroup', `${accelerator}/listener/0123abcd`, { 'aws:RequestedRegion': 'eu-west-1' }))).toBe('ImplicitDeny');
    expect(GA_ACCELERATOR_ACTIONS).toEqual(['globalaccelerator:Describe*', 'globalaccelerator:ListTagsForResource']);
    for (const action of ['globalaccelerator:ProvisionByoipCidr', 'globalaccelerator:CreateCustomRoutingAccelerator', 'globalaccelerator:CreateCrossAccountAttachment']) {
      expect(grantsAction(statements, action)).toBe(false);
    }
  });

  test('ARC: configuration API in us-west-2 only; never the data plane (routing control states are the operator\'s)', () => {
    expect(decide(statements, call('route53-recovery-control-config:CreateCluster', '*', { 'aws:RequestedRegion': 'us-west-2' }))).toBe('Allow');
    expect(decide(statements, call('route53-recovery-control-config:CreateCluster', '*', { 'aws:RequestedRegion': 'us-east-1' }))).toBe('ImplicitDeny');
    expect(grantsAction(statements, 'route53-recovery-cluster:UpdateRoutingControlState')).toBe(false);
    expect(grantsAction(statements, 'route53-recovery-cluster:UpdateRoutingControlStates')).toBe(false);
  });

  test('GA and ARC statements only when they are on', () => {
    const off = trafficGrants({ ...CONTEXT, traffic: { domainName: 'example.com' } }).map((g) => g.statement);
    expect(off.flatMap(actionsOf).filter((a) => a.startsWith('globalaccelerator:') || a.startsWith('route53-recovery'))).toEqual([]);
  });

  test('as a managed policy they pass every foundation rule', () => {
    const { IamPolicy } = require('@cdktf/provider-aws/lib/iam-policy') as typeof import('@cdktf/provider-aws/lib/iam-policy');
    const { policyDocument } = require('../../../src/aws/policy-documents') as typeof import('../../../src/aws/policy-documents');
    const fixture = policyFixture((scope) => {
      new IamPolicy(scope, 'deploy_edge', { name: 'acme-deploy-edge', policy: policyDocument(statements) });
    });
    expect(fixture.violations()).toEqual([]);
  });
});
