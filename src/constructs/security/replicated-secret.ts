import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';

export interface SecretReplica {
  readonly region: string;
  /** That Region's replica of the multi-Region key. */
  readonly kmsKeyArn: string;
}

export interface ReplicatedSecretProps {
  /** Provider of the primary Region, where the secret is created. */
  readonly provider: TerraformProvider;
  readonly name: string;
  /** @default "" */
  readonly description?: string;
  /** The multi-Region key in the primary Region. */
  readonly kmsKeyArn: string;
  /** One replica per other Region, each encrypted with that Region's replica key. */
  readonly replicas: readonly SecretReplica[];
}

/**
 * A secret for a third-party credential, replicated to every other Region. It is created without
 * a value: no secret value is ever in code, config or Terraform state; operators set it with
 * `aws secretsmanager put-secret-value`. force_overwrite_replica_secret stays false: a secret of the
 * same name that already exists in a replica Region belongs to someone else, and replication
 * must fail loudly rather than silently replace it.
 */
export class ReplicatedSecret extends Construct {
  readonly secret: SecretsmanagerSecret;

  constructor(scope: Construct, id: string, props: ReplicatedSecretProps) {
    super(scope, id);
    const regions = props.replicas.map((r) => r.region);
    const duplicate = regions.find((r, i) => regions.indexOf(r) !== i);
    if (duplicate) {
      throw new Error(`ReplicatedSecret ${props.name} replicas: received Region ${duplicate} twice; expected each Region once`);
    }
    this.secret = new SecretsmanagerSecret(this, 'secret', {
      provider: props.provider,
      name: props.name,
      description: props.description ?? '',
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: 30,
      forceOverwriteReplicaSecret: false,
      replica: props.replicas.map((r) => ({ region: r.region, kmsKeyId: r.kmsKeyArn })),
    });
  }
}
