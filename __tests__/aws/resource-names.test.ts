import { auditBucketName, flowLogGroupPrefix, resourceNames, roleArn } from '../../src/aws/resource-names';
import { testConfig } from '../helpers/synth';

describe('resourceNames', () => {
  test('derives every shared name from the project', () => {
    expect(resourceNames(testConfig({ project: 'acme-net' }))).toEqual({
      deployRole: 'acme-net-deploy',
      securityAuditRole: 'acme-net-security-audit',
      flowLogsRole: 'acme-net-vpc-flow-logs',
      trail: 'acme-net-trail',
      configRecorder: 'acme-net',
    });
  });

  test('uses the default project name when none is configured', () => {
    expect(resourceNames(testConfig())).toEqual({
      deployRole: 'multi-region-deploy',
      securityAuditRole: 'multi-region-security-audit',
      flowLogsRole: 'multi-region-vpc-flow-logs',
      trail: 'multi-region-trail',
      configRecorder: 'multi-region',
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
