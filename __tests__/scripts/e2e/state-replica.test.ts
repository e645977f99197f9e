import { REPLICA_OVERRIDE_FILE, replicaOverride } from '../../../scripts/e2e/state-replica';
import { OVERRIDE_FILE } from '../../../scripts/e2e/overrides';

const SOURCE = { bucket: 'acme-tfstate', region: 'us-east-1' };
const REPLICA = { bucket: 'acme-tfstate-replica', region: 'us-west-2' };
const BACKEND = { bucket: 'acme-tfstate', key: 'acme/prod/region-us-west-2.tfstate', region: 'us-east-1', encrypt: true, kms_key_id: 'alias/terraform-state', use_lockfile: true };
const GLOBAL_READ = { bucket: 'acme-tfstate', key: 'acme/prod/global.tfstate', region: 'us-east-1' };

const stack = {
  terraform: { backend: { s3: BACKEND } },
  data: { terraform_remote_state: { global: { config: GLOBAL_READ }, elsewhere: { config: { bucket: 'other', key: 'x', region: 'eu-west-1' } } } },
};
const emulatorOverride = {
  terraform: { backend: { s3: { ...BACKEND, use_path_style: true } } },
  data: { terraform_remote_state: { global: { config: { ...GLOBAL_READ, use_path_style: true } }, elsewhere: { config: { bucket: 'other', use_path_style: true } } } },
};

describe('replicaOverride', () => {
  test('moves the backend to the replica bucket and Region, keeping every other setting of the emulator override', () => {
    expect(replicaOverride(stack, emulatorOverride, SOURCE, REPLICA)!.terraform).toEqual({
      backend: { s3: { ...BACKEND, use_path_style: true, bucket: 'acme-tfstate-replica', region: 'us-west-2' } },
    });
  });

  test('moves the remote-state reads of the state bucket, and only those', () => {
    expect(replicaOverride(stack, emulatorOverride, SOURCE, REPLICA)!.data).toEqual({
      terraform_remote_state: { global: { config: { ...GLOBAL_READ, use_path_style: true, bucket: 'acme-tfstate-replica', region: 'us-west-2' } } },
    });
  });

  test('without an emulator override, starts from the synthesized stack', () => {
    expect(replicaOverride(stack, undefined, SOURCE, REPLICA)).toEqual({
      terraform: { backend: { s3: { ...BACKEND, bucket: 'acme-tfstate-replica', region: 'us-west-2' } } },
      data: { terraform_remote_state: { global: { config: { ...GLOBAL_READ, bucket: 'acme-tfstate-replica', region: 'us-west-2' } } } },
    });
  });

  test('a stack with local state and no remote reads (bootstrap) needs none', () => {
    expect(replicaOverride({ terraform: { backend: { local: { path: 'terraform.bootstrap.tfstate' } } } }, undefined, SOURCE, REPLICA)).toBeUndefined();
  });

  test('a backend in another bucket is an error naming it', () => {
    expect(() => replicaOverride({ terraform: { backend: { s3: { ...BACKEND, bucket: 'elsewhere' } } } }, undefined, SOURCE, REPLICA)).toThrow(
      'state replica: the backend names bucket "elsewhere"; expected the state bucket acme-tfstate',
    );
  });

  test('the replica override is read after the emulator override (Terraform merges override files in name order)', () => {
    expect([OVERRIDE_FILE, REPLICA_OVERRIDE_FILE].sort()).toEqual([OVERRIDE_FILE, REPLICA_OVERRIDE_FILE]);
  });
});
