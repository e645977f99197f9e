import { Testing, TerraformStack } from 'cdktf';
import { FlowLogsDeliveryRole } from '../../../src/constructs/identity/flow-logs-delivery-role';
import { accountFacts } from '../../../src/stacks/account-facts';
import { synthConstruct } from '../../helpers/synth';
import { asList, isWildcardAction, only, overlyBroadAllows, policyDocuments, ref } from '../../helpers/inspect';

describe('FlowLogsDeliveryRole', () => {
  const stack = synthConstruct((scope) => new FlowLogsDeliveryRole(scope, 'delivery', { roleName: 'acme-vpc-flow-logs', logGroupPrefix: '/acme/vpc-flow-logs/', facts: accountFacts(scope) }));
  const [roleId, role] = only(stack, 'aws_iam_role');
  const [, inline] = only(stack, 'aws_iam_role_policy');
  const data = (type: string) => Object.keys(stack.data?.[type] ?? {})[0];
  const account = `\${data.aws_caller_identity.${data('aws_caller_identity')}.account_id}`;
  const partition = `\${data.aws_partition.${data('aws_partition')}.partition}`;

  test('role has the given name', () => {
    expect(role.name).toBe('acme-vpc-flow-logs');
  });

  test('only the VPC Flow Logs service of this account may assume the role', () => {
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Version).toBe('2012-10-17');
    expect(trust.Statement).toHaveLength(1);
    const [statement] = trust.Statement;
    expect(statement).toMatchObject({ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' });
    expect(statement.Condition.StringEquals).toEqual({ 'aws:SourceAccount': account });
    expect(statement.Condition.ArnLike).toEqual({ 'aws:SourceArn': `arn:${partition}:ec2:*:${account}:vpc-flow-log/*` });
  });

  test('inline policy is attached to the role', () => {
    expect(inline.role).toBe(ref('aws_iam_role', roleId, 'id'));
  });

  test('may only write log streams under the flow-log prefix of this account', () => {
    const document = JSON.parse(inline.policy);
    expect(document.Statement).toHaveLength(1);
    const [statement] = document.Statement;
    expect(statement.Effect).toBe('Allow');
    expect(asList(statement.Action).sort()).toEqual(['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents']);
    asList<string>(statement.Action).forEach((a) => expect(isWildcardAction(a)).toBe(false));
    const groups = `arn:${partition}:logs:*:${account}:log-group:/acme/vpc-flow-logs/*`;
    expect(asList(statement.Resource).sort()).toEqual([groups, `${groups}:log-stream:*`].sort());
    expect(asList(statement.Resource)).not.toContain('*');
  });

  test('every policy document parses and has no wildcard Allow', () => {
    const documents = policyDocuments(stack);
    expect(documents.map((d) => d.attribute).sort()).toEqual(['assume_role_policy', 'policy']);
    for (const { document } of documents) expect(overlyBroadAllows(document)).toEqual([]);
  });

  test.each(['acme/vpc-flow-logs/', '/acme/vpc-flow-logs', '', '/'])('rejects logGroupPrefix %p, naming the value and the expected shape', (prefix) => {
    const scope = new TerraformStack(Testing.app(), 'bad');
    expect(() => new FlowLogsDeliveryRole(scope, 'd', { roleName: 'r', logGroupPrefix: prefix, facts: accountFacts(scope) })).toThrow(
      `logGroupPrefix: received "${prefix}"; expected a path that starts and ends with "/"`,
    );
  });
});
