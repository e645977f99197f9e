import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AccountFacts } from '../../aws/account-facts';
import { policyDocument } from '../../aws/policy-documents';

export interface FlowLogsDeliveryRoleProps {
  /** Role name. */
  readonly roleName: string;
  /** Log group path prefix the role may write under, e.g. "/multi-region/vpc-flow-logs/". */
  readonly logGroupPrefix: string;
  /** Account id and partition of the stack (`accountFacts` in src/stacks): one data source each per stack. */
  readonly facts: AccountFacts;
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
    const { account, partition } = props.facts;
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
