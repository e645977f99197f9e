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

/** Props of the multi-Region key, identical for the primary (global stack) and every replica (region stacks). */
export function multiRegionKeyProps(config: FoundationConfig, facts: AccountFacts): MultiRegionKeyProps {
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
    },
    facts,
  };
}
