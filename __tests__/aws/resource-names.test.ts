import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import {
  accessLogBucketName,
  auditAlertTopicArn,
  auditBucketEnabled,
  auditBucketName,
  bootstrapPolicyPrefixes,
  configBucketEnabled,
  configBucketName,
  logBucketNames,
  logBucketsEnabled,
  bootstrapRoleNames,
  deployableRoleNames,
  flowLogGroupPrefix,
  policyArn,
  projectTrailArn,
  resourceNames,
  roleArn,
  trailLogGroupName,
} from '../../src/aws/resource-names';
import { validateConfig } from '../../src/config/validate';
import { bucketNameProblem } from '../../src/aws/bucket-name';
import { testConfig } from '../helpers/synth';
import { appStacks } from '../helpers/inspect';

describe('resourceNames', () => {
  test('derives every shared name from the project', () => {
    expect(resourceNames(testConfig({ project: 'acme-net' }))).toEqual({
      deployRole: 'acme-net-deploy',
      securityAuditRole: 'acme-net-security-audit',
      stateReplicationRole: 'acme-net-state-replication',
      planRole: 'acme-net-plan',
      flowLogsRole: 'acme-net-vpc-flow-logs',
      trailLogsRole: 'acme-net-trail-cloudwatch-logs',
      ecrTemplateRole: 'acme-net-ecr-templates',
      imageBuildRole: 'acme-net-imagebuilder-build',
      imageLifecycleRole: 'acme-net-imagebuilder-lifecycle',
      dlmRole: 'acme-net-dlm',
      staticReplicationRole: 'acme-net-static-replication',
      trail: 'acme-net-trail',
      auditAlertTopic: 'acme-net-audit-alerts',
      auditAlertRule: 'acme-net-audit-tampering',
      configRecorder: 'acme-net',
    });
  });

  test('uses the default project name when none is configured', () => {
    expect(resourceNames(testConfig())).toEqual({
      deployRole: 'multi-region-deploy',
      securityAuditRole: 'multi-region-security-audit',
      stateReplicationRole: 'multi-region-state-replication',
      planRole: 'multi-region-plan',
      flowLogsRole: 'multi-region-vpc-flow-logs',
      trailLogsRole: 'multi-region-trail-cloudwatch-logs',
      ecrTemplateRole: 'multi-region-ecr-templates',
      imageBuildRole: 'multi-region-imagebuilder-build',
      imageLifecycleRole: 'multi-region-imagebuilder-lifecycle',
      dlmRole: 'multi-region-dlm',
      staticReplicationRole: 'multi-region-static-replication',
      trail: 'multi-region-trail',
      auditAlertTopic: 'multi-region-audit-alerts',
      auditAlertRule: 'multi-region-audit-tampering',
      configRecorder: 'multi-region',
    });
  });

  test('the longest valid project name still gives IAM role names within 64 characters', () => {
    const project = `a${'b'.repeat(30)}c`;
    expect(testConfig({ project }).project).toBe(project);
    for (const role of [...bootstrapRoleNames(project), ...deployableRoleNames(project)]) expect(role.length).toBeLessThanOrEqual(64);
  });

  test('every name differs from the others', () => {
    const names = Object.values(resourceNames(testConfig()));
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('the project\'s role lists', () => {
  test('bootstrap creates the deploy, audit and plan roles; the deploy role may create only the others', () => {
    expect(bootstrapRoleNames('acme')).toEqual(['acme-deploy', 'acme-security-audit', 'acme-plan', 'acme-state-replication']);
    expect(deployableRoleNames('acme')).toEqual(['acme-vpc-flow-logs', 'acme-trail-cloudwatch-logs', 'acme-ecr-templates', 'acme-imagebuilder-build', 'acme-imagebuilder-lifecycle', 'acme-dlm', 'acme-static-replication']);
    expect(bootstrapPolicyPrefixes('acme')).toEqual(['acme-deploy-', 'acme-plan-']);
  });

  const ROOT = path.resolve(__dirname, '..', '..');

  test('the fullest example synthesizes every listed role', () => {
    const config = validateConfig(JSON.parse(fs.readFileSync(path.join(ROOT, 'config/examples/security-full.json'), 'utf8')));
    const names = appStacks(config).flatMap((stack) => Object.values<Record<string, unknown>>(JSON.parse(Testing.synth(stack)).resource?.aws_iam_role ?? {}).map((r) => r.name));
    expect(names.sort()).toEqual([...bootstrapRoleNames(config.project), ...deployableRoleNames(config.project)].sort());
  });
});

describe('roleArn', () => {
  test('builds a role ARN from partition, account and name', () => {
    expect(roleArn('aws', '123456789012', 'acme-net-deploy')).toBe('arn:aws:iam::123456789012:role/acme-net-deploy');
    expect(roleArn('aws-us-gov', '123456789012', 'x')).toBe('arn:aws-us-gov:iam::123456789012:role/x');
  });

  test('passes Terraform references through', () => {
    expect(roleArn('${data.aws_partition.p.partition}', '${data.aws_caller_identity.a.account_id}', 'r')).toBe(
      'arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.a.account_id}:role/r',
    );
  });
});

describe('policyArn', () => {
  test('builds a managed policy ARN', () => {
    expect(policyArn('aws', '123456789012', 'acme-deploy-*')).toBe('arn:aws:iam::123456789012:policy/acme-deploy-*');
  });
});

describe('flowLogGroupPrefix', () => {
  test('derives from the project name, a path that starts and ends with "/"', () => {
    expect(flowLogGroupPrefix(testConfig({ project: 'acme-net' }))).toBe('/acme-net/vpc-flow-logs/');
    expect(flowLogGroupPrefix(testConfig())).toBe('/multi-region/vpc-flow-logs/');
  });
});

describe('auditBucketName', () => {
  test('is project and account, so the name is unique across accounts', () => {
    expect(auditBucketName(testConfig({ project: 'acme-net' }), '123456789012')).toBe('acme-net-audit-logs-123456789012');
  });
});

describe('configBucketName', () => {
  test('is project and account, differs from the audit and access-log buckets, and is a valid bucket name for the longest project', () => {
    const config = testConfig({ project: 'acme-net' });
    expect(configBucketName(config, '123456789012')).toBe('acme-net-config-123456789012');
    expect(configBucketName(config, '123456789012')).not.toBe(auditBucketName(config, '123456789012'));
    expect(configBucketName(config, '123456789012')).not.toBe(accessLogBucketName(config, '123456789012'));
    const longest = configBucketName({ project: 'a'.repeat(32) }, '123456789012');
    expect(longest).toHaveLength(52);
    expect(bucketNameProblem(longest)).toBeUndefined();
  });
});

describe('accessLogBucketName', () => {
  test('is project and account, and differs from the audit bucket', () => {
    const config = testConfig({ project: 'acme-net' });
    expect(accessLogBucketName(config, '123456789012')).toBe('acme-net-access-logs-123456789012');
    expect(accessLogBucketName(config, '123456789012')).not.toBe(auditBucketName(config, '123456789012'));
  });
});

describe('ARNs built from names, for policies written before the resource exists', () => {
  const config = testConfig({ project: 'acme-net', primaryRegion: 'eu-west-1' });

  test('the trail lives in the primary Region', () => {
    expect(projectTrailArn(config, 'aws', '123456789012')).toBe('arn:aws:cloudtrail:eu-west-1:123456789012:trail/acme-net-trail');
  });

  test('so does the alert topic', () => {
    expect(auditAlertTopicArn(config, 'aws-us-gov', '123456789012')).toBe('arn:aws-us-gov:sns:eu-west-1:123456789012:acme-net-audit-alerts');
  });

  test('the trail\'s log group sits under /aws/cloudtrail/', () => {
    expect(trailLogGroupName('acme-net-trail')).toBe('/aws/cloudtrail/acme-net-trail');
  });
});

describe('which log buckets exist', () => {
  test.each([
    [true, true, ['acme-audit-logs-123456789012', 'acme-config-123456789012']],
    [true, false, ['acme-audit-logs-123456789012']],
    [false, true, ['acme-config-123456789012']],
    [false, false, []],
  ])('CloudTrail %p, AWS Config %p: %p', (trail, configEnabled, expected) => {
    const config = testConfig({ project: 'acme', security: { cloudTrail: { enable: trail }, config: { enable: configEnabled } } });
    // The audit bucket holds the trail's logs only; AWS Config has its own bucket (it does not deliver to Object Lock).
    expect(auditBucketEnabled(config)).toBe(trail);
    expect(configBucketEnabled(config)).toBe(configEnabled);
    expect(logBucketNames(config, '123456789012')).toEqual(expected);
    expect(logBucketsEnabled(config)).toBe(expected.length > 0);
  });
});
