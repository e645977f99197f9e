import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { FoundationConfig, RegionConfig } from '../config/validate';
import { terraformName } from '../config/patterns';
import { ReplicatedSecret } from '../constructs/security/replicated-secret';
import { SecurityHubAggregator } from '../constructs/security/security-hub-aggregator';
import { ManagedDirectory } from '../constructs/security/managed-directory';
import { LinkStack } from './link-stack';
import { writeOutputs } from './outputs';
import { OutputValues } from './contracts/contract';
import { GLOBAL_REPLICATION_OUTPUTS } from './contracts/global-replication-outputs';
import { GLOBAL_REPLICATION_STACK } from './stack-names';

type Outputs = OutputValues<typeof GLOBAL_REPLICATION_OUTPUTS>;

/**
 * What is replicated or aggregated across Regions once every Region exists: secrets with a
 * replica per Region on that Region's key, the Security Hub finding aggregator, and the
 * Directory Service Regions. Every resource names the aliased provider of its Region.
 */
export class GlobalReplicationStack extends LinkStack {
  constructor(scope: Construct, config: FoundationConfig) {
    super(scope, GLOBAL_REPLICATION_STACK, config, { readsGlobal: true });
    const secretArns = this.secrets();
    // A single-Region foundation has nothing to aggregate.
    const aggregator = config.security.securityHub.enable && config.regions.length > 1 ? this.findingAggregator() : {};
    const directory = config.security.directoryService.enable ? this.directory() : {};
    writeOutputs(this, GLOBAL_REPLICATION_OUTPUTS, { secret_arns: secretArns, ...aggregator, ...directory });
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
        kmsKeyArn: this.globalState.get('kms_primary_key_arn'),
        // A promoted Region's copy is a standalone secret (`npm run dr -- promote`), no replica:
        // listing it would make the apply try to replicate over it.
        replicas: this.others()
          .filter((r) => r.name !== this.config.activeRegion)
          .map((r) => ({ region: r.name, kmsKeyArn: this.regionState(r.name).get('kms_key_arn') })),
        readerArns: secret.readerArns,
      });
      arns[secret.name] = replicated.secret.arn;
    }
    return arns;
  }

  /** Exactly one aggregator, linking every other Region; the stack runs after every Region enabled its hub. */
  private findingAggregator(): Pick<Outputs, 'security_hub_aggregation_region'> {
    const aggregationRegion = this.config.security.securityHub.aggregationRegion;
    new SecurityHubAggregator(this, 'security_hub_aggregator', {
      provider: this.provider(aggregationRegion),
      aggregationRegion,
      linkedRegions: this.config.regions.map((r) => r.name).filter((name) => name !== aggregationRegion),
    });
    return { security_hub_aggregation_region: aggregationRegion };
  }

  /** AWS Managed Microsoft AD in the primary Region's private subnets, replicated to the configured Regions. */
  private directory(): Pick<Outputs, 'directory_id'> {
    const { directoryService } = this.config.security;
    const twoPrivateSubnets = (region: string) => [0, 1].map((i) => Fn.element(this.regionState(region).get('private_subnet_ids'), i));
    const managed = new ManagedDirectory(this, 'directory', {
      provider: this.provider(this.config.primaryRegion),
      domainName: directoryService.domainName,
      vpcId: this.regionState(this.config.primaryRegion).get('vpc_id'),
      subnetIds: twoPrivateSubnets(this.config.primaryRegion),
      replicas: directoryService.regions.map((region) => ({
        region,
        provider: this.provider(region),
        vpcId: this.regionState(region).get('vpc_id'),
        subnetIds: twoPrivateSubnets(region),
      })),
    });
    return { directory_id: managed.directory.id };
  }
}

/** Construct id of a secret; config validation rejects two names that map to one id. */
export function secretConstructId(name: string): string {
  return `secret_${terraformName(name)}`;
}
