import { Construct } from 'constructs';
import { Testing, TerraformStack } from 'cdktf';
import { PlanRole, PlanRoleProps } from '../../../src/constructs/identity/plan-role';
import { DEPLOY_DOMAINS } from '../../../src/constructs/identity/deploy-role';
import { isConfigurationRead } from '../../../src/aws/deploy-permissions';
import { accountFacts } from '../../../src/stacks/account-facts';
import { globMatches } from '../../../src/compliance/rule';
import { resourceList, synthConstruct } from '../../helpers/synth';
import { PolicyStatement, asList, only, policyFixture, ref } from '../../helpers/inspect';

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const PROPS: Omit<PlanRoleProps, 'facts'> = {
  roleName: 'acme-plan',
  githubActions: { providerArn: PROVIDER, subjects: ['repo:acme/infra:pull_request'] },
  project: 'acme',
  stateBucketName: 'acme-tfstate',
  stateKeyPrefix: 'acme/prod',
  primaryRegion: 'us-east-1',
  regions: ['us-east-1', 'eu-west-1'],
  secretNames: ['third-party/example-api-key'],
  managedDirectory: false,
  tagKeys: ['ManagedBy', 'FoundationProject', 'FoundationStack'],
};
const planRole = (scope: Construct, props: Partial<PlanRoleProps> = {}) => new PlanRole(scope, 'plan', { ...PROPS, facts: accountFacts(scope), ...props });

describe('PlanRole', () => {
  const stack = synthConstruct((scope) => planRole(scope));
  const [roleId, role] = only(stack, 'aws_iam_role');
  const statements = (p: Record<string, any>) => JSON.parse(p.policy).Statement as PolicyStatement[];
  const managed: Record<string, PolicyStatement[]> = Object.fromEntries(resourceList(stack, 'aws_iam_policy').map((p) => [p.name, statements(p)]));
  const inline = resourceList(stack, 'aws_iam_role_policy').flatMap(statements);
  const all = [...Object.values(managed).flat(), ...inline];
  const allowed = (action: string) => all.some((s) => s.Effect === 'Allow' && asList(s.Action).some((a) => globMatches(String(a), action, true)));

  test('only pull-request runs of the one repository may assume it', () => {
    expect(role.name).toBe('acme-plan');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      {
        Sid: 'GitHubActionsPullRequests',
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': ['repo:acme/infra:pull_request'] } },
      },
    ]);
  });

  test('one managed policy <project>-plan-<domain> per domain, attached to the role', () => {
    expect(Object.keys(managed).sort()).toEqual(DEPLOY_DOMAINS.map((d) => `acme-plan-${d.domain}`).sort());
    for (const a of resourceList(stack, 'aws_iam_role_policy_attachment')) expect(a.role).toBe(ref('aws_iam_role', roleId, 'name'));
  });

  test('every managed-policy action is a configuration read the deploy role also has, on the same resources', () => {
    for (const domain of DEPLOY_DOMAINS) {
      for (const s of managed[`acme-plan-${domain.domain}`]) {
        expect(s.Effect).toBe('Allow');
        for (const a of asList(s.Action)) expect([a, isConfigurationRead(String(a))]).toEqual([a, true]);
      }
    }
  });

  test('reads state, never writes it (plan -lock=false), and decrypts only through S3', () => {
    const bucket = 'arn:${data.aws_partition.partition.partition}:s3:::acme-tfstate';
    expect(inline).toEqual([
      { Sid: 'ListStateBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket },
      { Sid: 'ReadState', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucket}/acme/prod/*` },
      { Sid: 'DecryptStateThroughS3', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } } },
      { Sid: 'NeverReadSecretValues', Effect: 'Deny', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
    ]);
  });

  test.each(['s3:PutObject', 's3:DeleteObject', 'iam:PassRole', 'iam:CreateRole', 'iam:PutRolePolicy', 'ec2:CreateVpc', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'secretsmanager:GetSecretValue', 'secretsmanager:PutResourcePolicy', 'cloudtrail:StopLogging', 'sts:AssumeRole'])(
    'never allows %s',
    (action) => {
      expect(allowed(action)).toBe(false);
    },
  );

  test.each(['ec2:DescribeVpcs', 'kms:GetKeyPolicy', 'iam:GetRole', 'cloudtrail:GetTrailStatus', 's3:GetBucketPolicy', 'secretsmanager:DescribeSecret', 'sts:GetCallerIdentity'])(
    'allows the read %s that plan needs',
    (action) => {
      expect(allowed(action)).toBe(true);
    },
  );

  test('passes the foundation policy rules', () => {
    expect(policyFixture((scope) => planRole(scope)).synthError()).toBeUndefined();
  });

  describe('input checks', () => {
    const scope = () => new TerraformStack(Testing.app(), 'bad');

    test('a subject that is not a pinned repository is rejected', () => {
      expect(() => planRole(scope(), { githubActions: { providerArn: PROVIDER, subjects: ['repo:acme/*:pull_request'] } })).toThrow(
        'githubActionsTrust subjects: received "repo:acme/*:pull_request"; expected "repo:<owner>/<repository>:ref:refs/heads/<branch>", "repo:<owner>/<repository>:environment:<environment>" or "repo:<owner>/<repository>:pull_request", without wildcards',
      );
    });

    test.each(['Acme', 'a'])('project %p is rejected', (project) => {
      expect(() => planRole(scope(), { project })).toThrow(`PlanRole project: received "${project}"; expected 3-32 lowercase letters`);
    });

    test('stateKeyPrefix with a leading "/" is rejected', () => {
      expect(() => planRole(scope(), { stateKeyPrefix: '/acme' })).toThrow('PlanRole stateKeyPrefix: received "/acme"; expected path segments');
    });
  });
});
