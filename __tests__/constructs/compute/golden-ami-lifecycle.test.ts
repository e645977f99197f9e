import { Testing, TerraformStack } from 'cdktf';
import { GoldenAmiLifecycle, GoldenAmiLifecycleProps } from '../../../src/constructs/compute/golden-ami-lifecycle';
import { resourceList, synthConstruct } from '../../helpers/synth';
import { only, policyFixture, ref } from '../../helpers/inspect';

const PROPS: GoldenAmiLifecycleProps = {
  name: 'acme-golden-ami',
  roleName: 'acme-imagebuilder-lifecycle',
  partition: 'aws',
  recipeName: 'acme-golden-ami',
  recipeVersion: '1.0.12345',
  keepLatest: 3,
};

describe('GoldenAmiLifecycle', () => {
  const stack = synthConstruct((scope) => new GoldenAmiLifecycle(scope, 'lifecycle', PROPS));
  const [roleId, role] = only(stack, 'aws_iam_role');
  const [attachmentId, attachment] = only(stack, 'aws_iam_role_policy_attachment');
  const [, policy] = only(stack, 'aws_imagebuilder_lifecycle_policy');

  test('the role is for Image Builder only and holds only the lifecycle execution policy', () => {
    expect(role.name).toBe('acme-imagebuilder-lifecycle');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Sid: 'ImageBuilderLifecycle', Effect: 'Allow', Principal: { Service: 'imagebuilder.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(attachment).toEqual({ role: ref('aws_iam_role', roleId, 'name'), policy_arn: 'arn:aws:iam::aws:policy/service-role/EC2ImageBuilderLifecycleExecutionPolicy' });
    expect(resourceList(stack, 'aws_iam_role_policy')).toEqual([]);
  });

  test('deletes AMIs and snapshots beyond the newest keepLatest images', () => {
    expect(policy).toMatchObject({
      name: 'acme-golden-ami',
      execution_role: ref('aws_iam_role', roleId, 'arn'),
      resource_type: 'AMI_IMAGE',
      status: 'ENABLED',
      policy_detail: [{ action: [{ type: 'DELETE', include_resources: [{ amis: true, snapshots: true }] }], filter: [{ type: 'COUNT', value: 3 }] }],
      depends_on: [`aws_iam_role_policy_attachment.${attachmentId}`],
    });
  });

  test('covers every version of the recipe and excludes no Region', () => {
    expect(policy.resource_selection).toEqual([{ recipe: [{ name: 'acme-golden-ami', semantic_version: '1.0.12345' }] }]);
    expect(policy.policy_detail[0].exclusion_rules).toBeUndefined();
  });

  test('keeps the configured count', () => {
    const ten = synthConstruct((scope) => new GoldenAmiLifecycle(scope, 'lifecycle', { ...PROPS, keepLatest: 10 }));
    expect(only(ten, 'aws_imagebuilder_lifecycle_policy')[1].policy_detail[0].filter).toEqual([{ type: 'COUNT', value: 10 }]);
  });

  test('passes the compliance rules', () => {
    expect(policyFixture((scope) => new GoldenAmiLifecycle(scope, 'lifecycle', PROPS)).violations()).toEqual([]);
  });

  test.each([
    [{ name: 'a' }, 'GoldenAmiLifecycle lifecycle name: received "a"; expected 3-128 letters'],
    [{ roleName: 'a b' }, 'GoldenAmiLifecycle lifecycle roleName: received "a b"; expected an IAM role name'],
    [{ keepLatest: 0 }, 'GoldenAmiLifecycle lifecycle keepLatest: received 0; expected an integer from 1 to 1000'],
    [{ keepLatest: 1.5 }, 'GoldenAmiLifecycle lifecycle keepLatest: received 1.5'],
  ])('%p is rejected with the value and what is allowed', (props, message) => {
    expect(() => new GoldenAmiLifecycle(new TerraformStack(Testing.app(), 'bad'), 'lifecycle', { ...PROPS, ...(props as Partial<GoldenAmiLifecycleProps>) })).toThrow(message);
  });
});
