import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { DlmExecutionRole, dlmManagedPolicyArn, dlmRoleName } from '../../../src/constructs/compute/dlm-execution-role';
import { accountFacts } from '../../../src/stacks/account-facts';
import { synthConstruct } from '../../helpers/synth';
import { dataRef, only, overlyBroadAllows, policyDocuments, policyFixture, ref } from '../../helpers/inspect';

describe('DlmExecutionRole', () => {
  const stack = synthConstruct((scope) => new DlmExecutionRole(scope, 'dlm', { roleName: dlmRoleName('acme'), facts: accountFacts(scope) }));
  const [roleId, role] = only(stack, 'aws_iam_role');
  const [, attachment] = only(stack, 'aws_iam_role_policy_attachment');
  const account = dataRef(stack, 'aws_caller_identity', 'account_id');
  const partition = dataRef(stack, 'aws_partition', 'partition');

  test('is named <project>-dlm', () => {
    expect(role.name).toBe('acme-dlm');
    expect(role.permissions_boundary).toBeUndefined();
  });

  test('only Data Lifecycle Manager acting for this account may assume it', () => {
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DataLifecycleManagerOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'dlm.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': account } },
        },
      ],
    });
  });

  test('has AWS\'s managed policy for snapshot policies and no policy of its own', () => {
    expect(attachment).toEqual({ role: ref('aws_iam_role', roleId, 'name'), policy_arn: `arn:${partition}:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole` });
    expect(stack.resource?.aws_iam_role_policy).toBeUndefined();
    expect(stack.resource?.aws_iam_policy).toBeUndefined();
    expect(dlmManagedPolicyArn('aws-cn')).toBe('arn:aws-cn:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole');
  });

  test('every policy document parses and none allows a wildcard', () => {
    for (const { document } of policyDocuments(stack)) expect(overlyBroadAllows(document)).toEqual([]);
  });

  test('carries the permissions boundary when one is configured', () => {
    const bounded = synthConstruct(
      (scope) => new DlmExecutionRole(scope, 'dlm', { roleName: 'acme-dlm', facts: accountFacts(scope), permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/acme-boundary' }),
    );
    expect(only(bounded, 'aws_iam_role')[1].permissions_boundary).toBe('arn:aws:iam::123456789012:policy/acme-boundary');
  });

  test('passes the foundation\'s compliance rules', () => {
    const fixture = policyFixture((scope) => new DlmExecutionRole(scope, 'dlm', { roleName: 'acme-dlm', facts: accountFacts(scope) }));
    expect(fixture.violations()).toEqual([]);
  });

  test('exposes the role ARN for the snapshot policies and key policies', () => {
    const withOutput = synthConstruct((scope) => {
      const built = new DlmExecutionRole(scope, 'dlm', { roleName: 'acme-dlm', facts: accountFacts(scope) });
      new TerraformOutput(scope, 'dlm_role_arn', { value: built.roleArn });
    });
    expect(withOutput.output?.dlm_role_arn.value).toBe(ref('aws_iam_role', only(withOutput, 'aws_iam_role')[0], 'arn'));
  });

  describe('input checks', () => {
    const build = (props: { roleName?: string; permissionsBoundaryArn?: string }) => () => {
      const scope = new TerraformStack(Testing.app(), 'bad');
      return new DlmExecutionRole(scope, 'dlm', { roleName: 'acme-dlm', facts: accountFacts(scope), ...props });
    };
    test.each([
      [{ roleName: '' }, 'DlmExecutionRole dlm roleName: received ""; expected 1-64 letters, digits or +=,.@_- (an IAM role name)'],
      [{ roleName: 'a/b' }, 'DlmExecutionRole dlm roleName: received "a/b"'],
      [{ roleName: 'x'.repeat(65) }, 'expected 1-64 letters'],
      [{ permissionsBoundaryArn: 'acme-boundary' }, 'DlmExecutionRole dlm permissionsBoundaryArn: received "acme-boundary"; expected a managed policy ARN'],
    ])('%p is rejected with the value and what is allowed', (props, message) => {
      expect(build(props)).toThrow(message);
    });
  });
});
