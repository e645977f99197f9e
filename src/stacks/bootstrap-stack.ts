import { Construct } from 'constructs';
import { FoundationConfig } from '../config/validate';
import { StateBucket } from '../constructs/state/state-bucket';
import { DeployRole } from '../constructs/identity/deploy-role';
import { SecurityAuditRole } from '../constructs/identity/security-audit-role';
import { PlanRole } from '../constructs/identity/plan-role';
import { GithubOidcProvider } from '../constructs/identity/github-oidc-provider';
import { githubBranchSubject, githubEnvironmentSubject, githubPullRequestSubject } from '../aws/github-oidc';
import { logBucketNames, resourceNames, roleArn } from '../aws/resource-names';
import { AccessLogBucket } from '../constructs/audit/access-log-bucket';
import { stateAccessLogBucketName, stateReplicaAccessLogBucketName, stateReplicaBucketName } from '../aws/bucket-name';
import { StateReplica } from '../constructs/state/state-replica';
import { StateAccess, denyDeployRoleBucketChanges } from '../aws/state-policies';
import { aliasedProvider, defaultTagKeys } from './providers';
import { FoundationStack } from './foundation-stack';
import { accountFacts } from './account-facts';
import { writeOutputs } from './outputs';
import { OutputValues } from './contracts/contract';
import { BOOTSTRAP_OUTPUTS } from './contracts/bootstrap-outputs';
import { BOOTSTRAP_STACK } from './stack-names';

type Outputs = OutputValues<typeof BOOTSTRAP_OUTPUTS>;
type RoleOutputs = Pick<Outputs, 'deploy_role_arn' | 'security_audit_role_arn' | 'github_oidc_provider_arn' | 'plan_role_arn'>;

/**
 * What an administrator applies once, before anything else, as `cdk bootstrap` does: the state
 * bucket every other stack keeps its state in (with its key and the bucket of its access logs), its
 * replica in `state.replicaRegion` (S3 replication; docs/state-recovery.md), and
 * the roles the rest is deployed and audited through. Every later stack is deployed by the deploy
 * role, which therefore never manages itself, and the roles exist before the key and bucket policies
 * that name them. Its own state is local (the bucket cannot hold the state of its own creation);
 * buckets and key survive `terraform destroy`.
 */
export class BootstrapStack extends FoundationStack {
  readonly stateBucket: StateBucket;
  readonly accessLogBucket: AccessLogBucket;
  readonly stateReplica: StateReplica;

  constructor(scope: Construct, config: FoundationConfig) {
    super(scope, BOOTSTRAP_STACK, config, { region: config.state.region, localState: true });
    const facts = accountFacts(this);
    const { account, partition } = facts;
    const access: StateAccess = {
      deployRoleArn: roleArn(partition, account, resourceNames(config).deployRole),
      operatorArns: config.state.operatorArns,
      breakGlassArns: config.security.cloudTrail.breakGlassArns,
      // By name, before the role exists: the policies stay valid whatever order Terraform applies in.
      readerArns: config.security.iam.githubOidc?.pullRequests ? [roleArn(partition, account, resourceNames(config).planRole)] : [],
    };
    const logBucketName = stateAccessLogBucketName(config.state.bucket);
    this.accessLogBucket = new AccessLogBucket(this, 'state_access_logs', {
      bucketName: logBucketName,
      sourceBucketArns: [`arn:${partition}:s3:::${config.state.bucket}`],
      additionalStatements: [denyDeployRoleBucketChanges(`arn:${partition}:s3:::${logBucketName}`, access.deployRoleArn)],
      facts,
    });
    this.stateBucket = new StateBucket(this, 'state', {
      bucketName: config.state.bucket,
      kmsKeyAlias: config.state.kmsKeyAlias,
      noncurrentVersionExpirationDays: config.state.noncurrentVersionExpirationDays,
      access,
      keyAdministratorArns: config.security.kms.administratorArns,
      accessLogBucket: this.accessLogBucket,
      replicationRoleArn: roleArn(partition, account, resourceNames(config).stateReplicationRole),
      facts,
    });
    const { replicaRegion } = config.state;
    this.stateReplica = new StateReplica(this, 'state_replication', {
      provider: aliasedProvider(this, config, BOOTSTRAP_STACK, replicaRegion),
      region: replicaRegion,
      source: {
        bucketName: config.state.bucket,
        bucketArn: this.stateBucket.bucket.arn,
        region: config.state.region,
        kmsKeyArn: this.stateBucket.key.arn,
        versioning: this.stateBucket.versioning,
      },
      bucketName: stateReplicaBucketName(config.state.bucket),
      accessLogBucketName: stateReplicaAccessLogBucketName(config.state.bucket),
      kmsKeyAlias: config.state.kmsKeyAlias,
      noncurrentVersionExpirationDays: config.state.noncurrentVersionExpirationDays,
      access,
      keyAdministratorArns: config.security.kms.administratorArns,
      roleName: resourceNames(config).stateReplicationRole,
      permissionsBoundaryArn: config.security.iam.permissionsBoundaryArn,
      facts,
    });
    writeOutputs(this, BOOTSTRAP_OUTPUTS, {
      state_bucket_name: this.stateBucket.bucket.bucket,
      state_bucket_arn: this.stateBucket.bucket.arn,
      state_kms_key_arn: this.stateBucket.key.arn,
      state_access_log_bucket_name: this.accessLogBucket.bucket.bucket,
      state_replica_bucket_name: this.stateReplica.bucket.bucket,
      state_replica_region: replicaRegion,
      state_replica_kms_key_arn: this.stateReplica.key.arn,
      state_replica_access_log_bucket_name: this.stateReplica.accessLogBucket.bucket.bucket,
      ...this.roles(),
    });
  }

  /**
   * The deploy role, the security-audit role and, for pull-request plans, the plan role. Without
   * configured principals each trusts the principals of this account that signed in with MFA.
   */
  private roles(): RoleOutputs {
    const { config } = this;
    const { iam } = config.security;
    const names = resourceNames(config);
    const facts = accountFacts(this);
    const { account, partition } = facts;
    const accountRoot = [`arn:${partition}:iam::${account}:root`];
    const github = iam.githubOidc;
    const providerArn = github && (github.providerArn ?? new GithubOidcProvider(this, 'github_oidc').arn);
    const deployment = {
      primaryRegion: config.primaryRegion,
      regions: config.regions.map((r) => r.name),
      secretNames: config.security.secrets.map((s) => s.name),
      managedDirectory: config.security.directoryService.enable,
      tagKeys: defaultTagKeys(config),
      traffic: {
        domainName: config.edge.enable ? config.edge.domainName : undefined,
        existingZone: config.edge.hostedZoneId !== undefined,
        globalAccelerator: config.edge.enable && config.edge.globalAccelerator.enable,
        recoveryControl: config.edge.enable && config.edge.recoveryControl.enable,
      },
    };
    const deploy = new DeployRole(this, 'deploy_role', {
      roleName: names.deployRole,
      trustedPrincipalArns: iam.deployRoleTrustedArns.length ? iam.deployRoleTrustedArns : accountRoot,
      githubActions:
        github && providerArn
          ? {
              providerArn,
              subjects: [
                ...github.branches.map((branch) => githubBranchSubject(github.repository, branch)),
                ...github.environments.map((environment) => githubEnvironmentSubject(github.repository, environment)),
              ],
            }
          : undefined,
      permissionsBoundaryArn: iam.permissionsBoundaryArn,
      project: config.project,
      stateBucketName: config.state.bucket,
      stateReplicaBucketName: stateReplicaBucketName(config.state.bucket),
      stateKeyPrefix: config.state.keyPrefix,
      ...deployment,
      facts,
    });
    const audit = new SecurityAuditRole(this, 'security_audit_role', {
      roleName: names.securityAuditRole,
      trustedPrincipalArns: iam.auditRoleTrustedArns.length ? iam.auditRoleTrustedArns : accountRoot,
      permissionsBoundaryArn: iam.permissionsBoundaryArn,
      logBucketArns: logBucketNames(config, account).map((name) => `arn:${partition}:s3:::${name}`),
    });
    const plan =
      github?.pullRequests && providerArn
        ? new PlanRole(this, 'plan_role', {
            roleName: names.planRole,
            githubActions: { providerArn, subjects: [githubPullRequestSubject(github.repository)] },
            project: config.project,
            stateBucketName: config.state.bucket,
            stateReplicaBucketName: stateReplicaBucketName(config.state.bucket),
            stateKeyPrefix: config.state.keyPrefix,
            permissionsBoundaryArn: iam.permissionsBoundaryArn,
            ...deployment,
            facts,
          })
        : undefined;
    return {
      deploy_role_arn: deploy.role.arn,
      security_audit_role_arn: audit.role.arn,
      github_oidc_provider_arn: providerArn,
      plan_role_arn: plan?.role.arn,
    };
  }
}
