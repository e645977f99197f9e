import { Construct } from 'constructs';
import { App, Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IPv4CidrRange } from 'ip-num';
import { FoundationConfig } from '../../src/config/validate';
import { ComplianceAspect, applyComplianceRules } from '../../src/compliance/foundation-rules';
import { PolicyViolation } from '../../src/compliance/rule';
import { StackJson, resources } from './synth';

/** Synthesizes one already-built stack. */
export function synthStack(stack: TerraformStack): StackJson {
  return JSON.parse(Testing.synth(stack));
}

/** The only resource of a type: [logical id, arguments]; fails if there are none or several. */
export function only(stack: StackJson, type: string): [string, Record<string, any>] {
  const entries = Object.entries(resources(stack, type));
  if (entries.length !== 1) {
    throw new Error(`expected exactly one ${type}, found ${entries.length}: ${entries.map(([id]) => id).join(', ')}`);
  }
  return entries[0];
}

/** Terraform reference to an attribute of a resource, as cdktf writes it. */
export function ref(type: string, id: string, attribute: string): string {
  return `\${${type}.${id}.${attribute}}`;
}

/** Logical id of the resource of `type` that `expression` (e.g. "${aws_vpc.x.id}") points at. */
export function refId(expression: unknown, type: string): string {
  const match = new RegExp(`^\\$\\{${type}\\.([^.}]+)\\.[a-z_]+\\}$`).exec(String(expression));
  if (!match) throw new Error(`${String(expression)} is not a reference to a ${type}`);
  return match[1];
}

/** Every resource and data source block of a stack. */
export interface Block {
  readonly kind: 'resource' | 'data';
  readonly type: string;
  readonly id: string;
  readonly address: string;
  readonly body: Record<string, any>;
}

export function blocks(stack: StackJson): Block[] {
  const out: Block[] = [];
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byId] of Object.entries(stack[kind] ?? {})) {
      for (const [id, body] of Object.entries(byId)) {
        out.push({ kind, type, id, body, address: `${kind === 'data' ? 'data.' : ''}${type}.${id}` });
      }
    }
  }
  return out;
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: any;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  readonly Version: string;
  readonly Statement: PolicyStatement[];
}

export const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * Every policy document of a stack (arguments named `policy` or `*_policy`), parsed with
 * JSON.parse. A policy that is not valid JSON fails here.
 */
export function policyDocuments(stack: StackJson): Array<{ address: string; attribute: string; document: PolicyDocument }> {
  const found: Array<{ address: string; attribute: string; document: PolicyDocument }> = [];
  for (const block of blocks(stack)) {
    for (const [attribute, value] of Object.entries(block.body)) {
      if (!/(^|_)policy$/.test(attribute) || typeof value !== 'string') continue;
      let document: PolicyDocument;
      try {
        document = JSON.parse(value);
      } catch (error) {
        throw new Error(`${block.address}.${attribute} is not valid JSON: ${(error as Error).message}`);
      }
      found.push({ address: block.address, attribute, document });
    }
  }
  return found;
}

/** "*" or a whole service ("s3:*"). */
export function isWildcardAction(action: string): boolean {
  return action === '*' || /^[A-Za-z0-9-]+:\*$/.test(action);
}

/**
 * Sid of the key-administrator statement of every KMS key policy. It lists explicit admin actions
 * (KEY_ADMIN_ACTIONS), so it needs no exception: "kms:*" on "*" is flagged like any other wildcard.
 */
export const KMS_KEY_ADMIN_SID = 'KeyAdministrators';

/**
 * Allow statements that grant a wildcard action ("*" or "<service>:*") on a wildcard resource, or
 * use NotAction / NotResource. No exceptions, not even in key policies.
 */
export function overlyBroadAllows(document: PolicyDocument): PolicyStatement[] {
  return asList(document.Statement).filter((s) => {
    if (s.Effect !== 'Allow') return false;
    if (s.NotAction !== undefined || s.NotResource !== undefined) return true;
    const wildcardAction = asList(s.Action).some(isWildcardAction);
    const wildcardResource = asList(s.Resource).some((r) => r === '*');
    return wildcardAction && wildcardResource;
  });
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrInside(inner: string, outer: string): boolean {
  return IPv4CidrRange.fromCidr(inner).inside(IPv4CidrRange.fromCidr(outer));
}

export function cidrOverlaps(a: string, b: string): boolean {
  return IPv4CidrRange.fromCidr(a).isOverlapping(IPv4CidrRange.fromCidr(b));
}

/** Terraform reference to an attribute of the only data source of a type, e.g. "${data.aws_partition.x.partition}". */
export function dataRef(stack: StackJson, type: string, attribute: string): string {
  const ids = Object.keys(stack.data?.[type] ?? {});
  if (ids.length !== 1) throw new Error(`expected exactly one data.${type}, found ${ids.length}: ${ids.join(', ')}`);
  return `\${data.${type}.${ids[0]}.${attribute}}`;
}

/** The statement with this Sid; fails if there is none or several. */
export function statementBySid(document: PolicyDocument, sid: string): PolicyStatement {
  const matches = asList(document.Statement).filter((s) => s.Sid === sid);
  if (matches.length !== 1) throw new Error(`expected exactly one statement with Sid ${sid}, found ${matches.length}`);
  return matches[0];
}

/** Allow statements whose principal is "*" or contains "*" in any of its lists. */
export function wildcardPrincipalAllows(document: PolicyDocument): PolicyStatement[] {
  return asList(document.Statement).filter((s) => {
    if (s.Effect !== 'Allow') return false;
    if (s.Principal === '*') return true;
    if (s.Principal === undefined || typeof s.Principal !== 'object') return false;
    return Object.values(s.Principal as Record<string, unknown>).some((v) => asList(v as string | string[]).some((p) => p === '*'));
  });
}

/** All data sources of a type in a stack: logical id -> arguments. */
export function dataSources(stack: StackJson, type: string): Record<string, Record<string, any>> {
  return stack.data?.[type] ?? {};
}

/** The only data source of a type: [logical id, arguments]; fails if there are none or several. */
export function onlyData(stack: StackJson, type: string): [string, Record<string, any>] {
  const entries = Object.entries(dataSources(stack, type));
  if (entries.length !== 1) {
    throw new Error(`expected exactly one data.${type}, found ${entries.length}: ${entries.map(([id]) => id).join(', ')}`);
  }
  return entries[0];
}

/** Terraform reference to an attribute of the data source with this logical id, as cdktf writes it. */
export function dataRefById(type: string, id: string, attribute: string): string {
  return `\${data.${type}.${id}.${attribute}}`;
}

/** Every stack of the whole app, built in a Testing app (found in the tree, so new stacks count too). */
export function appStacks(config: FoundationConfig): TerraformStack[] {
  // Required here: the construct tests that import this file do not compile the whole app.
  const { buildFoundation } = require('../../src/stacks/foundation-app') as typeof import('../../src/stacks/foundation-app');
  const app = Testing.app();
  buildFoundation(app as App, config);
  return app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

/** A bare stack (us-east-1 provider) holding one fixture, checked by the foundation policies. */
export interface PolicyFixture {
  readonly stack: TerraformStack;
  readonly aspect: ComplianceAspect;
  /** Synthesizes with validations, as `cdktf synth` does; throws listing every violation. */
  synth(): StackJson;
  /** The validation error of synth, or undefined when the stack passes. */
  synthError(): string | undefined;
  /** Every violation, read from the aspect after a synth without validations has run it. */
  violations(): PolicyViolation[];
}

export function policyFixture(build: (scope: Construct) => void): PolicyFixture {
  const stack = new TerraformStack(Testing.app(), 'fixture');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  build(stack);
  const aspect = applyComplianceRules(stack);
  const synth = () => JSON.parse(Testing.synth(stack, true)) as StackJson;
  const synthError = () => {
    try {
      synth();
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const violations = () => {
    Testing.synth(stack);
    return aspect.violations();
  };
  return { stack, aspect, synth, synthError, violations };
}
