import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { FoundationConfig } from '../config/validate';
import { AccountFacts } from '../aws/account-facts';
import { GLOBAL_SERVICE_REGIONS, GlobalService } from '../aws/global-services';
import { FoundationStack } from './foundation-stack';
import { aliasedProvider, regionProviders } from './providers';
import { accountFacts } from './account-facts';
import { StackState } from './remote-state';
import { GLOBAL_OUTPUTS } from './contracts/global-outputs';
import { REGION_OUTPUTS } from './contracts/region-outputs';
import { GLOBAL_STACK, regionStackName } from './stack-names';

export interface LinkStackOptions {
  /** Also read the global stack's state (before the Regions'). @default false */
  readonly readsGlobal?: boolean;
}

/**
 * Base of the stacks that link Regions after every `region-*` stack exists: home provider in the
 * primary Region, an aliased provider and the remote state of every Region, and
 * providers for global services pinned to one Region. Every resource names the provider of the
 * Region it lives in (`provider(region)`).
 */
export abstract class LinkStack extends FoundationStack {
  /** Account id and partition, read through the primary Region's aliased provider. */
  readonly facts: AccountFacts;
  private readonly providers: Map<string, TerraformProvider>;
  /** Providers of fixed-Region global services in Regions the config does not list. */
  private readonly serviceProviders = new Map<string, TerraformProvider>();
  private readonly regionStates = new Map<string, StackState<typeof REGION_OUTPUTS>>();
  private readonly globalOutputs?: StackState<typeof GLOBAL_OUTPUTS>;

  constructor(scope: Construct, stackName: string, config: FoundationConfig, options: LinkStackOptions = {}) {
    super(scope, stackName, config, { region: config.primaryRegion });
    this.providers = regionProviders(this, config, stackName);
    if (options.readsGlobal) this.globalOutputs = new StackState(this, config.state, GLOBAL_STACK, GLOBAL_OUTPUTS);
    for (const region of config.regions) {
      this.regionStates.set(region.name, new StackState(this, config.state, regionStackName(region.name), REGION_OUTPUTS));
    }
    this.facts = accountFacts(this, this.provider(config.primaryRegion));
  }

  /** The aliased provider of a configured Region. */
  provider(region: string): TerraformProvider {
    const provider = this.providers.get(region);
    if (!provider) {
      throw new Error(`Stack ${this.stackName}: no provider for Region "${region}"; it has one per configured Region: ${[...this.providers.keys()].join(', ')}`);
    }
    return provider;
  }

  /** Outputs of a Region's stack. */
  regionState(region: string): StackState<typeof REGION_OUTPUTS> {
    const state = this.regionStates.get(region);
    if (!state) {
      throw new Error(`Stack ${this.stackName}: no remote state for Region "${region}"; configured Regions: ${[...this.regionStates.keys()].join(', ')}`);
    }
    return state;
  }

  /** Outputs of the global stack; only for stacks constructed with `readsGlobal`. */
  get globalState(): StackState<typeof GLOBAL_OUTPUTS> {
    if (!this.globalOutputs) throw new Error(`Stack ${this.stackName} does not read the global stack's state; pass { readsGlobal: true } to LinkStack`);
    return this.globalOutputs;
  }

  /**
   * The provider for a global service whose API lives in one fixed Region: that Region's provider
   * when the Region is configured, otherwise an aliased provider created on first use (so a stack
   * that manages no such service has none).
   */
  globalServiceProvider(service: GlobalService): TerraformProvider {
    const region = GLOBAL_SERVICE_REGIONS[service];
    if (!region) {
      throw new Error(`Stack ${this.stackName}: unknown global service "${service}"; known: ${Object.keys(GLOBAL_SERVICE_REGIONS).join(', ')}`);
    }
    let provider = this.providers.get(region) ?? this.serviceProviders.get(region);
    if (!provider) {
      provider = aliasedProvider(this, this.config, this.stackName, region);
      this.serviceProviders.set(region, provider);
    }
    return provider;
  }
}
