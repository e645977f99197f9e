/** Rewrites the README's cost table from the synthesized stacks of the configs it shows. */
import * as fs from 'fs';
import * as path from 'path';
import { COST_TABLE_END, COST_TABLE_START, costTable } from './cost/readme-table';
import { COST_CONFIGS, synthConfigFile } from './cost/synth-configs';

const readme = path.join(__dirname, '..', 'README.md');
const text = fs.readFileSync(readme, 'utf8');
const start = text.indexOf(COST_TABLE_START);
const end = text.indexOf(COST_TABLE_END);
if (start < 0 || end < start) throw new Error(`README.md: markers ${COST_TABLE_START} … ${COST_TABLE_END} not found`);
const table = costTable(COST_CONFIGS.map(({ title, file }) => ({ title, stacks: synthConfigFile(file) })));
fs.writeFileSync(readme, `${text.slice(0, start + COST_TABLE_START.length)}\n${table}\n${text.slice(end)}`);
console.log('README.md: cost table rewritten from the synthesized stacks');
