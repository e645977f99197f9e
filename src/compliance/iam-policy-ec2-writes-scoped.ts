import { PolicyRule, asList } from './rule';
import { IamStatement, statementViolations } from './iam-documents';
import { DIRECTORY_SERVICE_NETWORK } from '../constructs/security/permissions';
import { EBS_ACCOUNT_SETTINGS, EBS_ACCOUNT_SETTINGS_REASON, EBS_ACCOUNT_SETTINGS_SID } from '../constructs/compute/snapshot-permissions';

/**
 * EC2 writes that no condition can scope, by the Sid of the one statement allowed to grant them,
 * and why. Anything else that changes EC2 resources must name them or carry a scoping condition.
 */
export const UNSCOPABLE_EC2_WRITES: Readonly<Record<string, { readonly actions: readonly string[]; readonly reason: string }>> = {
  PlaceDomainControllers: {
    actions: DIRECTORY_SERVICE_NETWORK,
    reason:
      'Directory Service creates, opens and deletes its domain controllers\' security group and network interfaces with the caller\'s credentials, untagged, in a VPC whose ARN the policy cannot know; granted only while a directory is deployed',
  },
  AcceptTransitGatewayPeerings: {
    actions: ['ec2:AcceptTransitGatewayPeeringAttachment'],
    reason:
      'tags are per side of a peering and the accepter side has none until it is accepted; IAM offers no condition on the requester (the attachment\'s association and routes still need the project tag)',
  },
  [EBS_ACCOUNT_SETTINGS_SID]: { actions: EBS_ACCOUNT_SETTINGS, reason: EBS_ACCOUNT_SETTINGS_REASON },
};

/** Actions that only read. Everything else of ec2, wildcards such as "ec2:Create*" included, writes. */
const READ = /^ec2:(Describe|Get|List|Search)[A-Za-z*]*$/i;

/**
 * Condition keys that tie a write to the project's resources: their tags (on the resource, or in a
 * create request), the create call that a CreateTags belongs to, or the VPC the resource is in.
 */
const SCOPING_KEY = /^(aws|ec2):(ResourceTag|RequestTag)\/.+$|^ec2:(CreateAction|Vpc|AccepterVpc|RequesterVpc)$/i;

function isWildcardResource(resource: string): boolean {
  return /[*?]/.test(resource);
}

/** A scoping key under an operator that must match (IfExists and Null do not require a value). */
function hasScopingCondition(statement: IamStatement): boolean {
  return Object.entries(statement.Condition ?? {}).some(
    ([operator, block]) => !/IfExists$|^Null$/i.test(operator) && Object.keys(block ?? {}).some((key) => SCOPING_KEY.test(key)),
  );
}

function statementProblems(_resource: unknown, statement: IamStatement): string[] {
  if (statement.Effect !== 'Allow') return [];
  const writes = asList(statement.Action).map(String).filter((a) => a.toLowerCase().startsWith('ec2:') && !READ.test(a));
  if (writes.length === 0) return [];
  const wildcard = statement.NotResource !== undefined ? 'NotResource' : asList(statement.Resource).map(String).find(isWildcardResource);
  if (wildcard === undefined || hasScopingCondition(statement)) return [];
  const allowed = UNSCOPABLE_EC2_WRITES[statement.Sid ?? '']?.actions ?? [];
  return writes
    .filter((action) => !allowed.some((a) => a.toLowerCase() === action.toLowerCase()))
    .map(
      (action) =>
        `grants "${action}" on "${wildcard}" without a condition that scopes it; expected a project tag condition (aws:ResourceTag/..., aws:RequestTag/...), ec2:CreateAction or a VPC ARN condition (ec2:Vpc, ec2:AccepterVpc, ec2:RequesterVpc), or an entry with its reason in UNSCOPABLE_EC2_WRITES`,
    );
}

/**
 * No Allow grants an EC2 write (anything but Describe/Get/List/Search) on a wildcard resource
 * without a condition that ties it to the project's resources, unless the action is listed, with
 * its reason, under the statement's Sid in UNSCOPABLE_EC2_WRITES.
 */
export const IamPolicyEc2WritesScoped: PolicyRule = {
  name: 'IamPolicyEc2WritesScoped',
  description: 'No policy allows an EC2 write on a wildcard resource without a tag, create-action or VPC condition, except the listed unscopable calls',
  evaluate(resources) {
    return statementViolations(this, resources, statementProblems);
  },
};
