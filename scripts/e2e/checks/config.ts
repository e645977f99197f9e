import { GetRoleCommand } from '@aws-sdk/client-iam';
import {
  ConfigServiceClient,
  ConfigurationRecorder,
  DeliveryChannel,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service';
import { FoundationConfig } from '../../../src/config/validate';
import { configBucketName, resourceNames } from '../../../src/aws/resource-names';
import { EmulatorAws } from '../aws';
import { Checklist } from '../checklist';
import { DeployedOutputs } from '../outputs';

const SERVICE_LINKED_ROLE = 'AWSServiceRoleForConfig';

const recordersIn = async (client: ConfigServiceClient): Promise<ConfigurationRecorder[]> =>
  (await client.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? [];
const deliveryChannelsIn = async (client: ConfigServiceClient): Promise<DeliveryChannel[]> =>
  (await client.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels ?? [];

/**
 * AWS Config read back in every Region: one recorder of every supported type on Config's
 * service-linked role (global resource types in the primary Region only), recording, and one
 * delivery channel to the Config bucket (no Object Lock) under config/ on the primary key.
 */
export async function checkConfigDeployed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  if (!config.security.config.enable) {
    for (const region of config.regions) c.expect((await recordersIn(aws.config(region.name))).length === 0, `${region.name}: no Config recorder (security.config.enable is false)`);
    return;
  }
  const roleArn = outputs.global.get('config_service_linked_role_arn');
  c.expect(roleArn.endsWith(`:role/aws-service-role/config.amazonaws.com/${SERVICE_LINKED_ROLE}`), `Config's service-linked role is ${SERVICE_LINKED_ROLE} (got ${roleArn})`);
  const role = await aws.iam().send(new GetRoleCommand({ RoleName: SERVICE_LINKED_ROLE })).catch(() => undefined);
  c.expect(role?.Role?.Arn === roleArn, `${SERVICE_LINKED_ROLE} exists with the ARN the global stack exports`);

  const account = roleArn.split(':')[4];
  const name = resourceNames(config).configRecorder;
  const bucket = configBucketName(config, account);
  const primaryKey = outputs.global.get('kms_primary_key_arn');
  const recordingGlobalTypes: string[] = [];
  for (const region of config.regions) {
    const client = aws.config(region.name);
    const recorders = await recordersIn(client);
    const recorder = recorders.find((r) => r.name === name);
    c.expect(recorders.length === 1 && Boolean(recorder), `${region.name}: one Config recorder named ${name} (got ${recorders.map((r) => r.name).join(', ') || 'none'})`);
    c.expect(recorder?.roleARN === roleArn, `${region.name}: the recorder uses ${SERVICE_LINKED_ROLE} (got ${recorder?.roleARN})`);
    c.expect(recorder?.recordingGroup?.allSupported === true, `${region.name}: the recorder records every supported resource type`);
    const global = recorder?.recordingGroup?.includeGlobalResourceTypes === true;
    if (global) recordingGlobalTypes.push(region.name);
    c.expect(global === region.isPrimary, `${region.name}: global resource types recorded ${region.isPrimary ? 'here, the primary Region' : 'only in the primary Region'} (got ${global})`);

    const status = (await client.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus?.find((s) => s.name === name);
    c.expect(status?.recording === true, `${region.name}: the recorder is recording`);

    const channels = await deliveryChannelsIn(client);
    const channel = channels.find((d) => d.name === name);
    c.expect(channels.length === 1 && Boolean(channel), `${region.name}: one delivery channel named ${name}`);
    c.expect(channel?.s3BucketName === bucket && channel?.s3KeyPrefix === 'config', `${region.name}: delivers to s3://${bucket}/config (got s3://${channel?.s3BucketName}/${channel?.s3KeyPrefix})`);
    c.expect(channel?.s3KmsKeyArn === primaryKey, `${region.name}: deliveries are encrypted with the primary key ${primaryKey} (got ${channel?.s3KmsKeyArn})`);
  }
  c.expect(recordingGlobalTypes.length === 1 && recordingGlobalTypes[0] === config.primaryRegion, `exactly the primary Region records global resource types (got ${recordingGlobalTypes.join(', ') || 'none'})`);
}

/** After destroy: no recorder or delivery channel in any Region, and Config's service-linked role is gone. */
export async function checkConfigDestroyed(aws: EmulatorAws, config: FoundationConfig, c: Checklist): Promise<void> {
  for (const region of config.regions) {
    const client = aws.config(region.name);
    c.expect((await recordersIn(client)).length === 0, `${region.name}: no Config recorder left`);
    c.expect((await deliveryChannelsIn(client)).length === 0, `${region.name}: no Config delivery channel left`);
  }
  if (config.security.config.enable) {
    const role = await aws.iam().send(new GetRoleCommand({ RoleName: SERVICE_LINKED_ROLE })).catch(() => undefined);
    c.expect(role === undefined, `${SERVICE_LINKED_ROLE} is deleted`);
  }
}
