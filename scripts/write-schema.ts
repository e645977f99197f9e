/**
 * Writes config/schema.json, the JSON Schema that editors use to check and complete config files,
 * from the zod schema the app validates with (src/config/schema.ts).
 *
 *   npm run schema             rewrite config/schema.json
 *   npm run schema -- --check  exit 1 if config/schema.json is not what this script would write
 *
 * The editor schema may be looser than the app (host bits, overlaps, Availability Zone counts and
 * other cross-field rules are checked only at synth) but must never reject a config the app accepts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { configSchema, LOG_RETENTION_DAYS } from '../src/config/schema';
import { REGION_NAMES } from '../src/aws/regions';
import { MAX_VPC_PREFIX, MIN_VPC_PREFIX } from '../src/config/subnet-plan';
import { MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, RESERVED_TAG_PREFIX, TAG_CHARACTER_CLASS } from '../src/aws/tags';
import { MAX_USER_TAGS, PROJECT_TAG_KEYS } from '../src/config/tags-schema';
import { snapshotsEditorHints } from '../src/config/compute/snapshots-schema';
import { cloudfrontEditorHints } from '../src/config/edge/cloudfront-schema';
import { dnsEditorHints } from '../src/config/edge/dns-schema';

export const SCHEMA_PATH = path.join(__dirname, '..', 'config', 'schema.json');

type JsonSchema = Record<string, unknown>;

/** The schema below optional(), default() and prefault() wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = (schema as unknown as { _zod: { def: { innerType?: z.ZodType } } })._zod.def;
  return def.innerType ? unwrap(def.innerType) : schema;
}

function field(object: z.ZodType, key: string): z.ZodType {
  const inner = unwrap(object);
  if (!(inner instanceof z.ZodObject)) throw new Error(`expected an object schema holding "${key}"`);
  const child = inner.shape[key] as z.ZodType | undefined;
  if (!child) throw new Error(`the config schema has no key "${key}"`);
  return unwrap(child);
}

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const prefixes = Array.from({ length: MAX_VPC_PREFIX - MIN_VPC_PREFIX + 1 }, (_, i) => MIN_VPC_PREFIX + i);

/**
 * What zod refinements check but cannot express in JSON Schema, restated for editors, keyed by the
 * zod schema it belongs to (the same schema may appear at several places, e.g. Region names).
 */
function editorHints(): Map<z.ZodType, JsonSchema> {
  const regions = unwrap(field(configSchema, 'regions')) as z.ZodArray<z.ZodType>;
  const region = regions.element;
  const network = field(configSchema, 'network');
  const state = field(configSchema, 'state');
  const tags = field(configSchema, 'tags') as z.ZodRecord;
  return new Map<z.ZodType, JsonSchema>([
    [field(configSchema, 'primaryRegion'), { enum: [...REGION_NAMES] }],
    [field(region, 'name'), { enum: [...REGION_NAMES] }],
    [field(state, 'region'), { enum: [...REGION_NAMES] }],
    [
      field(region, 'vpcCidr'),
      {
        pattern: `^(${OCTET}\\.){3}${OCTET}/(${prefixes.join('|')})$`,
        examples: ['10.10.0.0/16', '10.20.0.0/20'],
      },
    ],
    [
      field(region, 'transitGatewayAsn'),
      {
        anyOf: [
          { minimum: 64512, maximum: 65534 },
          { minimum: 4200000000, maximum: 4294967294 },
        ],
      },
    ],
    [field(field(network, 'flowLogs'), 'retentionDays'), { enum: [...LOG_RETENTION_DAYS] }],
    [field(state, 'bucket'), { pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', minLength: 3, maxLength: 63 }],
    [tags, { maxProperties: MAX_USER_TAGS }],
    [tags.keyType as z.ZodType, { pattern: `^(?!${RESERVED_TAG_PREFIX}|(${PROJECT_TAG_KEYS.join('|')})$)${TAG_CHARACTER_CLASS}{1,${MAX_TAG_KEY_LENGTH}}$` }],
    [tags.valueType as z.ZodType, { pattern: `^(?!${RESERVED_TAG_PREFIX})${TAG_CHARACTER_CLASS}*$`, maxLength: MAX_TAG_VALUE_LENGTH }],
    ...snapshotsEditorHints(),
    ...cloudfrontEditorHints(),
    ...dnsEditorHints(),
  ]);
}

/** The JSON Schema for config files, as a JSON value. */
export function buildSchema(): JsonSchema {
  const hints = editorHints();
  const generated = z.toJSONSchema(configSchema, {
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      const hint = hints.get(zodSchema as unknown as z.ZodType);
      if (!hint) return;
      const target = jsonSchema as JsonSchema;
      // zod writes the safe-integer range for .int(); the private ASN ranges replace it.
      if ('anyOf' in hint) {
        delete target.minimum;
        delete target.maximum;
      }
      Object.assign(target, hint);
    },
  }) as JsonSchema;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'Multi-Region foundation configuration',
    description:
      'Configuration of the CDKTF multi-Region AWS foundation. The app reads the file named by MULTI_REGION_CONFIG, ' +
      'or config/default.json. Generated from src/config/schema.ts by `npm run schema`; do not edit. ' +
      'The app also checks rules this schema cannot express (overlapping CIDRs, duplicate Regions, primaryRegion listed in regions).',
    ...rest,
  };
}

/** The exact text of config/schema.json. */
export function renderSchema(): string {
  return `${JSON.stringify(buildSchema(), null, 2)}\n`;
}

/** The command line: returns the exit code. */
export function main(argv: string[], schemaPath = SCHEMA_PATH): number {
  const unknown = argv.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(`write-schema: unknown argument ${unknown.join(' ')}; usage: tsx scripts/write-schema.ts [--check]`);
    return 2;
  }
  const expected = renderSchema();
  const relative = path.relative(process.cwd(), schemaPath) || schemaPath;
  if (argv.includes('--check')) {
    const current = fs.existsSync(schemaPath) ? fs.readFileSync(schemaPath, 'utf8') : undefined;
    if (current === expected) {
      console.log(`${relative} is up to date`);
      return 0;
    }
    console.error(
      `${relative} is ${current === undefined ? 'missing' : 'out of date'}: it does not match src/config/schema.ts. ` +
        'Run `npm run schema` and commit the result.',
    );
    return 1;
  }
  fs.writeFileSync(schemaPath, expected);
  console.log(`wrote ${relative}`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
