import { TerraformStack, Testing } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { usePermissionsBoundary } from '../../src/stacks/permissions-boundary';
import { policyDocument } from '../../src/aws/policy-documents';
import { resourceList, synthApp, testConfig } from '../helpers/synth';
import { synthStack } from '../helpers/inspect';

const BOUNDARY = 'arn:aws:iam::123456789012:policy/boundary';
const trust = policyDocument([{ Sid: 'Flow', Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }]);

function stackWith(boundary: string | undefined, roleBoundary?: string): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'roles');
  new IamRole(stack, 'role', { name: 'acme-x', assumeRolePolicy: trust, permissionsBoundary: roleBoundary });
  usePermissionsBoundary(stack, boundary);
  return stack;
}

describe('usePermissionsBoundary', () => {
  test('a role without a boundary gets the configured one', () => {
    expect(resourceList(synthStack(stackWith(BOUNDARY)), 'aws_iam_role')[0].permissions_boundary).toBe(BOUNDARY);
  });

  test('nothing changes when no boundary is configured', () => {
    expect(resourceList(synthStack(stackWith(undefined)), 'aws_iam_role')[0].permissions_boundary).toBeUndefined();
  });

  test('a role that sets another boundary fails the synth, naming the role and both boundaries', () => {
    expect(() => synthStack(stackWith(BOUNDARY, 'arn:aws:iam::123456789012:policy/other'))).toThrow(
      'Role roles/role: permissions boundary "arn:aws:iam::123456789012:policy/other"; security.iam.permissionsBoundaryArn requires "arn:aws:iam::123456789012:policy/boundary" on every role of the project',
    );
  });

  test('with the boundary configured, every role of every stack of the app carries it', () => {
    const stacks = synthApp(testConfig({ security: { iam: { permissionsBoundaryArn: BOUNDARY }, cloudTrail: { enableCloudWatchLogs: true } } }));
    const roles = Object.entries(stacks).flatMap(([name, json]) => resourceList(json, 'aws_iam_role').map((r) => [name, r.name, r.permissions_boundary]));
    expect(roles.length).toBeGreaterThanOrEqual(4);
    for (const [name, role, boundary] of roles) expect([name, role, boundary]).toEqual([name, role, BOUNDARY]);
  });
});
