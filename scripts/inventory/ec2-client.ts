/**
 * The SDK side of the inventory: an EC2 client per Region, each call a Describe command with its
 * own abort signal. Credentials, profile and endpoint come from the SDK's usual chain;
 * AWS_ENDPOINT_URL (the e2e's emulator) is passed on explicitly.
 */
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
  EC2ClientConfig,
} from '@aws-sdk/client-ec2';
import { Ec2Api, Ec2Call, Ec2Factory, Ec2Page } from './inventory-lib';

// The machines run Node 20 on purpose; the SDK's notice about future Node releases is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// One command class per call; the inputs are typed by the lib's resource table.
const COMMANDS: Record<Ec2Call, new (input: any) => any> = {
  DescribeInstances: DescribeInstancesCommand,
  DescribeVpcs: DescribeVpcsCommand,
  DescribeSubnets: DescribeSubnetsCommand,
  DescribeSecurityGroups: DescribeSecurityGroupsCommand,
  DescribeVolumes: DescribeVolumesCommand,
  DescribeSnapshots: DescribeSnapshotsCommand,
  DescribeImages: DescribeImagesCommand,
};

/** Client settings: the Region, the endpoint when AWS_ENDPOINT_URL names one, 3 attempts. */
export function clientConfig(region: string, env: NodeJS.ProcessEnv = process.env, extra: Partial<EC2ClientConfig> = {}): EC2ClientConfig {
  const endpoint = env.AWS_ENDPOINT_URL_EC2 || env.AWS_ENDPOINT_URL;
  return { region, maxAttempts: 3, ...(endpoint ? { endpoint } : {}), ...extra };
}

/** An EC2Api on one SDK client. */
export function ec2Api(client: EC2Client): Ec2Api {
  return {
    call: async (call, input, signal) => (await client.send(new COMMANDS[call](input), { abortSignal: signal })) as Ec2Page,
  };
}

/** One client per Region, made on first use. */
export function sdkEc2Factory(extra: Partial<EC2ClientConfig> = {}): Ec2Factory & { client(region: string): EC2Client } {
  const clients = new Map<string, EC2Client>();
  const client = (region: string) => {
    if (!clients.has(region)) clients.set(region, new EC2Client(clientConfig(region, process.env, extra)));
    return clients.get(region)!;
  };
  return Object.assign((region: string) => ec2Api(client(region)), { client });
}

/** DescribeRegions in `region`: every Region, with its opt-in status. */
export async function describeRegions(client: EC2Client, timeoutSeconds: number): Promise<{ Regions?: Array<{ RegionName?: string; OptInStatus?: string }> }> {
  return client.send(new DescribeRegionsCommand({ AllRegions: true }), { abortSignal: AbortSignal.timeout(timeoutSeconds * 1000) });
}
