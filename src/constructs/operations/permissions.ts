import { DeployGrant, DomainPermissions } from '../../aws/deploy-permissions';
import { PROJECT_TAG_KEY } from '../../aws/tags';

const INDEX = 'aws_resourceexplorer2_index';
const VIEW = 'aws_resourceexplorer2_view';

/**
 * Reads IAM can only grant on "*" (no resource type): GetIndex (the index of the Region called) and
 * GetDefaultView (the view's read compares its ARN with the Region's default).
 */
const UNSCOPED_READS = ['resource-explorer-2:GetIndex', 'resource-explorer-2:GetDefaultView'];

/**
 * What the deploy role needs for the inventory layer (issue 12 item 5), the operations domain: the
 * deploy role's tenth managed policy, the last one IAM's default quota of 10 per role allows; issue
 * 12's later operations parts add their statements here rather than another policy.
 *
 * Resource Explorer, as hashicorp/aws 5.100.0 calls it: CreateIndex, GetIndex (waits for ACTIVE),
 * UpdateIndexType (LOCAL to AGGREGATOR), DeleteIndex; CreateView, GetView, GetDefaultView,
 * UpdateView, DeleteView; TagResource and UntagResource. No ListTagsForResource: GetIndex and GetView
 * answer with the tags, which the provider reads from there. Never AssociateDefaultView or
 * DisassociateDefaultView: the project's view is not the Region's default (ResourceExplorerView).
 *
 * CreateIndex and CreateView have no resource type: they are allowed only with the project tag in
 * the request (and TagResource with them, which Resource Explorer checks when a create carries
 * tags), in the configured Regions only. Everything else is scoped to index and view ARNs of the
 * account that carry the project tag; the tag is never set on, or removed from, an existing index
 * or view, so nothing joins or leaves the project by retagging. Resource Explorer's service-linked
 * role, which the first CreateIndex of an account creates, is the identity domain's
 * (SERVICE_LINKED_ROLE_SERVICES).
 */
export const OPERATIONS_PERMISSIONS: DomainPermissions = {
  domain: 'operations',
  description: 'Resource Explorer: an index per Region, the aggregator in the primary, the project\'s view',
  grants: ({ partition, account, project, regions }): DeployGrant[] => {
    const indexes = `arn:${partition}:resource-explorer-2:*:${account}:index/*`;
    const views = `arn:${partition}:resource-explorer-2:*:${account}:view/*`;
    const tagged = { StringEquals: { [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: project } };
    return [
      {
        covers: [INDEX, VIEW],
        statement: {
          Sid: 'CreateProjectExplorerIndexesAndViews',
          Effect: 'Allow',
          Action: ['resource-explorer-2:CreateIndex', 'resource-explorer-2:CreateView', 'resource-explorer-2:TagResource'],
          Resource: '*',
          Condition: { StringEquals: { [`aws:RequestTag/${PROJECT_TAG_KEY}`]: project, 'aws:RequestedRegion': [...regions] } },
        },
      },
      { covers: [INDEX, VIEW], statement: { Sid: 'ReadExplorerRegionSettings', Effect: 'Allow', Action: UNSCOPED_READS, Resource: '*' } },
      {
        covers: [INDEX],
        statement: {
          Sid: 'ManageProjectExplorerIndexes',
          Effect: 'Allow',
          Action: ['resource-explorer-2:UpdateIndexType', 'resource-explorer-2:DeleteIndex', 'resource-explorer-2:TagResource', 'resource-explorer-2:UntagResource'],
          Resource: indexes,
          Condition: tagged,
        },
      },
      {
        covers: [VIEW],
        statement: {
          Sid: 'ManageProjectExplorerViews',
          Effect: 'Allow',
          Action: ['resource-explorer-2:GetView', 'resource-explorer-2:UpdateView', 'resource-explorer-2:DeleteView', 'resource-explorer-2:TagResource', 'resource-explorer-2:UntagResource'],
          Resource: views,
          Condition: tagged,
        },
      },
      {
        covers: [],
        statement: {
          Sid: 'NeverRetagExplorerResources',
          Effect: 'Deny',
          Action: ['resource-explorer-2:TagResource', 'resource-explorer-2:UntagResource'],
          Resource: [indexes, views],
          Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': PROJECT_TAG_KEY } },
        },
      },
    ];
  },
};
