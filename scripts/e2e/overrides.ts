import * as fs from 'fs';
import * as path from 'path';

export const OVERRIDE_FILE = 'zz_e2e_override.tf.json';

/** Provider settings that only the emulator needs; production stacks never carry them. */
const EMULATOR_PROVIDER_SETTINGS = {
  skip_credentials_validation: true,
  skip_metadata_api_check: true,
  s3_use_path_style: true,
  // moto answers 500 for an unimplemented call; default retries (25) turn that into a 10-minute
  // hang. A few retries still ride out the emulator dropping a connection under load.
  max_retries: 3,
};

/**
 * Writes a Terraform override file beside a synthesized stack so it talks to the emulator: the
 * endpoint itself comes from AWS_ENDPOINT_URL. An override `backend` block replaces the whole
 * block, so every backend setting is repeated; `config` of a remote-state data source is one
 * attribute and is replaced whole too. The file survives the re-synth that `cdktf deploy` runs.
 */
export function writeEmulatorOverride(stackDir: string, excludedTypes: readonly string[] = []): string[] {
  const stack = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  const override: Record<string, any> = {
    provider: {
      aws: (stack.provider?.aws ?? []).map((p: { alias?: string }) => ({ ...(p.alias ? { alias: p.alias } : {}), ...EMULATOR_PROVIDER_SETTINGS })),
    },
  };
  const s3 = stack.terraform?.backend?.s3;
  if (s3) override.terraform = { backend: { s3: { ...s3, use_path_style: true } } };
  const remote = stack.data?.terraform_remote_state;
  if (remote) {
    override.data = {
      terraform_remote_state: Object.fromEntries(
        Object.entries<any>(remote).map(([name, block]) => [name, { config: { ...block.config, use_path_style: true } }]),
      ),
    };
  }
  // Resources the emulator cannot create (listed in emulator-gaps.json) are switched off with
  // count = 0 in the override; the synthesized stack itself still holds them.
  const excluded: string[] = [];
  for (const type of excludedTypes) {
    for (const name of Object.keys(stack.resource?.[type] ?? {})) {
      override.resource ??= {};
      override.resource[type] ??= {};
      override.resource[type][name] = { count: 0 };
      excluded.push(`${type}.${name}`);
    }
  }
  fs.writeFileSync(path.join(stackDir, OVERRIDE_FILE), `${JSON.stringify(override, null, 2)}\n`);
  return excluded;
}
