import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { FoundationConfig } from '../config/validate';
import { snapshotCopyTargets } from '../config/compute/snapshot-copy-targets';
import { resourceNames } from '../aws/resource-names';
import { EcrRepositories } from '../constructs/compute/ecr-repositories';
import { EcrTemplateRole } from '../constructs/compute/ecr-template-role';
import { EcrReplicationTemplate } from '../constructs/compute/ecr-replication-template';
import { EcrReplication } from '../constructs/compute/ecr-replication';
import { EcrRegistryScanning } from '../constructs/compute/ecr-registry-scanning';
import { ecrRepositoryUrlsByRegion } from '../constructs/compute/ecr-names';
import { imageBuilderNames } from '../constructs/compute/image-builder-names';
import { ImageBuildInfrastructure } from '../constructs/compute/image-build-infrastructure';
import { GoldenAmiPipeline } from '../constructs/compute/golden-ami-pipeline';
import { GoldenAmiLifecycle } from '../constructs/compute/golden-ami-lifecycle';
import { SnapshotLifecyclePolicy } from '../constructs/compute/snapshot-lifecycle-policy';
import { LinkStack } from './link-stack';
import { stackTags } from './providers';
import { writeOutputs } from './outputs';
import { OutputValues } from './contracts/contract';
import { GLOBAL_COMPUTE_OUTPUTS } from './contracts/global-compute-outputs';
import { GLOBAL_COMPUTE_STACK } from './stack-names';

type Outputs = OutputValues<typeof GLOBAL_COMPUTE_OUTPUTS>;

/**
 * The compute supply chain, once every Region and its key exist: ECR repositories in the primary
 * Region replicated one way from the active Region to every other Region (on creation templates
 * with that Region's key),
 * the golden AMI built in the primary Region and distributed to every Region on its key, and a
 * snapshot policy per Region copying to its targets on theirs. Adding a Region to the config extends
 * each of them; every resource names the aliased provider of its Region.
 */
export class GlobalComputeStack extends LinkStack {
  constructor(scope: Construct, config: FoundationConfig) {
    super(scope, GLOBAL_COMPUTE_STACK, config, { readsGlobal: true });
    const { ecr, imageBuilder, snapshots } = config.compute;
    writeOutputs(this, GLOBAL_COMPUTE_OUTPUTS, {
      ...(ecr.enable ? this.registry() : {}),
      ...(imageBuilder.enable ? this.goldenAmi() : {}),
      ...(snapshots.enable ? this.snapshots() : {}),
    });
  }

  private get regionNames(): string[] {
    return this.config.regions.map((r) => r.name);
  }

  /** The multi-Region key's copy in a Region: the primary key there, a replica elsewhere. */
  private keyArn(region: string): string {
    return this.regionState(region).get('kms_key_arn');
  }

  private get tags(): Record<string, string> {
    return stackTags(this.config, this.stackName);
  }

  private registry(): Pick<Outputs, 'ecr_repository_urls'> {
    const { config } = this;
    const { ecr } = config.compute;
    const primary = config.primaryRegion;
    // Replication leaves the active Region (the primary unless a promotion moved it); the
    // repositories stay where they were created, so moving the source destroys none of them.
    const source = config.activeRegion;
    const names = ecr.repositories.map((r) => r.name);
    new EcrRepositories(this, 'ecr', {
      provider: this.provider(primary),
      region: primary,
      project: config.project,
      repositories: names,
      kmsKeyArn: this.keyArn(primary),
      lifecycle: ecr.lifecycle,
      scanOnPush: ecr.scanOnPush,
    });
    const scanning = ecr.scanOnPush
      ? this.regionNames.map((region) => new EcrRegistryScanning(this, `ecr_scanning_${region}`, { provider: this.provider(region), region, project: config.project }))
      : [];
    const destinations = this.regionNames.filter((r) => r !== source);
    if (destinations.length > 0) {
      const role = new EcrTemplateRole(this, 'ecr_template_role', {
        provider: this.provider(primary),
        roleName: resourceNames(config).ecrTemplateRole,
        project: config.project,
        facts: this.facts,
        regions: destinations.map((region) => ({ region, kmsKeyArn: this.keyArn(region) })),
      });
      const templates = destinations.map(
        (region) =>
          new EcrReplicationTemplate(this, `ecr_template_${region}`, {
            provider: this.provider(region),
            region,
            project: config.project,
            kmsKeyArn: this.keyArn(region),
            lifecycle: ecr.lifecycle,
            customRoleArn: role.role.arn,
            resourceTags: this.tags,
          }),
      );
      // Replication starts only once every destination has its template (and its role policy):
      // a repository replicated before would be created with ECR's defaults (AES256, mutable).
      new EcrReplication(this, 'ecr_replication', {
        provider: this.provider(source),
        region: source,
        registryId: this.facts.account,
        project: config.project,
        templates,
        dependsOn: [role.policy, ...scanning.map((s) => s.configuration)],
      });
    }
    return {
      ecr_repository_urls: ecrRepositoryUrlsByRegion({ registryId: this.facts.account, regions: this.regionNames, project: config.project, repositories: names }),
    };
  }

  private goldenAmi(): Pick<Outputs, 'golden_ami_pipeline_arn' | 'golden_ami_distribution_regions'> {
    const { config } = this;
    const { imageBuilder } = config.compute;
    const primary = config.primaryRegion;
    const provider = this.provider(primary);
    const names = imageBuilderNames(config.project);
    const network = this.regionState(primary);
    const infrastructure = new ImageBuildInfrastructure(this, 'image_build', {
      provider,
      name: names.goldenAmi,
      roleName: names.buildRole,
      partition: this.facts.partition,
      vpcId: network.get('vpc_id'),
      subnetId: Fn.element(network.get('private_subnet_ids'), 0),
      instanceTypes: imageBuilder.instanceTypes,
      resourceTags: this.tags,
    });
    const pipeline = new GoldenAmiPipeline(this, 'golden_ami', {
      provider,
      name: names.goldenAmi,
      buildRegion: primary,
      kmsKeyArns: Object.fromEntries(this.regionNames.map((region) => [region, this.keyArn(region)])),
      parentImageSsmParameter: imageBuilder.parentImageSsmParameter,
      rootVolumeSizeGb: imageBuilder.rootVolumeSizeGb,
      infrastructureConfigurationArn: infrastructure.infrastructureConfiguration.arn,
      schedule: imageBuilder.schedule,
      amiTags: this.tags,
    });
    new GoldenAmiLifecycle(this, 'golden_ami_lifecycle', {
      provider,
      name: names.goldenAmi,
      roleName: names.lifecycleRole,
      partition: this.facts.partition,
      recipeName: pipeline.recipe.name,
      recipeVersion: pipeline.recipe.version,
      keepLatest: imageBuilder.keepLatest,
    });
    return { golden_ami_pipeline_arn: pipeline.pipeline.arn, golden_ami_distribution_regions: this.regionNames };
  }

  private snapshots(): Pick<Outputs, 'dlm_policy_ids'> {
    const { config } = this;
    const { snapshots } = config.compute;
    const targets = snapshotCopyTargets(config.primaryRegion, this.regionNames, snapshots.copyTargets);
    const ids: Record<string, string> = {};
    for (const region of this.regionNames) {
      const policy = new SnapshotLifecyclePolicy(this, `snapshots_${region}`, {
        provider: this.provider(region),
        region,
        executionRoleArn: this.globalState.get('dlm_role_arn'),
        targetTag: snapshots.targetTag,
        intervalHours: snapshots.intervalHours,
        startTime: snapshots.startTime,
        retainDays: snapshots.retainDays,
        copyTargetKeyArns: Object.fromEntries(targets[region].map((target) => [target, this.keyArn(target)])),
      });
      ids[region] = policy.policy.id;
    }
    return { dlm_policy_ids: ids };
  }
}
