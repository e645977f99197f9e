import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Statement, policyDocument } from '../../src/aws/policy-documents';
import { IamPolicyEc2WritesScoped, UNSCOPABLE_EC2_WRITES } from '../../src/compliance/iam-policy-ec2-writes-scoped';
import { DIRECTORY_SERVICE_NETWORK } from '../../src/constructs/security/permissions';
import { NETWORK_PERMISSIONS } from '../../src/constructs/network/permissions';
import { policyFixture } from '../helpers/inspect';
import { CONTEXT } from '../helpers/deploy-permissions';

const RULE = IamPolicyEc2WritesScoped.name;
const trust = policyDocument([{ Sid: 'Ci', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/ci' }, Action: 'sts:AssumeRole' }]);
const EVERY_EC2 = 'arn:aws:ec2:*:123456789012:*';

function policyWith(scope: Construct, statements: Statement[]): void {
  new IamRole(scope, 'role', { name: 'acme-fixture', assumeRolePolicy: trust });
  new IamPolicy(scope, 'policy', { name: 'acme-fixture', policy: policyDocument(statements) });
}

describe('IamPolicyEc2WritesScoped', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('IamPolicyEc2WritesScoped');
  });

  describe('compliant', () => {
    test('reads on "*", writes by project tag, tag on create, VPC conditions, exact ARNs and Denies pass', () => {
      const fixture = policyFixture((scope) =>
        policyWith(scope, [
          { Sid: 'Read', Effect: 'Allow', Action: ['ec2:Describe*', 'ec2:GetTransitGatewayRouteTablePropagations', 'ec2:SearchTransitGatewayRoutes'], Resource: '*' },
          { Sid: 'ByTag', Effect: 'Allow', Action: ['ec2:ReplaceRoute', 'ec2:DeleteFlowLogs'], Resource: EVERY_EC2, Condition: { StringEquals: { 'aws:ResourceTag/FoundationProject': 'acme' } } },
          { Sid: 'Create', Effect: 'Allow', Action: 'ec2:CreateVpc', Resource: 'arn:aws:ec2:*:123456789012:vpc/*', Condition: { StringEquals: { 'aws:RequestTag/FoundationProject': 'acme' } } },
          { Sid: 'TagOnCreate', Effect: 'Allow', Action: 'ec2:CreateTags', Resource: EVERY_EC2, Condition: { StringEquals: { 'ec2:CreateAction': ['CreateVpc'] } } },
          { Sid: 'InVpc', Effect: 'Allow', Action: 'ec2:AcceptVpcPeeringConnection', Resource: '*', Condition: { ArnLike: { 'ec2:RequesterVpc': 'arn:aws:ec2:*:123456789012:vpc/*' } } },
          { Sid: 'OneRouteTable', Effect: 'Allow', Action: 'ec2:CreateRoute', Resource: 'arn:aws:ec2:us-east-1:123456789012:route-table/rtb-0123456789abcdef0' },
          { Sid: 'NoTagRemoval', Effect: 'Deny', Action: 'ec2:DeleteTags', Resource: '*' },
        ]),
      );
      expect(fixture.synthError()).toBeUndefined();
      expect(fixture.violations()).toEqual([]);
    });

    test('the listed unscopable calls pass under their own Sid only', () => {
      const listed = policyFixture((scope) =>
        policyWith(scope, [
          { Sid: 'PlaceDomainControllers', Effect: 'Allow', Action: [...DIRECTORY_SERVICE_NETWORK], Resource: '*' },
          { Sid: 'AcceptTransitGatewayPeerings', Effect: 'Allow', Action: 'ec2:AcceptTransitGatewayPeeringAttachment', Resource: 'arn:aws:ec2:*:123456789012:transit-gateway-attachment/*' },
        ]),
      );
      expect(listed.violations()).toEqual([]);
      const elsewhere = policyFixture((scope) => policyWith(scope, [{ Sid: 'Other', Effect: 'Allow', Action: 'ec2:AuthorizeSecurityGroupIngress', Resource: '*' }]));
      expect(elsewhere.violations().map((v) => v.rule)).toEqual([RULE]);
    });

    test('every listed call says why it cannot be scoped', () => {
      for (const [sid, entry] of Object.entries(UNSCOPABLE_EC2_WRITES)) {
        expect(sid).toMatch(/^[A-Za-z0-9]+$/);
        expect(entry.actions.length).toBeGreaterThan(0);
        expect(entry.reason.length).toBeGreaterThan(40);
      }
      expect(UNSCOPABLE_EC2_WRITES.PlaceDomainControllers.actions).toEqual(DIRECTORY_SERVICE_NETWORK);
    });

    test('the network domain\'s own declaration passes', () => {
      const fixture = policyFixture((scope) => policyWith(scope, NETWORK_PERMISSIONS.grants(CONTEXT).map((g) => g.statement)));
      expect(fixture.violations()).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    const cases: Array<[string, Statement, string]> = [
      ['a write on "*"', { Sid: 'Routes', Effect: 'Allow', Action: ['ec2:DescribeRouteTables', 'ec2:ReplaceRoute'], Resource: '*' }, 'grants "ec2:ReplaceRoute" on "*"'],
      ['a write on every EC2 resource of the account', { Sid: 'Sg', Effect: 'Allow', Action: 'ec2:AuthorizeSecurityGroupIngress', Resource: EVERY_EC2 }, 'grants "ec2:AuthorizeSecurityGroupIngress" on "arn:aws:ec2:*:123456789012:*"'],
      ['a type-wide ARN', { Sid: 'Fl', Effect: 'Allow', Action: 'ec2:DeleteFlowLogs', Resource: 'arn:aws:ec2:*:123456789012:vpc-flow-log/*' }, 'grants "ec2:DeleteFlowLogs"'],
      ['a wildcard write action', { Sid: 'Creates', Effect: 'Allow', Action: 'ec2:Create*', Resource: '*' }, 'grants "ec2:Create*"'],
      [
        'a condition that does not scope (transport only)',
        { Sid: 'Tls', Effect: 'Allow', Action: 'ec2:DeleteVpc', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
        'grants "ec2:DeleteVpc"',
      ],
      [
        'a tag condition that may be absent (IfExists)',
        { Sid: 'Maybe', Effect: 'Allow', Action: 'ec2:DeleteSubnet', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:ResourceTag/FoundationProject': 'acme' } } },
        'grants "ec2:DeleteSubnet"',
      ],
      ['a listed call under another Sid', { Sid: 'Accept', Effect: 'Allow', Action: 'ec2:AcceptTransitGatewayPeeringAttachment', Resource: '*' }, 'grants "ec2:AcceptTransitGatewayPeeringAttachment"'],
    ];

    test.each(cases)('%s fails synth, naming the rule, the resource and what is expected', (_name, statement, problem) => {
      const fixture = policyFixture((scope) => policyWith(scope, [statement]));
      const error = fixture.synthError();
      expect(error).toContain(`${RULE}: fixture/policy (aws_iam_policy.policy): policy statement "${statement.Sid}" ${problem}`);
      expect(error).toContain('without a condition that scopes it; expected a project tag condition');
      expect(fixture.violations().map((v) => v.rule)).toEqual([RULE]);
    });

    test('NotResource counts as every resource', () => {
      const fixture = policyFixture((scope) =>
        policyWith(scope, [{ Sid: 'Not', Effect: 'Allow', Action: 'ec2:DeleteRoute', NotResource: 'arn:aws:ec2:*:*:route-table/rtb-1' } as unknown as Statement]),
      );
      expect(fixture.synthError()).toContain('statement "Not" grants "ec2:DeleteRoute" on "NotResource"');
    });

    test('each unscoped write of a statement is named', () => {
      const fixture = policyFixture((scope) => policyWith(scope, [{ Sid: 'Two', Effect: 'Allow', Action: ['ec2:CreateRoute', 'ec2:DeleteRoute'], Resource: '*' }]));
      expect(fixture.violations().map((v) => v.message.split(' on ')[0])).toEqual(['policy statement "Two" grants "ec2:CreateRoute"', 'policy statement "Two" grants "ec2:DeleteRoute"']);
    });
  });
});
