import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
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
   * ARN of the Secrets Manager secret (in the home Region) whose current value is the Admin
   * password. Only the ARN passes through code and config; the value is read at plan time.
   */
  readonly adminPasswordSecretArn: string;
  /**
   * Regions the directory is replicated to.
   * @default [] (a single-Region directory)
   */
  readonly replicas?: readonly ManagedDirectoryReplica[];
}

/** Shape of a domain name that AWS Managed Microsoft AD accepts (CreateMicrosoftAD's Name). */
const DOMAIN_NAME_PATTERN = /^([a-zA-Z0-9]+[.-])+([a-zA-Z0-9])+$/;
const SECRET_ARN_PATTERN = /^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-[a-z]+)+-\d{1,2}:\d{12}:secret:.+$/;

/**
 * AWS Managed Microsoft AD, Enterprise edition (the only edition that supports multi-Region
 * replication), in the home Region's subnets, plus one `aws_directory_service_region` per replica.
 *
 * The Admin password comes from Secrets Manager, never from code: a data source reads the secret's
 * current version. Directory Service has no API to change that password and the provider marks
 * `password` ForceNew, so a rotation in Secrets Manager would replace the directory (every user,
 * group and trust gone). `ignore_changes` on it keeps rotations where they belong; the value still
 * lands in state (provider 5.x has no write-only `password_wo`), which is why state is encrypted.
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

    const password = new DataAwsSecretsmanagerSecretVersion(this, 'admin_password', {
      provider: props.provider,
      secretId: props.adminPasswordSecretArn,
    });
    this.directory = new DirectoryServiceDirectory(this, 'directory', {
      provider: props.provider,
      name: props.domainName,
      type: 'MicrosoftAD',
      edition: 'Enterprise',
      password: password.secretString,
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
  // The received value is deliberately not echoed: a value that is not an ARN may be the password
  // itself, pasted into the wrong field, and this message ends up in CI logs.
  if (literal(props.adminPasswordSecretArn) && !SECRET_ARN_PATTERN.test(props.adminPasswordSecretArn)) {
    throw new Error(
      `${where} adminPasswordSecretArn: received a value of ${props.adminPasswordSecretArn.length} characters that is not a Secrets Manager secret ARN (not shown, in case it is a password); expected "arn:<partition>:secretsmanager:<region>:<account>:secret:<name>"`,
    );
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
