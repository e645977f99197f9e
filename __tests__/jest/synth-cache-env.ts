/**
 * The environment through which jest's global set-up tells the test workers where the synth cache of
 * this run lives and which source tree it was made from. Both unset (a run without the global
 * set-up): every synth runs in the test file, as it always did.
 */
export const CACHE_DIR_ENV = 'FOUNDATION_TEST_SYNTH_CACHE';
export const SOURCE_HASH_ENV = 'FOUNDATION_TEST_SYNTH_SOURCE_HASH';
