import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { checkKeyArnInRegion, checkRegion } from './ecr-key-check';
import { EcrLifecycleSettings, checkEcrProject, checkEcrRepositoryName, ecrLifecyclePolicy, ecrRepositoryName } from './ecr-names';

export interface EcrRepositoriesProps {
  /** Provider of the primary Region, where the repositories are created and replicated from. */
  readonly provider: TerraformProvider;
  /** The primary Region (the provider's). */
  readonly region: string;
  /** The project name: every repository is `<project>/<name>`, the namespace replication selects. */
  readonly project: string;
  /** Repository names below the project's namespace (`compute.ecr.repositories[].name`), each once. */
  readonly repositories: readonly string[];
  /** The multi-Region key in the primary Region (its ARN): encrypts every image layer and manifest. */
  readonly kmsKeyArn: string;
  /** Lifecycle policy numbers, the same as the replicated repositories' (`compute.ecr.lifecycle`). */
  readonly lifecycle: EcrLifecycleSettings;
  /** Basic scan of every pushed image. @default true */
  readonly scanOnPush?: boolean;
}

/** Construct id of a repository: its name with every character Terraform refuses in an id as "_". */
const idOf = (name: string) => name.replace(/[^a-z0-9-]/g, '_');

/**
 * The project's private repositories in the primary Region, the source of registry replication.
 *
 * Tags are immutable, so a deployed tag always means the same image in every Region (replicas of a
 * mutable tag could differ while replication catches up). Images are encrypted with the
 * multi-Region key; ECR takes the key when a repository is created and never changes it, so a
 * change of key replaces the repository, which `prevent_destroy` stops in the plan. `force_delete`
 * stays false: deleting a repository that still holds images fails instead of dropping them.
 */
export class EcrRepositories extends Construct {
  /** Repository resources by configured name (without the project prefix). */
  readonly repositories: Record<string, EcrRepository>;
  readonly lifecyclePolicies: Record<string, EcrLifecyclePolicy>;
  /** `<registry>.dkr.ecr.<primary Region>.<suffix>/<project>/<name>` by configured name. */
  readonly repositoryUrls: Record<string, string>;

  constructor(scope: Construct, id: string, props: EcrRepositoriesProps) {
    super(scope, id);
    const owner = `EcrRepositories ${id}`;
    validate(owner, props);
    const policy = ecrLifecyclePolicy(props.lifecycle);
    this.repositories = {};
    this.lifecyclePolicies = {};
    this.repositoryUrls = {};
    for (const name of props.repositories) {
      const repository = new EcrRepository(this, `repository_${idOf(name)}`, {
        provider: props.provider,
        name: ecrRepositoryName(props.project, name),
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: props.scanOnPush ?? true },
        encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: props.kmsKeyArn }],
        forceDelete: false,
        lifecycle: { preventDestroy: true },
      });
      this.lifecyclePolicies[name] = new EcrLifecyclePolicy(this, `lifecycle_${idOf(name)}`, {
        provider: props.provider,
        repository: repository.name,
        policy,
      });
      this.repositories[name] = repository;
      this.repositoryUrls[name] = repository.repositoryUrl;
    }
  }
}

function validate(owner: string, props: EcrRepositoriesProps): void {
  checkEcrProject(owner, props.project);
  checkRegion(owner, props.provider, props.region);
  checkKeyArnInRegion(owner, 'kmsKeyArn', props.kmsKeyArn, props.region, 'the multi-Region key');
  if (props.repositories.length === 0) {
    throw new Error(`${owner} repositories: received []; expected at least one repository name`);
  }
  const ids = new Map<string, string>();
  for (const name of props.repositories) {
    checkEcrRepositoryName(owner, props.project, name);
    const other = ids.get(idOf(name));
    if (other !== undefined) {
      throw new Error(
        other === name
          ? `${owner} repositories: received ${JSON.stringify(name)} twice; expected each repository once`
          : `${owner} repositories: received ${JSON.stringify(other)} and ${JSON.stringify(name)}, which differ only in "/", "." or "_"; expected names that stay distinct as Terraform addresses`,
      );
    }
    ids.set(idOf(name), name);
  }
}
