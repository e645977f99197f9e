import * as fs from 'fs';
import { CACHE_DIR_ENV } from './synth-cache-env';

export default function globalTeardown(): void {
  const dir = process.env[CACHE_DIR_ENV];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
