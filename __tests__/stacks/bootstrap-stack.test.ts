import { Statement } from '../../src/aws/policy-documents';
import { decide } from '../helpers/iam-evaluator';
import { Testing } from 'cdktf';
import { BootstrapStack } from '../../src/stacks/bootstrap-stack';
import { resources, resourceList, testConfig } from '../helpers/synth';
import { PolicyDocument, dataRefById, only, overlyBroadAllows, policyDocuments, ref, statementBySid, synthStack } from '../helpers/inspect';

const ACCOUNT = dataRefById('aws_caller_identity', 'account', 'account_id');
const PARTITION = dataRefById('aws_partition', 'partition', 'partition');
const ROOT = `arn:${PARTITION}:iam::${ACCOUNT}:root`;
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
const DOMAINS = ['audit', 'compute-images', 'compute-registry', 'compute-snapshots', 'edge-delivery', 'edge-traffic', 'identity', 'network', 'operations', 'security'];
const trustOf = (json: ReturnType<typeof synthStack>, id: string): PolicyDocument => JSON.parse(resources(json, 'aws_iam_role')[id].assume_role_policy);

describe('BootstrapStack', () => {
  const config = testConfig({
    state: {
      bucket: 'acme-tfstate',
      region: 'eu-west-1',
      keyPrefix: 'acme/prod',
      kmsKeyAlias: 'alias/acme-state',
      noncurrentVersionExpirationDays: 45,
    },
  });
  const stack = new BootstrapStack(Testing.app(), config);
  const json = synthStack(stack);

  test('is named bootstrap and keeps its own state locally, not in the bucket it creates', () => {
    expect(stack.stackName).toBe('bootstrap');
    expect(json.terraform.backend).toEqual({ local: { path: 'terraform.bootstrap.tfstate' } });
    expect(json.data?.terraform_remote_state).toBeUndefined();
  });

  test('runs in the state bucket\'s Region, not the primary Region; one aliased provider for the replica Region', () => {
    expect(json.provider!.aws.map((p) => [p.alias, p.region])).toEqual([
      [undefined, 'eu-west-1'],
      ['us_east_1', 'us-east-1'],
    ]);
  });

  test('creates the configured bucket with readable logical ids, protected from destroy', () => {
    expect(json.resource!.aws_s3_bucket.state_bucket).toEqual({ bucket: 'acme-tfstate', lifecycle: { prevent_destroy: true } });
    expect(json.resource!.aws_kms_key.state_key.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('state bucket: versioning, SSE-KMS with the customer key, all public access blocked', () => {
    expect(json.resource!.aws_s3_bucket_versioning.state_versioning.versioning_configuration.status).toBe('Enabled');
    expect(json.resource!.aws_s3_bucket_server_side_encryption_configuration.state_encryption.rule[0].apply_server_side_encryption_by_default).toEqual({
      sse_algorithm: 'aws:kms',
      kms_master_key_id: ref('aws_kms_key', 'state_key', 'arn'),
    });
    expect(json.resource!.aws_s3_bucket_public_access_block.state_public_access_block).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('the key alias is the one every S3 backend names', () => {
    expect(json.resource!.aws_kms_alias.state_key_alias.name).toBe(config.state.kmsKeyAlias);
  });

  test('noncurrent state versions expire after the configured days', () => {
    expect(json.resource!.aws_s3_bucket_lifecycle_configuration.state_lifecycle.rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 45 }]);
  });

  test('state bucket policy grants nothing, is TLS-only, and no policy allows a wildcard', () => {
    const statements = JSON.parse(json.resource!.aws_s3_bucket_policy.state_policy.policy).Statement as Array<Record<string, any>>;
    expect(statements.every((s) => s.Effect === 'Deny')).toBe(true);
    expect(statements.map((s) => s.Condition)).toContainEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    for (const { document } of policyDocuments(json)) expect(overlyBroadAllows(document)).toEqual([]);
  });

  describe('who reads and writes state', () => {
    const deployRole = `arn:\${data.aws_partition.partition.partition}:iam::\${data.aws_caller_identity.account.account_id}:role/${config.project}-deploy`;
    const operator = 'arn:aws:iam::123456789012:role/platform-admins';
    const breakGlass = 'arn:aws:iam::123456789012:role/break-glass';
    const withOperators = synthStack(
      new BootstrapStack(Testing.app(), testConfig({ state: { ...config.state, operatorArns: [operator] }, security: { cloudTrail: { breakGlassArns: [breakGlass] } } })),
    );
    const statement = (stack: typeof json, sid: string) =>
      JSON.parse(stack.resource!.aws_s3_bucket_policy.state_policy.policy).Statement.find((s: any) => s.Sid === sid);
    const keyStatement = (stack: typeof json, sid: string) => JSON.parse(stack.resource!.aws_kms_key.state_key.policy).Statement.find((s: any) => s.Sid === sid);

    test('default: only the deploy role (by its computed ARN: it need not exist yet), on the bucket and the key', () => {
      expect(statement(json, 'DenyStateAccessToOthers').Condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': [deployRole] } });
      expect(keyStatement(json, 'StatePrincipalsThroughS3').Condition.ArnLike).toEqual({ 'aws:PrincipalArn': [deployRole] });
    });

    test('state.operatorArns and security.cloudTrail.breakGlassArns join the deploy role', () => {
      expect(statement(withOperators, 'DenyStateAccessToOthers').Condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': [deployRole, operator, breakGlass] } });
      expect(keyStatement(withOperators, 'StatePrincipalsThroughS3').Condition.ArnLike).toEqual({ 'aws:PrincipalArn': [deployRole, operator, breakGlass] });
    });

    test('the key is usable only through S3 in the state Region; security.kms.administratorArns administer it', () => {
      expect(json.data!.aws_region.state_region).toEqual({});
      expect(keyStatement(json, 'StatePrincipalsThroughS3').Condition.StringEquals['kms:ViaService']).toBe('s3.${data.aws_region.state_region.name}.amazonaws.com');
      const admins = synthStack(new BootstrapStack(Testing.app(), testConfig({ security: { kms: { administratorArns: ['arn:aws:iam::123456789012:role/key-admins'] } } })));
      expect(keyStatement(admins, 'KeyAdministrators').Principal).toEqual({ AWS: ['arn:aws:iam::123456789012:role/key-admins'] });
    });
  });

  describe('server access logging', () => {
    const logBucket = `${config.state.bucket}-access-logs`;

    test('the state bucket logs to <bucket>-access-logs, after that bucket\'s policy exists', () => {
      expect(json.resource!.aws_s3_bucket_logging).toMatchObject({
        state_logging: {
          bucket: ref('aws_s3_bucket', 'state_bucket', 'id'),
          target_bucket: ref('aws_s3_bucket', 'state_access_logs_bucket', 'bucket'),
          target_prefix: `${config.state.bucket}/`,
          depends_on: ['aws_s3_bucket_policy.state_access_logs_policy'],
        },
      });
    });

    test('the log bucket: protected, versioned, SSE-S3 (logging cannot deliver to SSE-KMS), private, lifecycle', () => {
      expect(json.resource!.aws_s3_bucket.state_access_logs_bucket).toEqual({ bucket: logBucket, lifecycle: { prevent_destroy: true } });
      const bucketRef = ref('aws_s3_bucket', 'state_access_logs_bucket', 'id');
      const of = (type: string) => Object.values(json.resource![type]).find((r: any) => r.bucket === bucketRef) as Record<string, any>;
      expect(of('aws_s3_bucket_versioning').versioning_configuration.status).toBe('Enabled');
      expect(of('aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'AES256' });
      expect(of('aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
      expect(of('aws_s3_bucket_lifecycle_configuration').rule[0].expiration).toEqual([{ days: 365 }]);
    });

    test('the log bucket accepts only S3 logging from the state bucket of this account, TLS only; the deploy role may not change it', () => {
      const statements = JSON.parse(json.resource!.aws_s3_bucket_policy.state_access_logs_policy.policy).Statement as Array<Record<string, any>>;
      expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([
        {
          Sid: 'S3ServerAccessLogsFromSourceBucket',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${ref('aws_s3_bucket', 'state_access_logs_bucket', 'arn')}/*`,
          Condition: {
            StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.account.account_id}' },
            ArnLike: { 'aws:SourceArn': `arn:\${data.aws_partition.partition.partition}:s3:::${config.state.bucket}` },
          },
        },
      ]);
      expect(statements.map((s) => s.Condition)).toContainEqual({ Bool: { 'aws:SecureTransport': 'false' } });
      expect(statements.find((s) => s.Sid === 'DenyDeployRoleBucketChanges')).toMatchObject({
        Effect: 'Deny',
        Resource: `arn:\${data.aws_partition.partition.partition}:s3:::${logBucket}`,
      });
    });
  });

  test('exports the buckets, the key and the roles under named outputs with descriptions', () => {
    expect(json.output).toEqual({
      state_bucket_name: { value: ref('aws_s3_bucket', 'state_bucket', 'bucket'), description: expect.any(String) },
      state_bucket_arn: { value: ref('aws_s3_bucket', 'state_bucket', 'arn'), description: expect.any(String) },
      state_kms_key_arn: { value: ref('aws_kms_key', 'state_key', 'arn'), description: expect.any(String) },
      deploy_role_arn: { value: ref('aws_iam_role', 'deploy_role_role', 'arn'), description: expect.stringContaining('deploys') },
      security_audit_role_arn: { value: ref('aws_iam_role', 'security_audit_role_role', 'arn'), description: expect.stringContaining('audit') },
      state_access_log_bucket_name: { value: ref('aws_s3_bucket', 'state_access_logs_bucket', 'bucket'), description: expect.any(String) },
      state_replica_bucket_name: { value: ref('aws_s3_bucket', 'state_replication_replica_bucket', 'bucket'), description: expect.any(String) },
      state_replica_region: { value: 'us-east-1', description: expect.any(String) },
      state_replica_kms_key_arn: { value: ref('aws_kms_key', 'state_replication_replica_key', 'arn'), description: expect.any(String) },
      state_replica_access_log_bucket_name: { value: ref('aws_s3_bucket', 'state_replication_replica_access_logs_bucket', 'bucket'), description: expect.any(String) },
    });
  });

  test('default config: 90-day expiration and alias/terraform-state', () => {
    const defaults = synthStack(new BootstrapStack(Testing.app(), testConfig()));
    expect(defaults.resource!.aws_s3_bucket_lifecycle_configuration.state_lifecycle.rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
    expect(defaults.resource!.aws_kms_alias.state_key_alias.name).toBe('alias/terraform-state');
    expect(defaults.resource!.aws_s3_bucket.state_bucket.bucket).toBe('example-tfstate');
  });
});

describe('BootstrapStack roles, defaults', () => {
  const json = synthStack(new BootstrapStack(Testing.app(), testConfig({ project: 'acme-net' })));

  test('creates the deploy and security-audit roles under their fixed names, and nothing for GitHub', () => {
    const roles = resources(json, 'aws_iam_role');
    expect(Object.fromEntries(Object.entries(roles).map(([id, r]) => [id, r.name]))).toEqual({
      deploy_role_role: 'acme-net-deploy',
      security_audit_role_role: 'acme-net-security-audit',
      state_replication_role: 'acme-net-state-replication',
    });
    expect(resources(json, 'aws_iam_openid_connect_provider')).toEqual({});
  });

  test('by default each role trusts the principals of this account, and only with MFA', () => {
    for (const [id, sid] of [
      ['deploy_role_role', 'TrustedDeployersWithMfa'],
      ['security_audit_role_role', 'TrustedAuditorsWithMfa'],
    ]) {
      expect(trustOf(json, id).Statement).toEqual([{ Sid: sid, Effect: 'Allow', Principal: { AWS: [ROOT] }, Action: 'sts:AssumeRole', Condition: MFA }]);
      expect(resources(json, 'aws_iam_role')[id].permissions_boundary).toBeUndefined();
    }
  });

  test('the deploy role: its state access inline, one managed policy <project>-deploy-<domain> per domain', () => {
    const state = JSON.stringify(JSON.parse(resources(json, 'aws_iam_role_policy').deploy_role_policy_terraform_state.policy));
    expect(state).toContain(`arn:${PARTITION}:s3:::example-tfstate/example/prod/`);
    expect(resourceList(json, 'aws_iam_policy').map((p) => p.name).sort()).toEqual(DOMAINS.map((d) => `acme-net-deploy-${d}`));
    for (const a of resourceList(json, 'aws_iam_role_policy_attachment')) expect(a.role).toBe(ref('aws_iam_role', 'deploy_role_role', 'name'));
  });

  test('the audit role reads the audit and Config buckets by their computed names; decrypting is the key policy\'s grant', () => {
    const read: PolicyDocument = JSON.parse(resources(json, 'aws_iam_role_policy').security_audit_role_policy_audit_logs_read.policy);
    expect(statementBySid(read, 'ReadAuditLogs').Resource).toEqual([`arn:${PARTITION}:s3:::acme-net-audit-logs-${ACCOUNT}/*`, `arn:${PARTITION}:s3:::acme-net-config-${ACCOUNT}/*`]);
    expect(statementBySid(read, 'ListAuditLogs').Resource).toEqual([`arn:${PARTITION}:s3:::acme-net-audit-logs-${ACCOUNT}`, `arn:${PARTITION}:s3:::acme-net-config-${ACCOUNT}`]);
    expect(read.Statement.map((s) => s.Sid)).toEqual(['ListAuditLogs', 'ReadAuditLogs']);
    expect(JSON.stringify(json)).not.toContain('aws_kms_key.kms_key');
  });

  test.each([
    ['CloudTrail off: the Config bucket only', { cloudTrail: { enable: false } }, ['config']],
    ['AWS Config off: the audit bucket only', { config: { enable: false } }, ['audit-logs']],
  ])('%s', (_name, security, buckets) => {
    const stack = synthStack(new BootstrapStack(Testing.app(), testConfig({ project: 'acme-net', security })));
    const read: PolicyDocument = JSON.parse(resources(stack, 'aws_iam_role_policy').security_audit_role_policy_audit_logs_read.policy);
    expect(statementBySid(read, 'ReadAuditLogs').Resource).toEqual(buckets.map((b) => `arn:${PARTITION}:s3:::acme-net-${b}-${ACCOUNT}/*`));
  });

  test('with CloudTrail and AWS Config off there is no log bucket to read', () => {
    const off = synthStack(new BootstrapStack(Testing.app(), testConfig({ security: { cloudTrail: { enable: false }, config: { enable: false } } })));
    expect(Object.keys(resources(off, 'aws_iam_role_policy'))).not.toContain('security_audit_role_policy_audit_logs_read');
  });
});

describe('BootstrapStack roles with principals, boundary and GitHub Actions', () => {
  const DEPLOYER = 'arn:aws:iam::123456789012:role/ci';
  const AUDITOR = 'arn:aws:iam::123456789012:role/auditors';
  const BOUNDARY = 'arn:aws:iam::123456789012:policy/foundation-boundary';
  const config = testConfig({
    project: 'acme-net',
    security: {
      iam: {
        deployRoleTrustedArns: [DEPLOYER],
        auditRoleTrustedArns: [AUDITOR],
        permissionsBoundaryArn: BOUNDARY,
        githubOidc: { repository: 'acme/infra', branches: ['main', 'release/v2'], environments: ['production'], pullRequests: true },
      },
    },
  });
  const json = synthStack(new BootstrapStack(Testing.app(), config));
  const provider = ref('aws_iam_openid_connect_provider', 'github_oidc_provider', 'arn');
  const claims = (sub: string[]) => ({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': sub } });

  test('creates the GitHub OIDC provider and the plan role', () => {
    expect(only(json, 'aws_iam_openid_connect_provider')[1]).toMatchObject({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] });
    expect(Object.values(resources(json, 'aws_iam_role')).map((r) => r.name).sort()).toEqual(['acme-net-deploy', 'acme-net-plan', 'acme-net-security-audit', 'acme-net-state-replication']);
  });

  test('deploy role: the configured CI role, and GitHub Actions runs on the configured branches and in the configured environment only', () => {
    expect(trustOf(json, 'deploy_role_role').Statement).toEqual([
      { Sid: 'TrustedDeployers', Effect: 'Allow', Principal: { AWS: [DEPLOYER] }, Action: 'sts:AssumeRole' },
      {
        Sid: 'GitHubActionsDeployBranches',
        Effect: 'Allow',
        Principal: { Federated: provider },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: claims(['repo:acme/infra:ref:refs/heads/main', 'repo:acme/infra:ref:refs/heads/release/v2', 'repo:acme/infra:environment:production']),
      },
    ]);
  });

  test('plan role: pull-request runs only; the deploy role never trusts them', () => {
    expect(trustOf(json, 'plan_role_role').Statement).toEqual([
      { Sid: 'GitHubActionsPullRequests', Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: claims(['repo:acme/infra:pull_request']) },
    ]);
    expect(JSON.stringify(trustOf(json, 'deploy_role_role'))).not.toContain('pull_request');
    expect(JSON.stringify(trustOf(json, 'plan_role_role'))).not.toContain(':environment:');
    expect(resourceList(json, 'aws_iam_policy').map((p) => p.name).filter((n) => n.includes('-plan-')).sort()).toEqual(DOMAINS.map((d) => `acme-net-plan-${d}`));
  });

  test('plan role: reads state (objects, versions, the key through S3) in the bucket and its replica, writes none', () => {
    const planRole = `arn:\${data.aws_partition.partition.partition}:iam::\${data.aws_caller_identity.account.account_id}:role/acme-net-plan`;
    const bucketPolicies = Object.values(resources(json, 'aws_s3_bucket_policy')).filter((p) => p.policy.includes('DenyStateAccessToOthers'));
    const keyPolicies = Object.values(resources(json, 'aws_kms_key')).filter((k) => k.policy.includes('StatePrincipalsThroughS3'));
    expect(bucketPolicies).toHaveLength(2);
    expect(keyPolicies).toHaveLength(2);
    for (const { policy } of bucketPolicies) {
      // The TLS statements are tested with the bucket baseline; these are who may touch state.
      const statements = (JSON.parse(policy).Statement as Statement[]).filter((st) => /State/.test(st.Sid ?? ''));
      const objects = (statements.find((st) => st.Sid === 'DenyStateAccessToOthers')!.Resource as string[])[1];
      const request = (action: string, principal = planRole) => ({
        action,
        resource: objects,
        context: { 'aws:PrincipalArn': principal },
      });
      // A bucket policy of Denies: "ImplicitDeny" means it leaves the decision to IAM (the plan role's read grant).
      for (const read of ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucketVersions']) expect(decide(statements, request(read))).toBe('ImplicitDeny');
      expect(decide(statements, request('s3:GetObject', 'arn:aws:iam::123456789012:role/someone-else'))).toBe('ExplicitDeny');
      for (const write of ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion']) expect(decide(statements, request(write))).toBe('ExplicitDeny');
    }
    for (const { policy } of keyPolicies) {
      const readers = (JSON.parse(policy).Statement as Statement[]).find((st) => st.Sid === 'StateReadersDecryptThroughS3')!;
      expect(readers).toMatchObject({ Effect: 'Allow', Action: 'kms:Decrypt', Condition: { ArnLike: { 'aws:PrincipalArn': [planRole] } } });
    }
  });

  test('audit role: the configured auditors, with MFA', () => {
    expect(trustOf(json, 'security_audit_role_role').Statement).toEqual([
      { Sid: 'TrustedAuditorsWithMfa', Effect: 'Allow', Principal: { AWS: [AUDITOR] }, Action: 'sts:AssumeRole', Condition: MFA },
    ]);
  });

  test('every role carries the permissions boundary', () => {
    for (const role of resourceList(json, 'aws_iam_role')) expect(role.permissions_boundary).toBe(BOUNDARY);
  });

  test('outputs the provider and plan role', () => {
    expect(json.output!.github_oidc_provider_arn.value).toBe(provider);
    expect(json.output!.plan_role_arn.value).toBe(ref('aws_iam_role', 'plan_role_role', 'arn'));
  });

  test('approval environment as the only way in: no branch subject', () => {
    const gated = synthStack(
      new BootstrapStack(Testing.app(), testConfig({ security: { iam: { githubOidc: { repository: 'acme/infra', branches: [], environments: ['production'] } } } })),
    );
    expect(statementBySid(trustOf(gated, 'deploy_role_role'), 'GitHubActionsDeployBranches')).toMatchObject({ Condition: claims(['repo:acme/infra:environment:production']) });
  });

  test('an existing provider is used, not created', () => {
    const existing = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const given = synthStack(
      new BootstrapStack(Testing.app(), testConfig({ security: { iam: { githubOidc: { repository: 'acme/infra', providerArn: existing } } } })),
    );
    expect(resources(given, 'aws_iam_openid_connect_provider')).toEqual({});
    expect(statementBySid(trustOf(given, 'deploy_role_role'), 'GitHubActionsDeployBranches')).toMatchObject({ Principal: { Federated: existing }, Condition: claims(['repo:acme/infra:ref:refs/heads/main']) });
    expect(Object.keys(resources(given, 'aws_iam_role')).sort()).toEqual(['deploy_role_role', 'security_audit_role_role', 'state_replication_role']);
    expect(given.output!.github_oidc_provider_arn.value).toBe(existing);
    expect(given.output!.plan_role_arn).toBeUndefined();
  });
});
