import * as fs from 'fs';
import { LOCKED_PROVIDER, PROVIDER_HASHES, providerLockFile } from '../../../src/stacks/hand-off/provider-lock';

describe('providerLockFile', () => {
  const lock = providerLockFile(LOCKED_PROVIDER.version);

  test('pins the provider version @cdktf/provider-aws was generated for', () => {
    const metadata = JSON.parse(fs.readFileSync(require.resolve('@cdktf/provider-aws/package.json'), 'utf8'));
    expect(metadata.cdktf.provider).toEqual({ name: LOCKED_PROVIDER.address, version: LOCKED_PROVIDER.version });
    expect(lock).toContain('provider "registry.terraform.io/hashicorp/aws" {\n  version     = "5.100.0"\n  constraints = "5.100.0"\n');
  });

  test('lists the mirror package h1 and one zh per published release zip, each once', () => {
    expect(PROVIDER_HASHES.filter((h) => h.startsWith('h1:'))).toHaveLength(1);
    const zh = PROVIDER_HASHES.filter((h) => h.startsWith('zh:'));
    expect(zh).toHaveLength(15);
    for (const hash of zh) expect(hash).toMatch(/^zh:[0-9a-f]{64}$/);
    expect(new Set(PROVIDER_HASHES).size).toBe(PROVIDER_HASHES.length);
    for (const hash of PROVIDER_HASHES) expect(lock).toContain(`    "${hash}",\n`);
  });

  test('refuses a provider version it has no hashes for, naming both versions', () => {
    expect(() => providerLockFile('5.101.0')).toThrow(/required_providers\.aws\.version: received "5\.101\.0"; the lock file pins hashicorp\/aws 5\.100\.0/);
  });
});
