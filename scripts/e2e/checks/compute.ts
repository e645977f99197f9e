import {
  DescribeImagesCommand,
  DescribeRegistryCommand,
  DescribeRepositoriesCommand,
  DescribeRepositoryCreationTemplatesCommand,
  ECRClient,
  GetLifecyclePolicyCommand,
  GetRegistryScanningConfigurationCommand,
  PutImageCommand,
  Repository,
} from '@aws-sdk/client-ecr';
import {
  GetDistributionConfigurationCommand,
  GetImagePipelineCommand,
  GetInfrastructureConfigurationCommand,
} from '@aws-sdk/client-imagebuilder';
import { GetLifecyclePoliciesCommand, GetLifecyclePolicyCommand as GetDlmPolicyCommand } from '@aws-sdk/client-dlm';
import { GetEbsDefaultKmsKeyIdCommand, GetEbsEncryptionByDefaultCommand, GetImageBlockPublicAccessStateCommand, GetSnapshotBlockPublicAccessStateCommand } from '@aws-sdk/client-ec2';
import { FoundationConfig } from '../../../src/config/validate';
import { snapshotCopyTargets } from '../../../src/config/compute/snapshot-copy-targets';
import { ecrRepositoryName, ecrRepositoryPrefix } from '../../../src/constructs/compute/ecr-names';
import { imageBuilderNames } from '../../../src/constructs/compute/image-builder-names';
import { EmulatorAws } from '../aws';
import { Checklist, sameMembers } from '../checklist';
import { DeployedOutputs } from '../outputs';
import { imageManifest } from '../image-manifest';

const E2E_MANIFEST = imageManifest('a', 'b');
const E2E_TAG = 'e2e';

const projectRepositories = async (client: ECRClient, project: string): Promise<Repository[]> =>
  ((await client.send(new DescribeRepositoriesCommand({}))).repositories ?? []).filter((r) => r.repositoryName?.startsWith(`${ecrRepositoryPrefix(project)}/`));

/** Each Region's copy of the key, as the region stacks export it. */
const keyOf = (outputs: DeployedOutputs, region: string) => outputs.region(region).get('kms_key_arn');

/**
 * The compute supply chain read back: repositories, templates, replication and scanning; an image
 * pushed to every primary repository appears in every other Region, in a repository made from that
 * Region's template; the golden AMI pipeline and its distribution; a DLM policy per Region with its
 * copies; EBS defaults on each Region's key.
 */
export async function checkComputeDeployed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  await checkEbsDefaults(aws, config, outputs, c);
  if (config.compute.ecr.enable) await checkRegistry(aws, config, outputs, c);
  if (config.compute.imageBuilder.enable) await checkGoldenAmi(aws, config, outputs, c);
  if (config.compute.snapshots.enable) await checkSnapshots(aws, config, outputs, c);
}

async function checkEbsDefaults(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  for (const region of config.regions) {
    const ec2 = aws.ec2(region.name);
    const key = keyOf(outputs, region.name);
    c.expect((await ec2.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault === true, `${region.name}: EBS encryption by default is on`);
    const defaultKey = (await ec2.send(new GetEbsDefaultKmsKeyIdCommand({}))).KmsKeyId;
    c.expect(defaultKey === key, `${region.name}: the default EBS key is this Region's copy of the key ${key} (got ${defaultKey})`);
    const snapshots = (await ec2.send(new GetSnapshotBlockPublicAccessStateCommand({}))).State;
    c.expect(snapshots === 'block-all-sharing', `${region.name}: snapshot public access blocked (got ${snapshots})`);
    const images = (await ec2.send(new GetImageBlockPublicAccessStateCommand({}))).ImageBlockPublicAccessState;
    c.expect(images === 'block-new-sharing', `${region.name}: new public AMI sharing blocked (got ${images})`);
  }
}

async function checkRegistry(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const { ecr } = config.compute;
  const primary = config.primaryRegion;
  const others = config.regions.filter((r) => !r.isPrimary).map((r) => r.name);
  const names = ecr.repositories.map((r) => ecrRepositoryName(config.project, r.name));
  const client = aws.ecr(primary);
  const repositories = await projectRepositories(client, config.project);
  c.expect(sameMembers(repositories.map((r) => r.repositoryName), names), `${primary}: the configured repositories ${names.join(', ')} (got ${repositories.map((r) => r.repositoryName).join(', ')})`);
  for (const repository of repositories) {
    const name = repository.repositoryName!;
    c.expect(repository.imageTagMutability === 'IMMUTABLE', `${name}: immutable tags`);
    c.expect(repository.imageScanningConfiguration?.scanOnPush === ecr.scanOnPush, `${name}: scan on push ${ecr.scanOnPush}`);
    c.expect(repository.encryptionConfiguration?.encryptionType === 'KMS' && repository.encryptionConfiguration.kmsKey === keyOf(outputs, primary), `${name}: SSE-KMS with the primary key`);
    const lifecycle = await client.send(new GetLifecyclePolicyCommand({ repositoryName: name })).catch(() => undefined);
    const rules = lifecycle?.lifecyclePolicyText ? JSON.parse(lifecycle.lifecyclePolicyText).rules : [];
    c.expect(rules.some((r: any) => r.selection?.countNumber === ecr.lifecycle.keepLastImages && r.selection?.countType === 'imageCountMoreThan'), `${name}: keeps the last ${ecr.lifecycle.keepLastImages} images`);
  }
  const urls = outputs.globalCompute.get('ecr_repository_urls');
  c.expect(sameMembers(Object.keys(urls), config.regions.map((r) => r.name)), `ecr_repository_urls has every Region (got ${Object.keys(urls).join(', ')})`);
  for (const repository of repositories) {
    const short = repository.repositoryName!.slice(ecrRepositoryPrefix(config.project).length + 1);
    c.expect(urls[primary]?.[short] === repository.repositoryUri, `ecr_repository_urls.${primary}.${short} is the repository's URI ${repository.repositoryUri} (got ${urls[primary]?.[short]})`);
  }

  if (ecr.scanOnPush) {
    for (const region of config.regions) {
      const scanning = await aws.ecr(region.name).send(new GetRegistryScanningConfigurationCommand({}));
      const filters = scanning.scanningConfiguration?.rules?.flatMap((r) => r.repositoryFilters?.map((f) => f.filter) ?? []) ?? [];
      c.expect(filters.includes(`${ecrRepositoryPrefix(config.project)}/*`), `${region.name}: registry scans ${config.project}/* on push (got ${filters.join(', ') || 'no rule'})`);
    }
  }
  if (others.length === 0) return;

  for (const region of others) {
    const templates = (await aws.ecr(region).send(new DescribeRepositoryCreationTemplatesCommand({}))).repositoryCreationTemplates ?? [];
    const template = templates.find((t) => t.prefix === ecrRepositoryPrefix(config.project));
    c.expect(template?.appliedFor?.includes('REPLICATION') === true, `${region}: a REPLICATION creation template for ${config.project}/`);
    c.expect(template?.encryptionConfiguration?.kmsKey === keyOf(outputs, region), `${region}: the template encrypts with ${region}'s replica key (got ${template?.encryptionConfiguration?.kmsKey})`);
    c.expect(template?.imageTagMutability === 'IMMUTABLE', `${region}: the template makes immutable repositories`);
  }
  const registry = await client.send(new DescribeRegistryCommand({}));
  const destinations = registry.replicationConfiguration?.rules?.flatMap((r) => r.destinations?.map((d) => d.region) ?? []) ?? [];
  c.expect(sameMembers(destinations, others), `${primary}: replicates to ${others.join(', ')} (got ${destinations.join(', ') || 'nothing'})`);

  // One push per repository (tags are immutable, so a rerun of the checks would not push again).
  for (const name of names) {
    await client.send(new PutImageCommand({ repositoryName: name, imageManifest: E2E_MANIFEST, imageTag: E2E_TAG })).catch((e) => c.expect(false, `${primary}: push ${name}:${E2E_TAG} (${e})`));
  }
  for (const region of others) {
    const replicas = await projectRepositories(aws.ecr(region), config.project);
    for (const name of names) {
      const replica = replicas.find((r) => r.repositoryName === name);
      c.expect(Boolean(replica), `${region}: ${name} replicated from ${primary}`);
      c.expect(replica?.encryptionConfiguration?.kmsKey === keyOf(outputs, region), `${region}: the replicated ${name} is encrypted with ${region}'s replica key (got ${replica?.encryptionConfiguration?.encryptionType} ${replica?.encryptionConfiguration?.kmsKey ?? ''})`);
      c.expect(replica?.imageTagMutability === 'IMMUTABLE', `${region}: the replicated ${name} has immutable tags (got ${replica?.imageTagMutability})`);
      const images = replica ? (await aws.ecr(region).send(new DescribeImagesCommand({ repositoryName: name }))).imageDetails ?? [] : [];
      c.expect(images.some((i) => i.imageTags?.includes(E2E_TAG)), `${region}: ${name}:${E2E_TAG} is there`);
    }
  }
}

async function checkGoldenAmi(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const { imageBuilder } = config.compute;
  const primary = config.primaryRegion;
  const client = aws.imagebuilder(primary);
  const arn = outputs.globalCompute.get('golden_ami_pipeline_arn');
  const pipeline = (await client.send(new GetImagePipelineCommand({ imagePipelineArn: arn }))).imagePipeline;
  c.expect(pipeline?.name === imageBuilderNames(config.project).goldenAmi, `${primary}: the golden AMI pipeline ${arn}`);
  c.expect(pipeline?.schedule?.scheduleExpression === imageBuilder.schedule, `the pipeline runs on ${imageBuilder.schedule} (got ${pipeline?.schedule?.scheduleExpression})`);
  c.expect(pipeline?.imageTestsConfiguration?.imageTestsEnabled === true, 'the pipeline tests its images');
  c.expect(pipeline?.status === 'ENABLED', 'the pipeline is enabled');

  const distribution = (await client.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: pipeline?.distributionConfigurationArn }))).distributionConfiguration;
  const entries = distribution?.distributions ?? [];
  c.expect(sameMembers(entries.map((d) => d.region), config.regions.map((r) => r.name)), `the AMI is distributed to every Region (got ${entries.map((d) => d.region).join(', ')})`);
  for (const entry of entries) {
    const key = keyOf(outputs, entry.region!);
    c.expect(entry.amiDistributionConfiguration?.kmsKeyId === key, `${entry.region}: the distributed AMI is encrypted with ${entry.region}'s key (got ${entry.amiDistributionConfiguration?.kmsKeyId})`);
  }
  const distributionRegions = outputs.globalCompute.get('golden_ami_distribution_regions');
  c.expect(sameMembers(distributionRegions, config.regions.map((r) => r.name)), 'golden_ami_distribution_regions lists every Region');

  const infrastructure = (await client.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: pipeline?.infrastructureConfigurationArn }))).infrastructureConfiguration;
  const privateSubnets = outputs.region(primary).get('private_subnet_ids');
  c.expect(privateSubnets.includes(infrastructure?.subnetId ?? ''), `the build runs in a private subnet of ${primary} (got ${infrastructure?.subnetId})`);
  c.expect(infrastructure?.instanceMetadataOptions?.httpTokens === 'required', 'the build instance requires IMDSv2');
  c.expect(infrastructure?.terminateInstanceOnFailure === true, 'a failed build terminates its instance');
  c.expect(sameMembers(infrastructure?.instanceTypes ?? [], imageBuilder.instanceTypes), `the build uses ${imageBuilder.instanceTypes.join(', ')}`);
}

async function checkSnapshots(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const { snapshots } = config.compute;
  const names = config.regions.map((r) => r.name);
  const targets = snapshotCopyTargets(config.primaryRegion, names, snapshots.copyTargets);
  const ids = outputs.globalCompute.get('dlm_policy_ids');
  const role = outputs.global.get('dlm_role_arn');
  for (const region of names) {
    const client = aws.dlm(region);
    const summaries = (await client.send(new GetLifecyclePoliciesCommand({}))).Policies ?? [];
    c.expect(summaries.length === 1 && summaries[0].PolicyId === ids[region], `${region}: one DLM policy, ${ids[region]} (got ${summaries.map((s) => s.PolicyId).join(', ') || 'none'})`);
    const policy = ids[region] ? (await client.send(new GetDlmPolicyCommand({ PolicyId: ids[region] }))).Policy : undefined;
    c.expect(policy?.State === 'ENABLED' && policy.ExecutionRoleArn === role, `${region}: the policy is enabled and runs as ${role}`);
    const details = policy?.PolicyDetails;
    c.expect(details?.TargetTags?.some((t) => t.Key === snapshots.targetTag.key && t.Value === snapshots.targetTag.value) === true, `${region}: snapshots volumes tagged ${snapshots.targetTag.key}=${snapshots.targetTag.value}`);
    const schedule = details?.Schedules?.[0];
    c.expect(schedule?.RetainRule?.Interval === snapshots.retainDays && schedule.RetainRule.IntervalUnit === 'DAYS', `${region}: keeps snapshots ${snapshots.retainDays} days`);
    c.expect(schedule?.CreateRule?.Interval === snapshots.intervalHours, `${region}: one snapshot every ${snapshots.intervalHours} h`);
    const copies = schedule?.CrossRegionCopyRules ?? [];
    c.expect(sameMembers(copies.map((r) => r.Target), targets[region]), `${region}: copies to ${targets[region].join(', ') || 'nowhere'} (got ${copies.map((r) => r.Target).join(', ') || 'nowhere'})`);
    for (const copy of copies) {
      const key = keyOf(outputs, copy.Target!);
      c.expect(copy.Encrypted === true && copy.CmkArn === key, `${region} -> ${copy.Target}: the copy is encrypted with ${copy.Target}'s key (got ${copy.CmkArn})`);
      c.expect(copy.RetainRule?.Interval === snapshots.retainDays && copy.RetainRule.IntervalUnit === 'DAYS', `${region} -> ${copy.Target}: the copy is kept ${snapshots.retainDays} days`);
    }
  }
}

/**
 * After destroy: no DLM policy, pipeline or creation template, replication off, EBS defaults back
 * to AWS's. The repositories stay: the primary ones are prevent_destroy (released from state before
 * destroy), their replicas were created by ECR, not Terraform; an operator deletes both by hand.
 */
export async function checkComputeDestroyed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const others = config.regions.filter((r) => !r.isPrimary).map((r) => r.name);
  for (const region of config.regions.map((r) => r.name)) {
    c.expect(((await aws.dlm(region).send(new GetLifecyclePoliciesCommand({}))).Policies ?? []).length === 0, `${region}: no DLM policy left`);
    c.expect((await aws.ec2(region).send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault === false, `${region}: EBS encryption by default back to off`);
  }
  if (config.compute.imageBuilder.enable) {
    // By ARN: the emulator has no ListImagePipelines (emulator-gaps.json, imagebuilder-resources).
    const arn = outputs.globalCompute.get('golden_ami_pipeline_arn');
    const gone = await aws.imagebuilder(config.primaryRegion).send(new GetImagePipelineCommand({ imagePipelineArn: arn })).then(() => false, (e) => e?.name === 'ResourceNotFoundException');
    c.expect(gone, `${config.primaryRegion}: the golden AMI pipeline ${arn} is deleted`);
  }
  for (const region of others) {
    const templates = (await aws.ecr(region).send(new DescribeRepositoryCreationTemplatesCommand({}))).repositoryCreationTemplates ?? [];
    c.expect(templates.length === 0, `${region}: no repository creation template left`);
  }
  const registry = await aws.ecr(config.primaryRegion).send(new DescribeRegistryCommand({}));
  c.expect((registry.replicationConfiguration?.rules ?? []).length === 0, `${config.primaryRegion}: registry replication is off`);
  if (config.compute.ecr.enable) {
    const kept = await projectRepositories(aws.ecr(config.primaryRegion), config.project);
    c.expect(kept.length === config.compute.ecr.repositories.length, `${config.primaryRegion}: the protected repositories are kept (prevent_destroy), ${kept.length} of ${config.compute.ecr.repositories.length}`);
  }
}
