import {
  GetOpenIDConnectProviderCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { FoundationConfig } from '../../../src/config/validate';
import { resourceNames } from '../../../src/aws/resource-names';
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST } from '../../../src/aws/github-oidc';
import { DEPLOY_DOMAINS } from '../../../src/constructs/identity/deploy-role';
import { EmulatorAws } from '../aws';
import { Checklist } from '../checklist';
import { DeployedOutputs } from '../outputs';

type Document = { Statement?: Array<{ Sid?: string; Effect?: string; Condition?: Record<string, Record<string, unknown>> }> };

/** IAM returns policy documents URL-encoded; moto returns them as they were put. */
function parseDocument(text: string | undefined): Document {
  if (!text) return {};
  return JSON.parse(text.trimStart().startsWith('{') ? text : decodeURIComponent(text));
}

async function role(aws: EmulatorAws, name: string) {
  return (await aws.iam().send(new GetRoleCommand({ RoleName: name })).catch(() => undefined))?.Role;
}

const requiresMfa = (statement: NonNullable<Document['Statement']>[number] | undefined) =>
  String(statement?.Condition?.Bool?.['aws:MultiFactorAuthPresent']) === 'true';

/** The roles bootstrap created, read back: names and ARNs, trust, the deploy policies and their guardrails, GitHub OIDC. */
export async function checkIdentityDeployed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const names = resourceNames(config);
  const { iam } = config.security;
  const deploy = await role(aws, names.deployRole);
  c.expect(deploy?.Arn === outputs.bootstrap.get('deploy_role_arn'), `deploy role ${names.deployRole} exists with bootstrap's deploy_role_arn (got ${deploy?.Arn})`);
  const deployTrust = parseDocument(deploy?.AssumeRolePolicyDocument).Statement ?? [];
  if (iam.deployRoleTrustedArns.length === 0) {
    c.expect(requiresMfa(deployTrust.find((s) => s.Sid === 'TrustedDeployersWithMfa')), 'deploy role trusts the account\'s principals only with MFA');
  }

  const attached = (await aws.iam().send(new ListAttachedRolePoliciesCommand({ RoleName: names.deployRole })).catch(() => undefined))?.AttachedPolicies ?? [];
  for (const domain of DEPLOY_DOMAINS) {
    const name = `${config.project}-deploy-${domain.domain}`;
    c.expect(attached.some((p) => p.PolicyName === name), `deploy role has managed policy ${name} attached`);
  }
  const identityArn = attached.find((p) => p.PolicyName === `${config.project}-deploy-identity`)?.PolicyArn;
  const policy = identityArn ? (await aws.iam().send(new GetPolicyCommand({ PolicyArn: identityArn })).catch(() => undefined))?.Policy : undefined;
  const version = identityArn && policy?.DefaultVersionId
    ? (await aws.iam().send(new GetPolicyVersionCommand({ PolicyArn: identityArn, VersionId: policy.DefaultVersionId })).catch(() => undefined))?.PolicyVersion
    : undefined;
  const guardrails = (parseDocument(version?.Document).Statement ?? []).filter((s) => s.Effect === 'Deny').map((s) => s.Sid);
  for (const sid of ['NeverChangeBootstrapRolesOrPolicies', 'NeverAttachBootstrapPolicies', 'NeverRemovePermissionsBoundaries', 'NeverAssumeRoles']) {
    c.expect(guardrails.includes(sid), `the deployed identity policy holds the guardrail ${sid}`);
  }

  const audit = await role(aws, names.securityAuditRole);
  c.expect(audit?.Arn === outputs.bootstrap.get('security_audit_role_arn'), `security-audit role ${names.securityAuditRole} exists with bootstrap's security_audit_role_arn`);
  const auditTrust = parseDocument(audit?.AssumeRolePolicyDocument).Statement ?? [];
  c.expect(auditTrust.length > 0 && auditTrust.every(requiresMfa), 'every statement of the security-audit role\'s trust requires MFA');

  if (iam.githubOidc) {
    const providerArn = outputs.bootstrap.get('github_oidc_provider_arn');
    const provider = await aws.iam().send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn })).catch(() => undefined);
    c.expect(provider?.ClientIDList?.includes(GITHUB_OIDC_AUDIENCE) === true, `GitHub OIDC provider ${providerArn} admits the audience ${GITHUB_OIDC_AUDIENCE}`);
    const federated = deployTrust.find((s) => s.Sid === 'GitHubActionsDeployBranches');
    c.expect(Boolean(federated?.Condition?.StringEquals?.[`${GITHUB_OIDC_HOST}:sub`]), 'deploy role trusts GitHub Actions with a pinned subject');
    if (iam.githubOidc.pullRequests) {
      const plan = await role(aws, names.planRole);
      c.expect(plan?.Arn === outputs.bootstrap.get('plan_role_arn'), `plan role ${names.planRole} exists with bootstrap's plan_role_arn`);
    }
  }
}

/** After destroy of every stack but bootstrap: bootstrap's roles are still there. */
export async function checkIdentityDestroyed(aws: EmulatorAws, config: FoundationConfig, c: Checklist): Promise<void> {
  const names = resourceNames(config);
  for (const name of [names.deployRole, names.securityAuditRole]) {
    c.expect(Boolean(await role(aws, name)), `bootstrap's role ${name} is kept`);
  }
}
