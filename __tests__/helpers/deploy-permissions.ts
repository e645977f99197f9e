import * as fs from 'fs';
import * as path from 'path';
import { DeployContext, DomainPermissions, MANAGED_POLICY_MAX_CHARS, policySize, worstCaseContext } from '../../src/aws/deploy-permissions';
import { Statement } from '../../src/aws/policy-documents';
import { globMatches } from '../../src/compliance/rule';
import { asList, isWildcardAction } from './inspect';

/** A deployment with every optional statement present (two secrets, three Regions, a permissions boundary, a managed directory). */
export const CONTEXT: DeployContext = {
  account: '123456789012',
  partition: 'aws',
  project: 'acme',
  primaryRegion: 'us-east-1',
  regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
  secretNames: ['third-party/payments-api-key', 'directory/admin-password'],
  permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/acme-boundary',
  managedDirectory: true,
  tagKeys: ['Project', 'ManagedBy', 'FoundationProject', 'FoundationStack'],
};

export const actionsOf = (s: Statement): string[] => asList(s.Action);

/** True when some Allow statement grants `action` (IAM wildcard matching, case-insensitive). */
export function grantsAction(statements: readonly Statement[], action: string): boolean {
  return statements.some((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => globMatches(a, action, true)));
}

/** The statement with this Sid in the domain's policy. */
export function statementOf(domain: DomainPermissions, sid: string, context = CONTEXT): Statement {
  const found = domain.grants(context).filter((g) => g.statement.Sid === sid);
  if (found.length !== 1) throw new Error(`expected one statement ${sid} in ${domain.domain}, found ${found.length}`);
  return found[0].statement;
}

/**
 * The checks every domain declaration must pass. `required` lists, for each Terraform type the
 * domain covers, the actions that Terraform needs from this domain's statements to create, read,
 * update and destroy it (a type may need actions of other domains too: each lists its own).
 */
export function describeDomainPermissions(domain: DomainPermissions, required: Readonly<Record<string, readonly string[]>>): void {
  describe(`${domain.domain} deploy permissions`, () => {
    const grants = domain.grants(CONTEXT);
    const statements = grants.map((g) => g.statement);

    test('covers exactly the types of the required-actions table, and each Allow covers at least one', () => {
      const covered = new Set(grants.flatMap((g) => g.covers));
      expect([...covered].sort()).toEqual(Object.keys(required).sort());
      expect(grants.filter((g) => g.statement.Effect === 'Allow' && g.covers.length === 0).map((g) => g.statement.Sid)).toEqual([]);
    });

    test('the statements that cover a type grant every action Terraform needs for it', () => {
      const missing = Object.entries(required).flatMap(([type, actions]) => {
        const covering = grants.filter((g) => g.covers.includes(type)).map((g) => g.statement);
        return actions.filter((a) => !grantsAction(covering, a)).map((a) => `${type}: ${a}`);
      });
      expect(missing).toEqual([]);
    });

    test('Sids are unique and alphanumeric; no "*" or "<service>:*" action, no NotAction or NotResource', () => {
      const sids = statements.map((s) => s.Sid);
      expect(new Set(sids).size).toBe(sids.length);
      for (const s of statements) {
        expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
        expect(Object.keys(s).filter((k) => k.startsWith('Not'))).toEqual([]);
        expect(actionsOf(s).filter(isWildcardAction)).toEqual([]);
      }
    });

    test(`fits a managed policy (${MANAGED_POLICY_MAX_CHARS} characters) with the longest partition`, () => {
      const longest = domain.grants(worstCaseContext(CONTEXT)).map((g) => g.statement);
      expect(policySize(longest)).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
    });

    test('the domain\'s folder (its name up to the first "-") declares it', () => {
      expect(fs.existsSync(path.join(__dirname, '..', '..', 'src', 'constructs', domain.domain.split('-')[0], 'permissions.ts'))).toBe(true);
    });
  });
}
