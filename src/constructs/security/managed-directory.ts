import { Construct } from 'constructs';
import { Fn, TerraformProvider, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DirectoryServiceDirectory } from '@cdktf/provider-aws/lib/directory-service-directory';
import { DirectoryServiceRegion } from '@cdktf/provider-aws/lib/directory-service-region';
import { REGION_NAME_PATTERN } from '../../aws/regions';

/** A Region the directory is replicated to, with that Region's network. */
export interface ManagedDirectoryReplica {
  /** Replica Region; not the directory's home Region. */
  readonly region: string;
  /** Aliased provider of the replica Region; checked at synth time to be for that Region. */
  readonly provider: TerraformProvider;
  /** VPC in the replica Region that receives the two domain controllers. */
  readonly vpcId: string;
  /** Exactly two private subnets of that VPC, in two different Availability Zones. */
  readonly subnetIds: readonly string[];
}

export interface ManagedDirectoryProps {
  /** Provider of the directory's home (primary) Region. */
  readonly provider: TerraformProvider;
  /** Fully qualified domain name, e.g. "corp.example.com". */
  readonly domainName: string;
  /** VPC in the home Region that receives the two domain controllers. */
  readonly vpcId: string;
  /** Exactly two private subnets of that VPC, in two different Availability Zones. */
  readonly subnetIds: readonly string[];
  /**
   * Regions the directory is replicated to.
   * @default [] (a single-Region directory)
   */
  readonly replicas?: readonly ManagedDirectoryReplica[];
}

/** Shape of a domain name that AWS Managed Microsoft AD accepts (CreateMicrosoftAD's Name). */
const DOMAIN_NAME_PATTERN = /^([a-zA-Z0-9]+[.-])+([a-zA-Z0-9])+$/;

/**
 * AWS Managed Microsoft AD, Enterprise edition (the only edition that supports multi-Region
 * replication), in the home Region's subnets, plus one `aws_directory_service_region` per replica.
 *
 * The Admin password never passes through Terraform. CreateMicrosoftAD requires one, and Terraform
 * stores in state whatever it sends (provider 5.x has no write-only `password_wo`), so the directory
 * is created with a throwaway: "Tmp-1" (upper, lower, symbol and digit, as AD requires) and a
 * uuid() (32 random hex digits). Terraform makes it at apply time (a plan shows it as unknown), so it
 * is in no file, saved plan or log, only in the encrypted state. The operator then sets the real
 * password with `aws ds reset-user-password` (README, "Secrets"); after that the throwaway opens
 * nothing. `ignore_changes` on password keeps
 * the fresh uuid() of every later plan from replacing the directory (the provider marks `password`
 * ForceNew): a replacement would lose every user, group and trust.
 *
 * Directory Service needs two subnets in two Availability Zones per location; the stacks pass the
 * first two private subnets of a VPC whose subnet plan puts each in its own AZ. No plan-time
 * preconditions: cdktf 0.21 renders lifecycle preconditions as invalid HCL (`precondition = [...]`),
 * and the HCL output is what operations teams take over.
 */
export class ManagedDirectory extends Construct {
  readonly directory: DirectoryServiceDirectory;
  /** One per replica, in the order given. */
  readonly regions: DirectoryServiceRegion[];

  constructor(scope: Construct, id: string, props: ManagedDirectoryProps) {
    super(scope, id);
    const replicas = props.replicas ?? [];
    validate(id, props, replicas);

    this.directory = new DirectoryServiceDirectory(this, 'directory', {
      provider: props.provider,
      name: props.domainName,
      type: 'MicrosoftAD',
      edition: 'Enterprise',
      password: Fn.format('Tmp-1%s', [Fn.uuid()]),
      vpcSettings: { vpcId: props.vpcId, subnetIds: [...props.subnetIds] },
      tags: { Name: props.domainName },
      lifecycle: { ignoreChanges: ['password'] },
    });

    // Replicas are added one after another: AddRegion on a directory that is already adding a
    // Region fails (DirectoryUnavailable / RegionLimitExceeded) and the provider does not retry.
    this.regions = [];
    for (const replica of replicas) {
      const previous = this.regions[this.regions.length - 1];
      this.regions.push(
        new DirectoryServiceRegion(this, `region_${replica.region}`, {
          // AddRegion is called on the directory in its home Region; the provider reaches into
          // the replica Region itself.
          provider: props.provider,
          directoryId: this.directory.id,
          regionName: replica.region,
          vpcSettings: { vpcId: replica.vpcId, subnetIds: [...replica.subnetIds] },
          tags: { Name: props.domainName },
          dependsOn: previous ? [previous] : undefined,
        }),
      );
    }
  }
}

function validate(id: string, props: ManagedDirectoryProps, replicas: readonly ManagedDirectoryReplica[]): void {
  const where = `ManagedDirectory ${id}`;
  const literal = (value: string) => !Token.isUnresolved(value);

  if (literal(props.domainName) && !DOMAIN_NAME_PATTERN.test(props.domainName)) {
    throw new Error(`${where} domainName: received ${JSON.stringify(props.domainName)}; expected a fully qualified domain name such as "corp.example.com"`);
  }
  checkSubnets(`${where} subnetIds`, props.subnetIds);

  const homeRegion = providerRegion(props.provider);
  const seen = new Set<string>();
  replicas.forEach((replica, i) => {
    const at = `${where} replicas[${i}]`;
    if (literal(replica.region) && !REGION_NAME_PATTERN.test(replica.region)) {
      throw new Error(`${at}.region: received ${JSON.stringify(replica.region)}; expected a Region name such as "eu-west-1"`);
    }
    if (homeRegion !== undefined && replica.region === homeRegion) {
      throw new Error(`${at}.region: received ${JSON.stringify(replica.region)}, the directory's home Region; expected another Region`);
    }
    if (seen.has(replica.region)) {
      throw new Error(`${at}.region: received ${JSON.stringify(replica.region)} a second time; expected each replica Region at most once`);
    }
    seen.add(replica.region);
    // The replica provider is used to look up that Region's subnets; one for another Region
    // would fail the lookup with a confusing "no matching subnet".
    const replicaProviderRegion = providerRegion(replica.provider);
    if (replicaProviderRegion !== undefined && literal(replica.region) && replicaProviderRegion !== replica.region) {
      throw new Error(`${at}.provider: received a provider for ${JSON.stringify(replicaProviderRegion)}; expected the provider of ${JSON.stringify(replica.region)}`);
    }
    checkSubnets(`${at}.subnetIds`, replica.subnetIds);
  });
}

/** Directory Service places exactly one domain controller in each of exactly two subnets. */
function checkSubnets(where: string, subnetIds: readonly string[]): void {
  if (subnetIds.length !== 2) {
    throw new Error(`${where}: received ${subnetIds.length} subnet(s) ${JSON.stringify(subnetIds)}; expected exactly 2, in two different Availability Zones`);
  }
  const [a, b] = subnetIds;
  if (!Token.isUnresolved(a) && a === b) {
    throw new Error(`${where}: received the same subnet twice ${JSON.stringify(subnetIds)}; expected 2 different subnets, in two different Availability Zones`);
  }
}

/** The literal Region of an AWS provider, when it is known at synth time. */
function providerRegion(provider: TerraformProvider): string | undefined {
  if (!(provider instanceof AwsProvider)) return undefined;
  const region = provider.region;
  return region !== undefined && !Token.isUnresolved(region) ? region : undefined;
}
