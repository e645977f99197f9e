import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { testConfig, synthApp } from '../../helpers/synth';
import { writeEmulatorOverride, OVERRIDE_FILE } from '../../../scripts/e2e/overrides';

describe('emulator override file', () => {
  const stacks = synthApp(testConfig());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'override-'));
  const overrideFor = (name: string) => {
    const stackDir = path.join(dir, name);
    fs.mkdirSync(stackDir, { recursive: true });
    fs.writeFileSync(path.join(stackDir, 'cdk.tf.json'), JSON.stringify(stacks[name]));
    writeEmulatorOverride(stackDir);
    return JSON.parse(fs.readFileSync(path.join(stackDir, OVERRIDE_FILE), 'utf8'));
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('repeats every backend setting and adds path-style addressing (an override backend replaces the block)', () => {
    const override = overrideFor('global');
    expect(override.terraform.backend.s3).toEqual({ ...stacks.global.terraform.backend.s3, use_path_style: true });
  });

  test('covers every provider block, aliased or not, with emulator-only settings', () => {
    const override = overrideFor('global-network');
    const aliases = stacks['global-network'].provider!.aws.map((p) => p.alias ?? null);
    expect(override.provider.aws.map((p: any) => p.alias ?? null)).toEqual(aliases);
    for (const p of override.provider.aws) {
      expect(p).toMatchObject({ skip_credentials_validation: true, skip_metadata_api_check: true, s3_use_path_style: true, max_retries: 3 });
      expect(p.region).toBeUndefined();
    }
  });

  test('remote-state reads keep their config and gain path-style addressing', () => {
    const override = overrideFor('global-network');
    for (const [name, block] of Object.entries<any>(stacks['global-network'].data!.terraform_remote_state)) {
      expect(override.data.terraform_remote_state[name].config).toEqual({ ...block.config, use_path_style: true });
    }
  });

  test('bootstrap keeps its local backend', () => {
    expect(overrideFor('bootstrap').terraform).toBeUndefined();
  });

  test('production stacks carry no emulator setting', () => {
    const text = JSON.stringify(stacks);
    for (const setting of ['skip_credentials_validation', 'use_path_style', 's3_use_path_style', 'max_retries', '127.0.0.1']) {
      expect(text).not.toContain(setting);
    }
    for (const stack of Object.values(stacks)) for (const provider of stack.provider?.aws ?? []) expect(provider.endpoints).toBeUndefined();
  });
});
