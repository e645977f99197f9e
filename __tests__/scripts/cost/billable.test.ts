import { BILLABLE, SynthesizedStack, billableCounts } from '../../../scripts/cost/billable';
import { costTable } from '../../../scripts/cost/readme-table';

const stacks: SynthesizedStack[] = [
  { resource: { aws_secretsmanager_secret: { a: { name: 'a', replica: [{ region: 'eu-west-1' }, { region: 'us-west-2' }] }, b: { name: 'b' } }, aws_vpc: { v: {} } } },
  { resource: { aws_kms_key: { k: {} }, aws_kms_replica_key: { r: {} } } },
  {},
];

describe('billableCounts', () => {
  const counts = Object.fromEntries(billableCounts(stacks).map((row) => [row.type, row.count]));

  test('each replica of a secret is billed as a secret', () => {
    expect(counts.aws_secretsmanager_secret).toBe(4);
  });

  test('counts every billable type across stacks; types without a charge of their own are not listed', () => {
    expect(counts.aws_kms_key).toBe(1);
    expect(counts.aws_kms_replica_key).toBe(1);
    expect(counts.aws_nat_gateway).toBe(0);
    expect(Object.keys(counts)).toEqual(Object.keys(BILLABLE));
    expect(counts).not.toHaveProperty('aws_vpc');
  });
});

describe('costTable', () => {
  test('one count column per config; items no config creates are left out', () => {
    const table = costTable([
      { title: 'one', stacks },
      { title: 'two', stacks: [stacks[1]] },
    ]).split('\n');
    expect(table[0]).toBe('| billed item | one | two | priced by |');
    expect(table.find((line) => line.includes('aws_kms_key'))).toMatch(/\| 1 \| 1 \|/);
    expect(table.find((line) => line.includes('aws_secretsmanager_secret'))).toMatch(/\| 4 \| 0 \|/);
    expect(table.some((line) => line.includes('aws_nat_gateway'))).toBe(false);
  });
});
