import { Token } from 'cdktf';

/** The options cdktf's resolver (cdktf/lib/tokens/private/resolve.js) passes down as it walks. */
interface ResolveOptions {
  readonly scope: unknown;
  readonly resolver: unknown;
  readonly preparing: boolean;
  readonly prefix?: string[];
  readonly previousContext?: ResolveContext;
}

/** The part of cdktf's IResolveContext that a nested resolution inherits from its parent. */
interface ResolveContext {
  suppressBraces?: boolean;
  ignoreEscapes?: boolean;
  warnEscapes?: boolean;
  iteratorContext?: string;
}

type Resolve = (obj: unknown, options: ResolveOptions) => unknown;

interface TokenStringTest {
  test(): boolean;
}

// cdktf's own modules, whose exported functions cdktf calls through these module objects (cdktf 0.21, archived upstream).
const resolveModule = require('cdktf/lib/tokens/private/resolve') as { resolve: Resolve };
const encoding = require('cdktf/lib/tokens/private/encoding') as {
  TokenString: { forNumbers(s: string): TokenStringTest };
  containsStringListTokenElement(xs: unknown[]): boolean;
  containsNumberListTokenElement(xs: unknown[]): boolean;
  unresolved(obj: unknown): boolean;
};

/** cdktf's own resolver, as loaded: what every value that is not plain data goes to. */
export const CDKTF_RESOLVE: Resolve = resolveModule.resolve;

/** cdktf refuses to resolve deeper than this (a guard against cycles); so does this walk. */
const MAX_DEPTH = 200;

/** A token marker (`${TfToken[`, `#{TfToken[`, `&{TfToken[`) has this in it. */
const TOKEN_MARKER = 'TfToken[';

/**
 * cdktf resolves a stack's Terraform JSON in two passes (each element, then the merged whole), and
 * for every string, key and value on the way its resolver allocates a context with two closures and
 * a path array, though nearly all of it is plain data: over a third of a synth went there. With this,
 * cdktf's entry point walks plain data itself (strings without token markers, booleans, null, arrays
 * and objects that hold no token) and hands every other value to cdktf's resolver with the options
 * cdktf's own walk would have given it at that place. Same output, byte for byte (the tests compare
 * both resolvers value by value and on a whole app, JSON and HCL); a synth takes ~25 % less CPU.
 */
export function resolvePlainDataDirectly(): void {
  resolveModule.resolve = resolvePlainData;
}

/** A string cdktf's resolver returns as it is: no token marker, not a map token, no encoded number. */
function isPlainString(value: string): boolean {
  return (
    !value.includes(TOKEN_MARKER) &&
    value !== Token.STRING_MAP_TOKEN_VALUE &&
    value !== Token.ANY_MAP_TOKEN_VALUE &&
    !encoding.TokenString.forNumbers(value).test()
  );
}

function isConstruct(value: object): boolean {
  return (value as { _children?: unknown })._children !== undefined && (value as { _metadata?: unknown })._metadata !== undefined;
}

/** cdktf's resolve, walking plain data itself (see resolvePlainDataDirectly). */
export function resolvePlainData(root: unknown, options: ResolveOptions): unknown {
  return new PlainDataWalk(options).walk(root);
}

/**
 * One resolution: the path of the value being walked grows and shrinks in place (cdktf copies it
 * for every value) and is copied only for a value handed to cdktf.
 */
class PlainDataWalk {
  private readonly path: string[];
  private readonly rootDepth: number;
  /** cdktf copies these into each nested context when it creates it; nothing changes them during a walk of plain data. */
  private readonly inherited: ResolveContext;

  constructor(private readonly options: ResolveOptions) {
    this.path = [...(options.prefix ?? [])];
    this.rootDepth = this.path.length;
    const previous = options.previousContext;
    this.inherited = {
      suppressBraces: previous?.suppressBraces,
      ignoreEscapes: previous?.ignoreEscapes,
      warnEscapes: previous?.warnEscapes,
      iteratorContext: previous?.iteratorContext,
    };
  }

  walk(value: unknown): unknown {
    if (this.path.length > MAX_DEPTH) return this.cdktf(value);
    if (value === undefined || value === null || typeof value === 'boolean') return value;
    if (typeof value === 'string') return isPlainString(value) ? value : this.cdktf(value);
    if (typeof value !== 'object' || value instanceof Date) return this.cdktf(value);
    if (Array.isArray(value)) {
      if (encoding.containsStringListTokenElement(value) || encoding.containsNumberListTokenElement(value)) return this.cdktf(value);
      const list: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const resolved = this.walkInto(`${i}`, value[i]);
        if (resolved !== undefined) list.push(resolved);
      }
      return list;
    }
    // For an object, unresolved() also covers map tokens (encoding.containsMapToken).
    if (encoding.unresolved(value) || isConstruct(value)) return this.cdktf(value);
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const resolvedKey = this.walk(key);
      // cdktf throws, naming the path.
      if (typeof resolvedKey !== 'string') return this.cdktf(value);
      const resolved = this.walkInto(key, (value as Record<string, unknown>)[key]);
      if (resolved !== undefined) result[resolvedKey] = resolved;
    }
    return result;
  }

  private walkInto(key: string, value: unknown): unknown {
    this.path.push(key);
    try {
      return this.walk(value);
    } finally {
      this.path.pop();
    }
  }

  /** cdktf's resolver for the value at the current path, with the options cdktf's own walk gives it there. */
  private cdktf(value: unknown): unknown {
    if (this.path.length === this.rootDepth) return CDKTF_RESOLVE(value, this.options);
    const { options, inherited } = this;
    const prefix = [...this.path];
    // The context cdktf's walk makes for a nested value: the parent's flags, and a resolve that continues from this path.
    const context = {
      preparing: options.preparing,
      scope: options.scope,
      ...inherited,
      registerPostProcessor: () => undefined,
      resolve: (x: unknown) => CDKTF_RESOLVE(x, { ...options, prefix, previousContext: context }),
    };
    return CDKTF_RESOLVE(value, { ...options, prefix, previousContext: context });
  }
}
