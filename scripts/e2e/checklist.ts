/** Collects failed expectations instead of stopping at the first. */
export class Checklist {
  readonly failures: string[] = [];
  passed = 0;

  expect(ok: boolean, what: string): void {
    if (ok) this.passed++;
    else this.failures.push(what);
  }
}
