import { resolvePlainDataDirectly } from './plain-data-resolve';
import { deferTokenCreationStacks } from './token-creation-stacks';

/**
 * Makes cdktf's synth cheaper without changing a byte of its output: token creation stacks
 * formatted only when an error needs them, plain data resolved without cdktf's per-value contexts.
 * Both patch cdktf 0.21 (archived upstream, pinned here) at the module objects its own code calls
 * through. Every synth of the app installs them (synthFoundation), and so do the tests.
 */
export function speedUpSynth(): void {
  deferTokenCreationStacks();
  resolvePlainDataDirectly();
}
