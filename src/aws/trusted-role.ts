import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
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

/** Condition that the caller signed in with MFA. `Bool`, not `BoolIfExists`: a session without the key is refused. */
export const MFA_PRESENT = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } as const;

/** An account root ARN, literal or built from Terraform references (`arn:${partition}:iam::${account}:root`). */
export const isAccountRoot = (arn: string): boolean => /:root$/.test(arn);

/**
 * Trust statements for IAM principals. An account root stands for every principal of that account,
 * so it is trusted only with MFA; named roles and users are trusted as given unless `mfa` is
 * "always" (roles that only humans assume). Sids: `<sid>` and `<sid>WithMfa`.
 */
export function principalTrust(sid: string, arns: readonly string[], mfa: 'always' | 'account-roots'): Statement[] {
  const withMfa = mfa === 'always' ? [...arns] : arns.filter(isAccountRoot);
  const named = mfa === 'always' ? [] : arns.filter((arn) => !isAccountRoot(arn));
  const statements: Statement[] = [];
  if (named.length > 0) statements.push({ Sid: sid, Effect: 'Allow', Principal: { AWS: named }, Action: 'sts:AssumeRole' });
  if (withMfa.length > 0) {
    statements.push({ Sid: `${sid}WithMfa`, Effect: 'Allow', Principal: { AWS: withMfa }, Action: 'sts:AssumeRole', Condition: MFA_PRESENT });
  }
  return statements;
}

export interface TrustedRoleProps {
  readonly roleName: string;
  readonly description: string;
  /** The trust policy's statements (`principalTrust`, `githubActionsTrust`). */
  readonly trust: readonly Statement[];
  readonly permissionsBoundaryArn?: string;
}

/** A role with the given trust, one-hour sessions, optional boundary; id "role". */
export function trustedRole(scope: Construct, props: TrustedRoleProps): IamRole {
  return new IamRole(scope, 'role', {
    name: props.roleName,
    description: props.description,
    maxSessionDuration: 3600,
    permissionsBoundary: props.permissionsBoundaryArn,
    assumeRolePolicy: policyDocument(props.trust),
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

/**
 * A customer-managed policy attached to the role, ids "<key>_policy" and "<key>_attachment". No
 * description: it forces a new policy when edited, and replacing a role's identity policy would
 * take away the very actions the role may need to finish the replacement.
 */
export function attachedPolicy(scope: Construct, role: IamRole, key: string, name: string, statements: readonly Statement[]): IamPolicy {
  const policy = new IamPolicy(scope, `${key}_policy`, { name, policy: policyDocument(statements) });
  new IamRolePolicyAttachment(scope, `${key}_attachment`, { role: role.name, policyArn: policy.arn });
  return policy;
}
