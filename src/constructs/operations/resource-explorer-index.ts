import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Resourceexplorer2Index } from '@cdktf/provider-aws/lib/resourceexplorer2-index';

/** LOCAL: the Region's own resources. AGGREGATOR: also every other Region's index, replicated in. */
export const INDEX_TYPES = ['LOCAL', 'AGGREGATOR'] as const;
export type IndexType = (typeof INDEX_TYPES)[number];

export interface ResourceExplorerIndexProps {
  /**
   * LOCAL in every Region but one; AGGREGATOR in the Region that answers cross-Region searches (the
   * primary). An account has at most one aggregator, and after an aggregator is demoted AWS refuses
   * a new one for 24 hours.
   */
  readonly type: IndexType;
  /** The provider of the index's Region when it is not the stack's default. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * Turns Resource Explorer on in one Region: its index (one per account and Region). The provider
 * creates it LOCAL, waits for ACTIVE and, for an aggregator, promotes it and waits again; the
 * aggregator then replicates every other Region's index within minutes to hours. The index carries
 * the provider's default tags, the project tag among them, which scopes the deploy role to it.
 */
export class ResourceExplorerIndex extends Construct {
  readonly index: Resourceexplorer2Index;

  constructor(scope: Construct, id: string, props: ResourceExplorerIndexProps) {
    super(scope, id);
    if (!(INDEX_TYPES as readonly string[]).includes(props.type)) {
      throw new Error(`ResourceExplorerIndex ${id} type: received ${JSON.stringify(props.type)}; expected one of ${INDEX_TYPES.join(', ')}`);
    }
    this.index = new Resourceexplorer2Index(this, 'index', { provider: props.provider, type: props.type });
  }

  get arn(): string {
    return this.index.arn;
  }
}
