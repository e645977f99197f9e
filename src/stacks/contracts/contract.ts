/**
 * A stack's outputs, declared once: the writer (`writeOutputs`), every remote-state reader
 * (`StackState.get`), the e2e checks and the README table all go through the declaration, so a
 * missing or misspelled output is a compile error rather than a null at plan time.
 */

/** Terraform value kind: `string`, a list of strings, a map of string to string, or a map of such maps. */
export type OutputType = 'string' | 'list' | 'map' | 'map-of-maps';

export interface OutputSpec {
  /** The output's description in Terraform state and in the README. */
  readonly description: string;
  readonly type: OutputType;
  /** Who reads it: stack kinds (`region-*`, `global-network`, …) that read it from remote state, or people. */
  readonly readBy: readonly string[];
  /** The condition under which the stack writes it; absent: always written. */
  readonly when?: string;
}

export type StackContract = { readonly [name: string]: OutputSpec };

/** The TypeScript type of an output's value, from its declared type. */
export type OutputValue<S extends OutputSpec> = S['type'] extends 'list'
  ? string[]
  : S['type'] extends 'map'
    ? Record<string, string>
    : S['type'] extends 'map-of-maps'
      ? Record<string, Record<string, string>>
      : string;

type AlwaysWritten<C extends StackContract> = { [K in keyof C]: C[K] extends { readonly when: string } ? never : K }[keyof C];
type Conditional<C extends StackContract> = Exclude<keyof C, AlwaysWritten<C>>;

/** Values for every always-written output of a contract, and optionally its conditional ones. */
export type OutputValues<C extends StackContract> = { [K in AlwaysWritten<C>]: OutputValue<C[K]> } & {
  [K in Conditional<C>]?: OutputValue<C[K]>;
};

/** Name of an output a contract declares. */
export type OutputName<C extends StackContract> = keyof C & string;
