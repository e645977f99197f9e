import * as fs from 'fs';
import * as path from 'path';
import { parsePlan, TerraformPlan } from '../../../scripts/plan/summary-lib';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const fixturePath = (name: string) => path.join(FIXTURES, `${name}.json`);
export const fixture = (name: string): TerraformPlan => parsePlan(fs.readFileSync(fixturePath(name), 'utf8'), `${name}.json`);
