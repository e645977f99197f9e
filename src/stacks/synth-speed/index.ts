import { resolvePlainDataDirectly } from './plain-data-resolve';
import { recordTokenCreationStacksOnRequest } from './token-creation-stacks';

/**
 * Makes cdktf's synth cheaper without changing a byte of its output: token creation stacks recorded
 * only on request (TOKEN_CREATION_STACKS=1), plain data resolved without cdktf's per-value contexts.
 * Both patch cdktf 0.21 (archived upstream, pinned here) at the module objects its own code calls
 * through. Building the app installs them (buildFoundation), and so does the jest setup, for
 * the tests that synthesize single constructs.
 */
export function speedUpSynth(): void {
  recordTokenCreationStacksOnRequest();
  resolvePlainDataDirectly();
}
