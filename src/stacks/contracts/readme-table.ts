import { STACK_CONTRACTS } from './catalog';

/** The table sits between these markers in README.md. */
export const README_TABLE_START = '<!-- remote-state-table: generated from src/stacks/contracts -->';
export const README_TABLE_END = '<!-- /remote-state-table -->';

/**
 * The README's remote-state table, rendered from the contracts; a jest test keeps the README
 * equal to it (`npx tsx scripts/write-contract-table.ts` rewrites it).
 */
export function remoteStateTable(): string {
  const rows = ['| stack | output | type | written | description | read by |', '|---|---|---|---|---|---|'];
  for (const { kind, contract } of STACK_CONTRACTS) {
    Object.entries(contract).forEach(([name, spec], i) => {
      const stack = i === 0 ? `\`${kind}\`` : '';
      const written = spec.when ? `when \`${spec.when}\`` : 'always';
      rows.push(`| ${stack} | \`${name}\` | ${spec.type} | ${written} | ${spec.description} | ${spec.readBy.join(', ')} |`);
    });
  }
  return rows.join('\n');
}
