import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AccountFacts } from '../../aws/account-facts';
import { policyDocument } from '../../aws/policy-documents';
import { roleNames } from '../../aws/resource-names';

/** Service principal of Amazon Data Lifecycle Manager. */
export const DLM_SERVICE = 'dlm.amazonaws.com';

/** The role every Region's snapshot policy runs as: `<project>-dlm` (one per account, IAM is global). */
export function dlmRoleName(project: string): string {
  return roleNames(project).dlmRole;
}

/** The AWS managed policy for snapshot policies: create, tag, copy and delete EBS snapshots, nothing else. */
export function dlmManagedPolicyArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole`;
}

export interface DlmExecutionRoleProps {
  /** Role name; `dlmRoleName(project)`, which the deploy role may manage and pass by exact ARN. */
  readonly roleName: string;
  /** Account id and partition of the stack (`accountFacts` in src/stacks). */
  readonly facts: AccountFacts;
  /** `security.iam.permissionsBoundaryArn`: every role of the project carries it. @default none */
  readonly permissionsBoundaryArn?: string;
}

/**
 * The IAM role that Data Lifecycle Manager assumes to run the snapshot policy of every Region. IAM is
 * global, so it is created once (in the global stack) and handed by ARN to each Region's policy. Its
 * only permissions are AWS's managed policy for EBS snapshot policies; what it may do with the
 * project's keys is granted in the key policies (`dlmKeyStatements`), which name this role.
 */
export class DlmExecutionRole extends Construct {
  readonly role: IamRole;
  /** The role's ARN as a reference: the key policies that name it must be applied after it exists. */
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: DlmExecutionRoleProps) {
    super(scope, id);
    validate(id, props);
    const { account, partition } = props.facts;

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: 'Runs the Data Lifecycle Manager snapshot policy of every Region of the foundation',
      permissionsBoundary: props.permissionsBoundaryArn,
      assumeRolePolicy: policyDocument([
        {
          // Confused deputy: DLM acting for another account cannot use this role.
          Sid: 'DataLifecycleManagerOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: DLM_SERVICE },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': account } },
        },
      ]),
    });
    this.roleArn = this.role.arn;
    new IamRolePolicyAttachment(this, 'managed_policy', { role: this.role.name, policyArn: dlmManagedPolicyArn(partition) });
  }
}

function validate(id: string, props: DlmExecutionRoleProps): void {
  const where = `DlmExecutionRole ${id}`;
  if (!Token.isUnresolved(props.roleName) && !/^[\w+=,.@-]{1,64}$/.test(props.roleName)) {
    throw new Error(`${where} roleName: received ${JSON.stringify(props.roleName)}; expected 1-64 letters, digits or +=,.@_- (an IAM role name)`);
  }
  const boundary = props.permissionsBoundaryArn;
  if (boundary !== undefined && !Token.isUnresolved(boundary) && !/^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]{1,512}$/.test(boundary)) {
    throw new Error(`${where} permissionsBoundaryArn: received ${JSON.stringify(boundary)}; expected a managed policy ARN such as arn:aws:iam::123456789012:policy/boundary`);
  }
}
