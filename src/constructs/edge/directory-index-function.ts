import * as fs from 'fs';
import * as path from 'path';

/**
 * The viewer-request CloudFront Function's code, read from functions/directory-index.js at synth
 * time: a reviewable JavaScript file that the tests run as it is deployed (the app bundle gives
 * every module that uses __dirname its source folder, as for the golden AMI's component).
 */
export const DIRECTORY_INDEX_FUNCTION_PATH = path.join(__dirname, 'functions', 'directory-index.js');

/** CloudFront Functions' maximum code size (10 KB). */
export const MAX_FUNCTION_CODE_BYTES = 10240;

export function directoryIndexFunctionCode(): string {
  const code = fs.readFileSync(DIRECTORY_INDEX_FUNCTION_PATH, 'utf8');
  if (Buffer.byteLength(code) > MAX_FUNCTION_CODE_BYTES) {
    throw new Error(`${DIRECTORY_INDEX_FUNCTION_PATH}: ${Buffer.byteLength(code)} bytes; CloudFront Functions accept at most ${MAX_FUNCTION_CODE_BYTES}`);
  }
  return code;
}
