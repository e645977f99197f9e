import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

// The emulated APIs (scripts/e2e/emulated/) through boto3 against moto's server on 127.0.0.1, as
// the e2e launcher installs them: a few seconds. The Terraform round trip on the same APIs is
// scripts/e2e/emulated/check.sh (about two minutes), run by hand or by CI.
test('the emulated APIs answer as AWS does (python unittest against moto in server mode)', () => {
  const run = spawnSync('python3', ['-m', 'unittest', 'discover', '-s', 'scripts/e2e/emulated', '-t', 'scripts/e2e'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 110_000,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_EC2_METADATA_DISABLED: 'true' },
  });
  if (run.error) throw run.error;
  expect({ status: run.status, output: run.status === 0 ? '' : `${run.stdout}\n${run.stderr}`.slice(-6000) }).toEqual({ status: 0, output: '' });
}, 120_000);
