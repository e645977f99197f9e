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

/** An API moto lacks, answered by an in-memory store in scripts/e2e/emulated/ (installed by the launcher). */
export interface EmulatedApi {
  id: string;
  api: string;
  resources: string[];
  module: string;
  reason: string;
  faithful: string;
  notFaithful: string;
}

export interface EmulatorGaps {
  patched: Array<{ id: string; api: string; resources: string[]; reason: string; handling: string }>;
  emulated: EmulatedApi[];
  excluded: Array<{ id: string; api: string; resourceType: string; reason: string }>;
  toleratedDrift: ToleratedDrift[];
}

/**
 * The listed emulator drift that explains a planned change, if one does. `actions` as Terraform's
 * list, or as a plan summary joins it ("delete, create"); the order does not matter.
 */
export function toleratedDriftFor(tolerated: readonly ToleratedDrift[], stack: string, type: string, actions: readonly string[] | string): ToleratedDrift | undefined {
  const list = typeof actions === 'string' ? actions.split(/,\s*/) : actions;
  const key = [...list].sort().join();
  return tolerated.find((g) => g.stack === stack && g.resourceType === type && [...g.actions].sort().join() === key);
}

export const GAPS_FILE = path.join(__dirname, 'emulator-gaps.json');

export function loadGaps(): EmulatorGaps {
  return { emulated: [], ...JSON.parse(fs.readFileSync(GAPS_FILE, 'utf8')) };
}

export function describeGaps(gaps: EmulatorGaps): string {
  const lines = [
    ...gaps.patched.map((g) => `patched   ${g.id} [${g.api}]: ${g.handling}`),
    ...gaps.emulated.map((g) => `emulated  ${g.id} [${g.api}] ${g.resources.join(', ')}: not modelled: ${g.notFaithful}`),
    ...gaps.excluded.map((g) => `excluded  ${g.id} [${g.api}] ${g.resourceType}: ${g.reason}`),
    ...gaps.toleratedDrift.map((g) => `drift ok  ${g.id} [${g.api}] ${g.stack}/${g.resourceType} ${g.actions.join('+')}: ${g.reason}`),
  ];
  return lines.length ? lines.join('\n') : '(none)';
}
