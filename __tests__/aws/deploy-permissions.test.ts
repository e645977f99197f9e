import { DATA_READ_ACTIONS, isConfigurationRead, readOnlyStatements } from '../../src/aws/deploy-permissions';

describe('isConfigurationRead', () => {
  test.each(['ec2:DescribeVpcs', 'ec2:Describe*', 's3:GetBucket*', 'kms:GetKeyPolicy', 'iam:ListRolePolicies', 'ec2:SearchTransitGatewayRoutes', 'sts:GetCallerIdentity', 'logs:ListTagsForResource'])(
    '%s is a configuration read',
    (action) => expect(isConfigurationRead(action)).toBe(true),
  );

  test.each([...DATA_READ_ACTIONS, 's3:GetObject*', 's3:Get*', 'secretsmanager:Get*', 'ssm:GetParameter*', 'ec2:Get*', 'ec2:CreateVpc', 'kms:Decrypt', 'iam:PassRole', 's3:PutObject'])(
    '%s is not (a write, or a pattern that reaches data)',
    (action) => expect(isConfigurationRead(action)).toBe(false),
  );
});

describe('readOnlyStatements', () => {
  test('keeps each Allow\'s reads with its Sid, resources and condition; drops writes, data reads, Denies and emptied statements', () => {
    expect(
      readOnlyStatements([
        { Sid: 'Keys', Effect: 'Allow', Action: ['kms:CreateKey', 'kms:DescribeKey', 'kms:GetKeyPolicy'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/P': 'x' } } },
        { Sid: 'Secrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: 'arn:aws:secretsmanager:us-east-1:1:secret:x' },
        { Sid: 'Vpcs', Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
        { Sid: 'Guard', Effect: 'Deny', Action: 'kms:GetKeyPolicy', Resource: '*' },
        { Sid: 'Writes', Effect: 'Allow', Action: ['ec2:CreateVpc'], Resource: '*' },
      ]),
    ).toEqual([
      { Sid: 'Keys', Effect: 'Allow', Action: ['kms:DescribeKey', 'kms:GetKeyPolicy'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/P': 'x' } } },
      { Sid: 'Vpcs', Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
    ]);
  });
});
