import { types } from 'util';
import { runInThisContext } from 'vm';
import { deferTokenCreationStacks } from '../../src/stacks/token-creation-stacks';

/**
 * cdktf and constructs capture a full stack trace into a plain object for every token and
 * construct (kept for error messages). jest formats every trace with source maps, through the
 * main context's Error.prepareStackTrace, and that was ~40% of the CPU of a whole-app synth.
 * Errors keep jest's source-mapped traces; the plain-object captures get V8's plain frame text.
 */
const mainContextError: ErrorConstructor = runInThisContext('Error');
Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) => {
  if (types.isNativeError(target) && mainContextError.prepareStackTrace) return mainContextError.prepareStackTrace(target, frames);
  const header = types.isNativeError(target) ? String(target) : Object.prototype.toString.call(target);
  return [header, ...frames.map((frame) => `    at ${frame}`)].join('\n');
};

/**
 * Every test file synthesizes as the app command does (synthFoundation): cdktf's token creation
 * stacks captured as always, formatted only when an error message reads one. The module patched is
 * small and is the one cdktf itself loads later in this test file.
 */
deferTokenCreationStacks();
