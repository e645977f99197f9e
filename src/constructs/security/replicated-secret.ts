import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretPolicy } from '@cdktf/provider-aws/lib/secretsmanager-secret-policy';
import { policyDocument } from '../../aws/policy-documents';

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
  /**
   * Roles and users that may read the value; GetSecretValue is denied to every other principal.
   * @default [] (nobody)
   */
  readonly readerArns?: readonly string[];
}

/** A role or user, as aws:PrincipalArn names it; no wildcards, no account root (which would match only the root user). */
const READER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/;

/**
 * A secret for a third-party credential, replicated to every other Region. It is created without
 * a value: no secret value is ever in code, config or Terraform state; operators set it with
 * `aws secretsmanager put-secret-value`. force_overwrite_replica_secret stays false: a secret of the
 * same name that already exists in a replica Region belongs to someone else, and replication
 * must fail loudly rather than silently replace it.
 *
 * Its resource policy denies GetSecretValue to every principal but the readers, so that no identity
 * policy (an administrator's, or one the deploy role could write) reaches the value. It denies
 * nothing else: administrators keep managing the secret and its policy, and operators keep writing
 * the value. The policy is attached in the primary Region only; replicas take the primary's policy,
 * and Secrets Manager refuses PutResourcePolicy on a replica.
 */
export class ReplicatedSecret extends Construct {
  readonly secret: SecretsmanagerSecret;
  readonly policy: SecretsmanagerSecretPolicy;

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
    this.policy = new SecretsmanagerSecretPolicy(this, 'policy', {
      provider: props.provider,
      secretArn: this.secret.arn,
      policy: readersOnlyPolicy(props.name, props.readerArns ?? []),
      blockPublicPolicy: true,
    });
  }
}

/**
 * Denies GetSecretValue (and with it BatchGetSecretValue, which needs it per secret) to everyone
 * whose aws:PrincipalArn is not a reader. aws:PrincipalArn names the role behind a session, and a
 * role deleted and re-created under the same name stays a reader (a Principal element would not).
 * Exported for `npm run dr`, which attaches the same policy to a replica it promotes to a
 * standalone secret (Terraform attaches it in the primary Region only).
 */
export function readersOnlyPolicy(name: string, readerArns: readonly string[]): string {
  const bad = readerArns.find((arn) => !Token.isUnresolved(arn) && !READER_ARN.test(arn));
  if (bad !== undefined) {
    throw new Error(
      `ReplicatedSecret ${name} readerArns: received ${JSON.stringify(bad)}; expected the ARN of an IAM role or user (arn:<partition>:iam::<account>:role/<name>), without wildcards or the account root`,
    );
  }
  return policyDocument([
    {
      Sid: 'OnlyReadersGetTheValue',
      Effect: 'Deny',
      Principal: '*',
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
      ...(readerArns.length > 0 ? { Condition: { ArnNotEquals: { 'aws:PrincipalArn': [...readerArns] } } } : {}),
    },
  ]);
}
