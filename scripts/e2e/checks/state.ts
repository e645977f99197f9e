import { HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { FoundationConfig } from '../../../src/config/validate';
import { stateKey } from '../../../src/stacks/backend';
import { BOOTSTRAP_STACK } from '../../../src/stacks/stack-names';
import { EmulatorAws } from '../aws';
import { Checklist } from '../checklist';
import { DeployedOutputs } from '../outputs';

/** Lock files (`<key>.tflock`) left in the state bucket under the key prefix. */
export async function leftoverLocks(aws: EmulatorAws, config: FoundationConfig): Promise<string[]> {
  const listed = await aws.s3(config.state.region).send(new ListObjectsV2Command({ Bucket: config.state.bucket, Prefix: config.state.keyPrefix }));
  return (listed.Contents ?? []).map((o) => o.Key!).filter((k) => k.endsWith('.tflock'));
}

/** Every stack but bootstrap keeps its state under the documented key, and no lock is left behind. */
export async function checkStateDeployed(aws: EmulatorAws, config: FoundationConfig, stackNames: string[], c: Checklist): Promise<void> {
  const s3 = aws.s3(config.state.region);
  for (const stack of stackNames.filter((s) => s !== BOOTSTRAP_STACK)) {
    const key = stateKey(config.state, stack);
    const head = await s3.send(new HeadObjectCommand({ Bucket: config.state.bucket, Key: key })).catch(() => undefined);
    c.expect(Boolean(head), `state object s3://${config.state.bucket}/${key} exists`);
  }
  c.expect((await leftoverLocks(aws, config)).length === 0, 'no .tflock object is left in the state bucket');
}

/** After destroy: the protected state bucket and its key are kept, and no lock is left behind. */
export async function checkStateDestroyed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const s3 = aws.s3(config.state.region);
  const bucket = await s3.send(new HeadBucketCommand({ Bucket: config.state.bucket })).catch(() => undefined);
  c.expect(Boolean(bucket), `protected state bucket ${config.state.bucket} is kept`);
  const keyArn = outputs.bootstrap.find('state_kms_key_arn');
  const key = keyArn && (await aws.kms(config.state.region).send(new DescribeKeyCommand({ KeyId: keyArn })).catch(() => undefined));
  c.expect(Boolean(key && key.KeyMetadata?.KeyState === 'Enabled'), 'protected state KMS key is kept and enabled');
  c.expect((await leftoverLocks(aws, config)).length === 0, 'no .tflock object is left in the state bucket');
}
