import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { stateKey, useS3Backend } from '../../src/stacks/backend';
import { StackState } from '../../src/stacks/remote-state';
import { REGION_OUTPUTS } from '../../src/stacks/contracts/region-outputs';
import { synthApp, testConfig, BASE_CONFIG } from '../helpers/synth';
import { synthStack } from '../helpers/inspect';

const REGIONS = [
  { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
  { name: 'eu-west-1', vpcCidr: '10.20.0.0/16' },
  { name: 'us-west-2', vpcCidr: '10.30.0.0/16' },
];

describe('stateKey', () => {
  test('is <keyPrefix>/<stack>.tfstate', () => {
    expect(stateKey(testConfig().state, 'region-eu-west-1')).toBe('example/prod/region-eu-west-1.tfstate');
  });
});

describe('useS3Backend and StackState on a bare stack', () => {
  const state = testConfig({ state: { ...BASE_CONFIG.state, kmsKeyAlias: 'alias/custom-state' } }).state;
  const stack = new TerraformStack(Testing.app(), 'probe');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  useS3Backend(stack, state, 'probe');
  const remote = new StackState(stack, state, 'other', REGION_OUTPUTS);
  new TerraformOutput(stack, 'probe', { value: remote.get('vpc_id') });
  const json = synthStack(stack);

  test('writes exactly the S3 backend arguments, lock file on, no DynamoDB table', () => {
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: 'example-tfstate',
        key: 'example/prod/probe.tfstate',
        region: 'us-east-1',
        encrypt: true,
        kms_key_id: 'alias/custom-state',
        use_lockfile: true,
      },
    });
  });

  test('reads another stack\'s state object from the same bucket under its own key', () => {
    expect(json.data!.terraform_remote_state.other).toEqual({
      backend: 's3',
      config: { bucket: 'example-tfstate', key: 'example/prod/other.tfstate', region: 'us-east-1' },
    });
  });

  test('values are read by output name from that state', () => {
    expect(Object.values(json.output!)[0].value).toBe('${data.terraform_remote_state.other.outputs.vpc_id}');
  });
});

describe('backends of the whole app', () => {
  const config = testConfig({
    regions: REGIONS,
    state: { bucket: 'acme-state-bucket', region: 'eu-west-1', keyPrefix: 'acme/network/prod', kmsKeyAlias: 'alias/acme-state' },
  });
  const stacks = synthApp(config);
  const remoteNames = Object.keys(stacks).filter((name) => name !== 'bootstrap');

  test('every stack but bootstrap uses the S3 backend from config', () => {
    expect(remoteNames.sort()).toEqual(['global', 'global-compute', 'global-edge', 'global-network', 'global-replication', 'region-eu-west-1', 'region-us-east-1', 'region-us-west-2']);
    for (const name of remoteNames) {
      const backend = stacks[name].terraform.backend;
      expect(Object.keys(backend)).toEqual(['s3']);
      expect(backend.s3).toEqual({
        bucket: 'acme-state-bucket',
        key: `acme/network/prod/${name}.tfstate`,
        region: 'eu-west-1',
        encrypt: true,
        use_lockfile: true,
        kms_key_id: 'alias/acme-state',
      });
    }
  });

  test('no backend names a DynamoDB lock table', () => {
    for (const stack of Object.values(stacks)) {
      const backend = JSON.stringify(stack.terraform.backend);
      expect(backend).not.toMatch(/dynamodb/);
    }
  });

  test('state keys are unique', () => {
    const keys = remoteNames.map((name) => stacks[name].terraform.backend.s3.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('bootstrap keeps its state locally, at a relative path', () => {
    expect(stacks.bootstrap.terraform.backend).toEqual({ local: { path: 'terraform.bootstrap.tfstate' } });
  });

  test('region stacks read the global stack\'s state and nothing else', () => {
    for (const region of REGIONS) {
      expect(stacks[`region-${region.name}`].data!.terraform_remote_state).toEqual({
        global: { backend: 's3', config: { bucket: 'acme-state-bucket', key: 'acme/network/prod/global.tfstate', region: 'eu-west-1' } },
      });
    }
  });

  test('global-network reads the state of every region stack', () => {
    const reads = stacks['global-network'].data!.terraform_remote_state;
    expect(Object.keys(reads).sort()).toEqual(REGIONS.map((r) => `region-${r.name}`).sort());
    for (const region of REGIONS) {
      expect(reads[`region-${region.name}`]).toEqual({
        backend: 's3',
        config: { bucket: 'acme-state-bucket', key: `acme/network/prod/region-${region.name}.tfstate`, region: 'eu-west-1' },
      });
    }
  });

  test('global-replication reads the global stack (primary key) and every region stack (replica keys, hubs)', () => {
    const reads = stacks['global-replication'].data!.terraform_remote_state;
    expect(Object.keys(reads).sort()).toEqual(['global', ...REGIONS.map((r) => `region-${r.name}`)].sort());
    for (const name of Object.keys(reads)) {
      expect(reads[name]).toEqual({
        backend: 's3',
        config: { bucket: 'acme-state-bucket', key: `acme/network/prod/${name}.tfstate`, region: 'eu-west-1' },
      });
    }
  });

  test('every remote-state read points at the key another stack writes', () => {
    const written = new Set(remoteNames.map((name) => stacks[name].terraform.backend.s3.key));
    for (const stack of Object.values(stacks)) {
      for (const read of Object.values(stack.data?.terraform_remote_state ?? {})) expect(written.has(read.config.key)).toBe(true);
    }
  });
});
