import { KEY_ADMIN_ACTIONS } from '../../../src/aws/kms-key-policy';
import { Testing, TerraformStack } from 'cdktf';
import { VpcFlowLogs } from '../../../src/constructs/network/vpc-flow-logs';
import { accountFacts } from '../../../src/stacks/account-facts';
import { synthConstruct } from '../../helpers/synth';
import { asList, KMS_KEY_ADMIN_SID, only, overlyBroadAllows, policyDocuments, ref } from '../../helpers/inspect';

const ROLE = 'arn:aws:iam::123456789012:role/flow-logs';

describe('VpcFlowLogs defaults', () => {
  const stack = synthConstruct(
    (scope) => new VpcFlowLogs(scope, 'flow_logs', { vpcId: 'vpc-0abc', logGroupName: '/acme/vpc-flow-logs/us-east-1', deliveryRoleArn: ROLE, facts: accountFacts(scope) }),
  );
  const [keyId, key] = only(stack, 'aws_kms_key');
  const [groupId, group] = only(stack, 'aws_cloudwatch_log_group');
  const [, flowLog] = only(stack, 'aws_flow_log');
  const data = (type: string) => Object.keys(stack.data?.[type] ?? {})[0];
  const account = `\${data.aws_caller_identity.${data('aws_caller_identity')}.account_id}`;
  const partition = `\${data.aws_partition.${data('aws_partition')}.partition}`;
  const region = `\${data.aws_region.${data('aws_region')}.name}`;

  test('log group is encrypted with the customer key and keeps logs 365 days by default', () => {
    expect(group.name).toBe('/acme/vpc-flow-logs/us-east-1');
    expect(group.kms_key_id).toBe(ref('aws_kms_key', keyId, 'arn'));
    expect(group.retention_in_days).toBe(365);
  });

  test('key rotates and has a 30-day deletion window', () => {
    expect(key.enable_key_rotation).toBe(true);
    expect(key.deletion_window_in_days).toBe(30);
  });

  test('key alias mirrors the log group path', () => {
    const [, alias] = only(stack, 'aws_kms_alias');
    expect(alias.name).toBe('alias/acme/vpc-flow-logs/us-east-1');
    expect(alias.target_key_id).toBe(ref('aws_kms_key', keyId, 'key_id'));
  });

  test('flow log records ALL traffic of the VPC into the log group through the delivery role', () => {
    expect(flowLog).toMatchObject({
      vpc_id: 'vpc-0abc',
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: ref('aws_cloudwatch_log_group', groupId, 'arn'),
      iam_role_arn: ROLE,
      max_aggregation_interval: 60,
    });
  });

  describe('key policy', () => {
    const document = JSON.parse(key.policy);
    const statements: any[] = document.Statement;

    test('hands key administration, and no use of the key, to this account through IAM', () => {
      const admin = statements.find((s) => s.Sid === KMS_KEY_ADMIN_SID);
      expect(admin).toEqual({
        Sid: KMS_KEY_ADMIN_SID,
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: KEY_ADMIN_ACTIONS,
        Resource: '*',
      });
      expect(admin.Action).not.toEqual(expect.arrayContaining(['kms:Encrypt', 'kms:Decrypt', 'kms:*']));
    });

    test('lets CloudWatch Logs of this Region use the key only for this one log group', () => {
      const logs = statements.find((s) => s.Sid !== KMS_KEY_ADMIN_SID);
      expect(logs.Effect).toBe('Allow');
      expect(logs.Principal).toEqual({ Service: `logs.${region}.amazonaws.com` });
      expect(asList(logs.Action).every((a: string) => a.startsWith('kms:') && a !== 'kms:*')).toBe(true);
      expect(asList(logs.Action)).toEqual(expect.arrayContaining(['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*']));
      expect(logs.Condition).toEqual({
        ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:/acme/vpc-flow-logs/us-east-1` },
      });
    });

    test('has exactly these two statements', () => {
      expect(statements).toHaveLength(2);
      expect(document.Version).toBe('2012-10-17');
    });
  });

  test('every policy document parses and has no wildcard Allow beyond the key-admin statement', () => {
    const documents = policyDocuments(stack);
    expect(documents.map((d) => d.attribute)).toEqual(['policy']);
    for (const { document } of documents) expect(overlyBroadAllows(document)).toEqual([]);
  });
});

describe('VpcFlowLogs options', () => {
  const stack = synthConstruct(
    (scope) =>
      new VpcFlowLogs(scope, 'flow_logs', { vpcId: 'vpc-1', logGroupName: '/x/y', deliveryRoleArn: ROLE, retentionDays: 30, trafficType: 'REJECT', facts: accountFacts(scope) }),
  );

  test('retention and traffic type are honoured', () => {
    expect(only(stack, 'aws_cloudwatch_log_group')[1].retention_in_days).toBe(30);
    expect(only(stack, 'aws_flow_log')[1].traffic_type).toBe('REJECT');
  });

  test('rejects a log group name that is not a path, naming the value received', () => {
    const scope = new TerraformStack(Testing.app(), 'bad');
    expect(() => new VpcFlowLogs(scope, 'f', { vpcId: 'v', logGroupName: 'flow-logs', deliveryRoleArn: ROLE, facts: accountFacts(scope) })).toThrow(
      /logGroupName: received "flow-logs"; expected a path starting with "\/"/,
    );
  });
});
