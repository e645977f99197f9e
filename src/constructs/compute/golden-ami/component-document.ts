import * as fs from 'fs';
import * as path from 'path';
import { createHash } from 'crypto';

/**
 * The AWSTOE document of the golden AMI's component, read from component.yaml beside this file at
 * synth time. It stays a YAML file (reviewable, lintable with AWSTOE) rather than a TS string: the
 * app bundle (bin/app-bundle.js) gives every module that uses __dirname its source folder, so the
 * bundled app reads the same file as jest and ts-node, and an edit needs no rebuild.
 */
export const COMPONENT_DOCUMENT_PATH = path.join(__dirname, 'component.yaml');

export function goldenAmiComponentDocument(): string {
  return fs.readFileSync(COMPONENT_DOCUMENT_PATH, 'utf8');
}

/**
 * A semantic version that changes whenever `content` does: "1.0.<n>", n from its SHA-256 (28 bits,
 * within Image Builder's 2^30 - 1 per field). Components and recipes are immutable per name and
 * version, so a changed document or recipe must come with a new version; deriving it from the
 * content makes Terraform create the new version before it removes the old one, which the
 * pipeline still points to until it is updated.
 */
export function contentVersion(content: string): string {
  return `1.0.${parseInt(createHash('sha256').update(content).digest('hex').slice(0, 7), 16)}`;
}
