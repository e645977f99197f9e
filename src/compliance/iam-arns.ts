import { InspectedResource, asList, globMatches } from './rule';
import { IamStatement } from './iam-documents';

/** A role or managed policy a stack defines, as IAM names it in a Resource ARN. */
export interface IamEntity {
  readonly resource: InspectedResource;
  /** "role" or "policy". */
  readonly kind: 'role' | 'policy';
  /** The ARN's resource part, e.g. "role/acme-deploy" or "policy/ops/acme-deploy-network". */
  readonly resourcePart: string | undefined;
}

const KIND_BY_TYPE: Record<string, 'role' | 'policy'> = { aws_iam_role: 'role', aws_iam_policy: 'policy' };

/** Every aws_iam_role and aws_iam_policy of the stack; resourcePart is undefined when the name is not a literal. */
export function iamEntities(resources: readonly InspectedResource[]): IamEntity[] {
  return resources.flatMap((resource) => {
    const kind = KIND_BY_TYPE[resource.type];
    if (!kind) return [];
    const { name, path } = resource.attributes;
    const literal = (v: unknown) => typeof v === 'string' && !v.includes('${');
    const prefix = path === undefined ? '/' : path;
    return [{ resource, kind, resourcePart: literal(name) && literal(prefix) ? `${kind}${prefix}${name}` : undefined }];
  });
}

const ARN = /^arn:[^:]*:([^:]*):([^:]*):[^:]*:(.*)$/s;

/**
 * Whether a statement's Resource entry names the entity. Partition and account are not compared
 * (a stack deploys into one account; the ARNs hold them as Terraform references), service and
 * resource part are matched as IAM does, "*" and "?" included. A reference to the entity's own
 * `arn` attribute names it; any other Terraform expression does not.
 */
export function resourceNames(pattern: string, entity: IamEntity): boolean {
  if (pattern === '*') return true;
  if (pattern === `\${${entity.resource.address}.arn}`) return true;
  const arn = ARN.exec(pattern);
  if (!arn || entity.resourcePart === undefined) return false;
  const [, service, region, resourcePart] = arn;
  return globMatches(service, 'iam', true) && globMatches(region, '') && globMatches(resourcePart, entity.resourcePart);
}

/** Whether the statement's Action (or everything outside its NotAction) includes `action`. */
export function coversAction(statement: IamStatement, action: string): boolean {
  if (statement.NotAction !== undefined) return !asList(statement.NotAction).some((a) => globMatches(String(a), action, true));
  return asList(statement.Action).some((a) => globMatches(String(a), action, true));
}

/** Whether the statement's Resource (or everything outside its NotResource) includes the entity. */
export function coversEntity(statement: IamStatement, entity: IamEntity): boolean {
  if (statement.NotResource !== undefined) return !asList(statement.NotResource).some((r) => resourceNames(String(r), entity));
  return asList(statement.Resource).some((r) => resourceNames(String(r), entity));
}
