import { Construct } from 'constructs';
import { ITerraformDependable, TerraformProvider } from 'cdktf';
import { EcrReplicationConfiguration } from '@cdktf/provider-aws/lib/ecr-replication-configuration';
import { checkEcrProject, ecrReplicationFilter, ecrRepositoryPrefix } from './ecr-names';
import { checkRegion } from './ecr-key-check';
import { isReference } from './regional-key-arn';
import { EcrReplicationTemplate } from './ecr-replication-template';

export interface EcrReplicationProps {
  /** Provider of the source Region (the active Region), whose registry replicates. */
  readonly provider: TerraformProvider;
  /** The source Region. */
  readonly region: string;
  /** Registry (account) id of the destinations: replication stays in this account. */
  readonly registryId: string;
  /** The project: only repositories under `<project>/` replicate. */
  readonly project: string;
  /**
   * The REPLICATION creation template of every destination Region, exactly one per Region: the
   * destinations are their Regions, and replication is switched on after all of them exist.
   */
  readonly templates: readonly EcrReplicationTemplate[];
  /** Whatever else must exist first in the destinations (e.g. their registry scanning configuration). @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * One-way registry replication from the source (active) Region to every other configured Region, in this
 * account, of the project's repositories only (PREFIX_MATCH `<project>/`). The destinations are the
 * templates' Regions, so adding a Region (and with it a template) adds its destination, and no
 * destination can be switched on without the template that encrypts it with its own key: ECR
 * creates a destination repository on the first replicated push, and a template created after that
 * would not apply to it.
 */
export class EcrReplication extends Construct {
  readonly configuration: EcrReplicationConfiguration;
  /** Destination Regions, sorted. */
  readonly destinationRegions: readonly string[];

  constructor(scope: Construct, id: string, props: EcrReplicationProps) {
    super(scope, id);
    const owner = `EcrReplication ${id}`;
    checkEcrProject(owner, props.project);
    checkRegion(owner, props.provider, props.region);
    if (!isReference(props.registryId) && !/^\d{12}$/.test(props.registryId)) {
      throw new Error(`${owner} registryId: received ${JSON.stringify(props.registryId)}; expected this account's 12-digit id`);
    }
    if (props.templates.length === 0) {
      throw new Error(`${owner} templates: received []; expected the creation template of every other configured Region (a single-Region foundation has no replication)`);
    }
    const regions = props.templates.map((t) => t.region);
    const twice = regions.find((r, i) => regions.indexOf(r) !== i);
    if (twice !== undefined) throw new Error(`${owner} templates: received two templates for ${twice}; expected one per destination Region`);
    if (regions.includes(props.region)) {
      throw new Error(`${owner} templates: received a template for the source Region ${props.region}; expected only the other Regions (ECR does not replicate a registry to itself)`);
    }
    const foreign = props.templates.find((t) => t.prefix !== ecrRepositoryPrefix(props.project));
    if (foreign !== undefined) {
      throw new Error(
        `${owner} templates: received the template of ${foreign.region} for prefix ${JSON.stringify(foreign.prefix)}; expected templates for ${JSON.stringify(ecrRepositoryPrefix(props.project))}, the namespace this configuration replicates`,
      );
    }
    this.destinationRegions = [...regions].sort();
    this.configuration = new EcrReplicationConfiguration(this, 'configuration', {
      provider: props.provider,
      replicationConfiguration: {
        rule: [
          {
            destination: this.destinationRegions.map((region) => ({ region, registryId: props.registryId })),
            repositoryFilter: [{ filter: ecrReplicationFilter(props.project), filterType: 'PREFIX_MATCH' }],
          },
        ],
      },
      dependsOn: [...props.templates.map((t) => t.template), ...(props.dependsOn ?? [])],
    });
  }
}
