import * as fs from 'fs';
import * as path from 'path';
import { README_TABLE_END, README_TABLE_START, remoteStateTable } from '../../../src/stacks/contracts/readme-table';
import { STACK_CONTRACTS } from '../../../src/stacks/contracts/catalog';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf(README_TABLE_START) + README_TABLE_START.length, readme.indexOf(README_TABLE_END)).trim();

/** [stack kind, output, description] of every row of the README table. */
function readmeRows(): Array<[string, string, string]> {
  let kind = '';
  return section
    .split('\n')
    .slice(2)
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      kind = cells[1] ? cells[1].replace(/`/g, '') : kind;
      return [kind, cells[2].replace(/`/g, ''), cells[5]];
    });
}

describe('README remote-state table', () => {
  test('sits between its markers', () => {
    expect(readme.indexOf(README_TABLE_START)).toBeGreaterThan(0);
    expect(readme.indexOf(README_TABLE_END)).toBeGreaterThan(readme.indexOf(README_TABLE_START));
  });

  test('lists every declared output with its description, and nothing else', () => {
    const declared = STACK_CONTRACTS.flatMap(({ kind, contract }) => Object.entries(contract).map(([name, spec]) => [kind, name, spec.description]));
    expect(readmeRows()).toEqual(declared);
  });

  test('is exactly the table rendered from the contracts (rewrite: npx tsx scripts/write-contract-table.ts)', () => {
    expect(section).toBe(remoteStateTable());
  });
});

describe('output contracts', () => {
  test('names are snake_case, each description is a phrase, each output has a reader', () => {
    for (const { contract } of STACK_CONTRACTS) {
      for (const [name, spec] of Object.entries(contract)) {
        expect(name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
        expect(spec.description.length).toBeGreaterThan(5);
        expect(spec.readBy.length).toBeGreaterThan(0);
      }
    }
  });
});
