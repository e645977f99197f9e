import { GITHUB_OIDC_URL, githubActionsTrust, githubBranchSubject, githubEnvironmentSubject, githubPullRequestSubject } from '../../src/aws/github-oidc';

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

describe('GitHub OIDC trust', () => {
  test('subjects as GitHub writes them into the token', () => {
    expect(githubBranchSubject('acme/infra', 'main')).toBe('repo:acme/infra:ref:refs/heads/main');
    expect(githubBranchSubject('acme/infra', 'release/v1')).toBe('repo:acme/infra:ref:refs/heads/release/v1');
    expect(githubPullRequestSubject('acme/infra')).toBe('repo:acme/infra:pull_request');
    expect(githubEnvironmentSubject('acme/infra', 'production')).toBe('repo:acme/infra:environment:production');
    expect(GITHUB_OIDC_URL).toBe('https://token.actions.githubusercontent.com');
  });

  test('audience and subjects compared exactly', () => {
    expect(githubActionsTrust('Ci', PROVIDER, ['repo:acme/infra:ref:refs/heads/main'])).toEqual({
      Sid: 'Ci',
      Effect: 'Allow',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': ['repo:acme/infra:ref:refs/heads/main'] },
      },
    });
  });

  test('an environment subject is pinned exactly, beside branch subjects', () => {
    const subjects = ['repo:acme/infra:ref:refs/heads/main', 'repo:acme/infra:environment:production', 'repo:acme/infra:environment:Prod EU'];
    expect(githubActionsTrust('Ci', PROVIDER, subjects).Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': subjects },
    });
  });

  test.each([
    ['repo:acme/*:ref:refs/heads/main'],
    ['repo:acme/infra:environment:*'],
    ['repo:acme/infra:environment:prod*'],
    ['repo:acme/infra:environment:'],
    ['repo:acme/infra:environment:prod:ref:refs/heads/main'],
    ['repo:*'],
    ['repo:acme/infra:ref:refs/heads/*'],
    ['repo:acme/infra:ref:refs/tags/v1'],
  ])('subject %p is refused: not one repository and one branch, environment or pull_request', (subject) => {
    expect(() => githubActionsTrust('Ci', PROVIDER, [subject])).toThrow(`githubActionsTrust subjects: received ${JSON.stringify(subject)}; expected "repo:<owner>/<repository>:ref:refs/heads/<branch>"`);
  });

  test('no subjects is refused', () => {
    expect(() => githubActionsTrust('Ci', PROVIDER, [])).toThrow('githubActionsTrust subjects: received []');
  });
});
