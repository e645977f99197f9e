import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const PROVIDER = 'registry.terraform.io/hashicorp/aws';
export const PROVIDER_VERSION = '5.100.0';
const ROOT = path.resolve(__dirname, '..', '..');
export const CLI_DIR = path.join(ROOT, '.terraform-cli');
export const CLI_CONFIG_FILE = path.join(CLI_DIR, 'terraformrc');
export const PLUGIN_CACHE_DIR = path.join(CLI_DIR, 'plugin-cache');

const CANDIDATES = [
  process.env.TF_PROVIDER_MIRROR,
  '/opt/tf-plugins',
  '/usr/share/terraform/plugins',
  '/usr/local/share/terraform/plugins',
  path.join(process.env.HOME ?? '/root', '.terraform.d', 'plugins'),
  path.join(process.env.HOME ?? '/root', '.local', 'share', 'terraform', 'plugins'),
].filter((dir): dir is string => Boolean(dir));

const hasProvider = (dir: string) => fs.existsSync(path.join(dir, PROVIDER, PROVIDER_VERSION));

/** A filesystem mirror holding hashicorp/aws 5.100.0, if this machine has one. */
export function findProviderMirror(): string | undefined {
  const known = CANDIDATES.find(hasProvider);
  if (known) return known;
  try {
    const found = execFileSync('find', ['/', '-maxdepth', '6', '-path', `*/${PROVIDER}/${PROVIDER_VERSION}`, '-not', '-path', '/proc/*'], {
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const hit = found.split('\n').find((line) => line && !line.includes('/.terraform/') && !line.startsWith(CLI_DIR));
    return hit ? hit.slice(0, hit.length - `/${PROVIDER}/${PROVIDER_VERSION}`.length) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The CLI config. With a mirror: hashicorp/aws from it, everything else direct. Terraform links an
 * unpacked mirror into each stack's .terraform instead of copying it, so N stacks share one copy
 * of the 700 MB provider and no plugin cache is set (a cache of links to the mirror only adds a
 * race between parallel inits). Without a mirror: the registry as usual, with one shared plugin
 * cache so N stacks download the provider once.
 */
export function cliConfigText(mirror: string | undefined): string {
  if (!mirror) {
    return `# No filesystem mirror of ${PROVIDER} ${PROVIDER_VERSION} found: providers come from the registry.
plugin_cache_dir = ${JSON.stringify(PLUGIN_CACHE_DIR)}
`;
  }
  return `# Written by scripts/terraform-setup.ts. ${PROVIDER} comes from the local mirror; all else from the registry.
provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["${PROVIDER}"]
  }
  direct {
    exclude = ["${PROVIDER}"]
  }
}
`;
}

/** Writes the CLI config (idempotent) and returns the environment that points Terraform at it. */
export function ensureTerraformCli(): { env: NodeJS.ProcessEnv; mirror: string | undefined } {
  const mirror = findProviderMirror();
  fs.mkdirSync(PLUGIN_CACHE_DIR, { recursive: true });
  const text = cliConfigText(mirror);
  if (!fs.existsSync(CLI_CONFIG_FILE) || fs.readFileSync(CLI_CONFIG_FILE, 'utf8') !== text) {
    fs.writeFileSync(CLI_CONFIG_FILE, text);
  }
  return { env: { TF_CLI_CONFIG_FILE: CLI_CONFIG_FILE, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' }, mirror };
}
