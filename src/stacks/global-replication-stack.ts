import { Construct } from 'constructs';
import { DataTerraformRemoteStateS3, TerraformProvider } from 'cdktf';
import { FoundationConfig, RegionConfig } from '../config/validate';
import { ReplicatedSecret } from '../constructs/replicated-secret';
import { FoundationStack } from './foundation-stack';
import { readStackState, useS3Backend } from './backend';
import { homeProvider, regionProviders } from './providers';
import { namedOutput } from './outputs';
import { GLOBAL_REPLICATION_STACK, GLOBAL_STACK, regionStackName } from './stack-names';

/**
 * What is replicated or aggregated across Regions once every Region exists: secrets with a
 * replica per Region on that Region's key, the Security Hub finding aggregator, and the
 * Directory Service Regions. Every resource names the aliased provider of its Region.
 */
export class GlobalReplicationStack extends FoundationStack {
  private readonly providers: Map<string, TerraformProvider>;
  private readonly regionStates = new Map<string, DataTerraformRemoteStateS3>();
  protected readonly globalState: DataTerraformRemoteStateS3;

  constructor(scope: Construct, config: FoundationConfig) {
    super(scope, GLOBAL_REPLICATION_STACK, config);
    useS3Backend(this, config.state, GLOBAL_REPLICATION_STACK);
    homeProvider(this, config, GLOBAL_REPLICATION_STACK, config.primaryRegion);
    this.providers = regionProviders(this, config, GLOBAL_REPLICATION_STACK);
    this.globalState = readStackState(this, config.state, GLOBAL_STACK);
    for (const region of config.regions) {
      this.regionStates.set(region.name, readStackState(this, config.state, regionStackName(region.name)));
    }
    this.secrets();
  }

  protected provider(region: string): TerraformProvider {
    const provider = this.providers.get(region);
    if (!provider) throw new Error(`No provider for Region ${region}`);
    return provider;
  }

  protected regionState(region: string): DataTerraformRemoteStateS3 {
    const state = this.regionStates.get(region);
    if (!state) throw new Error(`No remote state for Region ${region}`);
    return state;
  }

  private others(): RegionConfig[] {
    return this.config.regions.filter((r) => !r.isPrimary);
  }

  private secrets(): void {
    const arns: Record<string, string> = {};
    for (const secret of this.config.security.secrets) {
      const replicated = new ReplicatedSecret(this, `secret_${secret.name.replace(/[^A-Za-z0-9_-]/g, "_")}`, {
        provider: this.provider(this.config.primaryRegion),
        name: secret.name,
        description: secret.description,
        kmsKeyArn: this.globalState.getString('kms_primary_key_arn'),
        replicas: this.others().map((r) => ({ region: r.name, kmsKeyArn: this.regionState(r.name).getString('kms_key_arn') })),
      });
      arns[secret.name] = replicated.secret.arn;
    }
    namedOutput(this, 'secret_arns', arns, 'Secret ARN (primary Region) per configured secret name');
  }
}
