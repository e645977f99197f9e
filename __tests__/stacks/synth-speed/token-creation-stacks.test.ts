import { DefaultTokenResolver, Lazy, StringConcat, TerraformStack, Testing, Tokenization } from 'cdktf';
import { NOT_RECORDED, TOKEN_CREATION_STACKS_ENV, recordTokenCreationStacksOnRequest } from '../../../src/stacks/synth-speed/token-creation-stacks';

/** The error cdktf throws for a token whose value cannot be produced, the token made after `record`. */
function failedResolution(env: NodeJS.ProcessEnv): string {
  recordTokenCreationStacksOnRequest(env);
  const stack = new TerraformStack(Testing.app(), 'creation-stack');
  const token = Lazy.stringValue({
    produce: () => {
      throw new Error('cannot produce');
    },
  });
  try {
    Tokenization.resolve(token, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the token resolved');
}

const captured = () => (require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] }).captureStackTrace();

describe('token creation stacks, recorded on request', () => {
  // What every synth installs (speedUpSynth), for the test files that follow in this worker.
  afterEach(() => recordTokenCreationStacksOnRequest({}));

  test('by default a failing token says how to see where it was created, and nothing is captured', () => {
    const message = failedResolution({});
    expect(message).toContain('cannot produce');
    expect(message).toContain(`Object creation stack:\n  at ${NOT_RECORDED}`);
    expect(NOT_RECORDED).toContain(`${TOKEN_CREATION_STACKS_ENV}=1`);
    expect(captured()).toEqual([NOT_RECORDED]);
  });

  test(`with ${TOKEN_CREATION_STACKS_ENV}=1 a failing token names where it was created`, () => {
    expect(failedResolution({ [TOKEN_CREATION_STACKS_ENV]: '1' })).toMatch(/cannot produce[\s\S]*Object creation stack:[\s\S]*token-creation-stacks\.test\.ts:\d+/);
  });

  test('recorded stacks read as the plain list of frames cdktf captures', () => {
    recordTokenCreationStacksOnRequest({ [TOKEN_CREATION_STACKS_ENV]: '1' });
    const frames = captured();
    expect(Array.isArray(frames)).toBe(true);
    expect(frames.length).toBeGreaterThan(1);
    expect(frames[0]).toMatch(/token-creation-stacks\.test\.ts:\d+:\d+/);
    expect(frames.join('\n')).toContain(frames[1]);
  });
});
