/** One line per stack kind for the top of its page; the README's "What each stack holds" has the detail. */
import { stackKind } from '../../src/stacks/contracts/catalog';

const ROLES: Record<string, string> = {
  bootstrap: 'State bucket, its KMS key and access-log bucket, the deploy and security-audit roles; applied once by an administrator with local state.',
  global: 'Account-wide resources in the primary Region: the multi-Region KMS primary key, the trail and audit buckets, AWS Config and service roles that every Region stack builds on.',
  'region-*': 'Everything that lives in one Region: KMS replica key, VPC, Transit Gateway, Security Hub, AWS Config recorder, EBS defaults and the Region entry point.',
  'global-network': 'Links the Regions: Transit Gateway peering (or VPC peering) between Regions with their routes.',
  'global-replication': 'Secrets in the primary Region with a replica in every other Region, the Security Hub finding aggregator and the optional directory.',
  'global-compute': 'ECR repositories with registry replication, the golden AMI pipeline and its distribution, EBS snapshot policies with cross-Region copies.',
  'global-edge': 'Static content buckets with replication, CloudFront with origin failover, health checks, DNS records, optional Global Accelerator and Route 53 ARC.',
};

/** The one-line role of a synthesized stack. */
export function roleOf(stackName: string): string {
  const role = ROLES[stackKind(stackName)];
  if (!role) throw new Error(`scripts/docs/roles.ts has no role for stack "${stackName}" (kind ${stackKind(stackName)}); known kinds: ${Object.keys(ROLES).join(', ')}`);
  return role;
}
