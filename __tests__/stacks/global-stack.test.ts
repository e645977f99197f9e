import { Testing } from 'cdktf';
import { GlobalStack } from '../../src/stacks/global-stack';
import { RegionStack } from '../../src/stacks/region-stack';
import { KEY_ADMIN_ACTIONS, KEY_DEPLOYER_ACTIONS, KEY_USER_ACTIONS } from '../../src/aws/kms-key-policy';
import { resources, testConfig } from '../helpers/synth';
import {
  asList,
  dataRefById,
  only,
  overlyBroadAllows,
  PolicyDocument,
  policyDocuments,
  ref,
  statementBySid,
  synthStack,
  wildcardPrincipalAllows,
} from '../helpers/inspect';

/** The deploy and security-audit roles live in bootstrap; global creates only the roles services assume. */
const ROLES = ['dlm_role', 'flow_logs_delivery_role'];
/** Compute off: only the roles of the network and security layers. */
const NO_COMPUTE = { ecr: { enable: false }, imageBuilder: { enable: false }, snapshots: { enable: false } };
const TRAIL_OUTPUTS = ['audit_alert_topic_arn', 'audit_log_bucket_name', 'cloudtrail_arn'];
const CONFIG_OUTPUTS = ['config_bucket_name', 'config_service_linked_role_arn'];
const ALERT_RESOURCES = ['aws_cloudwatch_event_rule', 'aws_cloudwatch_event_target', 'aws_sns_topic', 'aws_sns_topic_policy'];
const BUCKET_RESOURCES = [
  'aws_s3_bucket',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_logging',
  'aws_s3_bucket_object_lock_configuration',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_versioning',
];

/** The stack-level account id and partition (accountFacts), as Terraform references. */
const ACCOUNT = dataRefById('aws_caller_identity', 'account', 'account_id');
const PARTITION = dataRefById('aws_partition', 'partition', 'partition');
const roleArnOf = (name: string) => `arn:${PARTITION}:iam::${ACCOUNT}:role/${name}`;

describe('GlobalStack', () => {
  const config = testConfig({
    project: 'acme-net',
    primaryRegion: 'eu-west-1',
  });
  const stack = new GlobalStack(Testing.app(), config);
  const json = synthStack(stack);

  test('is named global and lives in the primary Region', () => {
    expect(stack.stackName).toBe('global');
    expect(json.provider!.aws).toEqual([expect.objectContaining({ region: 'eu-west-1' })]);
    expect(json.provider!.aws[0].alias).toBeUndefined();
  });

  test('keeps its state in S3 under <keyPrefix>/global.tfstate', () => {
    expect(json.terraform.backend.s3).toMatchObject({ key: 'example/prod/global.tfstate', encrypt: true, use_lockfile: true });
  });

  test('creates only the roles services assume (flow logs, DLM), named after the project: the deploy and audit roles are bootstrap\'s', () => {
    const roles = resources(json, 'aws_iam_role');
    expect(Object.keys(roles).sort()).toEqual(ROLES);
    expect(roles.flow_logs_delivery_role.name).toBe('acme-net-vpc-flow-logs');
    expect(roles.dlm_role.name).toBe('acme-net-dlm');
    expect(Object.values(roles).map((r) => r.name)).not.toContain('acme-net-deploy');
  });

  test('the flow-logs delivery role trusts only VPC Flow Logs', () => {
    const role = resources(json, 'aws_iam_role').flow_logs_delivery_role;
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Statement[0].Principal).toEqual({ Service: 'vpc-flow-logs.amazonaws.com' });
  });

  test('the role may write only under the project\'s flow-log prefix', () => {
    const inline = resources(json, 'aws_iam_role_policy').flow_logs_delivery_policy;
    expect(inline.role).toBe(ref('aws_iam_role', 'flow_logs_delivery_role', 'id'));
    const resourcesAllowed = asList<string>(JSON.parse(inline.policy).Statement[0].Resource);
    for (const arn of resourcesAllowed) expect(arn).toContain(':log-group:/acme-net/vpc-flow-logs/*');
  });

  test('one inline policy (flow logs), no customer-managed policy, and only AWS\'s DLM policy attached: nothing here grants deploy rights', () => {
    expect(Object.keys(resources(json, 'aws_iam_role_policy'))).toEqual(['flow_logs_delivery_policy']);
    expect(resources(json, 'aws_iam_policy')).toEqual({});
    expect(Object.values(resources(json, 'aws_iam_role_policy_attachment'))).toEqual([
      { policy_arn: `arn:${PARTITION}:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole`, role: ref('aws_iam_role', 'dlm_role', 'name') },
    ]);
  });

  test('every policy parses; none allows a wildcard action on every resource or a wildcard principal', () => {
    const documents = policyDocuments(json);
    expect(documents.map((d) => `${d.address}.${d.attribute}`).sort()).toEqual(
      [
        ...ROLES.map((id) => `aws_iam_role.${id}.assume_role_policy`),
        'aws_iam_role_policy.flow_logs_delivery_policy.policy',
        'aws_kms_key.kms_key.policy',
        'aws_s3_bucket_policy.access_logs_policy.policy',
        'aws_s3_bucket_policy.audit_logs_policy.policy',
        'aws_s3_bucket_policy.config_logs_policy.policy',
        'aws_sns_topic_policy.audit_alerts_topic_policy.policy',
      ].sort(),
    );
    for (const { document } of documents) {
      expect(overlyBroadAllows(document)).toEqual([]);
      expect(wildcardPrincipalAllows(document)).toEqual([]);
    }
  });

  test('exports every documented output, each pointing at what it names', () => {
    expect(json.output).toEqual({
      flow_logs_role_arn: { value: ref('aws_iam_role', 'flow_logs_delivery_role', 'arn'), description: expect.stringContaining('region') },
      kms_primary_key_arn: { value: ref('aws_kms_key', 'kms_key', 'arn'), description: expect.stringContaining('primary') },
      kms_key_id: { value: ref('aws_kms_key', 'kms_key', 'key_id'), description: expect.stringContaining('same in every Region') },
      kms_key_alias: { value: 'alias/acme-net', description: expect.stringContaining('every Region') },
      cloudtrail_arn: { value: ref('aws_cloudtrail', 'trail_trail', 'arn'), description: expect.stringContaining('trail') },
      audit_log_bucket_name: { value: ref('aws_s3_bucket', 'audit_logs_bucket', 'bucket'), description: expect.stringContaining('CloudTrail') },
      config_bucket_name: { value: ref('aws_s3_bucket', 'config_logs_bucket', 'bucket'), description: expect.stringContaining('AWS Config') },
      access_log_bucket_name: { value: ref('aws_s3_bucket', 'access_logs_bucket', 'bucket'), description: expect.stringContaining('access logs') },
      audit_alert_topic_arn: { value: ref('aws_sns_topic', 'audit_alerts_topic', 'arn'), description: expect.stringContaining('trail') },
      config_service_linked_role_arn: {
        value: ref('aws_iam_service_linked_role', 'config_service_linked_role', 'arn'),
        description: expect.stringContaining('AWSServiceRoleForConfig'),
      },
      dlm_role_arn: { value: ref('aws_iam_role', 'dlm_role', 'arn'), description: expect.stringContaining('Data Lifecycle Manager') },
      image_builder_service_linked_role_arn: {
        value: ref('aws_iam_service_linked_role', 'image_builder_service_linked_role', 'arn'),
        description: expect.stringContaining('Image Builder'),
      },
    });
  });

  test('the service-linked roles of AWS Config (every Region\'s recorder) and Image Builder (named in the key policies), once for the account', () => {
    const roles = resources(json, 'aws_iam_service_linked_role');
    expect(roles).toEqual({
      config_service_linked_role: { aws_service_name: 'config.amazonaws.com' },
      image_builder_service_linked_role: { aws_service_name: 'imagebuilder.amazonaws.com' },
    });
  });

  test('the key policy names the DLM role and Image Builder\'s service-linked role by reference: the key is applied after them', () => {
    const policy: PolicyDocument = JSON.parse(resources(json, 'aws_kms_key').kms_key.policy);
    expect(statementBySid(policy, 'DlmRoleUsesKeyThroughEc2').Principal).toEqual({ AWS: ref('aws_iam_role', 'dlm_role', 'arn') });
    expect(statementBySid(policy, 'ImageBuilderUsesKeyThroughEc2').Principal).toEqual({
      AWS: ref('aws_iam_service_linked_role', 'image_builder_service_linked_role', 'arn'),
    });
  });

  test('every region stack\'s flow-log group sits under the prefix the role may write to', () => {
    for (const region of config.regions) {
      const regional = synthStack(new RegionStack(Testing.app(), config, region));
      const [, group] = only(regional, 'aws_cloudwatch_log_group');
      expect(group.name).toBe(`/acme-net/vpc-flow-logs/${region.name}`);
      expect(only(regional, 'aws_flow_log')[1].iam_role_arn).toBe('${data.terraform_remote_state.global.outputs.flow_logs_role_arn}');
    }
  });
});

describe('GlobalStack security layer, defaults', () => {
  const config = testConfig({ project: 'acme-net', primaryRegion: 'eu-west-1' });
  const json = synthStack(new GlobalStack(Testing.app(), config));
  const [, key] = only(json, 'aws_kms_key');
  const policy: PolicyDocument = JSON.parse(key.policy);
  const auditBucket = resources(json, 'aws_s3_bucket').audit_logs_bucket;
  const auditPolicy: PolicyDocument = JSON.parse(resources(json, 'aws_s3_bucket_policy').audit_logs_policy.policy);
  const configPolicy: PolicyDocument = JSON.parse(resources(json, 'aws_s3_bucket_policy').config_logs_policy.policy);

  test('one multi-Region primary key, rotation on, 30-day deletion window, protected from destroy', () => {
    expect(only(json, 'aws_kms_key')[0]).toBe('kms_key');
    expect(key).toMatchObject({ multi_region: true, enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    expect(resources(json, 'aws_kms_replica_key')).toEqual({});
  });

  test('the alias alias/<project> points at it', () => {
    expect(only(json, 'aws_kms_alias')).toEqual(['kms_alias', { name: 'alias/acme-net', target_key_id: ref('aws_kms_key', 'kms_key', 'key_id') }]);
  });

  test('key administrators default to the account root, with admin actions only; no key users by default', () => {
    const admin = statementBySid(policy, 'KeyAdministrators');
    expect(admin.Principal).toEqual({
      AWS: [`arn:${dataRefById('aws_partition', 'partition', 'partition')}:iam::${dataRefById('aws_caller_identity', 'account', 'account_id')}:root`],
    });
    expect(admin.Action).toEqual(KEY_ADMIN_ACTIONS);
    expect(policy.Statement.map((s) => s.Sid)).not.toContain('KeyUsers');
  });

  test('no statement for the deploy role: the account root delegates to IAM, where the role\'s tag-scoped KMS grant applies', () => {
    expect(policy.Statement.map((s) => s.Sid)).not.toContain('DeployRoleManagesKey');
  });

  test('the security-audit role (by name, so the key does not wait for it) may decrypt only through S3', () => {
    const readers = statementBySid(policy, 'LogReadersDecryptThroughS3');
    expect(readers.Principal).toEqual({ AWS: [roleArnOf('acme-net-security-audit')] });
    expect(readers.Action).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
  });

  test('CloudTrail may use the key for our trail only, named by its ARN in the primary Region', () => {
    const trailArn = `arn:${PARTITION}:cloudtrail:eu-west-1:${ACCOUNT}:trail/acme-net-trail`;
    const trail = statementBySid(policy, 'CloudTrailEncryptsOurTrail');
    expect(trail.Principal).toEqual({ Service: 'cloudtrail.amazonaws.com' });
    expect(trail.Condition).toEqual({ StringEquals: { 'aws:SourceArn': trailArn, 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn } });
    expect(statementBySid(policy, 'CloudTrailDescribesKey').Condition).toEqual({ StringEquals: { 'aws:SourceArn': trailArn } });
  });

  test('CloudWatch Logs may use the key for the flow-log groups only (no trail log group without its CloudWatch Logs copy)', () => {
    expect(statementBySid(policy, 'CloudWatchLogsEncryptsOurLogGroups').Condition).toEqual({
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': [`arn:${PARTITION}:logs:${dataRefById('aws_region', 'kms_region', 'name')}:${ACCOUNT}:log-group:/acme-net/vpc-flow-logs/*`] },
    });
  });

  test('AWS Config and EventBridge (for the alert topic only) may use the key', () => {
    expect(statementBySid(policy, 'ConfigEncryptsDeliveriesOfThisAccount').Condition).toEqual({ StringEquals: { 'aws:SourceAccount': ACCOUNT } });
    expect(statementBySid(policy, 'EventBridgePublishesAuditAlerts').Condition).toEqual({
      StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': `arn:${PARTITION}:sns:eu-west-1:${ACCOUNT}:acme-net-audit-alerts` },
    });
  });

  test('one multi-Region trail with log file validation, encrypted with the primary key, into the audit bucket', () => {
    expect(only(json, 'aws_cloudtrail')).toEqual([
      'trail_trail',
      {
        name: 'acme-net-trail',
        s3_bucket_name: ref('aws_s3_bucket', 'audit_logs_bucket', 'bucket'),
        kms_key_id: ref('aws_kms_key', 'kms_key', 'arn'),
        is_multi_region_trail: true,
        include_global_service_events: true,
        enable_log_file_validation: true,
        is_organization_trail: false,
        enable_logging: true,
        depends_on: ['aws_s3_bucket_policy.audit_logs_policy'],
      },
    ]);
    expect(resources(json, 'aws_cloudwatch_log_group')).toEqual({});
  });

  test('the audit, Config and access-log buckets are named after the project and the account', () => {
    expect(Object.keys(resources(json, 'aws_s3_bucket')).sort()).toEqual(['access_logs_bucket', 'audit_logs_bucket', 'config_logs_bucket']);
    expect(auditBucket).toMatchObject({ bucket: `acme-net-audit-logs-${ACCOUNT}`, object_lock_enabled: true, lifecycle: { prevent_destroy: true } });
    expect(resources(json, 'aws_s3_bucket').config_logs_bucket).toEqual({ bucket: `acme-net-config-${ACCOUNT}`, lifecycle: { prevent_destroy: true } });
    expect(resources(json, 'aws_s3_bucket').access_logs_bucket.bucket).toBe(`acme-net-access-logs-${ACCOUNT}`);
  });

  test('audit bucket: SSE-KMS with the primary key, governance-mode lock for 365 days, access logs to the other bucket', () => {
    const encryption = resources(json, 'aws_s3_bucket_server_side_encryption_configuration').audit_logs_encryption;
    expect(encryption.rule[0].apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'aws:kms', kms_master_key_id: ref('aws_kms_key', 'kms_key', 'arn') });
    expect(resources(json, 'aws_s3_bucket_object_lock_configuration').audit_logs_object_lock.rule).toEqual({ default_retention: { mode: 'GOVERNANCE', days: 365 } });
    expect(resources(json, 'aws_s3_bucket_logging').audit_logs_logging).toMatchObject({
      bucket: ref('aws_s3_bucket', 'audit_logs_bucket', 'id'),
      target_bucket: ref('aws_s3_bucket', 'access_logs_bucket', 'bucket'),
    });
    const archive = resources(json, 'aws_s3_bucket_lifecycle_configuration').audit_logs_lifecycle.rule[0];
    expect(archive.transition).toEqual([{ days: 90, storage_class: 'GLACIER' }]);
  });

  test('audit bucket policy: CloudTrail writes only with our trail\'s ARN; only the security-audit role reads', () => {
    const trailArn = `arn:${dataRefById('aws_partition', 'partition', 'partition')}:cloudtrail:${dataRefById('aws_region', 'audit_logs_region', 'name')}:${dataRefById('aws_caller_identity', 'account', 'account_id')}:trail/acme-net-trail`;
    expect(statementBySid(auditPolicy, 'AWSCloudTrailWrite').Condition!.StringEquals['aws:SourceArn']).toBe(trailArn);
    // By name: bootstrap created the role before this stack, so S3 accepts a policy naming it.
    const auditRole = roleArnOf('acme-net-security-audit');
    expect(statementBySid(auditPolicy, 'AllowLogReaders').Principal).toEqual({ AWS: [auditRole] });
    const deny = statementBySid(auditPolicy, 'DenyReadToEveryoneElse');
    expect(deny.Effect).toBe('Deny');
    expect(deny.Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [auditRole] } });
  });

  test('audit bucket policy: nobody, the root included, deletes or unlocks a log object (no break-glass principals by default)', () => {
    const tamper = statementBySid(auditPolicy, 'DenyLogTampering');
    expect(tamper).toMatchObject({ Effect: 'Deny', Principal: '*', Resource: `${ref('aws_s3_bucket', 'audit_logs_bucket', 'arn')}/*` });
    expect(tamper.Condition).toBeUndefined();
  });

  test('audit bucket policy: only the deploy role, by its computed ARN, changes what protects the bucket; it appears nowhere else', () => {
    const protection = statementBySid(auditPolicy, 'DenyProtectionChangesOutsideTerraform');
    expect(protection.Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [roleArnOf('acme-net-deploy')] } });
    const others = auditPolicy.Statement.filter((s) => s.Sid !== 'DenyProtectionChangesOutsideTerraform');
    expect(JSON.stringify(others)).not.toContain('acme-net-deploy');
  });

  test('AWS Config delivers to its own bucket, never to the audit bucket (Object Lock): under config/AWSLogs/<account>/Config/', () => {
    expect(JSON.stringify(auditPolicy)).not.toContain('config.amazonaws.com');
    expect(statementBySid(configPolicy, 'AWSConfigBucketDelivery').Resource).toBe(`${ref('aws_s3_bucket', 'config_logs_bucket', 'arn')}/config/AWSLogs/${ACCOUNT}/Config/*`);
    expect(resources(json, 'aws_s3_bucket_object_lock_configuration')).toEqual({ audit_logs_object_lock: expect.anything() });
  });

  test('Config bucket: SSE-KMS with the primary key, access logs to the access-log bucket, archived after archiveAfterDays', () => {
    expect(resources(json, 'aws_s3_bucket_server_side_encryption_configuration').config_logs_encryption.rule[0].apply_server_side_encryption_by_default).toEqual({
      sse_algorithm: 'aws:kms',
      kms_master_key_id: ref('aws_kms_key', 'kms_key', 'arn'),
    });
    expect(resources(json, 'aws_s3_bucket_logging').config_logs_logging).toMatchObject({
      bucket: ref('aws_s3_bucket', 'config_logs_bucket', 'id'),
      target_bucket: ref('aws_s3_bucket', 'access_logs_bucket', 'bucket'),
    });
    expect(resources(json, 'aws_s3_bucket_lifecycle_configuration').config_logs_lifecycle.rule[0].transition).toEqual([{ days: 90, storage_class: 'GLACIER' }]);
  });

  test('Config bucket policy: the audit bucket\'s readers and Denies, the deploy role by its computed ARN', () => {
    const auditRole = roleArnOf('acme-net-security-audit');
    expect(statementBySid(configPolicy, 'AllowLogReaders').Principal).toEqual({ AWS: [auditRole] });
    expect(statementBySid(configPolicy, 'DenyReadToEveryoneElse').Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [auditRole] } });
    expect(statementBySid(configPolicy, 'DenyLogTampering')).toMatchObject({ Effect: 'Deny', Principal: '*', Resource: `${ref('aws_s3_bucket', 'config_logs_bucket', 'arn')}/*` });
    expect(statementBySid(configPolicy, 'DenyLogTampering').Condition).toBeUndefined();
    expect(statementBySid(configPolicy, 'DenyProtectionChangesOutsideTerraform').Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [roleArnOf('acme-net-deploy')] } });
  });

  test('the access-log bucket takes S3 server access logs from the audit and Config buckets, and no other', () => {
    const accessPolicy: PolicyDocument = JSON.parse(resources(json, 'aws_s3_bucket_policy').access_logs_policy.policy);
    expect(statementBySid(accessPolicy, 'S3ServerAccessLogsFromSourceBucket').Condition!.ArnLike).toEqual({
      'aws:SourceArn': [`arn:${PARTITION}:s3:::acme-net-audit-logs-${ACCOUNT}`, `arn:${PARTITION}:s3:::acme-net-config-${ACCOUNT}`],
    });
  });

  test('tampering alerts: a rule on the audit and Config buckets, our trail and the primary Region\'s Config recorder, publishing to a topic on the primary key', () => {
    expect(resources(json, 'aws_sns_topic').audit_alerts_topic).toMatchObject({ name: 'acme-net-audit-alerts', kms_master_key_id: ref('aws_kms_key', 'kms_key', 'arn') });
    const rule = resources(json, 'aws_cloudwatch_event_rule').audit_alerts_rule;
    expect(rule.name).toBe('acme-net-audit-tampering');
    const pattern = JSON.stringify(JSON.parse(rule.event_pattern));
    expect(pattern).toContain(`"bucketName":["acme-net-audit-logs-${ACCOUNT}","acme-net-config-${ACCOUNT}"]`);
    expect(pattern).toContain('"source":["aws.config"]');
    expect(pattern).toContain('"StopConfigurationRecorder"');
    expect(pattern).toContain(`"name":["acme-net-trail","${ref('aws_cloudtrail', 'trail_trail', 'arn')}"]`);
    expect(resources(json, 'aws_cloudwatch_event_target').audit_alerts_target.arn).toBe(ref('aws_sns_topic', 'audit_alerts_topic', 'arn'));
    expect(resources(json, 'aws_sns_topic_subscription')).toEqual({});
  });
});

describe('GlobalStack with configured principals, boundary, organization trail and CloudWatch Logs', () => {
  const ADMIN = 'arn:aws:iam::123456789012:role/key-admins';
  const USER = 'arn:aws:iam::123456789012:role/app';
  const READER = 'arn:aws:iam::123456789012:role/siem';
  const BOUNDARY = 'arn:aws:iam::123456789012:policy/foundation-boundary';
  const BREAK_GLASS = 'arn:aws:iam::123456789012:role/break-glass';
  const config = testConfig({
    security: {
      kms: { alias: 'alias/multi-region/foundation', administratorArns: [ADMIN], userArns: [USER] },
      cloudTrail: {
        organizationTrail: true,
        organizationId: 'o-a1b2c3d4e5',
        enableCloudWatchLogs: true,
        cloudWatchLogsRetentionDays: 90,
        objectLockRetentionDays: 730,
        objectLockMode: 'COMPLIANCE',
        archiveAfterDays: 30,
        logReaderArns: [READER],
        breakGlassArns: [BREAK_GLASS],
        alertEmails: ['security@example.com'],
      },
      iam: { permissionsBoundaryArn: BOUNDARY },
    },
  });
  const json = synthStack(new GlobalStack(Testing.app(), config));
  const policy: PolicyDocument = JSON.parse(only(json, 'aws_kms_key')[1].policy);

  test('key administrators and key users are separate statements with separate actions', () => {
    const admin = statementBySid(policy, 'KeyAdministrators');
    const users = statementBySid(policy, 'KeyUsers');
    expect(admin).toMatchObject({ Principal: { AWS: [ADMIN] }, Action: KEY_ADMIN_ACTIONS });
    expect(users).toMatchObject({ Principal: { AWS: [USER] }, Action: KEY_USER_ACTIONS });
    expect(asList(admin.Action).filter((a) => asList(users.Action).includes(a))).toEqual([]);
  });

  test('the deploy role (computed ARN) manages the key beside the configured administrators: KMS lets it create and update the key', () => {
    expect(statementBySid(policy, 'DeployRoleManagesKey')).toEqual({
      Sid: 'DeployRoleManagesKey',
      Effect: 'Allow',
      Principal: { AWS: roleArnOf('multi-region-deploy') },
      Action: KEY_DEPLOYER_ACTIONS,
      Resource: '*',
    });
    expect(KEY_DEPLOYER_ACTIONS).toContain('kms:PutKeyPolicy');
    expect(asList(statementBySid(policy, 'DeployRoleManagesKey').Action).filter((a) => asList(KEY_USER_ACTIONS).includes(a) && a !== 'kms:DescribeKey')).toEqual([]);
  });

  test('the Config bucket has the same readers and break-glass exceptions as the audit bucket', () => {
    const configPolicy: PolicyDocument = JSON.parse(resources(json, 'aws_s3_bucket_policy').config_logs_policy.policy);
    expect(asList(statementBySid(configPolicy, 'AllowLogReaders').Principal.AWS)).toEqual([roleArnOf('multi-region-security-audit'), READER]);
    expect(statementBySid(configPolicy, 'DenyLogTampering').Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [BREAK_GLASS] } });
    expect(statementBySid(configPolicy, 'DenyProtectionChangesOutsideTerraform').Condition).toEqual({
      ArnNotEquals: { 'aws:PrincipalArn': [roleArnOf('multi-region-deploy'), BREAK_GLASS] },
    });
    expect(resources(json, 'aws_s3_bucket_lifecycle_configuration').config_logs_lifecycle.rule[0].transition[0].days).toBe(30);
  });

  test('log readers: the configured ones and the security-audit role, in the key policy and the bucket policy', () => {
    expect(statementBySid(policy, 'LogReadersDecryptThroughS3').Principal).toEqual({ AWS: [roleArnOf('multi-region-security-audit'), READER] });
    const bucketPolicy: PolicyDocument = JSON.parse(resources(json, 'aws_s3_bucket_policy').audit_logs_policy.policy);
    expect(asList(statementBySid(bucketPolicy, 'AllowLogReaders').Principal.AWS)).toEqual([roleArnOf('multi-region-security-audit'), READER]);
  });

  test('the key waits for no role: bootstrap created the security-audit role its policy names', () => {
    expect(resources(json, 'aws_kms_key').kms_key.depends_on).toBeUndefined();
  });

  test('the configured alias', () => {
    expect(only(json, 'aws_kms_alias')[1].name).toBe('alias/multi-region/foundation');
    expect(json.output!.kms_key_alias.value).toBe('alias/multi-region/foundation');
  });

  test('an organization trail that also delivers to an encrypted CloudWatch Logs group', () => {
    const [, trail] = only(json, 'aws_cloudtrail');
    expect(trail.is_organization_trail).toBe(true);
    const [groupId, group] = only(json, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: '/aws/cloudtrail/multi-region-trail', retention_in_days: 90, kms_key_id: ref('aws_kms_key', 'kms_key', 'arn') });
    expect(trail.cloud_watch_logs_group_arn).toBe(`${ref('aws_cloudwatch_log_group', groupId, 'arn')}:*`);
    expect(trail.cloud_watch_logs_role_arn).toMatch(/^\$\{aws_iam_role\.trail_logs_role\.arn\}$/);
  });

  test('the organization trail may write its member accounts\' logs under AWSLogs/<organization id>/, only for our trail', () => {
    const bucketPolicy: PolicyDocument = JSON.parse(resources(json, 'aws_s3_bucket_policy').audit_logs_policy.policy);
    const trailArn = `arn:${PARTITION}:cloudtrail:${dataRefById('aws_region', 'audit_logs_region', 'name')}:${ACCOUNT}:trail/multi-region-trail`;
    expect(statementBySid(bucketPolicy, 'AWSCloudTrailOrganizationWrite')).toEqual({
      Sid: 'AWSCloudTrailOrganizationWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${ref('aws_s3_bucket', 'audit_logs_bucket', 'arn')}/AWSLogs/o-a1b2c3d4e5/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
    });
    expect(statementBySid(bucketPolicy, 'AWSCloudTrailWrite').Resource).toBe(`${ref('aws_s3_bucket', 'audit_logs_bucket', 'arn')}/AWSLogs/${ACCOUNT}/*`);
  });

  test('the key lets CloudWatch Logs encrypt the trail\'s log group too, by name', () => {
    expect(asList(statementBySid(policy, 'CloudWatchLogsEncryptsOurLogGroups').Condition!.ArnLike['kms:EncryptionContext:aws:logs:arn'] as string[])).toEqual([
      `arn:${PARTITION}:logs:${dataRefById('aws_region', 'kms_region', 'name')}:${ACCOUNT}:log-group:/multi-region/vpc-flow-logs/*`,
      `arn:${PARTITION}:logs:${dataRefById('aws_region', 'kms_region', 'name')}:${ACCOUNT}:log-group:/aws/cloudtrail/multi-region-trail`,
    ]);
  });

  test('the break-glass principals are the only exception to the tamper deny and join the deploy role for the protection deny', () => {
    const bucketPolicy: PolicyDocument = JSON.parse(resources(json, 'aws_s3_bucket_policy').audit_logs_policy.policy);
    expect(statementBySid(bucketPolicy, 'DenyLogTampering').Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [BREAK_GLASS] } });
    expect(statementBySid(bucketPolicy, 'DenyProtectionChangesOutsideTerraform').Condition).toEqual({
      ArnNotEquals: { 'aws:PrincipalArn': [roleArnOf('multi-region-deploy'), BREAK_GLASS] },
    });
  });

  test('the alert e-mails are subscribed to the topic', () => {
    expect(Object.values(resources(json, 'aws_sns_topic_subscription'))).toEqual([
      { topic_arn: ref('aws_sns_topic', 'audit_alerts_topic', 'arn'), protocol: 'email', endpoint: 'security@example.com' },
    ]);
  });

  test('object lock retention, mode and archival follow the config', () => {
    expect(resources(json, 'aws_s3_bucket_object_lock_configuration').audit_logs_object_lock.rule.default_retention).toEqual({ mode: 'COMPLIANCE', days: 730 });
    expect(resources(json, 'aws_s3_bucket_lifecycle_configuration').audit_logs_lifecycle.rule[0].transition[0].days).toBe(30);
  });

  test('every role of the stack, the trail\'s CloudWatch Logs role included, carries the permissions boundary', () => {
    const roles = resources(json, 'aws_iam_role');
    expect(Object.keys(roles).sort()).toEqual(['dlm_role', 'flow_logs_delivery_role', 'trail_logs_role']);
    for (const role of Object.values(roles)) expect(role.permissions_boundary).toBe(BOUNDARY);
  });

  test('every policy still parses with no wildcard admin and no wildcard principal', () => {
    for (const { document } of policyDocuments(json)) {
      expect(overlyBroadAllows(document)).toEqual([]);
      expect(wildcardPrincipalAllows(document)).toEqual([]);
    }
  });
});

describe('GlobalStack with CloudTrail disabled and AWS Config on (its default)', () => {
  const json = synthStack(new GlobalStack(Testing.app(), testConfig({ project: 'acme-net', security: { cloudTrail: { enable: false } } })));
  const configPolicy = (): PolicyDocument => JSON.parse(resources(json, 'aws_s3_bucket_policy').config_logs_policy.policy);

  test('no trail, no alerts and no audit bucket (it holds the trail\'s logs only); the Config and access-log buckets stay, with their outputs', () => {
    expect(resources(json, 'aws_cloudtrail')).toEqual({});
    for (const type of ALERT_RESOURCES) expect(resources(json, type)).toEqual({});
    expect(Object.keys(resources(json, 'aws_s3_bucket')).sort()).toEqual(['access_logs_bucket', 'config_logs_bucket']);
    expect(resources(json, 'aws_s3_bucket_object_lock_configuration')).toEqual({});
    for (const output of TRAIL_OUTPUTS) expect(Object.keys(json.output!)).not.toContain(output);
    for (const output of ['access_log_bucket_name', ...CONFIG_OUTPUTS]) expect(Object.keys(json.output!)).toContain(output);
  });

  test('the access-log bucket takes the Config bucket\'s access logs only', () => {
    const accessPolicy: PolicyDocument = JSON.parse(resources(json, 'aws_s3_bucket_policy').access_logs_policy.policy);
    expect(statementBySid(accessPolicy, 'S3ServerAccessLogsFromSourceBucket').Condition!.ArnLike).toEqual({ 'aws:SourceArn': `arn:${PARTITION}:s3:::acme-net-config-${ACCOUNT}` });
  });

  test('the Config bucket policy lets AWS Config write, no trail, and keeps every deny', () => {
    const sids = configPolicy().Statement.map((s) => s.Sid ?? '');
    expect(sids.filter((sid) => sid.startsWith('AWSCloudTrail'))).toEqual([]);
    expect(sids).toEqual(expect.arrayContaining(['AWSConfigBucketDelivery', 'DenyReadToEveryoneElse', 'DenyLogTampering', 'DenyProtectionChangesOutsideTerraform']));
  });

  test('the key lets AWS Config in but neither CloudTrail nor EventBridge; the audit role still reads through S3', () => {
    const keyPolicy: PolicyDocument = JSON.parse(resources(json, 'aws_kms_key').kms_key.policy);
    const sids = keyPolicy.Statement.map((s) => s.Sid ?? '');
    expect(sids).toContain('ConfigEncryptsDeliveriesOfThisAccount');
    expect(sids).toContain('LogReadersDecryptThroughS3');
    expect(sids.filter((sid) => sid.startsWith('CloudTrail') || sid.startsWith('EventBridge'))).toEqual([]);
  });
});

describe('GlobalStack with CloudTrail on and AWS Config disabled', () => {
  const json = synthStack(new GlobalStack(Testing.app(), testConfig({ project: 'acme-net', security: { config: { enable: false } } })));

  test('the audit and access-log buckets, no Config bucket and no Config output', () => {
    expect(Object.keys(resources(json, 'aws_s3_bucket')).sort()).toEqual(['access_logs_bucket', 'audit_logs_bucket']);
    for (const output of CONFIG_OUTPUTS) expect(Object.keys(json.output!)).not.toContain(output);
    expect(Object.keys(json.output!)).toEqual(expect.arrayContaining(['access_log_bucket_name', ...TRAIL_OUTPUTS]));
  });

  test('the alerts watch the audit bucket and the trail, not AWS Config', () => {
    const pattern = JSON.stringify(JSON.parse(resources(json, 'aws_cloudwatch_event_rule').audit_alerts_rule.event_pattern));
    expect(pattern).toContain(`"bucketName":["acme-net-audit-logs-${ACCOUNT}"]`);
    expect(pattern).not.toContain('aws.config');
  });
});

describe('GlobalStack with CloudTrail and AWS Config disabled', () => {
  const json = synthStack(
    new GlobalStack(Testing.app(), testConfig({ project: 'acme-net', security: { cloudTrail: { enable: false }, config: { enable: false } }, compute: NO_COMPUTE })),
  );

  test('no trail, no log buckets, no alerts and none of their outputs', () => {
    expect(resources(json, 'aws_cloudtrail')).toEqual({});
    expect(Object.keys(json.resource!).filter((type) => type.startsWith('aws_s3_bucket'))).toEqual([]);
    for (const output of [...TRAIL_OUTPUTS, ...CONFIG_OUTPUTS, 'access_log_bucket_name']) expect(Object.keys(json.output!)).not.toContain(output);
  });
  test('with compute off too, exactly the resource types of the key and the flow-logs role remain', () => {
    expect(Object.keys(json.resource!).sort()).toEqual(['aws_iam_role', 'aws_iam_role_policy', 'aws_kms_alias', 'aws_kms_key']);
    for (const type of BUCKET_RESOURCES) expect(resources(json, type)).toEqual({});
  });

  test('the key and the flow-logs role stay', () => {
    expect(only(json, 'aws_kms_key')[0]).toBe('kms_key');
    expect(Object.keys(resources(json, 'aws_iam_role')).sort()).toEqual(['flow_logs_delivery_role']);
    expect(Object.keys(resources(json, 'aws_iam_role_policy'))).toEqual(['flow_logs_delivery_policy']);
  });

  test('without logs nobody may decrypt through S3', () => {
    const keyPolicy: PolicyDocument = JSON.parse(resources(json, 'aws_kms_key').kms_key.policy);
    expect(keyPolicy.Statement.map((s) => s.Sid)).not.toContain('LogReadersDecryptThroughS3');
    expect(JSON.stringify(json)).not.toContain('audit_logs_bucket');
  });

  test('outputs: the key and the flow-logs role', () => {
    expect(Object.keys(json.output!).sort()).toEqual(['flow_logs_role_arn', 'kms_key_alias', 'kms_key_id', 'kms_primary_key_arn']);
  });
});

describe('GlobalStack with AWS Config disabled', () => {
  const json = synthStack(new GlobalStack(Testing.app(), testConfig({ security: { config: { enable: false } } })));

  test('no service-linked role for Config and no output for it', () => {
    expect(Object.keys(resources(json, 'aws_iam_service_linked_role'))).toEqual(['image_builder_service_linked_role']);
    expect(Object.keys(json.output!)).not.toContain('config_service_linked_role_arn');
  });
});

describe('GlobalStack with the golden AMI and snapshots off', () => {
  const json = synthStack(new GlobalStack(Testing.app(), testConfig({ compute: NO_COMPUTE })));

  test('no DLM role, no Image Builder service-linked role, no compute statement in the key policy, no compute output', () => {
    expect(resources(json, 'aws_iam_role').dlm_role).toBeUndefined();
    expect(resources(json, 'aws_iam_service_linked_role').image_builder_service_linked_role).toBeUndefined();
    const sids = (JSON.parse(resources(json, 'aws_kms_key').kms_key.policy) as PolicyDocument).Statement.map((s) => s.Sid);
    expect(sids.filter((sid) => /^(Ecr|ImageBuilder|Dlm)/.test(sid ?? ''))).toEqual([]);
    expect(Object.keys(json.output!)).not.toEqual(expect.arrayContaining(['dlm_role_arn']));
    expect(Object.keys(json.output!)).not.toContain('image_builder_service_linked_role_arn');
  });
});
