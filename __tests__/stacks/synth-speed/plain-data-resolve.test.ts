import * as fs from 'fs';
import * as path from 'path';
import { App, DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformStack, Testing, Token, Tokenization } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { CDKTF_RESOLVE, resolvePlainData } from '../../../src/stacks/synth-speed/plain-data-resolve';
import { buildFoundation, stacksInDeployOrder } from '../../../src/stacks/foundation-app';
import { validateConfig } from '../../../src/config/validate';

const resolveModule = require('cdktf/lib/tokens/private/resolve') as { resolve: unknown };

/** Runs `work` with `resolve` as cdktf's resolver entry point, then puts back what was there. */
function using<T>(resolve: unknown, work: () => T): T {
  const installed = resolveModule.resolve;
  resolveModule.resolve = resolve;
  try {
    return work();
  } finally {
    resolveModule.resolve = installed;
  }
}

/** What resolving `value` gives, or the error it throws. */
function outcome(resolve: unknown, scope: TerraformStack, value: unknown): { value?: unknown; error?: string } {
  return using(resolve, () => {
    try {
      return { value: Tokenization.resolve(value, { scope, resolver: new DefaultTokenResolver(new StringConcat()) }) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  });
}

describe('resolvePlainData gives what cdktf\'s own resolver gives', () => {
  const stack = new TerraformStack(Testing.app(), 'resolve');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const bucket = new S3Bucket(stack, 'bucket', { bucket: 'example' });
  const text = Lazy.stringValue({ produce: () => 'produced' });
  const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { level: nested(depth - 1) });

  test.each<[string, () => unknown]>([
    ['plain nested data, undefined dropped from objects and lists', () => ({ a: 'x', b: [1, true, null, undefined, 'y'], c: { d: undefined, e: { f: 'g' } }, n: 3.5, neg: -1, empty: {}, none: [] })],
    ['strings that look like encoded numbers', () => ['1e5', 'a-e-b', '2.5e+10', 'release-e2e', '-e-', '10.0.0.0/16']],
    ['Terraform interpolation and escapes that are not tokens', () => ({ v: '${var.x}', e: '$${literal}', brace: 'a } b', directive: '%{ if x }y%{ endif }' })],
    ['string tokens in values, lists and keys', () => ({ [`key-${text}`]: `value-${text}`, list: [text, 'plain', `${text}-${text}`] })],
    ['resource attributes and functions', () => ({ arn: bucket.arn, policy: Fn.jsonencode({ Resource: [bucket.arn, `${bucket.arn}/*`] }), joined: Fn.join(',', [bucket.id, 'x']) })],
    ['a number token', () => ({ n: Lazy.numberValue({ produce: () => 42 }), list: [Lazy.numberValue({ produce: () => 7 }), 8] })],
    ['a list token', () => ({ l: Lazy.listValue({ produce: () => ['a', 'b'] }), ids: Token.asList(bucket.id) })],
    ['a map token', () => ({ m: Token.asStringMap(Lazy.anyValue({ produce: () => ({ a: 'b' }) })) })],
    ['an IResolvable producing nested data', () => ({ any: Lazy.anyValue({ produce: () => ({ nested: { deep: [1, 'x', undefined] } }) }) })],
    ['a Date', () => ({ at: new Date(0) })],
    ['data 200 levels deep', () => nested(199)],
    ['data deeper than cdktf allows', () => nested(201)],
    ['a function', () => ({ f: () => 1 })],
    ['a construct', () => ({ c: bucket })],
    ['the map token placeholder strings', () => ({ s: Token.STRING_MAP_TOKEN_VALUE })],
    ['a key that resolves to a number', () => ({ [Token.asString(Lazy.anyValue({ produce: () => 5 }))]: 'x' })],
  ])('%s', (_name, value) => {
    const input = value();
    const expected = outcome(CDKTF_RESOLVE, stack, input);
    expect(outcome(resolvePlainData, stack, input)).toEqual(expected);
  });

  test('the cases above reach both branches: some resolve, some throw', () => {
    expect(outcome(resolvePlainData, stack, { a: text })).toEqual({ value: { a: 'produced' } });
    expect(outcome(resolvePlainData, stack, { f: () => 1 }).error).toMatch(/function/i);
  });
});

describe('a whole app synthesizes byte for byte as with cdktf\'s own resolver', () => {
  // The example with the most resource types: every stack as Terraform JSON and as HCL.
  const file = path.join(__dirname, '..', '..', '..', 'config', 'examples', 'edge-full.json');
  const synthesize = (resolve: unknown) =>
    using(resolve, () => {
      const app = Testing.app();
      try {
        const stacks = stacksInDeployOrder(buildFoundation(app as App, validateConfig(JSON.parse(fs.readFileSync(file, 'utf8')))));
        return Object.fromEntries(stacks.map((stack) => [stack.node.id, { json: Testing.synth(stack), hcl: Testing.synthHcl(stack) }]));
      } finally {
        fs.rmSync(app.outdir, { recursive: true, force: true });
      }
    });

  test('edge-full: every stack', () => {
    const fast = synthesize(resolvePlainData);
    expect(Object.keys(fast).length).toBeGreaterThan(5);
    expect(fast).toEqual(synthesize(CDKTF_RESOLVE));
  });
});
