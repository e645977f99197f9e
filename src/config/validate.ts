import { z } from 'zod';
import { configSchema, ParsedConfig } from './schema';
import { ConfigError, ConfigProblem, JsonPath, valueAt } from './errors';
import { crossChecks } from './cross-checks';
import { defaultTransitGatewayAsn } from '../aws/regions';
import { planSubnets, SubnetPlan } from './subnet-plan';
import { didYouMean } from './suggest';
import { stateReplicaRegionOf } from './state/replica-region';
import { activeRegionOf } from './dr/active-region';

export interface RegionConfig {
  readonly name: string;
  readonly vpcCidr: string;
  readonly azCount: number;
  readonly transitGatewayAsn: number;
  readonly isPrimary: boolean;
  readonly subnets: SubnetPlan;
}

type ParsedSecurity = ParsedConfig['security'];

/** The security section with every Region-dependent default resolved. */
export interface SecurityConfig extends Omit<ParsedSecurity, 'kms' | 'securityHub' | 'directoryService'> {
  readonly kms: ParsedSecurity['kms'] & { readonly alias: string };
  readonly securityHub: ParsedSecurity['securityHub'] & { readonly aggregationRegion: string };
  readonly directoryService: ParsedSecurity['directoryService'] & { readonly regions: string[] };
}

/** The state section with the replica Region resolved. */
export type StateConfig = ParsedConfig['state'] & { readonly replicaRegion: string };

/** A validated configuration with every default and derived value filled in. */
export interface FoundationConfig extends Omit<ParsedConfig, 'regions' | '$schema' | 'security' | 'state' | 'activeRegion'> {
  /** The Region that takes writes (config `activeRegion`, default the primary). */
  readonly activeRegion: string;
  readonly regions: readonly RegionConfig[];
  readonly security: SecurityConfig;
  readonly state: StateConfig;
}

/** Keys an object schema accepts at a path, for the "unknown key" message. */
function allowedKeys(path: JsonPath): string[] {
  let schema = configSchema as unknown as z.ZodType;
  const unwrap = (s: z.ZodType): z.ZodType => {
    const def = (s as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
    if (def.innerType) return unwrap(def.innerType);
    if (def.type === 'pipe' && def.in) return unwrap(def.in);
    return s;
  };
  for (const part of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodObject) schema = schema.shape[part as string] as z.ZodType;
    else return [];
    if (!schema) return [];
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function toProblems(issue: z.core.$ZodIssue, input: unknown): ConfigProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(path);
    return issue.keys.map((key) => {
      const hint = didYouMean(key, allowed);
      return {
        path: [...path, key],
        received: valueAt(input, [...path, key]),
        message: `unknown key; ${hint ? `${hint} ` : ''}allowed keys here: ${allowed.join(', ')}`,
      };
    });
  }
  if (issue.code === 'invalid_key') {
    // A record key failed its own schema: report the key and why, not zod's "Invalid key in record".
    return [{ path, received: path[path.length - 1], message: `invalid key; ${issue.issues.map((i) => i.message).join('; ')}` }];
  }
  let message = issue.message;
  if (issue.code === 'invalid_type' && message.startsWith('Invalid input')) message = `expected ${issue.expected}`;
  return [{ path, received: valueAt(input, path), message }];
}

function resolveSecurity(parsed: ParsedConfig): SecurityConfig {
  const { security } = parsed;
  return {
    ...security,
    kms: { ...security.kms, alias: security.kms.alias ?? `alias/${parsed.project}` },
    securityHub: { ...security.securityHub, aggregationRegion: security.securityHub.aggregationRegion ?? parsed.primaryRegion },
    directoryService: {
      ...security.directoryService,
      regions: security.directoryService.regions ?? parsed.regions.map((r) => r.name).filter((name) => name !== parsed.primaryRegion),
    },
  };
}

function resolve(parsed: ParsedConfig): FoundationConfig {
  const { $schema: _ignored, regions, ...rest } = parsed;
  return {
    ...rest,
    activeRegion: activeRegionOf(parsed),
    security: resolveSecurity(parsed),
    // Defined: stateReplicaCrossChecks rejects a config without a Region to replicate to.
    state: { ...parsed.state, replicaRegion: stateReplicaRegionOf(parsed)! },
    regions: regions.map((r) => {
      const azCount = r.azCount ?? parsed.network.azCount;
      return {
        name: r.name,
        vpcCidr: r.vpcCidr,
        azCount,
        transitGatewayAsn: r.transitGatewayAsn ?? defaultTransitGatewayAsn(r.name),
        isPrimary: r.name === parsed.primaryRegion,
        subnets: planSubnets(r.vpcCidr, azCount),
      };
    }),
  };
}

/**
 * Validates a whole configuration; throws one ConfigError that lists every problem, `found` (problems
 * the caller found in the file itself) first.
 */
export function validateConfig(input: unknown, source = '(inline)', found: readonly ConfigProblem[] = []): FoundationConfig {
  const result = configSchema.safeParse(input);
  const problems = [
    ...found,
    ...(result.success ? [] : result.error.issues.flatMap((issue) => toProblems(issue, input))),
    ...crossChecks(input),
  ];
  if (problems.length > 0 || !result.success) throw new ConfigError(source, problems);
  return resolve(result.data);
}
