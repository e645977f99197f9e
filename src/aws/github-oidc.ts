import { Statement } from './policy-documents';

/** GitHub Actions' OIDC issuer; IAM names the provider after its host. */
export const GITHUB_OIDC_URL = 'https://token.actions.githubusercontent.com';
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** Audience that aws-actions/configure-aws-credentials requests. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/** Token subject of a workflow run on a branch (jobs without `environment:`). */
export const githubBranchSubject = (repository: string, branch: string): string => `repo:${repository}:ref:refs/heads/${branch}`;
/**
 * Token subject of a job that names a GitHub environment (`environment:`): GitHub puts the environment
 * in place of the branch, so such a job matches no branch subject.
 */
export const githubEnvironmentSubject = (repository: string, environment: string): string => `repo:${repository}:environment:${environment}`;
/** Token subject of a workflow run for a pull request. */
export const githubPullRequestSubject = (repository: string): string => `repo:${repository}:pull_request`;

/** What a pinned subject looks like: one repository, one branch, environment or pull_request, no pattern characters. */
const PINNED_SUBJECT = /^repo:[A-Za-z0-9-]+\/[A-Za-z0-9._-]+:(ref:refs\/heads\/[^*?\s]+|environment:[^*?:/\\,'"`\x00-\x1f\x7f]+|pull_request)$/;

/**
 * Trust for GitHub Actions workflow runs whose token was issued for STS (`aud`) and whose subject
 * (`sub`) is one of `subjects`, compared exactly (StringEquals), so no other repository, branch or
 * event matches.
 */
export function githubActionsTrust(sid: string, providerArn: string, subjects: readonly string[]): Statement {
  const bad = subjects.find((s) => typeof s !== 'string' || !PINNED_SUBJECT.test(s));
  if (subjects.length === 0 || bad !== undefined) {
    throw new Error(
      `githubActionsTrust subjects: received ${JSON.stringify(subjects.length === 0 ? subjects : bad)}; expected "repo:<owner>/<repository>:ref:refs/heads/<branch>", "repo:<owner>/<repository>:environment:<environment>" or "repo:<owner>/<repository>:pull_request", without wildcards`,
    );
  }
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Federated: providerArn },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE, [`${GITHUB_OIDC_HOST}:sub`]: [...subjects] } },
  };
}
