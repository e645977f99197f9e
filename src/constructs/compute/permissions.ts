import { DomainPermissions } from '../../aws/deploy-permissions';
import { ecrDeployGrants } from './ecr-permissions';
import { imageBuilderGrants } from './image-builder-permissions';
import { snapshotGrants } from './snapshot-permissions';

// Three policies, not one: together the compute statements exceed a managed policy's 6,144
// characters (ECR ~2.7k at 32 Regions, Image Builder ~4.5k, DLM and EBS ~2.2k).

/** ECR repositories, their replication, creation templates and registry scanning. */
export const COMPUTE_REGISTRY_PERMISSIONS: DomainPermissions = {
  domain: 'compute-registry',
  description: 'ECR repositories of the project, replication to every Region, creation templates, registry scanning',
  grants: (context) => ecrDeployGrants(context),
};

/** The golden AMI: Image Builder pipeline, build infrastructure and endpoints, lifecycle. */
export const COMPUTE_IMAGES_PERMISSIONS: DomainPermissions = {
  domain: 'compute-images',
  description: 'EC2 Image Builder golden AMI pipeline, its build infrastructure and VPC endpoints, AMI lifecycle',
  grants: (context) => imageBuilderGrants(context),
};

/** EBS snapshots (DLM with cross-Region copies) and each Region's EBS defaults. */
export const COMPUTE_SNAPSHOTS_PERMISSIONS: DomainPermissions = {
  domain: 'compute-snapshots',
  description: 'Data Lifecycle Manager snapshot policies with cross-Region copies, EBS encryption by default and public-access blocks',
  grants: (context) => snapshotGrants(context),
};
