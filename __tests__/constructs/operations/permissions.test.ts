import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { OPERATIONS_PERMISSIONS } from '../../../src/constructs/operations/permissions';
import { DEPLOY_DOMAINS } from '../../../src/constructs/identity/deploy-role';
import { MANAGED_POLICIES_PER_ROLE } from '../../../src/aws/deploy-permissions';
import { policyDocument } from '../../../src/aws/policy-documents';
import { PROJECT_TAG_KEY } from '../../../src/aws/tags';
import { CONTEXT, actionsOf, describeDomainPermissions } from '../../helpers/deploy-permissions';
import { Authorization, RequestContext, allowsCall, decide } from '../../helpers/iam-evaluator';
import { policyFixture } from '../../helpers/inspect';

const statements = OPERATIONS_PERMISSIONS.grants(CONTEXT).map((g) => g.statement);
const decision = (authorization: Authorization) => decide(statements, authorization);
const ACCOUNT = CONTEXT.account;
const INDEX = `arn:aws:resource-explorer-2:eu-west-1:${ACCOUNT}:index/0123abcd-4567-89ef-0123-456789abcdef`;
const VIEW = `arn:aws:resource-explorer-2:us-east-1:${ACCOUNT}:view/acme-resources/0123abcd-4567-89ef-0123-456789abcdef`;
const tagged = (project?: string): RequestContext => (project === undefined ? {} : { [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: project });
const request = (project: string, region = 'eu-west-1', keys = [PROJECT_TAG_KEY, 'Project']): RequestContext => ({
  [`aws:RequestTag/${PROJECT_TAG_KEY}`]: project,
  'aws:TagKeys': keys,
  'aws:RequestedRegion': region,
});

/** What hashicorp/aws 5.100.0 calls for each type (create, read, update, delete, tags). */
const REQUIRED: Record<string, string[]> = {
  // The service-linked role the account's first index creates is the identity domain's.
  aws_resourceexplorer2_index: [
    'resource-explorer-2:CreateIndex',
    'resource-explorer-2:GetIndex',
    'resource-explorer-2:UpdateIndexType',
    'resource-explorer-2:DeleteIndex',
    'resource-explorer-2:TagResource',
    'resource-explorer-2:UntagResource',
  ],
  aws_resourceexplorer2_view: [
    'resource-explorer-2:CreateView',
    'resource-explorer-2:GetView',
    'resource-explorer-2:GetDefaultView',
    'resource-explorer-2:UpdateView',
    'resource-explorer-2:DeleteView',
    'resource-explorer-2:TagResource',
    'resource-explorer-2:UntagResource',
  ],
};

describeDomainPermissions(OPERATIONS_PERMISSIONS, REQUIRED);

describe('operations deploy permissions', () => {
  test('the deploy role\'s tenth managed policy, the last the default IAM quota allows', () => {
    expect(DEPLOY_DOMAINS.map((d) => d.domain)).toContain('operations');
    expect(DEPLOY_DOMAINS).toHaveLength(MANAGED_POLICIES_PER_ROLE);
  });

  test('every action is named in full, Resource Explorer only', () => {
    for (const s of statements) {
      expect(actionsOf(s).filter((a) => a.includes('*'))).toEqual([]);
      expect(actionsOf(s).filter((a) => !a.startsWith('resource-explorer-2:'))).toEqual([]);
    }
  });

  test('pass the foundation\'s compliance rules in a managed policy', () => {
    const fixture = policyFixture((scope) => new IamPolicy(scope, 'policy', { name: 'acme-deploy-operations', policy: policyDocument(statements) }));
    expect(fixture.violations()).toEqual([]);
  });

  test('the default view is never changed: it is the account\'s, shared with every search of the Region', () => {
    for (const action of ['resource-explorer-2:AssociateDefaultView', 'resource-explorer-2:DisassociateDefaultView']) {
      expect(decision({ action, resource: '*', context: request('acme') })).toBe('ImplicitDeny');
      expect(decision({ action, resource: VIEW, context: tagged('acme') })).toBe('ImplicitDeny');
    }
  });

  test('no search, no resource policy on a view: the deploy role manages the inventory, it does not read it', () => {
    for (const action of ['resource-explorer-2:Search', 'resource-explorer-2:PutResourcePolicy', 'resource-explorer-2:ListIndexes']) {
      expect(decision({ action, resource: VIEW, context: tagged('acme') })).toBe('ImplicitDeny');
    }
  });

  describe('indexes and views: created only with the project tag, in a configured Region', () => {
    test.each(['resource-explorer-2:CreateIndex', 'resource-explorer-2:CreateView'])('%s', (action) => {
      // The provider sends the tags with the create; Resource Explorer checks TagResource as well.
      const create = (context: RequestContext) => allowsCall(statements, [{ action, resource: '*', context }, { action: 'resource-explorer-2:TagResource', resource: '*', context }]);
      expect(create(request('acme'))).toBe(true);
      expect(create(request('acme', 'ap-southeast-2'))).toBe(true);
      expect(create(request('other'))).toBe(false);
      expect(create(request('acme', 'sa-east-1'))).toBe(false);
      expect(create({ 'aws:RequestedRegion': 'eu-west-1' })).toBe(false);
    });
  });

  describe('an existing index: promoted, deleted and tagged only while it carries the project tag', () => {
    test.each(['resource-explorer-2:UpdateIndexType', 'resource-explorer-2:DeleteIndex'])('%s', (action) => {
      expect(decision({ action, resource: INDEX, context: tagged('acme') })).toBe('Allow');
      expect(decision({ action, resource: INDEX, context: tagged('other') })).toBe('ImplicitDeny');
      expect(decision({ action, resource: INDEX, context: tagged() })).toBe('ImplicitDeny');
      expect(decision({ action, resource: INDEX.replace(ACCOUNT, '210987654321'), context: tagged('acme') })).toBe('ImplicitDeny');
    });

    test('GetIndex has no resource type: it reads the index of the Region called, on "*"', () => {
      expect(decision({ action: 'resource-explorer-2:GetIndex', resource: '*' })).toBe('Allow');
    });
  });

  describe('an existing view: read, changed and deleted only while it carries the project tag', () => {
    test.each(['resource-explorer-2:GetView', 'resource-explorer-2:UpdateView', 'resource-explorer-2:DeleteView'])('%s', (action) => {
      expect(decision({ action, resource: VIEW, context: tagged('acme') })).toBe('Allow');
      expect(decision({ action, resource: VIEW, context: tagged('other') })).toBe('ImplicitDeny');
      expect(decision({ action, resource: VIEW, context: tagged() })).toBe('ImplicitDeny');
    });

    test('GetDefaultView has no resource type: the view\'s read compares its ARN with the default', () => {
      expect(decision({ action: 'resource-explorer-2:GetDefaultView', resource: '*' })).toBe('Allow');
    });
  });

  test('other tags change freely; the project tag is never set on, or removed from, an existing index or view', () => {
    for (const resource of [INDEX, VIEW]) {
      for (const action of ['resource-explorer-2:TagResource', 'resource-explorer-2:UntagResource']) {
        expect(decision({ action, resource, context: { ...tagged('acme'), 'aws:TagKeys': ['Project'] } })).toBe('Allow');
        expect(decision({ action, resource, context: { ...tagged('acme'), 'aws:TagKeys': [PROJECT_TAG_KEY] } })).toBe('ExplicitDeny');
        expect(decision({ action, resource, context: { ...tagged(), 'aws:TagKeys': [PROJECT_TAG_KEY], [`aws:RequestTag/${PROJECT_TAG_KEY}`]: 'acme' } })).toBe('ExplicitDeny');
      }
    }
  });
});
