import { ResourceExplorerIndex } from '../../../src/constructs/operations/resource-explorer-index';
import { ResourceExplorerView, projectFilter, projectViewName } from '../../../src/constructs/operations/resource-explorer-view';
import { synthConstruct } from '../../helpers/synth';
import { only, policyFixture } from '../../helpers/inspect';

describe('ResourceExplorerView', () => {
  const build = (project = 'acme') =>
    synthConstruct((scope) => {
      const explorer = new ResourceExplorerIndex(scope, 'explorer', { type: 'AGGREGATOR' });
      new ResourceExplorerView(scope, 'view', { project, index: explorer.index });
    });

  test('<project>-resources, filtered on the project tag, with tags in the results; not the default view; after its index', () => {
    const stack = build();
    const [indexId] = only(stack, 'aws_resourceexplorer2_index');
    const [, view] = only(stack, 'aws_resourceexplorer2_view');
    expect(view).toEqual({
      name: 'acme-resources',
      default_view: false,
      filters: [{ filter_string: 'tag:FoundationProject=acme' }],
      included_property: [{ name: 'tags' }],
      depends_on: [`aws_resourceexplorer2_index.${indexId}`],
    });
  });

  test('the filter and the name follow the project', () => {
    expect(projectFilter('multi-region')).toBe('tag:FoundationProject=multi-region');
    expect(projectViewName('multi-region')).toBe('multi-region-resources');
    // The longest project name still makes a valid view name (letters, digits, "-", at most 64).
    expect(projectViewName('a'.repeat(32))).toMatch(/^[0-9A-Za-z-]{1,64}$/);
  });

  test('a project name that is not one is refused, naming the field and the rule', () => {
    expect(() => build('Acme Corp')).toThrow('ResourceExplorerView view project: received "Acme Corp"; expected 3-32 lowercase letters, digits or "-", starting with a letter');
  });

  test('passes the foundation\'s compliance rules', () => {
    expect(
      policyFixture((scope) => {
        const explorer = new ResourceExplorerIndex(scope, 'explorer', { type: 'AGGREGATOR' });
        new ResourceExplorerView(scope, 'view', { project: 'acme', index: explorer.index });
      }).violations(),
    ).toEqual([]);
  });
});
