import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { Testing, TerraformStack } from 'cdktf';
import { DEPLOY_DOMAINS, DeployRole, DeployRoleProps } from '../../../src/constructs/identity/deploy-role';
import { COVERED_WITHOUT_DOMAIN, DomainPermissions, MANAGED_POLICIES_PER_ROLE, MANAGED_POLICY_MAX_CHARS, policySize } from '../../../src/aws/deploy-permissions';
import { AccountFacts } from '../../../src/aws/account-facts';
import { accountFacts } from '../../../src/stacks/account-facts';
import { globMatches } from '../../../src/compliance/rule';
import { validateConfig } from '../../../src/config/validate';
import { StackJson, resourceList, resources, synthConstruct } from '../../helpers/synth';
import { CONTEXT } from '../../helpers/deploy-permissions';
import {
  PolicyStatement,
  appStacks,
  asList,
  dataRef,
  dataRefById,
  isWildcardAction,
  only,
  overlyBroadAllows,
  policyDocuments,
  policyFixture,
  ref,
  wildcardPrincipalAllows,
} from '../../helpers/inspect';

const PROPS: Omit<DeployRoleProps, 'facts'> = {
  roleName: 'acme-deploy',
  trustedPrincipalArns: ['arn:aws:iam::123456789012:role/ci-runner', 'arn:aws:iam::210987654321:role/github-actions'],
  project: 'acme',
  stateBucketName: 'acme-tfstate',
  stateKeyPrefix: 'acme/prod',
  primaryRegion: 'us-east-1',
  regions: ['us-east-1', 'eu-west-1'],
  secretNames: ['third-party/payments-api-key'],
  tagKeys: ['Project', 'ManagedBy', 'FoundationProject', 'FoundationStack'],
};
const DOMAINS = DEPLOY_DOMAINS.map((d) => d.domain);

/** A DeployRole in a bare stack, on the stack's account facts as the bootstrap stack builds it. */
const deployRole = (scope: Construct, props: Partial<DeployRoleProps> = {}) => new DeployRole(scope, 'deploy', { ...PROPS, facts: accountFacts(scope), ...props });

/** Policy documents of the role's inline (by name) and managed (by domain) policies. */
function rolePolicies(stack: StackJson): { inline: Record<string, PolicyStatement[]>; managed: Record<string, PolicyStatement[]> } {
  const statements = (p: Record<string, any>) => JSON.parse(p.policy).Statement as PolicyStatement[];
  const inline = Object.fromEntries(resourceList(stack, 'aws_iam_role_policy').filter((p) => String(p.role).includes('deploy')).map((p) => [p.name, statements(p)]));
  const managed = Object.fromEntries(resourceList(stack, 'aws_iam_policy').map((p) => [String(p.name).replace(/^.*-deploy-/, ''), statements(p)]));
  return { inline, managed };
}

/** Size as IAM counts it (whitespace excluded), with the longest partition and a real account id. */
function iamSize(policy: string): number {
  const partition = dataRefById('aws_partition', 'partition', 'partition');
  const account = dataRefById('aws_caller_identity', 'account', 'account_id');
  return policy.replaceAll(partition, 'aws-us-gov').replaceAll(account, '123456789012').replace(/\s/g, '').length;
}

describe('DeployRole', () => {
  const stack = synthConstruct((scope) => deployRole(scope));
  const [roleId, role] = only(stack, 'aws_iam_role');
  const partition = dataRef(stack, 'aws_partition', 'partition');
  const account = dataRef(stack, 'aws_caller_identity', 'account_id');
  const { inline, managed } = rolePolicies(stack);
  const allStatements = [...Object.values(inline), ...Object.values(managed)].flat();
  const actionsOf = (s: PolicyStatement) => asList(s.Action).map(String);
  const grants = (action: string) => allStatements.some((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => globMatches(a, action, true)));

  test('role has the given name, a one-hour session and no boundary unless given', () => {
    expect(role.name).toBe('acme-deploy');
    expect(role.max_session_duration).toBe(3600);
    expect(role.permissions_boundary).toBeUndefined();
  });

  test('only the trusted principals may assume the role', () => {
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Version).toBe('2012-10-17');
    expect(trust.Statement).toEqual([
      { Sid: 'TrustedDeployers', Effect: 'Allow', Principal: { AWS: PROPS.trustedPrincipalArns }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('an account root stands for every principal of that account: trusted only with MFA', () => {
    const root = 'arn:aws:iam::123456789012:root';
    const trust = JSON.parse(only(synthConstruct((scope) => deployRole(scope, { trustedPrincipalArns: [root, PROPS.trustedPrincipalArns[0]] })), 'aws_iam_role')[1].assume_role_policy);
    expect(trust.Statement).toEqual([
      { Sid: 'TrustedDeployers', Effect: 'Allow', Principal: { AWS: [PROPS.trustedPrincipalArns[0]] }, Action: 'sts:AssumeRole' },
      { Sid: 'TrustedDeployersWithMfa', Effect: 'Allow', Principal: { AWS: [root] }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
    ]);
  });

  test('GitHub Actions: the provider, the audience and the exact branch subjects', () => {
    const providerArn = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const subjects = ['repo:acme/infra:ref:refs/heads/main', 'repo:acme/infra:ref:refs/heads/release/v1'];
    const trust = JSON.parse(only(synthConstruct((scope) => deployRole(scope, { githubActions: { providerArn, subjects } })), 'aws_iam_role')[1].assume_role_policy);
    expect(trust.Statement[1]).toEqual({
      Sid: 'GitHubActionsDeployBranches',
      Effect: 'Allow',
      Principal: { Federated: providerArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': subjects } },
    });
    expect(trust.Statement).toHaveLength(2);
  });

  test('its own state access is its only inline policy', () => {
    expect(Object.keys(inline)).toEqual(['terraform-state']);
    expect(only(stack, 'aws_iam_role_policy')[1].role).toBe(ref('aws_iam_role', roleId, 'id'));
  });

  test('one managed policy <project>-deploy-<domain> per domain, each attached to the role', () => {
    expect(DOMAINS).toEqual(['network', 'security', 'audit', 'identity', 'compute-registry', 'compute-images', 'compute-snapshots', 'edge-delivery', 'edge-traffic', 'operations']);
    const policies = resources(stack, 'aws_iam_policy');
    const attachments = resourceList(stack, 'aws_iam_role_policy_attachment');
    expect(Object.values(policies).map((p) => p.name).sort()).toEqual(DOMAINS.map((d) => `acme-deploy-${d}`).sort());
    expect(attachments.map((a) => a.policy_arn).sort()).toEqual(Object.keys(policies).map((id) => ref('aws_iam_policy', id, 'arn')).sort());
    for (const a of attachments) expect(a.role).toBe(ref('aws_iam_role', roleId, 'name'));
  });

  test('the policies are the domains\' declarations, statement for statement', () => {
    const context = { partition, account, project: 'acme', primaryRegion: 'us-east-1', regions: PROPS.regions, secretNames: PROPS.secretNames!, permissionsBoundaryArn: undefined, managedDirectory: false, tagKeys: PROPS.tagKeys };
    for (const domain of DEPLOY_DOMAINS) expect(managed[domain.domain]).toEqual(domain.grants(context).map((g) => g.statement));
  });

  test('reads the account and partition from the stack\'s facts, never its own data sources', () => {
    expect(Object.keys(stack.data!.aws_caller_identity)).toEqual(['account']);
    expect(Object.keys(stack.data!.aws_partition)).toEqual(['partition']);
    expect(managed.identity[0].Resource).toContain(`arn:${partition}:iam::${account}:role/acme-vpc-flow-logs`);
  });

  test('every policy document parses, has Sids, and neither trusts nor grants a wildcard', () => {
    const documents = policyDocuments(stack);
    expect(documents).toHaveLength(1 + 1 + DOMAINS.length);
    for (const { document } of documents) {
      expect(document.Version).toBe('2012-10-17');
      expect(overlyBroadAllows(document)).toEqual([]);
      expect(wildcardPrincipalAllows(document)).toEqual([]);
      for (const s of document.Statement) expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
    }
  });

  test('no "*" action, no "<service>:*" even on scoped resources, no IAM wildcard in an Allow (a Deny may use one)', () => {
    for (const s of allStatements) {
      expect(s.NotAction).toBeUndefined();
      expect(s.NotResource).toBeUndefined();
      for (const action of actionsOf(s)) {
        expect(isWildcardAction(action)).toBe(false);
        if (s.Effect === 'Allow') expect(action.toLowerCase().startsWith('iam:') && action.includes('*')).toBe(false);
      }
    }
  });

  test('passes the foundation policy rules', () => {
    expect(policyFixture((scope) => deployRole(scope)).synthError()).toBeUndefined();
  });

  describe('state access', () => {
    const bucket = `arn:${partition}:s3:::acme-tfstate`;

    test('the state bucket, and read, write and delete of objects under <prefix>/ only', () => {
      expect(inline['terraform-state'].slice(0, 2)).toEqual([
        { Sid: 'ListStateBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket },
        { Sid: 'ReadWriteStateAndLockFiles', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: `${bucket}/acme/prod/*` },
      ]);
    });

    test('S3 only on the state bucket, its objects under the prefix, and the project\'s buckets', () => {
      // acme-static-*: the replication configuration of the static content buckets (edge-delivery).
      const allowed = [bucket, `${bucket}/acme/prod/*`, `arn:${partition}:s3:::acme-*`, `arn:${partition}:s3:::acme-static-*`];
      for (const s of allStatements.filter((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => a.startsWith('s3:')))) {
        for (const r of asList(s.Resource)) expect(allowed).toContain(r);
      }
    });

    test('keys only through S3 and Secrets Manager', () => {
      const data = allStatements.filter((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'].includes(a)));
      expect(data).toHaveLength(1);
      expect(data[0].Condition).toEqual({ StringLike: { 'kms:ViaService': ['s3.*.amazonaws.com', 'secretsmanager.*.amazonaws.com'] } });
    });
  });

  test('never a secret value: no Allow grants one, and an explicit Deny refuses every one', () => {
    expect(grants('secretsmanager:GetSecretValue')).toBe(false);
    expect(grants('secretsmanager:BatchGetSecretValue')).toBe(false);
    const reads = allStatements.filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'));
    expect(reads).toEqual([{ Sid: 'NeverReadSecretValues', Effect: 'Deny', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue'], Resource: '*' }]);
  });

  test('without secrets, no secret can be managed at all; the Deny stays', () => {
    const none = rolePolicies(synthConstruct((scope) => deployRole(scope, { secretNames: [] })));
    const secretStatements = Object.values(none.managed).flat().filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
    expect(secretStatements.map((s) => `${s.Effect} ${s.Sid}`)).toEqual(['Deny NeverReadSecretValues']);
  });

  test('statements on "*" hold only services without resource-level scoping, with explicit actions', () => {
    const onEverything = allStatements.filter((s) => s.Effect === 'Allow' && asList(s.Resource).includes('*'));
    const services = new Set(onEverything.flatMap((s) => actionsOf(s).map((a) => a.split(':')[0])));
    // dlm: CreateLifecyclePolicy has no resource type (tag-scoped); ecr: registry settings (Region-scoped).
    // acm: RequestCertificate (request tag); elasticloadbalancing: Describe* reads and tagged creates.
    // resource-explorer-2: CreateIndex and CreateView (request tag, configured Regions), GetIndex and GetDefaultView.
    expect([...services].sort()).toEqual(['acm', 'cloudtrail', 'config', 'dlm', 'ds', 'ec2', 'ecr', 'elasticloadbalancing', 'kms', 'resource-explorer-2', 'securityhub', 'sts']);
    for (const s of onEverything) for (const a of actionsOf(s)) if (a.includes('*')) expect(a).toMatch(/^(ec2|elasticloadbalancing):Describe\*$/);
  });

  test('the Denies: the key-policy lockout check, and no secret value read, log objects never deleted or unlocked, and the identity guardrails against changing bootstrap\'s roles and policies, the project tag never removed or changed (EC2, KMS)', () => {
    const denies = allStatements.filter((s) => s.Effect === 'Deny');
    expect(denies.map((s) => s.Sid).sort()).toEqual([
      'NeverAssumeRoles',
      'NeverAttachBootstrapPolicies',
      'NeverBypassKeyPolicyLockoutCheck',
      'NeverChangeBootstrapRolesOrPolicies',
      'NeverDeleteProjectImages',
      'NeverReadSecretValues',
      'NeverRemoveAllTags',
      'NeverRemoveEntryProjectTag',
      'NeverRemovePermissionsBoundaries',
      'NeverRemoveProjectTag',
      'NeverRetagDistributions',
      'NeverRetagDlmPolicies',
      'NeverRetagExplorerResources',
      'NeverRetagKeysIntoOrOutOfProject',
      'NeverSetAnotherEntryProjectTag',
      'NeverSetAnotherProjectTag',
      'NeverTamperWithLogObjects',
      'OnlyDefaultTagKeysOnKeys',
    ]);
    const deny = (sid: string) => denies.find((s) => s.Sid === sid)!;
    expect(deny('NeverBypassKeyPolicyLockoutCheck')).toMatchObject({ Resource: '*', Condition: { Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' } } });
    expect(deny('NeverChangeBootstrapRolesOrPolicies').Resource).toEqual(
      expect.arrayContaining([`arn:${partition}:iam::${account}:role/acme-deploy`, `arn:${partition}:iam::${account}:role/acme-security-audit`, `arn:${partition}:iam::${account}:policy/acme-deploy-*`]),
    );
    for (const s of denies.filter((d) => ['NeverRemoveAllTags', 'NeverRemoveProjectTag', 'NeverSetAnotherProjectTag'].includes(d.Sid ?? ''))) expect(s).toMatchObject({ Resource: '*', Action: expect.stringMatching(/^ec2:(Create|Delete)Tags$/) });
  });

  test('the identity policy names the boundary it requires when one is given', () => {
    const boundary = 'arn:aws:iam::123456789012:policy/boundary';
    const bounded = rolePolicies(synthConstruct((scope) => deployRole(scope, { permissionsBoundaryArn: boundary })));
    const require = bounded.managed.identity.find((s) => s.Sid === 'RequirePermissionsBoundary');
    expect(require?.Condition).toEqual({ StringNotEquals: { 'iam:PermissionsBoundary': boundary } });
    expect(managed.identity.map((s) => s.Sid)).not.toContain('RequirePermissionsBoundary');
  });

  test('Directory Service\'s unscopable EC2 calls only while a directory is deployed', () => {
    const onEverything = (statements: PolicyStatement[]) => statements.filter((s) => s.Effect === 'Allow' && asList(s.Resource).includes('*') && actionsOf(s).includes('ec2:AuthorizeSecurityGroupIngress'));
    expect(onEverything(allStatements)).toEqual([]);
    const withDirectory = rolePolicies(synthConstruct((scope) => deployRole(scope, { managedDirectory: true })));
    const opens = onEverything(Object.values(withDirectory.managed).flat());
    expect(opens.map((s) => s.Sid)).toEqual(['PlaceDomainControllers']);
  });

  test('permissions boundary when given', () => {
    const boundary = 'arn:aws:iam::123456789012:policy/boundary';
    const json = synthConstruct((scope) => deployRole(scope, { permissionsBoundaryArn: boundary }));
    expect(only(json, 'aws_iam_role')[1].permissions_boundary).toBe(boundary);
  });

  test('no action is granted on the same resource by two domains (or a domain and the state access) unless listed here with the reason', () => {
    const INTENDED: Record<string, string> = {
      's3:ListBucket audit terraform-state': 'the state bucket (state access) and the project\'s buckets (audit) match one name pattern but are different buckets',
      // AWS Config's service-linked role (security) is among the service-linked roles the identity
      // domain may create; security also reads, tags and passes it.
      'iam:CreateServiceLinkedRole identity security': 'identity: the services of SERVICE_LINKED_ROLE_SERVICES; security: config.amazonaws.com only (by condition)',
    };
    const matches = (x: string, y: string) => globMatches(x, y, true) || globMatches(y, x, true);
    const granted = Object.entries({ ...managed, 'terraform-state': inline['terraform-state'] }).flatMap(([owner, statements]) =>
      statements.filter((s) => s.Effect === 'Allow').map((s) => ({ owner, actions: actionsOf(s), resources: asList(s.Resource) })),
    );
    const overlaps = new Set<string>();
    granted.forEach((a, i) =>
      granted.slice(i + 1).forEach((b) => {
        if (a.owner === b.owner || !a.resources.some((r) => b.resources.some((q) => matches(r, q)))) return;
        for (const x of a.actions) for (const y of b.actions) if (matches(x, y)) overlaps.add(`${x === y ? x : `${x}~${y}`} ${[a.owner, b.owner].sort().join(' ')}`);
      }),
    );
    expect([...overlaps].sort()).toEqual(Object.keys(INTENDED).sort());
  });

  describe('assembled for the default config and every example config', () => {
    const ROOT = path.resolve(__dirname, '..', '..', '..');
    const files = ['config/default.json', ...fs.readdirSync(path.join(ROOT, 'config', 'examples')).map((f) => `config/examples/${f}`)];
    const built = new Map<string, { role: DeployRole; stacks: Array<[string, StackJson]> }>();
    /** Every stack of the config, synthesized once for both tests. */
    const build = (file: string) => {
      if (!built.has(file)) {
        const stacks = appStacks(validateConfig(JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'))));
        const role = stacks.flatMap((s) => s.node.findAll()).find((c): c is DeployRole => c instanceof DeployRole)!;
        built.set(file, { role, stacks: stacks.map((s): [string, StackJson] => [s.node.id, JSON.parse(Testing.synth(s))]) });
      }
      return built.get(file)!;
    };

    test('includes the fullest example', () => {
      expect(files).toContain('config/examples/security-full.json');
    });

    test.each(files)('%s: every resource and data source type of every stack is declared by a domain', (file) => {
      const { role, stacks } = build(file);
      const covered = new Set([...Object.values(role.grants).flat().flatMap((g) => g.covers), ...Object.keys(COVERED_WITHOUT_DOMAIN)]);
      const uncovered = new Set<string>();
      for (const [name, json] of stacks) {
        if (name === 'bootstrap') continue; // applied by an administrator, with local state
        const types = [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {}).map((t) => `data.${t}`)];
        for (const t of types.filter((t) => !covered.has(t))) uncovered.add(`${t} (in ${name}): no src/constructs/<domain>/permissions.ts covers it`);
      }
      expect([...uncovered]).toEqual([]);
    });

    test.each(files)('%s: the deploy role never reads a secret value (no Allow; the Deny is there), whatever the stacks hold', (file) => {
      const json = build(file).stacks.find(([name]) => name === 'bootstrap')![1];
      const { inline: ownInline, managed: domainPolicies } = rolePolicies(json);
      const statements = [...Object.values(ownInline), ...Object.values(domainPolicies)].flat();
      const allows = statements.filter((s) => s.Effect === 'Allow' && asList(s.Action).some((a) => globMatches(String(a), 'secretsmanager:GetSecretValue', true)));
      expect(allows).toEqual([]);
      expect(statements.filter((s) => s.Sid === 'NeverReadSecretValues')).toEqual([
        { Sid: 'NeverReadSecretValues', Effect: 'Deny', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue'], Resource: '*' },
      ]);
    });

    test.each(files)('%s: the assembled policies fit the IAM quotas with the longest partition', (file) => {
      const json = build(file).stacks.find(([name]) => name === 'bootstrap')![1];
      const inlineSize = resourceList(json, 'aws_iam_role_policy')
        .filter((p) => p.role === ref('aws_iam_role', 'deploy_role_role', 'id'))
        .reduce((sum, p) => sum + iamSize(p.policy), 0);
      expect(inlineSize).toBeLessThanOrEqual(10240);
      const deployPolicies = resourceList(json, 'aws_iam_policy').filter((p) => /-deploy-/.test(p.name));
      const sizes = deployPolicies.map((p) => [p.name, iamSize(p.policy)]);
      expect(sizes.filter(([, size]) => size > MANAGED_POLICY_MAX_CHARS)).toEqual([]);
      expect(sizes).toHaveLength(DOMAINS.length);
      expect(resourceList(json, 'aws_iam_role_policy_attachment').filter((a) => a.role === ref('aws_iam_role', 'deploy_role_role', 'name'))).toHaveLength(DOMAINS.length);
      expect(DOMAINS.length).toBeLessThanOrEqual(MANAGED_POLICIES_PER_ROLE);
    });
  });

  describe('construct-time checks of the domains', () => {
    const scope = () => {
      const stack = new TerraformStack(Testing.app(), 'bad');
      return new Construct(stack, 'scope');
    };
    const domain = (name: string, actions: string[] = ['ec2:DescribeVpcs'], sids = ['Read']): DomainPermissions => ({
      domain: name,
      description: name,
      grants: () => sids.map((Sid) => ({ covers: ['aws_vpc'], statement: { Sid, Effect: 'Allow', Action: actions, Resource: '*' } })),
    });

    test(`more than ${MANAGED_POLICIES_PER_ROLE} domains are rejected, naming them and the quota`, () => {
      const eleven = Array.from({ length: 11 }, (_, i) => domain(`d${i}`));
      expect(() => deployRole(scope(), { domains: eleven })).toThrow(
        'DeployRole domains: received 11 domains (d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10); a role takes at most 10 managed policies (IAM default quota): merge domains',
      );
      expect(() => deployRole(scope(), { domains: eleven.slice(0, 10) })).not.toThrow();
    });

    test('a domain policy above the managed-policy size is rejected, naming the domain and its size at the longest partition', () => {
      const big = domain('big', Array.from({ length: 600 }, (_, i) => `ec2:Action${i}`));
      expect(() => deployRole(scope(), { domains: [big] })).toThrow(
        /^DeployRole domains: the big policy is \d{4,} characters \(whitespace excluded, partition aws-us-gov\); a managed policy allows at most 6144/,
      );
    });

    test('the size is measured with the longest partition and a 12-digit account, whatever the facts', () => {
      const roles = (n: number): DomainPermissions => ({
        domain: 'roles',
        description: 'roles',
        grants: ({ partition, account }) => [
          { covers: ['aws_iam_role'], statement: { Sid: 'A', Effect: 'Allow', Action: 'iam:GetRole', Resource: Array.from({ length: n }, (_, i) => `arn:${partition}:iam::${account}:role/r${i}`) } },
        ],
      });
      const longest = { ...CONTEXT, partition: 'aws-us-gov', account: '123456789012' };
      let fits = 1;
      while (policySize(roles(fits + 1).grants(longest).map((g) => g.statement)) <= MANAGED_POLICY_MAX_CHARS) fits++;
      const literal = (): AccountFacts => ({ partition: 'aws', account: '123456789012' });
      for (const facts of [accountFacts, literal]) {
        const fitting = scope();
        expect(() => deployRole(fitting, { domains: [roles(fits)], facts: facts(fitting) })).not.toThrow();
        const over = scope();
        expect(() => deployRole(over, { domains: [roles(fits + 1)], facts: facts(over) })).toThrow(/the roles policy is 61\d\d characters/);
      }
    });

    test.each([
      [[domain('network'), domain('network')], 'received domain "network" twice; expected each domain once'],
      [[domain('Net work')], 'received domain name "Net work"; expected 1-40 lowercase letters, digits or "-", starting with a letter'],
      [[domain('network', undefined, ['Read', 'Read'])], 'the network policy has two statements with Sid "Read"; expected unique Sids within a policy'],
    ])('%#: bad domains are rejected with the value and what is allowed', (domains, message) => {
      expect(() => deployRole(scope(), { domains })).toThrow(`DeployRole domains: ${message}`);
    });
  });

  describe('input checks', () => {
    const scope = () => new TerraformStack(Testing.app(), 'bad');

    test.each([[[]], [undefined]])('trustedPrincipalArns %p is rejected with a clear error', (value) => {
      expect(() => deployRole(scope(), { trustedPrincipalArns: value as unknown as string[] })).toThrow(
        `DeployRole trustedPrincipalArns: received ${JSON.stringify(value)}; expected at least one IAM principal ARN`,
      );
    });

    test.each(['*', '', 'arn:aws:iam::*:root'])('trusted principal %p is rejected', (arn) => {
      expect(() => deployRole(scope(), { trustedPrincipalArns: [arn] })).toThrow(
        `DeployRole trustedPrincipalArns: received ${JSON.stringify(arn)}; expected an IAM principal ARN without wildcards`,
      );
    });

    test.each(['Acme', 'a', 'acme_', '-acme'])('project %p is rejected', (project) => {
      expect(() => deployRole(scope(), { project })).toThrow(`DeployRole project: received "${project}"; expected 3-32 lowercase letters`);
    });

    test.each(['/acme', 'acme/', '', 'a//b', 'a/*'])('stateKeyPrefix %p is rejected', (prefix) => {
      expect(() => deployRole(scope(), { stateKeyPrefix: prefix })).toThrow(`DeployRole stateKeyPrefix: received "${prefix}"; expected path segments`);
    });

    test.each(['', 'acme-*'])('stateBucketName %p is rejected', (name) => {
      expect(() => deployRole(scope(), { stateBucketName: name })).toThrow(`DeployRole stateBucketName: received "${name}"; expected an S3 bucket name`);
    });

    test('tagKeys without the project tag is rejected (the KMS permissions are scoped by it)', () => {
      expect(() => deployRole(scope(), { tagKeys: ['ManagedBy'] })).toThrow(
        'DeployRole tagKeys: received ["ManagedBy"]; expected the keys of the providers\' default tags, FoundationProject among them',
      );
    });

    test.each(['*', 'third-party/*', 'a?', ''])('secret name %p is rejected: a wildcard would widen the secret ARNs', (name) => {
      expect(() => deployRole(scope(), { secretNames: [name] })).toThrow(`DeployRole secretNames: received ${JSON.stringify(name)}; expected a secret name of 1-512 letters`);
    });

    test.each([
      [['us-east-1', 'eu-west-1'], 'ap-south-1'],
      [['us-east-1', '*'], 'us-east-1'],
      [[], 'us-east-1'],
    ])('regions %p with primary %p are rejected', (regions, primaryRegion) => {
      expect(() => deployRole(scope(), { regions, primaryRegion })).toThrow(
        `DeployRole regions: received ${JSON.stringify(regions)} with primaryRegion ${JSON.stringify(primaryRegion)}; expected Region names`,
      );
    });
  });
});
