import { DeployContext, DeployGrant } from '../../aws/deploy-permissions';
import { PROJECT_TAG_KEY } from '../../aws/tags';

/**
 * The ELB creates RegionalEntryPoint makes, each with the project tag in the request (provider
 * default_tags): CreateLoadBalancer for aws_lb, CreateListener for aws_lb_listener, CreateRule for
 * aws_lb_listener_rule.
 */
export const ELB_CREATE_ACTIONS = ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateListener', 'elasticloadbalancing:CreateRule'];

/** What hashicorp/aws 5.100.0 reads for aws_lb, aws_lb_listener and aws_lb_listener_rule: ELB has no resource-level Describe ("*" only). */
export const ELB_READ_ACTIONS = [
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeLoadBalancerAttributes',
  // Read on every refresh of an ALB (minimum_load_balancer_capacity); access denied is tolerated, but logged.
  'elasticloadbalancing:DescribeCapacityReservation',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeListenerAttributes',
  'elasticloadbalancing:DescribeListenerCertificates',
  'elasticloadbalancing:DescribeRules',
  'elasticloadbalancing:DescribeTags',
];

/**
 * Updates and deletes of the project's load balancers, listeners and rules, and their tags. No
 * SetIpAddressType: the construct fixes `ip_address_type = "ipv4"`, so the provider never calls it.
 */
export const ELB_MANAGE_ACTIONS = [
  'elasticloadbalancing:ModifyLoadBalancerAttributes',
  'elasticloadbalancing:SetSecurityGroups',
  'elasticloadbalancing:SetSubnets',
  'elasticloadbalancing:DeleteLoadBalancer',
  'elasticloadbalancing:ModifyListener',
  'elasticloadbalancing:ModifyListenerAttributes',
  'elasticloadbalancing:DeleteListener',
  'elasticloadbalancing:ModifyRule',
  'elasticloadbalancing:SetRulePriorities',
  'elasticloadbalancing:DeleteRule',
  'elasticloadbalancing:AddTags',
  'elasticloadbalancing:RemoveTags',
];

/**
 * aws_acm_certificate and aws_acm_certificate_validation (DescribeCertificate only). No
 * UpdateCertificateOptions: the construct sets no `options`, so the provider never calls it.
 */
export const ACM_MANAGE_ACTIONS = [
  'acm:DescribeCertificate',
  'acm:ListTagsForCertificate',
  'acm:AddTagsToCertificate',
  'acm:RemoveTagsFromCertificate',
  'acm:DeleteCertificate',
];

/** aws_route53_record for the ACM validation CNAMEs: the change, its status, the zone's name and the record's read-back. */
export const ROUTE53_VALIDATION_RECORD_ACTIONS = ['route53:ChangeResourceRecordSets', 'route53:GetChange', 'route53:GetHostedZone', 'route53:ListResourceRecordSets'];

const ELB_TYPES = ['aws_lb', 'aws_lb_listener', 'aws_lb_listener_rule'];
const ACM_TYPES = ['aws_acm_certificate', 'aws_acm_certificate_validation'];

/**
 * The deploy role's statements for RegionalEntryPoint (issue 10 item 1).
 *
 * Load balancers, listeners and rules: created only with the project tag in the request, tagged
 * only as part of those creates (`elasticloadbalancing:CreateAction`), changed and deleted only
 * when they carry the project tag; the project tag can be neither removed nor given another
 * value. Certificates alike (RequestCertificate has no resource type: "*" with the request tag).
 * Reads are "*": ELB's Describe* have no resource-level permissions.
 *
 * Route 53: the certificate's DNS validation records only, i.e. CNAMEs whose names start with "_"
 * (ACM's validation names do), in any zone of the account; the zone itself, the application's
 * records and health checks are the Route 53 part's.
 *
 * Not here: the security group (network domain's ManageProjectNetwork), the log bucket
 * (`<project>-lb-<region>-<account>`: the audit domain's ManageProjectBuckets, which grants every
 * bucket-level action the bucket needs), the ELB service-linked role that the first load
 * balancer of an account creates with the caller's credentials (identity domain's
 * CreateServiceLinkedRoles), and ec2:DescribeNetworkInterfaces, which the provider calls after a
 * delete (network domain's ReadNetwork). data.aws_elb_service_account makes no API call.
 */
export function entryPointGrants({ partition, account, project }: DeployContext): DeployGrant[] {
  // Application load balancers and their listeners and rules (loadbalancer/app/..., listener/app/...,
  // listener-rule/app/...): no network or gateway load balancer, no target group.
  const elbResources = `arn:${partition}:elasticloadbalancing:*:${account}:*/app/*`;
  const certificates = `arn:${partition}:acm:*:${account}:certificate/*`;
  const requestTag = `aws:RequestTag/${PROJECT_TAG_KEY}`;
  const resourceTag = `aws:ResourceTag/${PROJECT_TAG_KEY}`;
  const projectKey = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': PROJECT_TAG_KEY } };
  return [
    {
      covers: ELB_TYPES,
      // One pattern for the eight reads: every ELB Describe returns configuration, no data.
      statement: { Sid: 'ReadLoadBalancers', Effect: 'Allow', Action: 'elasticloadbalancing:Describe*', Resource: '*' },
    },
    {
      covers: ELB_TYPES,
      statement: {
        Sid: 'CreateTaggedLoadBalancers',
        Effect: 'Allow',
        Action: ELB_CREATE_ACTIONS,
        Resource: elbResources,
        Condition: { StringEquals: { [requestTag]: project } },
      },
    },
    {
      covers: ELB_TYPES,
      statement: {
        Sid: 'TagOnlyOnCreate',
        Effect: 'Allow',
        Action: 'elasticloadbalancing:AddTags',
        Resource: elbResources,
        Condition: { StringEquals: { 'elasticloadbalancing:CreateAction': ELB_CREATE_ACTIONS.map((a) => a.replace(/^elasticloadbalancing:/, '')), [requestTag]: project } },
      },
    },
    {
      covers: ['aws_acm_certificate'],
      statement: {
        Sid: 'RequestTaggedCertificates',
        Effect: 'Allow',
        // ACM also checks AddTagsToCertificate when the request carries tags.
        Action: ['acm:RequestCertificate', 'acm:AddTagsToCertificate'],
        Resource: '*',
        Condition: { StringEquals: { [requestTag]: project } },
      },
    },
    {
      // No request-tag condition beside: NeverSetAnotherEntryProjectTag keeps the tag's value.
      covers: [...ELB_TYPES, ...ACM_TYPES],
      statement: {
        Sid: 'ManageProjectEntryPoints',
        Effect: 'Allow',
        Action: [...ELB_MANAGE_ACTIONS, ...ACM_MANAGE_ACTIONS],
        Resource: [elbResources, certificates],
        Condition: { StringEquals: { [resourceTag]: project } },
      },
    },
    {
      covers: ['aws_route53_record'],
      statement: {
        Sid: 'ChangeValidationRecords',
        Effect: 'Allow',
        Action: 'route53:ChangeResourceRecordSets',
        Resource: `arn:${partition}:route53:::hostedzone/*`,
        Condition: {
          'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': 'CNAME' },
          'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': '_*' },
        },
      },
    },
    {
      covers: ['aws_route53_record'],
      statement: {
        Sid: 'ReadRoute53Zones',
        Effect: 'Allow',
        Action: ROUTE53_VALIDATION_RECORD_ACTIONS.filter((a) => a !== 'route53:ChangeResourceRecordSets'),
        // Zones and changes (GetChange): Route 53 ARNs have no Region or account.
        Resource: `arn:${partition}:route53:::*`,
      },
    },
    {
      covers: [],
      statement: { Sid: 'NeverRemoveEntryProjectTag', Effect: 'Deny', Action: ['elasticloadbalancing:RemoveTags', 'acm:RemoveTagsFromCertificate'], Resource: '*', Condition: projectKey },
    },
    {
      covers: [],
      statement: {
        Sid: 'NeverSetAnotherEntryProjectTag',
        Effect: 'Deny',
        Action: ['elasticloadbalancing:AddTags', 'acm:AddTagsToCertificate'],
        Resource: '*',
        Condition: { ...projectKey, StringNotEquals: { [requestTag]: project } },
      },
    },
  ];
}
