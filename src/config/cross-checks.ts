import { ConfigProblem, MISSING } from './errors';
import { availabilityZoneCount, defaultTransitGatewayAsn, isKnownRegion } from '../aws/regions';
import { cidrProblem, cidrsOverlap, MAX_AZ_COUNT } from './subnet-plan';
import { DEFAULT_PROJECT, PROJECT_PATTERN, terraformName } from './patterns';
import { didYouMean } from './suggest';
import { ecrCrossChecks } from './compute/ecr-cross-checks';
import { imageBuilderCrossChecks } from './compute/image-builder-cross-checks';
import { snapshotsCrossChecks } from './compute/snapshots-cross-checks';
import { failoverRegionCrossChecks } from './edge/failover-region-cross-checks';
import { trafficCrossChecks } from './edge/traffic-cross-checks';
import { tagCountProblems } from './tags-schema';
import { stateReplicaCrossChecks } from './state/replica-region';
import { activeRegionCrossChecks } from './dr/active-region';

type Raw = Record<string, unknown>;

const asObject = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** "did you mean ...? " among `names`, or ''. */
const hintOf = (value: unknown, names: ReadonlyArray<string | undefined>): string => {
  const hint = didYouMean(value, names.filter((n): n is string => Boolean(n)));
  return hint ? `${hint} ` : '';
};

/**
 * Rules that span several fields. They read the raw input defensively, so they run even when the
 * schema found other problems and every problem is reported in one go.
 */
export function crossChecks(input: unknown): ConfigProblem[] {
  const root = asObject(input);
  const network = asObject(root.network);
  const regions = asArray(root.regions).map(asObject);
  const problems: ConfigProblem[] = [];
  const names = regions.map((r) => (typeof r.name === 'string' && isKnownRegion(r.name) ? r.name : undefined));

  names.forEach((name, i) => {
    const first = names.indexOf(name);
    if (name && first < i) {
      problems.push({ path: ['regions', i, 'name'], received: name, message: `duplicate of regions[${first}].name; each Region may be listed once` });
    }
  });

  const primary = root.primaryRegion;
  // Not checked against an empty or non-list regions: the schema reports those.
  if (typeof primary === 'string' && isKnownRegion(primary) && names.length > 0 && !names.includes(primary)) {
    const invalid = names.flatMap((name, i) => (name ? [] : [`regions[${i}].name`]));
    problems.push({
      path: ['primaryRegion'],
      received: primary,
      message:
        `not one of the listed Regions; ${hintOf(primary, names)}allowed: ${[...new Set(names.filter(Boolean))].join(', ') || 'a Region listed in regions'}` +
        (invalid.length > 0 ? ` (or correct ${invalid.join(', ')})` : ''),
    });
  }

  const cidrs = regions.map((r) => (typeof r.vpcCidr === 'string' && !cidrProblem(r.vpcCidr) ? r.vpcCidr : undefined));
  cidrs.forEach((cidr, i) => {
    const clash = cidrs.findIndex((other, j) => j < i && other && cidr && cidrsOverlap(cidr, other));
    if (cidr && clash >= 0) {
      problems.push({
        path: ['regions', i, 'vpcCidr'],
        received: cidr,
        message: `overlaps regions[${clash}].vpcCidr (${cidrs[clash]}); VPC CIDRs must not overlap`,
      });
    }
  });

  const defaultAz = typeof network.azCount === 'number' ? network.azCount : 2;
  regions.forEach((r, i) => {
    const name = names[i];
    const count = typeof r.azCount === 'number' ? r.azCount : defaultAz;
    // Counts outside 2..MAX_AZ_COUNT are already reported by the schema.
    if (name && Number.isInteger(count) && count <= MAX_AZ_COUNT && count > availabilityZoneCount(name)) {
      const inherited = typeof r.azCount !== 'number';
      problems.push({
        path: inherited ? ['network', 'azCount'] : ['regions', i, 'azCount'],
        received: count,
        message: `${name} has ${availabilityZoneCount(name)} Availability Zones; expected at most ${availabilityZoneCount(name)}${inherited ? ` (or set regions[${i}].azCount)` : ''}`,
      });
    }
  });

  // Only explicit ASNs can clash: defaults come from distinct positions in the Region table.
  const asns = regions.map((r, i) => {
    if (typeof r.transitGatewayAsn === 'number') return r.transitGatewayAsn;
    return names[i] ? defaultTransitGatewayAsn(names[i]!) : undefined;
  });
  regions.forEach((r, i) => {
    if (typeof r.transitGatewayAsn !== 'number') return;
    const clash = asns.findIndex((other, j) => j !== i && other === r.transitGatewayAsn);
    if (clash >= 0) {
      problems.push({
        path: ['regions', i, 'transitGatewayAsn'],
        received: r.transitGatewayAsn,
        message: `same ASN as the Transit Gateway of regions[${clash}] (${names[clash] ?? 'unnamed'}); every Transit Gateway needs a distinct ASN`,
      });
    }
  });

  problems.push(...securityChecks(root, names.filter((n): n is string => Boolean(n))));
  problems.push(...tagCountProblems(root.tags));
  problems.push(...ecrCrossChecks(input), ...imageBuilderCrossChecks(input), ...snapshotsCrossChecks(input));
  problems.push(...failoverRegionCrossChecks(input), ...trafficCrossChecks(input));
  problems.push(...stateReplicaCrossChecks(input));
  problems.push(...activeRegionCrossChecks(input));

  if (network.interRegion === 'vpc-peering' && network.topology === 'hub-and-spoke') {
    problems.push({
      path: ['network', 'topology'],
      received: network.topology,
      message: 'VPC peering is not transitive, so it supports only "full-mesh"; use interRegion "transit-gateway" for hub-and-spoke',
    });
  }
  return problems;
}

function securityChecks(root: Raw, listed: string[]): ConfigProblem[] {
  const security = asObject(root.security);
  const problems: ConfigProblem[] = [];
  const allowed = `a listed Region (${listed.join(', ') || 'none listed'})`;

  const aggregation = asObject(security.securityHub).aggregationRegion;
  if (typeof aggregation === 'string' && Array.isArray(root.regions) && !listed.includes(aggregation)) {
    problems.push({ path: ['security', 'securityHub', 'aggregationRegion'], received: aggregation, message: `${hintOf(aggregation, listed)}expected ${allowed}` });
  }

  const project = typeof root.project === 'string' && PROJECT_PATTERN.test(root.project) ? root.project : DEFAULT_PROJECT;
  // The deploy role manages only aliases under alias/<project> (src/constructs/security/permissions.ts).
  // Not checked against an invalid project: the schema reports that.
  const alias = asObject(security.kms).alias;
  if ((root.project === undefined || root.project === project) && typeof alias === 'string' && !alias.startsWith(`alias/${project}`)) {
    problems.push({
      path: ['security', 'kms', 'alias'],
      received: alias,
      message: `expected an alias that starts with "alias/${project}" (the project name): the deploy role may manage only the project's aliases`,
    });
  }

  const secrets = asArray(security.secrets).map(asObject);
  const secretNames = secrets.map((s) => (typeof s.name === 'string' ? s.name : undefined));
  // Secrets are named in Terraform by terraformName(name): two names must not collapse into one.
  secretNames.forEach((name, i) => {
    const first = secretNames.indexOf(name);
    const clash = secretNames.findIndex((other) => other !== undefined && name !== undefined && terraformName(other) === terraformName(name));
    if (name && first < i) {
      problems.push({ path: ['security', 'secrets', i, 'name'], received: name, message: `duplicate of security.secrets[${first}].name; secret names must be unique` });
    } else if (name && clash < i) {
      problems.push({
        path: ['security', 'secrets', i, 'name'],
        received: name,
        message: `differs from security.secrets[${clash}].name (${secretNames[clash]}) only in punctuation, and both would get the Terraform name "${terraformName(name)}"; rename one`,
      });
    }
  });

  // The deploy role must never read a value: its own Deny stops it whatever the secret's policy says,
  // but a policy naming it as a reader would claim otherwise.
  const deployRole = new RegExp(`:role/${project}-deploy$`);
  secrets.forEach((s, i) => {
    asArray(s.readerArns).forEach((arn, j) => {
      if (typeof arn === 'string' && deployRole.test(arn)) {
        problems.push({
          path: ['security', 'secrets', i, 'readerArns', j],
          received: arn,
          message: `is the deploy role ${project}-deploy, which never reads a secret value; expected the roles or users of the applications that use the secret`,
        });
      }
    });
  });

  const cloudTrail = asObject(security.cloudTrail);
  const organizationId = cloudTrail.organizationId;
  // Not checked when CloudTrail is off: there is no trail, organization or not, to give permissions for.
  if (cloudTrail.enable !== false && cloudTrail.organizationTrail === true && organizationId === undefined) {
    problems.push({
      path: ['security', 'cloudTrail', 'organizationId'],
      received: MISSING,
      message:
        'expected the AWS Organizations id (o-…) when security.cloudTrail.organizationTrail is true: the audit bucket lets the trail write member accounts\' logs only under AWSLogs/<organization id>/ (`aws organizations describe-organization` shows it)',
    });
  }
  if (organizationId !== undefined && cloudTrail.organizationTrail !== true) {
    problems.push({
      path: ['security', 'cloudTrail', 'organizationId'],
      received: organizationId,
      message: 'only used by an organization trail; set security.cloudTrail.organizationTrail to true or remove organizationId',
    });
  }

  // Each address names a Terraform subscription block through terraformName: two must not collapse into one.
  const emails = asArray(cloudTrail.alertEmails).map((e) => (typeof e === 'string' ? e : undefined));
  emails.forEach((email, i) => {
    if (email === undefined) return;
    const first = emails.findIndex((other) => other !== undefined && terraformName(other) === terraformName(email));
    if (first >= i) return;
    problems.push({
      path: ['security', 'cloudTrail', 'alertEmails', i],
      received: email,
      message:
        emails[first] === email
          ? `duplicate of security.cloudTrail.alertEmails[${first}]; list each address once`
          : `differs from security.cloudTrail.alertEmails[${first}] (${emails[first]}) only in punctuation, and both would get the Terraform name "email_${terraformName(email)}"; subscribe one of them outside Terraform`,
    });
  });

  const directory = asObject(security.directoryService);
  const primary = typeof root.primaryRegion === 'string' ? root.primaryRegion : undefined;
  asArray(directory.regions).forEach((region, i) => {
    if (typeof region !== 'string' || !listed.includes(region) || region === primary) {
      const others = listed.filter((r) => r !== primary);
      problems.push({
        path: ['security', 'directoryService', 'regions', i],
        received: region,
        message: `${region === primary ? '' : hintOf(region, others)}expected a listed Region other than the primary (${others.join(', ') || 'none'})`,
      });
    }
  });
  if (directory.enable === true) {
    const secretName = typeof directory.adminPasswordSecretName === 'string' ? directory.adminPasswordSecretName : 'directory/admin-password';
    const declared = 'secrets' in security ? secretNames : [];
    if (!declared.includes(secretName)) {
      problems.push({
        path: ['security', 'directoryService', 'adminPasswordSecretName'],
        received: secretName,
        message: 'expected the name of a secret listed in security.secrets (the admin password is kept there, set by the reset step; Terraform never reads it)',
      });
    }
  }
  return problems;
}
