import { FoundationConfig } from '../config/validate';
import { AccountFacts } from '../aws/account-facts';
import {
  auditAlertTopicArn,
  flowLogGroupPrefix,
  logBucketsEnabled,
  projectTrailArn,
  resourceNames,
  roleArn,
  trailLogGroupName,
} from '../aws/resource-names';
import { MultiRegionKeyProps } from '../constructs/security/multi-region-key';
import { Statement } from '../aws/policy-documents';
import { ecrKeyStatements } from '../constructs/compute/ecr-key-statements';
import { imageBuilderKeyStatements } from '../constructs/compute/image-builder-key-statements';
import { dlmKeyStatements, ebsKeyStatements } from '../constructs/compute/snapshot-key-statements';
import { snapshotCopyTargets } from '../config/compute/snapshot-copy-targets';
import { failoverRegionOf } from '../config/edge/failover-region-cross-checks';
import { staticContentKeyStatements, staticReplicationKeyStatements } from '../constructs/edge/static-content-key-statements';

/**
 * The compute principals a key policy names, as references where the stack creates them (the global
 * stack: KMS refuses a policy naming a principal that does not exist yet, and a reference orders the
 * key after it). @default their ARNs, built from their names (the region stacks, which come later)
 */
export interface ComputeKeyPrincipals {
  readonly dlmRoleArn?: string;
  readonly imageBuilderServiceLinkedRoleArn?: string;
}

/**
 * The compute supply chain's statements for the key in `region`: ECR repositories of the account
 * (through ECR there), EBS for principals of the account (through EC2 there: the Region's default
 * EBS key, always set), Image Builder's service-linked role and the DLM role, each when its feature
 * is on.
 */
function computeKeyStatements(config: FoundationConfig, facts: AccountFacts, region: string, principals: ComputeKeyPrincipals): Statement[] {
  const { account, partition } = facts;
  const { ecr, imageBuilder, snapshots } = config.compute;
  const regions = config.regions.map((r) => r.name);
  return [
    ...(ecr.enable ? ecrKeyStatements({ region, account, partition }) : []),
    ...ebsKeyStatements({ account, partition, region }),
    ...(imageBuilder.enable ? imageBuilderKeyStatements({ account, partition, region, regions, serviceLinkedRoleArn: principals.imageBuilderServiceLinkedRoleArn }) : []),
    ...(snapshots.enable
      ? dlmKeyStatements({
          region,
          dlmRoleArn: principals.dlmRoleArn ?? roleArn(partition, account, resourceNames(config).dlmRole),
          copyTargets: snapshotCopyTargets(config.primaryRegion, regions, snapshots.copyTargets),
        })
      : []),
  ];
}

/**
 * The edge layer's statements for the key in `region`: where a static content bucket lives (the
 * primary and the failover Region), CloudFront reads through S3 there, and the replication role
 * decrypts in the primary and encrypts in the failover Region, each only through S3 of the Region.
 */
function edgeKeyStatements(config: FoundationConfig, facts: AccountFacts, region: string): Statement[] {
  if (!config.edge.enable) return [];
  const { account, partition } = facts;
  const failover = failoverRegionOf(config);
  const side = region === config.primaryRegion ? 'source' : region === failover ? 'destination' : undefined;
  if (side === undefined) return [];
  return [
    ...staticContentKeyStatements({ region, account, partition }),
    ...(failover !== undefined ? staticReplicationKeyStatements({ region, account, partition, project: config.project, side }) : []),
  ];
}

/**
 * Props of the multi-Region key for the copy in `region`: the same for the primary (global stack)
 * and every replica (region stacks) but for the Region each compute statement is scoped to.
 */
export function multiRegionKeyProps(config: FoundationConfig, facts: AccountFacts, region: string, principals: ComputeKeyPrincipals = {}): MultiRegionKeyProps {
  const { kms, cloudTrail } = config.security;
  const names = resourceNames(config);
  const auditReaders = [roleArn(facts.partition, facts.account, names.securityAuditRole), ...cloudTrail.logReaderArns];
  const trailLogs = cloudTrail.enable && cloudTrail.enableCloudWatchLogs ? [trailLogGroupName(names.trail)] : [];
  // Configured administrators replace the account root, so IAM no longer reaches the key: the deploy
  // role, which creates the key and every replica, is named in the policy to manage it.
  const rootAdministers = kms.administratorArns.length === 0 || kms.administratorArns.some((arn) => /:root$/.test(arn));
  return {
    alias: kms.alias,
    administratorArns: kms.administratorArns,
    deployerArn: rootAdministers ? undefined : roleArn(facts.partition, facts.account, names.deployRole),
    userArns: kms.userArns,
    s3ReaderArns: logBucketsEnabled(config) ? auditReaders : [],
    services: {
      trailArn: cloudTrail.enable ? projectTrailArn(config, facts.partition, facts.account) : undefined,
      logGroupNames: [`${flowLogGroupPrefix(config)}*`, ...trailLogs],
      configDelivery: config.security.config.enable,
      alertTopicArn: cloudTrail.enable ? auditAlertTopicArn(config, facts.partition, facts.account) : undefined,
      layers: [...computeKeyStatements(config, facts, region, principals), ...edgeKeyStatements(config, facts, region)],
    },
    facts,
  };
}
