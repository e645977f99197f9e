import { operationsSchema } from '../../../src/config/operations/operations-schema';
import { testConfig } from '../../helpers/synth';
import { ConfigError } from '../../../src/config/errors';

/** The issues of a failed parse as "path: message". */
function problems(input: unknown): string[] {
  const result = operationsSchema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('operations schema', () => {
  test('an absent section is the default: Resource Explorer on (it has no charge)', () => {
    expect(operationsSchema.parse(undefined)).toEqual({ resourceExplorer: { enable: true } });
    expect(operationsSchema.parse({})).toEqual(operationsSchema.parse(undefined));
    expect(operationsSchema.parse({ resourceExplorer: {} })).toEqual(operationsSchema.parse(undefined));
  });

  test('Resource Explorer can be turned off', () => {
    expect(operationsSchema.parse({ resourceExplorer: { enable: false } })).toEqual({ resourceExplorer: { enable: false } });
  });

  test('enable must be a boolean; unknown keys are refused', () => {
    expect(problems({ resourceExplorer: { enable: 'yes' } })).toEqual(['resourceExplorer.enable: expected true or false']);
    expect(problems({ resourceExplorer: { enabled: true } })[0]).toMatch(/^resourceExplorer: /);
    expect(problems({ inventory: {} })[0]).toMatch(/^: /);
  });

  test('part of the whole config, with the path and the value in the error', () => {
    expect(testConfig().operations).toEqual({ resourceExplorer: { enable: true } });
    expect(() => testConfig({ operations: { resourceExplorer: { enable: 1 } } })).toThrow(ConfigError);
    expect(() => testConfig({ operations: { resourceExplorer: { enable: 1 } } })).toThrow(/operations\.resourceExplorer\.enable: received 1; expected true or false/);
  });
});
