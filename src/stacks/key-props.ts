import { FoundationConfig } from '../config/validate';
import { AccountFacts } from '../aws/account-facts';
import { resourceNames, roleArn } from '../aws/resource-names';
import { MultiRegionKeyProps } from '../constructs/security/multi-region-key';

/** Props of the multi-Region key, identical for the primary (global stack) and every replica (region stacks). */
export function multiRegionKeyProps(config: FoundationConfig, facts: AccountFacts): MultiRegionKeyProps {
  const { kms, cloudTrail } = config.security;
  const auditReaders = [roleArn(facts.partition, facts.account, resourceNames(config).securityAuditRole), ...cloudTrail.logReaderArns];
  return {
    alias: kms.alias,
    administratorArns: kms.administratorArns,
    userArns: kms.userArns,
    s3ReaderArns: cloudTrail.enable ? auditReaders : [],
    facts,
  };
}
