import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { policyDocument } from '../../aws/policy-documents';

export interface FlowLogsDeliveryRoleProps {
  /** Role name. */
  readonly roleName: string;
  /** Log group path prefix the role may write under, e.g. "/multi-region/vpc-flow-logs/". */
  readonly logGroupPrefix: string;
}

/**
 * The one IAM role that VPC Flow Logs assumes in every Region. It may only write streams under
 * the flow-log group prefix of this account, and only flow logs of this account may assume it.
 */
export class FlowLogsDeliveryRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: FlowLogsDeliveryRoleProps) {
    super(scope, id);
    if (!/^\/.+\/$/.test(props.logGroupPrefix)) {
      throw new Error(`FlowLogsDeliveryRole logGroupPrefix: received "${props.logGroupPrefix}"; expected a path that starts and ends with "/"`);
    }
    const account = new DataAwsCallerIdentity(this, 'account').accountId;
    const partition = new DataAwsPartition(this, 'partition').partition;
    const groups = `arn:${partition}:logs:*:${account}:log-group:${props.logGroupPrefix}*`;

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: 'Delivers VPC flow logs to CloudWatch Logs in every Region of the foundation',
      assumeRolePolicy: policyDocument([
        {
          Sid: 'VpcFlowLogsOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': account },
            ArnLike: { 'aws:SourceArn': `arn:${partition}:ec2:*:${account}:vpc-flow-log/*` },
          },
        },
      ]),
    });
    new IamRolePolicy(this, 'policy', {
      name: 'write-flow-log-streams',
      role: this.role.id,
      policy: policyDocument([
        {
          Sid: 'WriteFlowLogStreams',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [groups, `${groups}:log-stream:*`],
        },
      ]),
    });
  }
}
