import { roleNames } from '../../aws/resource-names';
/**
 * ECR naming rules and the names this project derives from them. Every repository of the project is
 * `<project>/<name>`: the prefix is what the REPLICATION creation templates, the replication filter,
 * the registry scanning filter and the deploy role's repository ARNs all select on, so one prefix
 * keeps the four in step and leaves every other repository of the account alone.
 */

/** ECR's rule for one repository name (CreateRepository): lowercase path components joined by "/". */
export const ECR_REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
export const ECR_REPOSITORY_NAME_MAX = 256;
export const ECR_REPOSITORY_NAME_RULE =
  'lowercase letters and digits in components separated by "/", each component joined inside by single ".", "_" or "-" (e.g. "app" or "team/web-api")';

/** Why `name` is not a valid ECR repository name, or undefined when it is one. */
export function ecrRepositoryNameProblem(name: string): string | undefined {
  if (name.length < 2 || name.length > ECR_REPOSITORY_NAME_MAX) {
    return `expected 2-${ECR_REPOSITORY_NAME_MAX} characters (this one has ${name.length})`;
  }
  if (!ECR_REPOSITORY_NAME.test(name)) return `expected ${ECR_REPOSITORY_NAME_RULE}`;
  return undefined;
}

/**
 * The namespace of the project's repositories: the project name, a valid ECR name component
 * (3-32 of a-z 0-9 -, see the `project` config key).
 */
export function ecrRepositoryPrefix(project: string): string {
  return project;
}

/** Full name of a configured repository: `<project>/<name>`. */
export function ecrRepositoryName(project: string, name: string): string {
  return `${ecrRepositoryPrefix(project)}/${name}`;
}

/**
 * The replication rule's PREFIX_MATCH filter. It is a plain string prefix, so the trailing "/" keeps
 * `acme` from also matching `acme-other/...`. (A creation template's prefix has an implied "/".)
 */
export function ecrReplicationFilter(project: string): string {
  return `${ecrRepositoryPrefix(project)}/`;
}

/** The registry scanning rule's WILDCARD filter: every repository under the project's namespace. */
export function ecrScanningFilter(project: string): string {
  return `${ecrRepositoryPrefix(project)}/*`;
}

/**
 * The role ECR assumes to create replicated repositories from the creation templates (KMS and
 * tags need one: the service-linked role AWSServiceRoleForECRTemplate may only CreateRepository).
 */
export function ecrTemplateRoleName(project: string): string {
  return roleNames(project).ecrTemplateRole;
}

/**
 * URL of a repository in a Region's registry: `<registry>.dkr.ecr.<region>.<dns suffix>/<name>`.
 * Replicated repositories are created by ECR, not Terraform, so their URLs are built, not read.
 */
export function ecrRepositoryUrl(registryId: string, region: string, repositoryName: string, dnsSuffix = 'amazonaws.com'): string {
  return `${registryId}.dkr.ecr.${region}.${dnsSuffix}/${repositoryName}`;
}

/** Settings of the lifecycle policy every project repository carries, in the primary Region and replicated. */
export interface EcrLifecycleSettings {
  /** Images kept per repository (the newest); older ones expire. */
  readonly keepLastImages: number;
  /** Days after which an untagged image expires. */
  readonly untaggedExpireDays: number;
}

/**
 * The lifecycle policy document: untagged images expire after D days (priority 1), and of all
 * images only the newest N are kept (priority 2). ECR requires the "any" rule to have the highest
 * priority number, so it is evaluated last.
 */
export function ecrLifecyclePolicy(settings: EcrLifecycleSettings): string {
  for (const [key, value] of Object.entries({ keepLastImages: settings.keepLastImages, untaggedExpireDays: settings.untaggedExpireDays })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`ecrLifecyclePolicy ${key}: received ${JSON.stringify(value)}; expected a positive integer`);
    }
  }
  return JSON.stringify(
    {
      rules: [
        {
          rulePriority: 1,
          description: `Expire untagged images ${settings.untaggedExpireDays} days after push`,
          selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: settings.untaggedExpireDays },
          action: { type: 'expire' },
        },
        {
          rulePriority: 2,
          description: `Keep the last ${settings.keepLastImages} images`,
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: settings.keepLastImages },
          action: { type: 'expire' },
        },
      ],
    },
    null,
    2,
  );
}

/** Throws unless the project name can be the repositories' namespace (one ECR name component). */
export function checkEcrProject(owner: string, project: string): void {
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(project) || project.length > 32) {
    throw new Error(
      `${owner} project: received ${JSON.stringify(project)}; expected the project name as one ECR name component: lowercase letters and digits joined by single "-", "." or "_", at most 32 characters`,
    );
  }
}

/** Throws unless `name` names a repository below the project's namespace that ECR accepts as `<project>/<name>`. */
export function checkEcrRepositoryName(owner: string, project: string, name: string): void {
  const problem = ecrRepositoryNameProblem(name) ?? ecrRepositoryNameProblem(ecrRepositoryName(project, name));
  if (problem !== undefined) {
    throw new Error(`${owner} repositories: received ${JSON.stringify(name)} (created as "${ecrRepositoryName(project, name)}"); ${problem}`);
  }
}

/**
 * Every configured repository's URL in every Region (the primary's and the replicas'), by Region
 * then configured name: the value of a "repository URLs per Region" output. Built from names, as
 * ECR creates the replicas on the first replicated push; the primary's equals its repository_url.
 */
export function ecrRepositoryUrlsByRegion(props: {
  readonly registryId: string;
  readonly regions: readonly string[];
  readonly project: string;
  readonly repositories: readonly string[];
  readonly dnsSuffix?: string;
}): Record<string, Record<string, string>> {
  return Object.fromEntries(
    [...props.regions]
      .sort()
      .map((region) => [
        region,
        Object.fromEntries(props.repositories.map((name) => [name, ecrRepositoryUrl(props.registryId, region, ecrRepositoryName(props.project, name), props.dnsSuffix)])),
      ]),
  );
}
