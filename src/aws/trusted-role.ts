import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Statement, policyDocument } from './policy-documents';

/** Throws unless the list names at least one principal, none blank or with a wildcard. */
export function checkTrustedPrincipals(owner: string, arns: readonly string[], exampleArn: string): void {
  if (!Array.isArray(arns) || arns.length === 0) {
    throw new Error(`${owner} trustedPrincipalArns: received ${JSON.stringify(arns)}; expected at least one IAM principal ARN (e.g. ${exampleArn})`);
  }
  const bad = arns.find((arn) => typeof arn !== 'string' || arn.trim() === '' || arn.includes('*'));
  if (bad !== undefined) {
    throw new Error(`${owner} trustedPrincipalArns: received ${JSON.stringify(bad)}; expected an IAM principal ARN without wildcards`);
  }
}

export interface TrustedRoleProps {
  readonly roleName: string;
  readonly description: string;
  /** Sid of the trust statement. */
  readonly trustSid: string;
  readonly trustedPrincipalArns: readonly string[];
  readonly permissionsBoundaryArn?: string;
}

/** A role that the given AWS principals may assume, one-hour sessions, optional boundary; id "role". */
export function trustedRole(scope: Construct, props: TrustedRoleProps): IamRole {
  return new IamRole(scope, 'role', {
    name: props.roleName,
    description: props.description,
    maxSessionDuration: 3600,
    permissionsBoundary: props.permissionsBoundaryArn,
    assumeRolePolicy: policyDocument([
      { Sid: props.trustSid, Effect: 'Allow', Principal: { AWS: [...props.trustedPrincipalArns] }, Action: 'sts:AssumeRole' },
    ]),
  });
}

/** One named inline policy per entry, ids "policy_<name with _>". */
export function inlinePolicies(scope: Construct, role: IamRole, inline: Record<string, Statement[]>): Record<string, IamRolePolicy> {
  return Object.fromEntries(
    Object.entries(inline).map(([name, statements]) => [
      name,
      new IamRolePolicy(scope, `policy_${name.replace(/-/g, '_')}`, { name, role: role.id, policy: policyDocument(statements) }),
    ]),
  );
}
