import * as fs from 'fs';
import * as path from 'path';
import { COST_TABLE_END, COST_TABLE_START, costTable } from '../../../scripts/cost/readme-table';
import { COST_CONFIGS, synthConfigFile } from '../../../scripts/cost/synth-configs';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

describe('README cost table', () => {
  test('is the table counted from the synthesized stacks of its configs (rewrite: npx tsx scripts/write-cost-table.ts)', () => {
    const start = readme.indexOf(COST_TABLE_START);
    const end = readme.indexOf(COST_TABLE_END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const section = readme.slice(start + COST_TABLE_START.length, end).trim();
    expect(section).toBe(costTable(COST_CONFIGS.map(({ title, file }) => ({ title, stacks: synthConfigFile(file) }))));
  });
});
