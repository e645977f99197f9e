import * as fs from 'fs';
import * as path from 'path';

export interface ToleratedDrift {
  id: string;
  api: string;
  resourceType: string;
  stack: string;
  actions: string[];
  reason: string;
}

export interface EmulatorGaps {
  patched: Array<{ id: string; api: string; resources: string[]; reason: string; handling: string }>;
  excluded: Array<{ id: string; api: string; resourceType: string; reason: string }>;
  toleratedDrift: ToleratedDrift[];
}

export const GAPS_FILE = path.join(__dirname, 'emulator-gaps.json');

export function loadGaps(): EmulatorGaps {
  return JSON.parse(fs.readFileSync(GAPS_FILE, 'utf8'));
}

export function describeGaps(gaps: EmulatorGaps): string {
  const lines = [
    ...gaps.patched.map((g) => `patched   ${g.id} [${g.api}]: ${g.handling}`),
    ...gaps.excluded.map((g) => `excluded  ${g.id} [${g.api}] ${g.resourceType}: ${g.reason}`),
    ...gaps.toleratedDrift.map((g) => `drift ok  ${g.id} [${g.api}] ${g.stack}/${g.resourceType} ${g.actions.join('+')}: ${g.reason}`),
  ];
  return lines.length ? lines.join('\n') : '(none)';
}
