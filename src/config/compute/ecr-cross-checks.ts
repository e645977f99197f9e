import { ConfigProblem } from '../errors';
import { DEFAULT_PROJECT, PROJECT_PATTERN } from '../patterns';
import { ECR_REPOSITORY_NAME, ECR_REPOSITORY_NAME_MAX, ecrRepositoryName } from '../../constructs/compute/ecr-names';
import { DEFAULT_ECR_REPOSITORIES } from './ecr-schema';

type Raw = Record<string, unknown>;
const asObject = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});

/** ECR's rule for one name component: the project is the namespace of every repository. */
const ECR_COMPONENT = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/**
 * Rules of `compute.ecr` that involve another field (for `crossChecks` in src/config/cross-checks.ts).
 * They read the raw input defensively, as the other cross-checks do, and say nothing about values
 * the schema already refuses. With ECR off (`compute.ecr.enable: false`) none applies.
 *
 * - The project name is the repositories' namespace, so it must be one ECR name component: the
 *   project pattern allows "--", which ECR refuses.
 * - `<project>/<name>` must fit ECR's 256 characters.
 */
export function ecrCrossChecks(input: unknown): ConfigProblem[] {
  const root = asObject(input);
  const ecr = asObject(asObject(root.compute).ecr);
  if (ecr.enable === false) return [];
  const project = root.project === undefined ? DEFAULT_PROJECT : root.project;
  if (typeof project !== 'string' || !PROJECT_PATTERN.test(project)) return [];
  const problems: ConfigProblem[] = [];
  if (!ECR_COMPONENT.test(project)) {
    problems.push({
      path: ['project'],
      received: project,
      message: 'names the ECR namespace of every repository (compute.ecr.enable is true), and ECR allows only single "-" between letters and digits; expected a project name without "--", or compute.ecr.enable false',
    });
    return problems;
  }
  const repositories = ecr.repositories === undefined ? DEFAULT_ECR_REPOSITORIES : ecr.repositories;
  if (!Array.isArray(repositories)) return problems;
  repositories.forEach((repository, i) => {
    const name = asObject(repository).name;
    if (typeof name !== 'string' || !ECR_REPOSITORY_NAME.test(name)) return;
    const full = ecrRepositoryName(project, name);
    if (full.length > ECR_REPOSITORY_NAME_MAX) {
      problems.push({
        path: ['compute', 'ecr', 'repositories', i, 'name'],
        received: name,
        message: `is created as "${project}/<name>", ${full.length} characters; ECR allows at most ${ECR_REPOSITORY_NAME_MAX}: expected a name of at most ${ECR_REPOSITORY_NAME_MAX - project.length - 1} characters`,
      });
    }
  });
  return problems;
}
