import { DefaultTokenResolver, Lazy, StringConcat, TerraformStack, Testing, Tokenization } from 'cdktf';
import { deferTokenCreationStacks } from '../../../src/stacks/synth-speed/token-creation-stacks';

describe('deferTokenCreationStacks', () => {
  test('a token that fails to resolve still names where it was created', () => {
    deferTokenCreationStacks();
    const stack = new TerraformStack(Testing.app(), 'creation-stack');
    const token = Lazy.stringValue({
      produce: () => {
        throw new Error('cannot produce');
      },
    });
    expect(() => Tokenization.resolve(token, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) })).toThrow(
      /cannot produce[\s\S]*Object creation stack:[\s\S]*token-creation-stacks\.test\.ts:\d+/,
    );
  });

  test('creation stacks read as the plain list of frames cdktf captured', () => {
    deferTokenCreationStacks();
    const { captureStackTrace } = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] };
    const frames = captureStackTrace();
    expect(Array.isArray(frames)).toBe(true);
    expect(frames.length).toBeGreaterThan(1);
    expect(frames[0]).toMatch(/token-creation-stacks\.test\.ts:\d+:\d+/);
    expect(frames.join('\n')).toContain(frames[1]);
  });
});

