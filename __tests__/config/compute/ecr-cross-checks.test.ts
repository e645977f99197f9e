import { ecrCrossChecks } from '../../../src/config/compute/ecr-cross-checks';

describe('compute.ecr cross-checks', () => {
  test('the default config and a valid one have no problem', () => {
    expect(ecrCrossChecks({})).toEqual([]);
    expect(ecrCrossChecks({ project: 'acme', compute: { ecr: { repositories: [{ name: 'team/web' }] } } })).toEqual([]);
  });

  test('a project with "--" cannot name an ECR namespace', () => {
    expect(ecrCrossChecks({ project: 'acme--prod' })).toEqual([
      {
        path: ['project'],
        received: 'acme--prod',
        message:
          'names the ECR namespace of every repository (compute.ecr.enable is true), and ECR allows only single "-" between letters and digits; expected a project name without "--", or compute.ecr.enable false',
      },
    ]);
  });

  test('<project>/<name> longer than 256 characters, naming the longest name that fits', () => {
    const name = 'a'.repeat(252);
    expect(ecrCrossChecks({ project: 'acme', compute: { ecr: { repositories: [{ name: 'app' }, { name }] } } })).toEqual([
      {
        path: ['compute', 'ecr', 'repositories', 1, 'name'],
        received: name,
        message: 'is created as "acme/<name>", 257 characters; ECR allows at most 256: expected a name of at most 251 characters',
      },
    ]);
    expect(ecrCrossChecks({ project: 'acme', compute: { ecr: { repositories: [{ name: 'a'.repeat(251) }] } } })).toEqual([]);
  });

  test('nothing applies with ECR off, and values the schema refuses are left to it', () => {
    expect(ecrCrossChecks({ project: 'acme--prod', compute: { ecr: { enable: false } } })).toEqual([]);
    expect(ecrCrossChecks({ project: 'Acme--Prod' })).toEqual([]);
    expect(ecrCrossChecks({ project: 'acme', compute: { ecr: { repositories: [{ name: 'App' }, 'x', null] } } })).toEqual([]);
    expect(ecrCrossChecks({ project: 'acme', compute: { ecr: { repositories: 'app' } } })).toEqual([]);
  });
});
