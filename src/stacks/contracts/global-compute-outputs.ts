import { StackContract } from './contract';

const ECR_ON = 'compute.ecr.enable';
const IMAGE_BUILDER_ON = 'compute.imageBuilder.enable';
const SNAPSHOTS_ON = 'compute.snapshots.enable';

/** Outputs of the global-compute stack. */
export const GLOBAL_COMPUTE_OUTPUTS = {
  ecr_repository_urls: {
    type: 'map-of-maps',
    description: 'Repository URL per Region, then per configured repository name: the primary\'s repositories and their replicas, for pulling locally',
    readBy: ['applications'],
    when: ECR_ON,
  },
  golden_ami_pipeline_arn: {
    type: 'string',
    description: 'EC2 Image Builder pipeline of the golden AMI (primary Region); start it to build now',
    readBy: ['operators'],
    when: IMAGE_BUILDER_ON,
  },
  golden_ami_distribution_regions: {
    type: 'list',
    description: 'Regions the golden AMI is distributed to, each encrypted with that Region\'s key',
    readBy: ['operators'],
    when: IMAGE_BUILDER_ON,
  },
  dlm_policy_ids: {
    type: 'map',
    description: 'Data Lifecycle Manager snapshot policy id per Region',
    readBy: ['operators'],
    when: SNAPSHOTS_ON,
  },
} as const satisfies StackContract;
