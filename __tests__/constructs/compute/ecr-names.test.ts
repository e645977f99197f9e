import {
  checkEcrProject,
  checkEcrRepositoryName,
  ecrLifecyclePolicy,
  ecrReplicationFilter,
  ecrRepositoryName,
  ecrRepositoryUrl,
  ecrRepositoryUrlsByRegion,
  ecrScanningFilter,
  ecrTemplateRoleName,
} from '../../../src/constructs/compute/ecr-names';

describe('ECR names', () => {
  test('every project repository is <project>/<name>; replication filters on "<project>/", scanning on "<project>/*"', () => {
    expect(ecrRepositoryName('acme', 'team/web')).toBe('acme/team/web');
    expect(ecrReplicationFilter('acme')).toBe('acme/');
    expect(ecrScanningFilter('acme')).toBe('acme/*');
    expect(ecrTemplateRoleName('acme')).toBe('acme-ecr-templates');
  });

  test('the replication filter (a plain string prefix) does not reach a project whose name starts with ours', () => {
    expect('acme-other/app'.startsWith(ecrReplicationFilter('acme'))).toBe(false);
    expect('acme/app'.startsWith(ecrReplicationFilter('acme'))).toBe(true);
  });

  test('repository URLs per Region are built as ECR names them', () => {
    expect(ecrRepositoryUrl('123456789012', 'eu-west-1', 'acme/app')).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/app');
    expect(ecrRepositoryUrl('123456789012', 'cn-north-1', 'acme/app', 'amazonaws.com.cn')).toBe('123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/acme/app');
  });

  test('URLs per Region: every configured repository in every Region, by Region then configured name', () => {
    expect(ecrRepositoryUrlsByRegion({ registryId: '123456789012', regions: ['us-east-1', 'eu-west-1'], project: 'acme', repositories: ['app', 'team/web'] })).toEqual({
      'eu-west-1': { app: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/app', 'team/web': '123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/team/web' },
      'us-east-1': { app: '123456789012.dkr.ecr.us-east-1.amazonaws.com/acme/app', 'team/web': '123456789012.dkr.ecr.us-east-1.amazonaws.com/acme/team/web' },
    });
  });

  test('a project that cannot be an ECR name component is refused, naming the owner and the rule', () => {
    expect(() => checkEcrProject('X y', 'ab--c')).toThrow('X y project: received "ab--c"; expected the project name as one ECR name component');
    expect(() => checkEcrProject('X y', 'multi-region')).not.toThrow();
  });

  test('the full name counts against ECR\'s 256 characters', () => {
    expect(() => checkEcrRepositoryName('X y', 'acme', 'a'.repeat(251))).not.toThrow();
    expect(() => checkEcrRepositoryName('X y', 'acme', 'a'.repeat(252))).toThrow(
      `X y repositories: received "${'a'.repeat(252)}" (created as "acme/${'a'.repeat(252)}"); expected 2-256 characters (this one has 257)`,
    );
  });
});

describe('ecrLifecyclePolicy', () => {
  test('is exactly: untagged images expire after D days (priority 1), then only the last N images are kept (priority 2)', () => {
    expect(JSON.parse(ecrLifecyclePolicy({ keepLastImages: 30, untaggedExpireDays: 7 }))).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: 'Expire untagged images 7 days after push',
          selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 },
          action: { type: 'expire' },
        },
        {
          rulePriority: 2,
          description: 'Keep the last 30 images',
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 },
          action: { type: 'expire' },
        },
      ],
    });
  });

  test('the "any" rule has the highest priority number, as ECR requires', () => {
    const rules = JSON.parse(ecrLifecyclePolicy({ keepLastImages: 3, untaggedExpireDays: 1 })).rules;
    const any = rules.find((r: any) => r.selection.tagStatus === 'any');
    expect(any.rulePriority).toBe(Math.max(...rules.map((r: any) => r.rulePriority)));
  });

  test.each([
    [{ keepLastImages: 0, untaggedExpireDays: 7 }, 'ecrLifecyclePolicy keepLastImages: received 0; expected a positive integer'],
    [{ keepLastImages: 30, untaggedExpireDays: 1.5 }, 'ecrLifecyclePolicy untaggedExpireDays: received 1.5; expected a positive integer'],
  ])('refuses %j', (settings, message) => {
    expect(() => ecrLifecyclePolicy(settings)).toThrow(message);
  });
});
