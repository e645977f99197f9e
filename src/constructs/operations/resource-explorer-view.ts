import { Construct } from 'constructs';
import { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Resourceexplorer2View } from '@cdktf/provider-aws/lib/resourceexplorer2-view';
import { PROJECT_PATTERN } from '../../config/patterns';
import { PROJECT_TAG_KEY } from '../../aws/tags';

/** The query that selects the project's resources: everything carrying the provider's project tag. */
export function projectFilter(project: string): string {
  return `tag:${PROJECT_TAG_KEY}=${project}`;
}

/** The name of the project's view: `<project>-resources`. */
export function projectViewName(project: string): string {
  return `${project}-resources`;
}

export interface ResourceExplorerViewProps {
  /** Name prefix of the project; the view is `<project>-resources` and selects `tag:FoundationProject=<project>`. */
  readonly project: string;
  /**
   * The index of the view's Region (the aggregator, for a view over every Region): a view can only
   * be created where Resource Explorer is on, so the view is created after it and destroyed before it.
   */
  readonly index: ITerraformDependable;
  /** The provider of the view's Region when it is not the stack's default. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * A view of the project's resources in every indexed Region (when its Region holds the aggregator):
 * filtered on the project tag, with each resource's tags in the results.
 *
 * Not the Region's default view: the default is a setting of the account and Region that every
 * search without a view uses, console searches of other teams included; the foundation does not
 * narrow theirs to its own resources, nor own a setting it shares with them. Callers (the
 * inventory, the e2e checks) name this view by its ARN, a stack output.
 */
export class ResourceExplorerView extends Construct {
  readonly view: Resourceexplorer2View;

  constructor(scope: Construct, id: string, props: ResourceExplorerViewProps) {
    super(scope, id);
    if (!PROJECT_PATTERN.test(props.project)) {
      throw new Error(`ResourceExplorerView ${id} project: received ${JSON.stringify(props.project)}; expected 3-32 lowercase letters, digits or "-", starting with a letter`);
    }
    this.view = new Resourceexplorer2View(this, 'view', {
      provider: props.provider,
      // Letters, digits and "-", at most 64: always so for a project name (3-32 of them).
      name: projectViewName(props.project),
      defaultView: false,
      filters: [{ filterString: projectFilter(props.project) }],
      includedProperty: [{ name: 'tags' }],
      dependsOn: [props.index],
    });
  }

  get arn(): string {
    return this.view.arn;
  }
}
