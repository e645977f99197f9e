import { z } from 'zod';
import { ECR_REPOSITORY_NAME_RULE, ecrRepositoryNameProblem } from '../../constructs/compute/ecr-names';

const integer = (min: number, max: number) => {
  const rule = `expected an integer from ${min} to ${max}`;
  return z.number({ error: rule }).int({ error: rule }).min(min, { error: rule }).max(max, { error: rule });
};

const repository = z.strictObject({
  /**
   * Repository name below the project's namespace: created as `<project>/<name>` in the primary
   * Region and replicated under the same name to every other Region.
   */
  name: z
    .string({ error: `expected a repository name: ${ECR_REPOSITORY_NAME_RULE}` })
    .superRefine((name, ctx) => {
      const problem = ecrRepositoryNameProblem(name);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
});

/** The example repository of the default config: `<project>/app`. */
export const DEFAULT_ECR_REPOSITORIES = [{ name: 'app' }];

/**
 * `compute.ecr`: private repositories in the primary Region, replicated one way to every other
 * Region on that Region's key (repository creation templates, registry replication), scanned on push.
 */
export const ecrSchema = z
  .strictObject({
    /** ECR repositories, creation templates, replication and registry scanning. @default true */
    enable: z.boolean({ error: 'expected true or false' }).default(true),
    /**
     * Repositories created in the primary Region as `<project>/<name>` (immutable tags, KMS with the
     * multi-Region key, lifecycle policy) and replicated to every other Region.
     * @default [{ "name": "app" }]
     */
    repositories: z
      .array(repository, { error: 'expected a list of { name }' })
      .min(1, { error: 'expected at least one repository (set compute.ecr.enable to false to turn ECR off)' })
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((r, i) => {
          if (seen.has(r.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'listed twice; expected each repository name once' });
          seen.add(r.name);
        });
      })
      .default(DEFAULT_ECR_REPOSITORIES),
    lifecycle: z
      .strictObject({
        /** Images kept per repository, newest first; older images expire. Applies in every Region. @default 30 */
        keepLastImages: integer(1, 10000).default(30),
        /** Days after push when an untagged image expires. Applies in every Region. @default 7 */
        untaggedExpireDays: integer(1, 3650).default(7),
      })
      .prefault({}),
    /**
     * Basic scanning on push of the project's repositories (`<project>/*`) in every Region. Registry
     * scanning configuration is per Region and per account: it replaces any scanning configuration
     * the account already has in each configured Region. @default true
     */
    scanOnPush: z.boolean({ error: 'expected true or false' }).default(true),
  })
  .prefault({});

export type EcrConfig = z.infer<typeof ecrSchema>;
