import { z } from 'zod';
import { LOG_RETENTION_DAYS } from '../aws/log-retention';
import { oneOf } from './one-of';

const PRINCIPAL_RULE = 'expected an IAM principal ARN such as arn:aws:iam::123456789012:role/ci-deployer or arn:aws:iam::123456789012:root';
const iamPrincipalArn = z
  .string({ error: PRINCIPAL_RULE })
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:(root|(role|user)\/[\w+=,.@/-]{1,512})$/, { error: PRINCIPAL_RULE });
export const principalList = z.array(iamPrincipalArn, { error: 'expected a list of IAM principal ARNs' }).default([]);

const retentionDays = z
  .number()
  .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), { error: `expected one of ${LOG_RETENTION_DAYS.join(', ')}` });

const dayCount = (max: number) =>
  z
    .number({ error: `expected an integer from 1 to ${max}` })
    .int({ error: `expected an integer from 1 to ${max}` })
    .min(1, { error: `expected an integer from 1 to ${max}` })
    .max(max, { error: `expected an integer from 1 to ${max}` });

// Matched against aws:PrincipalArn, which names the role of a session or a user. The account root
// there means only the root user (not the account, as in a Principal element), so it is refused.
const READER_RULE = 'expected the ARN of an IAM role or user such as arn:aws:iam::123456789012:role/payments-app (the account root would match only the root user)';
const readerArn = z.string({ error: READER_RULE }).regex(/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/, { error: READER_RULE });

const secret = z.strictObject({
  /** Secret name, e.g. "third-party/payments-api-key". The value is never in code, config or state. */
  name: z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, { error: 'expected 1-512 letters, digits or /_+=.@-' }),
  /** What the secret is for. @default "" */
  description: z.string().max(2048, { error: 'expected at most 2048 characters' }).default(''),
  /**
   * Roles and users that may read the value (GetSecretValue); the secret's resource policy denies it
   * to every other principal, administrators and the deploy role included. Readers still need an
   * identity policy that allows the read. @default [] = nobody
   */
  readerArns: z.array(readerArn, { error: 'expected a list of IAM role or user ARNs' }).default([]),
});

export const DEFAULT_SECRETS = [
  {
    name: 'third-party/example-api-key',
    description: 'API key of an example third-party service; its value is set outside Terraform',
    // No application exists yet to read it; one added later is named here in review.
    readerArns: [] as string[],
  },
];

export const OBJECT_LOCK_MODES = ['GOVERNANCE', 'COMPLIANCE'] as const;

const ORGANIZATION_ID_RULE = 'expected an AWS Organizations id: "o-" followed by 10 to 32 lowercase letters or digits, such as o-a1b2c3d4e5';
const REPOSITORY_RULE =
  'expected "owner/repository" as GitHub spells it: an owner of 1-39 letters, digits or single "-" (not first or last), "/", a repository name of 1-100 letters, digits, ".", "_" or "-" (not "." or "..")';
const BRANCH_RULE =
  'expected a branch name such as "main" or "release/v1": no wildcard, space, "..", "//", "@{" or any of ~^:?*[\\, not starting with "-" or "/", not ending with "/", "." or ".lock", at most 255 characters';

/** A git branch name as `git check-ref-format --branch` accepts it, and never a pattern: trust compares it with StringEquals. */
export function isInvalidBranchName(name: string): boolean {
  return (
    name.length === 0 ||
    name.length > 255 ||
    /[\x00-\x20\x7f~^:?*[\\]/.test(name) ||
    name.includes('..') ||
    name.includes('//') ||
    name.includes('@{') ||
    name === '@' ||
    /^[-/]/.test(name) ||
    /(\/|\.|\.lock)$/.test(name) ||
    name.split('/').some((part) => part.startsWith('.'))
  );
}

const ENVIRONMENT_RULE =
  'expected a GitHub environment name such as "production": 1-255 characters, no wildcard (* ?), ":", quote, "/", "\\", "," or control character, no leading or trailing space';

/**
 * A GitHub environment name as the token subject carries it, and never a pattern: trust compares it
 * with StringEquals, and ":" would make the subject ambiguous.
 */
export function isInvalidEnvironmentName(name: string): boolean {
  return name.length === 0 || name.length > 255 || /[\x00-\x1f\x7f*?:'"`/\\,]/.test(name) || name.trim() !== name;
}

const githubOidc = z
  .strictObject({
    /** "owner/repository" whose workflows may assume the roles; exact, never a pattern. */
    repository: z
      .string({ error: REPOSITORY_RULE })
      .regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[A-Za-z0-9._-]{1,100}$/, { error: REPOSITORY_RULE })
      .refine((v) => !['.', '..'].includes(v.split('/')[1]), { error: REPOSITORY_RULE }),
    /**
     * Branches whose workflow runs may assume the deploy role (token sub "repo:<repository>:ref:refs/heads/<branch>").
     * [] (only with environments) leaves the approval environments as the only way in. @default ["main"]
     */
    branches: z
      .array(z.string({ error: BRANCH_RULE }).refine((v) => !isInvalidBranchName(v), { error: BRANCH_RULE }), { error: 'expected a list of branch names' })
      .refine((list) => new Set(list).size === list.length, { error: 'expected each branch once' })
      .default(['main']),
    /**
     * GitHub environments whose jobs may assume the deploy role (token sub "repo:<repository>:environment:<name>",
     * compared exactly). A job with `environment:` gets that subject instead of the branch one, whatever its
     * branch: give each environment required reviewers and a deployment-branch rule (main only) in GitHub.
     * The shipped workflow deploys in the first one. @default [] = none
     */
    environments: z
      .array(z.string({ error: ENVIRONMENT_RULE }).refine((v) => !isInvalidEnvironmentName(v), { error: ENVIRONMENT_RULE }), {
        error: 'expected a list of GitHub environment names',
      })
      .refine((list) => new Set(list.map((name) => name.toLowerCase())).size === list.length, { error: 'expected each environment once (GitHub ignores case)' })
      .default([]),
    /** Also create the read-only role <project>-plan that pull-request workflows (sub "repo:<repository>:pull_request") may assume to run terraform plan. @default false */
    pullRequests: z.boolean({ error: 'expected true or false' }).default(false),
    /** An existing token.actions.githubusercontent.com provider of this account (IAM allows one per URL). @default none: bootstrap creates it */
    providerArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/, {
        error: 'expected the ARN of this account\'s GitHub OIDC provider: arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.branches.length === 0 && value.environments.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['branches'], input: value.branches, message: 'expected at least one branch name, or an environment in environments (omit githubOidc to turn GitHub Actions off)' });
    }
  });

export const SECURITY_HUB_STANDARDS = ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark'] as const;

export const securitySchema = z
  .strictObject({
    kms: z
      .strictObject({
        /** Alias of the multi-Region key in every Region. @default "alias/<project>" */
        alias: z
          .string()
          .regex(/^alias\/[A-Za-z0-9/_-]{1,250}$/, { error: 'expected "alias/" followed by letters, digits, "/", "_" or "-"' })
          .refine((v) => !v.startsWith('alias/aws/'), { error: 'alias/aws/ is reserved for AWS managed keys' })
          .optional(),
        /**
         * Principals that administer the key (no encrypt/decrypt). When set, the multi-Region key's policy
         * also lets the deploy role manage it (KMS refuses a key its creator could not update later).
         * @default the account root
         */
        administratorArns: principalList,
        /** Principals that use the key (encrypt/decrypt, no administration). @default none */
        userArns: principalList,
      })
      .prefault({}),
    /** Third-party secrets, each replicated to every other Region. @default one example API key, readable by nobody */
    secrets: z.array(secret, { error: 'expected a list of { name, description, readerArns }' }).default(DEFAULT_SECRETS),
    cloudTrail: z
      .strictObject({
        /** One multi-Region trail into a central bucket in the primary Region. @default true */
        enable: z.boolean({ error: 'expected true or false' }).default(true),
        /** Trail for the whole AWS Organization (run from the management account). @default false */
        organizationTrail: z.boolean({ error: 'expected true or false' }).default(false),
        /** AWS Organizations id (o-…) whose member accounts an organization trail writes for; required with organizationTrail. @default none */
        organizationId: z
          .string({ error: ORGANIZATION_ID_RULE })
          .regex(/^o-[a-z0-9]{10,32}$/, { error: ORGANIZATION_ID_RULE })
          .optional(),
        /** Also deliver to a CloudWatch Logs group in the primary Region. @default false */
        enableCloudWatchLogs: z.boolean({ error: 'expected true or false' }).default(false),
        /** Days to keep the CloudWatch Logs copy. @default 365 */
        cloudWatchLogsRetentionDays: retentionDays.default(365),
        /** Object Lock default retention of every log object, days. @default 365 */
        objectLockRetentionDays: dayCount(36500).default(365),
        /**
         * Object Lock mode of that retention. GOVERNANCE: a principal allowed s3:BypassGovernanceRetention
         * (only the break-glass principals) can still delete. COMPLIANCE: nobody, the account root included,
         * can delete a log object or shorten its retention until it expires, and the bucket cannot be
         * deleted before its last object's retention ends. @default "GOVERNANCE"
         */
        objectLockMode: oneOf(OBJECT_LOCK_MODES).default('GOVERNANCE'),
        /** Days before log objects (the audit and the AWS Config bucket) move to Glacier Flexible Retrieval. @default 90 */
        archiveAfterDays: dayCount(36500).default(90),
        /** Principals allowed to read the logs (audit and AWS Config buckets); everyone else is denied, the deploy role included. @default none */
        logReaderArns: principalList,
        /** Principals that may delete log objects, bypass retention or change the log buckets' policy, lock, versioning, lifecycle and logging outside Terraform. @default none = nobody */
        breakGlassArns: principalList,
        /** E-mail addresses subscribed to the audit-tampering alerts (each confirms its subscription by mail). @default none */
        alertEmails: z
          .array(z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'expected an e-mail address such as security@example.com' }), {
            error: 'expected a list of e-mail addresses',
          })
          .default([]),
      })
      .prefault({}),
    config: z
      .strictObject({
        /** AWS Config recorder and delivery channel in every Region (global resource types in the primary Region only), delivering to its own bucket (no Object Lock). @default true */
        enable: z.boolean({ error: 'expected true or false' }).default(true),
      })
      .prefault({}),
    securityHub: z
      .strictObject({
        /** Security Hub in every Region plus one finding aggregator. @default true */
        enable: z.boolean({ error: 'expected true or false' }).default(true),
        /** Standards to subscribe to in every Region. @default ["aws-foundational-security-best-practices"] */
        standards: z
          .array(oneOf(SECURITY_HUB_STANDARDS), { error: 'expected a list of standards' })
          .default(['aws-foundational-security-best-practices']),
        /** Region of the finding aggregator; must be listed in regions. @default primaryRegion */
        aggregationRegion: z.string().optional(),
      })
      .prefault({}),
    iam: z
      .strictObject({
        /** Principals that may assume the deploy role (CI); an account root among them only with MFA. @default principals of this account, with MFA */
        deployRoleTrustedArns: principalList,
        /** Principals that may assume the security-audit role, always with MFA. @default principals of this account, with MFA */
        auditRoleTrustedArns: principalList,
        /** Managed policy ARN set as permissions boundary on every role of the project; roles the deploy role creates or edits must carry it. @default none */
        permissionsBoundaryArn: z
          .string()
          .regex(/^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]{1,512}$/, {
            error: 'expected a managed policy ARN such as arn:aws:iam::123456789012:policy/boundary',
          })
          .optional(),
        /** GitHub Actions may assume the deploy role through OIDC from these branches and environments of one repository. @default off */
        githubOidc: githubOidc.optional(),
      })
      .prefault({}),
    directoryService: z
      .strictObject({
        /** AWS Managed Microsoft AD (Enterprise) in the primary Region, replicated. Expensive. @default false */
        enable: z.boolean({ error: 'expected true or false' }).default(false),
        /** Fully qualified domain name. @default "corp.example.internal" */
        domainName: z
          .string()
          .regex(/^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,}$/, { error: 'expected a fully qualified domain name such as corp.example.internal' })
          .default('corp.example.internal'),
        /** Name of the secret (listed in security.secrets) where the reset step keeps the real admin password; Terraform never reads it. @default "directory/admin-password" */
        adminPasswordSecretName: z.string().default('directory/admin-password'),
        /** Regions the directory is replicated to. @default every other listed Region */
        regions: z.array(z.string()).optional(),
      })
      .prefault({}),
  })
  .prefault({});
