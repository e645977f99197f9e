import { DeployContext, DeployGrant } from '../../aws/deploy-permissions';
import { PROJECT_TAG_KEY } from '../../aws/tags';
import { GLOBAL_ACCELERATOR_API_REGION } from './global-accelerator';
import { RECOVERY_CONTROL_API_REGION } from './recovery-control';

/** aws_route53_zone (created) and data.aws_route53_zone: what the provider calls on the zone itself. */
export const ZONE_READ_ACTIONS = ['route53:GetHostedZone', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource'];
export const ZONE_WRITE_ACTIONS = ['route53:UpdateHostedZoneComment', 'route53:ChangeTagsForResource'];
/** aws_route53_health_check, every type (HTTP/HTTPS, RECOVERY_CONTROL, CALCULATED). */
export const HEALTH_CHECK_ACTIONS = [
  'route53:CreateHealthCheck',
  'route53:GetHealthCheck',
  'route53:UpdateHealthCheck',
  'route53:DeleteHealthCheck',
  'route53:ChangeTagsForResource',
  'route53:ListTagsForResource',
];
/** Reads of the accelerator, its attributes, listeners and endpoint groups (Describe* is read-only). */
export const GA_ACCELERATOR_ACTIONS = ['globalaccelerator:Describe*', 'globalaccelerator:ListTagsForResource'];
export const GA_PROJECT_WRITE_ACTIONS = [
  'globalaccelerator:UpdateAccelerator',
  'globalaccelerator:UpdateAcceleratorAttributes',
  'globalaccelerator:DeleteAccelerator',
  'globalaccelerator:TagResource',
  'globalaccelerator:UntagResource',
];
export const GA_CHILD_ACTIONS = [
  'globalaccelerator:CreateListener',
  'globalaccelerator:UpdateListener',
  'globalaccelerator:DeleteListener',
  'globalaccelerator:CreateEndpointGroup',
  'globalaccelerator:UpdateEndpointGroup',
  'globalaccelerator:DeleteEndpointGroup',
];
/**
 * aws_route53recoverycontrolconfig_{cluster,control_panel,routing_control,safety_rule}: Create,
 * Describe, Update and Delete of each. By verb: the configuration API has nothing else but its tag
 * calls, and fifteen names would cost 700 characters of the shared policy.
 */
export const ARC_ACTIONS = ['Create', 'Describe', 'Update', 'Delete'].map((verb) => `route53-recovery-control-config:${verb}*`);

const RECORD_TYPES = ['aws_route53_record'];
const ZONE_TYPES = ['aws_route53_zone', 'data.aws_route53_zone'];

/**
 * The deploy role's statements for Route 53 records, zones and health checks, Global Accelerator
 * and ARC (issue 10 items 4-6).
 *
 * Route 53 has no tag conditions and random ids, so zones, health checks and changes are
 * `hostedzone/*`, `healthcheck/*`, `change/*`. Record changes are scoped by what they change
 * instead: only names in the configured domain (`route53:ChangeResourceRecordSetsNormalizedRecordNames`,
 * the domain and `*.<domain>`, ForAllValues so every name of a batch must match) and only the A,
 * AAAA and CNAME types (CNAME: ACM's DNS validation). A zone is never deleted by the role
 * (NeverDeleteHostedZones): the created one is prevent_destroy, an existing one is not the
 * project's. Health checks are the weak spot: any health check of the account can be updated or
 * deleted (the plan shows it).
 *
 * Global Accelerator and ARC are called in us-west-2 only (aws:RequestedRegion). An accelerator is
 * created only with the project tag; accelerator-level writes need it on the accelerator. Listener
 * and endpoint group ARNs carry no tags: their writes are on `accelerator/*`. ARC resources carry
 * no tags in provider 5.100.0: the account's ARC resources in us-west-2.
 */
export function trafficGrants({ partition, account, project, traffic: options = {} }: DeployContext): DeployGrant[] {
  const route53 = (resource: string) => `arn:${partition}:route53:::${resource}`;
  const grants: DeployGrant[] = [
    {
      covers: ['aws_route53_health_check'],
      statement: { Sid: 'ManageHealthChecks', Effect: 'Allow', Action: HEALTH_CHECK_ACTIONS, Resource: route53('healthcheck/*') },
    },
  ];
  if (options.domainName !== undefined) {
    const domain = options.domainName;
    grants.push(
      {
        covers: [...ZONE_TYPES, ...RECORD_TYPES],
        statement: {
          Sid: 'ReadZonesAndChanges',
          Effect: 'Allow',
          Action: [...ZONE_READ_ACTIONS, 'route53:GetChange'],
          Resource: [route53('hostedzone/*'), route53('change/*')],
        },
      },
      {
        covers: RECORD_TYPES,
        statement: {
          Sid: 'ChangeDomainRecords',
          Effect: 'Allow',
          Action: 'route53:ChangeResourceRecordSets',
          Resource: route53('hostedzone/*'),
          Condition: {
            'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': [domain, `*.${domain}`] },
            'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': ['A', 'AAAA', 'CNAME'] },
          },
        },
      },
    );
    if (!options.existingZone) {
      grants.push(
        // CreateHostedZone has no resource type in IAM: "*" only.
        { covers: ['aws_route53_zone'], statement: { Sid: 'CreateDomainZone', Effect: 'Allow', Action: 'route53:CreateHostedZone', Resource: '*' } },
        { covers: ['aws_route53_zone'], statement: { Sid: 'ManageDomainZone', Effect: 'Allow', Action: ZONE_WRITE_ACTIONS, Resource: route53('hostedzone/*') } },
      );
    }
    grants.push({ covers: [], statement: { Sid: 'NeverDeleteHostedZones', Effect: 'Deny', Action: 'route53:DeleteHostedZone', Resource: '*' } });
  }
  const inApiRegion = (region: string) => ({ 'aws:RequestedRegion': region });
  if (options.globalAccelerator) {
    const accelerators = `arn:${partition}:globalaccelerator::${account}:accelerator/*`;
    grants.push(
      {
        covers: ['aws_globalaccelerator_accelerator'],
        statement: {
          Sid: 'CreateProjectAccelerator',
          Effect: 'Allow',
          Action: ['globalaccelerator:CreateAccelerator', 'globalaccelerator:TagResource'],
          Resource: '*',
          Condition: { StringEquals: { ...inApiRegion(GLOBAL_ACCELERATOR_API_REGION), [`aws:RequestTag/${PROJECT_TAG_KEY}`]: project } },
        },
      },
      {
        covers: ['aws_globalaccelerator_accelerator'],
        statement: {
          Sid: 'ManageProjectAccelerator',
          Effect: 'Allow',
          Action: GA_PROJECT_WRITE_ACTIONS,
          Resource: accelerators,
          Condition: { StringEquals: { ...inApiRegion(GLOBAL_ACCELERATOR_API_REGION), [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: project } },
        },
      },
      {
        covers: ['aws_globalaccelerator_accelerator', 'aws_globalaccelerator_listener', 'aws_globalaccelerator_endpoint_group'],
        statement: {
          Sid: 'ManageAcceleratorListeners',
          Effect: 'Allow',
          Action: [...GA_ACCELERATOR_ACTIONS, ...GA_CHILD_ACTIONS],
          Resource: accelerators,
          Condition: { StringEquals: inApiRegion(GLOBAL_ACCELERATOR_API_REGION) },
        },
      },
    );
  }
  if (options.recoveryControl) {
    grants.push({
      covers: [
        'aws_route53recoverycontrolconfig_cluster',
        'aws_route53recoverycontrolconfig_control_panel',
        'aws_route53recoverycontrolconfig_routing_control',
        'aws_route53recoverycontrolconfig_safety_rule',
      ],
      statement: {
        Sid: 'ManageRecoveryControls',
        Effect: 'Allow',
        Action: ARC_ACTIONS,
        Resource: '*',
        Condition: { StringEquals: inApiRegion(RECOVERY_CONTROL_API_REGION) },
      },
    });
  }
  return grants;
}
