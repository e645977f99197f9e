/**
 * Names of the regional entry point (issue 10 item 1), shared by the constructs and the deploy
 * grants so that both agree on what "the project's" load balancers and log buckets are.
 */

/** Elastic Load Balancing's rule for a load balancer name. */
export const LOAD_BALANCER_NAME_RULE = '1-32 letters, digits or "-", not starting or ending with "-" and not starting with "internal-"';

/** Why `name` is not a valid load balancer name, or undefined if it is one. */
export function loadBalancerNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(name) || name.toLowerCase().startsWith('internal-')) {
    return `expected ${LOAD_BALANCER_NAME_RULE} (this one has ${name.length} characters)`;
  }
  return undefined;
}

/**
 * The load balancer's name: `<namePrefix>-entry`, or the prefix alone when the suffix would pass
 * Elastic Load Balancing's 32 characters (a project name has up to 32). Unique per Region and
 * account, which is all a load balancer name must be.
 */
export function entryPointLoadBalancerName(namePrefix: string): string {
  const withSuffix = `${namePrefix}-entry`;
  return withSuffix.length <= 32 ? withSuffix : namePrefix;
}

/**
 * The Region's access log bucket: `<project>-lb-<region>-<account>`. S3 names are global, hence
 * Region and account. Short on purpose: with a 32-character project, the longest commercial
 * Region name (14) and a 12-digit account it is exactly 63 characters, S3's limit, so no valid
 * configuration is refused. It starts with `<project>-`, so the audit domain's
 * ManageProjectBuckets covers it.
 */
export function loadBalancerLogBucketName(project: string, region: string, account: string): string {
  return `${project}-lb-${region}-${account}`;
}

/** Key prefix of the access logs in the bucket; ELB writes under `<prefix>/AWSLogs/<account>/elasticloadbalancing/<region>/`. */
export const ACCESS_LOG_PREFIX = 'entry';

/** The path every entry point answers 200 "ok" on before (and unless) an application takes it over. */
export const HEALTH_PATH = '/health';

/** TLS 1.3 and 1.2 only, forward-secret ciphers: the policy of every HTTPS listener here. */
export const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
