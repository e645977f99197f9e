/** Rewrites the README's remote-state table from the output contracts in src/stacks/contracts. */
import * as fs from 'fs';
import * as path from 'path';
import { README_TABLE_END, README_TABLE_START, remoteStateTable } from '../src/stacks/contracts/readme-table';

const readme = path.join(__dirname, '..', 'README.md');
const text = fs.readFileSync(readme, 'utf8');
const start = text.indexOf(README_TABLE_START);
const end = text.indexOf(README_TABLE_END);
if (start < 0 || end < start) throw new Error(`README.md: markers ${README_TABLE_START} … ${README_TABLE_END} not found`);
fs.writeFileSync(readme, `${text.slice(0, start + README_TABLE_START.length)}\n${remoteStateTable()}\n${text.slice(end)}`);
console.log('README.md: remote-state table rewritten from src/stacks/contracts');
