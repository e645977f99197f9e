/** `npm run dr`'s caller bound to the emulator, for the e2e drill (apart so that the CLI loads no e2e code). */
import { CREDENTIALS } from '../e2e/aws';
import { DrCaller, sdkDrCaller } from './dr-caller';

/** The SDK caller bound to the emulator (its endpoint and test credentials); close it after the drill. */
export function emulatorDrCaller(endpoint: string): { call: DrCaller; close: () => void } {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(endpoint)) throw new Error(`refusing a non-loopback endpoint: ${endpoint}`);
  return sdkDrCaller({ endpoint, credentials: CREDENTIALS });
}
