import {
  accessLogBucketName,
  auditAlertTopicArn,
  auditBucketEnabled,
  auditBucketName,
  flowLogGroupPrefix,
  projectTrailArn,
  resourceNames,
  roleArn,
  trailLogGroupName,
} from '../../src/aws/resource-names';
import { testConfig } from '../helpers/synth';

describe('resourceNames', () => {
  test('derives every shared name from the project', () => {
    expect(resourceNames(testConfig({ project: 'acme-net' }))).toEqual({
      deployRole: 'acme-net-deploy',
      securityAuditRole: 'acme-net-security-audit',
      flowLogsRole: 'acme-net-vpc-flow-logs',
      trail: 'acme-net-trail',
      auditAlertTopic: 'acme-net-audit-alerts',
      auditAlertRule: 'acme-net-audit-tampering',
    });
  });

  test('uses the default project name when none is configured', () => {
    expect(resourceNames(testConfig())).toEqual({
      deployRole: 'multi-region-deploy',
      securityAuditRole: 'multi-region-security-audit',
      flowLogsRole: 'multi-region-vpc-flow-logs',
      trail: 'multi-region-trail',
      auditAlertTopic: 'multi-region-audit-alerts',
      auditAlertRule: 'multi-region-audit-tampering',
    });
  });

  test('the longest valid project name still gives IAM role names within 64 characters', () => {
    const names = resourceNames(testConfig({ project: `a${'b'.repeat(30)}c` }));
    for (const role of [names.deployRole, names.securityAuditRole, names.flowLogsRole]) expect(role.length).toBeLessThanOrEqual(64);
  });

  test('every name differs from the others', () => {
    const names = Object.values(resourceNames(testConfig()));
    expect(new Set(names).size).toBe(names.length);
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

describe('auditBucketEnabled', () => {
  test.each([
    [true, true, true],
    [true, false, true],
    [false, true, true],
    [false, false, false],
  ])('CloudTrail %p, AWS Config %p: %p', (trail, configEnabled, expected) => {
    expect(auditBucketEnabled(testConfig({ security: { cloudTrail: { enable: trail }, config: { enable: configEnabled } } }))).toBe(expected);
  });
});
