/** Collects failed expectations instead of stopping at the first. */
export class Checklist {
  readonly failures: string[] = [];
  passed = 0;

  expect(ok: boolean, what: string): void {
    if (ok) this.passed++;
    else this.failures.push(what);
  }
}

/** The same members, whatever their order: what a policy read back names against what the config names. */
export function sameMembers(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
}
