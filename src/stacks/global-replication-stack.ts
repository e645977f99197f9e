import { Construct } from 'constructs';
import { DataTerraformRemoteStateS3, Fn, TerraformProvider } from 'cdktf';
import { FoundationConfig, RegionConfig } from '../config/validate';
import { terraformName } from '../config/patterns';
import { ReplicatedSecret } from '../constructs/security/replicated-secret';
import { SecurityHubAggregator } from '../constructs/security/security-hub-aggregator';
import { ManagedDirectory } from '../constructs/security/managed-directory';
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
    const secretArns = this.secrets();
    // A single-Region foundation has nothing to aggregate.
    if (config.security.securityHub.enable && config.regions.length > 1) this.findingAggregator();
    if (config.security.directoryService.enable) this.directory(secretArns);
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

  private secrets(): Record<string, string> {
    const arns: Record<string, string> = {};
    for (const secret of this.config.security.secrets) {
      const replicated = new ReplicatedSecret(this, secretConstructId(secret.name), {
        provider: this.provider(this.config.primaryRegion),
        name: secret.name,
        description: secret.description,
        kmsKeyArn: this.globalState.getString('kms_primary_key_arn'),
        replicas: this.others().map((r) => ({ region: r.name, kmsKeyArn: this.regionState(r.name).getString('kms_key_arn') })),
      });
      arns[secret.name] = replicated.secret.arn;
    }
    namedOutput(this, 'secret_arns', arns, 'Secret ARN (primary Region) per configured secret name');
    return arns;
  }

  /** Exactly one aggregator, linking every other Region; the stack runs after every Region enabled its hub. */
  private findingAggregator(): void {
    const aggregationRegion = this.config.security.securityHub.aggregationRegion;
    new SecurityHubAggregator(this, 'security_hub_aggregator', {
      provider: this.provider(aggregationRegion),
      aggregationRegion,
      linkedRegions: this.config.regions.map((r) => r.name).filter((name) => name !== aggregationRegion),
    });
    namedOutput(this, 'security_hub_aggregation_region', aggregationRegion, 'Region whose Security Hub aggregates the findings of every other Region');
  }

  /** AWS Managed Microsoft AD in the primary Region's private subnets, replicated to the configured Regions. */
  private directory(secretArns: Record<string, string>): void {
    const { directoryService } = this.config.security;
    const twoPrivateSubnets = (region: string) => [0, 1].map((i) => Fn.element(this.regionState(region).getList('private_subnet_ids'), i));
    const managed = new ManagedDirectory(this, 'directory', {
      provider: this.provider(this.config.primaryRegion),
      domainName: directoryService.domainName,
      vpcId: this.regionState(this.config.primaryRegion).getString('vpc_id'),
      subnetIds: twoPrivateSubnets(this.config.primaryRegion),
      adminPasswordSecretArn: secretArns[directoryService.adminPasswordSecretName],
      replicas: directoryService.regions.map((region) => ({
        region,
        provider: this.provider(region),
        vpcId: this.regionState(region).getString('vpc_id'),
        subnetIds: twoPrivateSubnets(region),
      })),
    });
    namedOutput(this, 'directory_id', managed.directory.id, 'AWS Managed Microsoft AD directory id');
  }
}

/** Construct id of a secret; config validation rejects two names that map to one id. */
export function secretConstructId(name: string): string {
  return `secret_${terraformName(name)}`;
}
