import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSchema, main, renderSchema, SCHEMA_PATH } from '../../scripts/write-schema';
import { REGION_NAMES } from '../../src/aws/regions';
import { LOG_RETENTION_DAYS } from '../../src/config/schema';
import { validateConfig } from '../../src/config/validate';
import { BAD_CONFIGS, MINIMAL_CONFIG, configWith } from '../helpers/config-cases';

type Schema = Record<string, any>;

const KNOWN_KEYWORDS = new Set([
  '$schema', 'title', 'description', 'default', 'examples', 'type', 'properties', 'required', 'additionalProperties',
  'propertyNames', 'items', 'minItems', 'maxItems', 'enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'anyOf',
  'maxProperties',
]);

const typeOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

/**
 * The JSON Schema 2020-12 keywords the generated schema uses, checked the way an editor would.
 * Returns the JSON paths an editor would flag. Fails on a keyword it does not know, so a new
 * keyword in the generator cannot pass unchecked.
 */
function editorErrors(schema: Schema, value: unknown, at = '$'): string[] {
  for (const key of Object.keys(schema)) if (!KNOWN_KEYWORDS.has(key)) throw new Error(`unchecked keyword ${key} at ${at}`);
  const errors: string[] = [];
  const type = typeOf(value);
  if (schema.type && !(schema.type === type || (schema.type === 'number' && type === 'integer'))) return [`${at}: type`];
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: enum`);
  if (schema.anyOf && schema.anyOf.every((branch: Schema) => editorErrors(branch, value, at).length > 0)) errors.push(`${at}: anyOf`);
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${at}: pattern`);
    if (schema.minLength !== undefined && [...value].length < schema.minLength) errors.push(`${at}: minLength`);
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) errors.push(`${at}: maxLength`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: maximum`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${at}: minItems`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${at}: maxItems`);
    if (schema.items) value.forEach((item, i) => errors.push(...editorErrors(schema.items, item, `${at}[${i}]`)));
  }
  if (type === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) errors.push(`${at}.${key}: required`);
    if (schema.maxProperties !== undefined && Object.keys(object).length > schema.maxProperties) errors.push(`${at}: maxProperties`);
    for (const [key, child] of Object.entries(object)) {
      if (schema.propertyNames) errors.push(...editorErrors(schema.propertyNames, key, `${at}.${key} (key)`));
      const sub = schema.properties?.[key] ?? schema.additionalProperties;
      if (sub === false) errors.push(`${at}.${key}: additionalProperties`);
      else if (sub && sub !== true) errors.push(...editorErrors(sub, child, `${at}.${key}`));
    }
  }
  return errors;
}

const committed = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as Schema;

describe('config/schema.json', () => {
  test('is what `npm run schema` generates from src/config/schema.ts (run it after changing the schema)', () => {
    expect(fs.readFileSync(SCHEMA_PATH, 'utf8')).toBe(renderSchema());
  });

  test('is a titled JSON Schema 2020-12 document', () => {
    expect(committed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(committed.title).toEqual(expect.any(String));
    expect(committed.description).toContain('MULTI_REGION_CONFIG');
    expect(committed.type).toBe('object');
  });

  test('is the one config/default.json refers to', () => {
    const defaults = JSON.parse(fs.readFileSync(path.join(path.dirname(SCHEMA_PATH), 'default.json'), 'utf8'));
    expect(path.resolve(path.dirname(SCHEMA_PATH), defaults.$schema)).toBe(SCHEMA_PATH);
  });

  test('allows $schema and requires what DESIGN.md requires', () => {
    expect(committed.properties.$schema).toEqual({ type: 'string' });
    expect(committed.required).toEqual(['primaryRegion', 'regions', 'state']);
    expect(committed.properties.state.required).toEqual(['bucket', 'region', 'keyPrefix']);
    expect(committed.properties.regions.items.required).toEqual(['name', 'vpcCidr']);
  });

  test('rejects unknown keys in every object', () => {
    const objects: Array<[string, Schema]> = [
      ['(root)', committed],
      ['regions[]', committed.properties.regions.items],
      ['network', committed.properties.network],
      ['network.flowLogs', committed.properties.network.properties.flowLogs],
      ['state', committed.properties.state],
    ];
    for (const [where, object] of objects) expect([where, object.additionalProperties]).toEqual([where, false]);
  });

  test('offers the allowed values for completion', () => {
    const p = committed.properties;
    expect(p.primaryRegion.enum).toEqual(REGION_NAMES);
    expect(p.regions.items.properties.name.enum).toEqual(REGION_NAMES);
    expect(p.state.properties.region.enum).toEqual(REGION_NAMES);
    expect(p.network.properties.interRegion.enum).toEqual(['transit-gateway', 'vpc-peering']);
    expect(p.network.properties.topology.enum).toEqual(['full-mesh', 'hub-and-spoke']);
    expect(p.network.properties.flowLogs.properties.trafficType.enum).toEqual(['ALL', 'ACCEPT', 'REJECT']);
    expect(p.network.properties.flowLogs.properties.retentionDays.enum).toEqual(LOG_RETENTION_DAYS);
  });

  test('documents the defaults', () => {
    const network = committed.properties.network.properties;
    expect(network.interRegion.default).toBe('transit-gateway');
    expect(network.topology.default).toBe('full-mesh');
    expect(network.azCount.default).toBe(2);
    expect(network.enableNatGateway.default).toBe(false);
    expect(committed.properties.project.default).toBe('multi-region');
  });
});

describe('editors checking against config/schema.json', () => {
  const validConfigs: Array<[string, unknown]> = [
    ['config/default.json', JSON.parse(fs.readFileSync(path.join(path.dirname(SCHEMA_PATH), 'default.json'), 'utf8'))],
    ['the minimal DESIGN.md config', MINIMAL_CONFIG],
    ['/20 and /24 VPCs', configWith((c) => c.regions.push({ name: 'sa-east-1', vpcCidr: '10.30.0.0/20' }, { name: 'us-west-2', vpcCidr: '192.168.255.0/24' }))],
    ['every option set', configWith((c) => {
      c.$schema = './schema.json';
      c.project = 'acme';
      c.regions[0] = { name: 'us-east-1', vpcCidr: '10.10.0.0/16', azCount: 3, transitGatewayAsn: 4200000000 };
      c.regions[1].transitGatewayAsn = 65534;
      c.network = { interRegion: 'vpc-peering', topology: 'full-mesh', azCount: 3, enableNatGateway: true, flowLogs: { retentionDays: 3653, trafficType: 'REJECT' } };
      c.state = { ...c.state, kmsKeyAlias: 'alias/acme/state', noncurrentVersionExpirationDays: 3650, bucket: 'a.b-c' };
      c.tags = { 'Cost Center': 'ü 42', 'app:tier': 'web' };
    })],
    ['every Region', configWith((c) => (c.regions = REGION_NAMES.map((name, i) => ({ name, vpcCidr: `10.${i}.0.0/16` }))))],
    ['45 tags of full length, one with an empty value', configWith((c) => {
      c.tags = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`${i}`.padStart(128, 'k'), i === 0 ? '' : 'v'.repeat(256)]));
    })],
    ['tags with "aws" inside, not as a prefix', configWith((c) => (c.tags = { 'team:aws:owner': 'x aws:y', Name: 'shared', Tier: 'web' }))],
  ];

  test.each(validConfigs)('never flag a config the app accepts: %s', (_name, config) => {
    expect(() => validateConfig(config)).not.toThrow();
    expect(editorErrors(committed, config)).toEqual([]);
  });

  test.each([
    'unknown Region',
    'malformed CIDR (prefix out of range)',
    '/26 VPC (too small for the subnet plan)',
    '/15 VPC (larger than AWS allows)',
    'unknown key at the root',
    'unknown key in regions[i]',
    'unknown key in network',
    'unknown key in network.flowLogs',
    'unknown key in state',
    'bad network.topology',
    'bad network.flowLogs.retentionDays',
    'invalid state bucket name Example-TFState',
    'public Transit Gateway ASN',
    'missing state',
    'reserved tag key',
    'tag key the project sets itself',
    'tag key with a character AWS refuses',
    'tag key too long',
    'empty tag key',
    'tag value too long',
    'tag values AWS refuses',
    "more tags than fit beside the project's own",
  ])('flag what they can see of: %s', (name) => {
    const badCase = BAD_CONFIGS.find((c) => c.name === name)!;
    expect(badCase).toBeDefined();
    expect(editorErrors(committed, badCase.config)).not.toEqual([]);
  });
});

describe('npm run schema', () => {
  let dir: string;
  let logged: string[];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'));
    logged = [];
    jest.spyOn(console, 'log').mockImplementation((text: string) => void logged.push(text));
    jest.spyOn(console, 'error').mockImplementation((text: string) => void logged.push(text));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('writes the schema, ending in a newline', () => {
    const file = path.join(dir, 'schema.json');
    expect(main([], file)).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(renderSchema());
    expect(renderSchema().endsWith('}\n')).toBe(true);
    expect(JSON.parse(renderSchema())).toEqual(buildSchema());
  });

  test('--check passes on a current file', () => {
    const file = path.join(dir, 'schema.json');
    fs.writeFileSync(file, renderSchema());
    expect(main(['--check'], file)).toBe(0);
    expect(logged.join('\n')).toContain('is up to date');
  });

  test('--check fails with a clear message on a stale file, and leaves it alone', () => {
    const file = path.join(dir, 'schema.json');
    const stale = renderSchema().replace('"full-mesh",', '"full-mesh", "ring",');
    fs.writeFileSync(file, stale);
    expect(main(['--check'], file)).toBe(1);
    expect(logged.join('\n')).toMatch(/schema\.json is out of date: it does not match src\/config\/schema\.ts\. Run `npm run schema`/);
    expect(fs.readFileSync(file, 'utf8')).toBe(stale);
  });

  test('--check fails on a missing file', () => {
    expect(main(['--check'], path.join(dir, 'schema.json'))).toBe(1);
    expect(logged.join('\n')).toContain('schema.json is missing');
  });

  test('an unknown argument is a usage error', () => {
    expect(main(['--chek'], path.join(dir, 'schema.json'))).toBe(2);
    expect(logged.join('\n')).toContain('unknown argument --chek; usage: tsx scripts/write-schema.ts [--check]');
    expect(fs.existsSync(path.join(dir, 'schema.json'))).toBe(false);
  });
});
