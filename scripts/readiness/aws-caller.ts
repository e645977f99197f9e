/**
 * The SDK side of `npm run readiness`: one client per service and Region, made on first use, each
 * call one read-only command with its own abort signal. Credentials, profile and endpoint come from
 * the SDK's usual chain; AWS_ENDPOINT_URL (the e2e's emulator) is passed on explicitly, and S3 then
 * uses path-style addressing (an emulator has no per-bucket host names).
 */
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DescribeImagesCommand as DescribeEcrImagesCommand, DescribeRegistryCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  DescribeImagesCommand,
  DescribeTransitGatewayPeeringAttachmentsCommand,
  DescribeTransitGatewaysCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DLMClient, GetLifecyclePoliciesCommand, GetLifecyclePolicyCommand } from '@aws-sdk/client-dlm';
import { GetHealthCheckStatusCommand, ListHealthChecksCommand, ListTagsForResourcesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { AwsCaller, ReadCall } from './readiness-lib';

// The machines run Node 20 on purpose; the SDK's notice about future Node releases is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const CLIENTS: Record<string, ClientClass> = {
  kms: KMSClient,
  secretsmanager: SecretsManagerClient,
  ecr: ECRClient,
  ec2: EC2Client,
  dlm: DLMClient,
  route53: Route53Client,
  s3: S3Client,
};

const COMMANDS: Record<ReadCall, CommandClass> = {
  'kms:DescribeKey': DescribeKeyCommand,
  'secretsmanager:DescribeSecret': DescribeSecretCommand,
  'ecr:DescribeRegistry': DescribeRegistryCommand,
  'ecr:DescribeImages': DescribeEcrImagesCommand,
  'ec2:DescribeImages': DescribeImagesCommand,
  'ec2:DescribeTransitGateways': DescribeTransitGatewaysCommand,
  'ec2:DescribeTransitGatewayPeeringAttachments': DescribeTransitGatewayPeeringAttachmentsCommand,
  'ec2:DescribeVpcs': DescribeVpcsCommand,
  'ec2:DescribeVpcPeeringConnections': DescribeVpcPeeringConnectionsCommand,
  'dlm:GetLifecyclePolicies': GetLifecyclePoliciesCommand,
  'dlm:GetLifecyclePolicy': GetLifecyclePolicyCommand,
  'route53:ListHealthChecks': ListHealthChecksCommand,
  'route53:ListTagsForResources': ListTagsForResourcesCommand,
  'route53:GetHealthCheckStatus': GetHealthCheckStatusCommand,
  's3:ListObjectsV2': ListObjectsV2Command,
  's3:HeadObject': HeadObjectCommand,
};

export interface CallerSettings {
  /** The emulator's (or any) endpoint for every service; default AWS_ENDPOINT_URL. */
  readonly endpoint?: string;
  /** Static credentials (the e2e's); default the SDK's chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** Client settings of one service in one Region: 3 attempts, the endpoint when one is set (also `npm run dr`'s). */
export function clientConfig(service: string, region: string, settings: CallerSettings = {}, env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const endpoint = settings.endpoint ?? env.AWS_ENDPOINT_URL;
  return {
    region,
    maxAttempts: 3,
    ...(endpoint ? { endpoint } : {}),
    ...(endpoint && service === 's3' ? { forcePathStyle: true } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
  };
}

/** SDK client and command classes, by service and by `<service>:<operation>`. */
export type ClientClass = new (config: any) => { send(command: any, options?: { abortSignal?: AbortSignal }): Promise<any>; destroy(): void };
export type CommandClass = new (input: any) => any;

/**
 * A caller over SDK clients made on first use, one per service and Region, each call one command
 * with its own abort signal; `close` releases the clients' sockets. Readiness's read-only caller
 * and `npm run dr`'s read-write one differ only in the commands they admit.
 */
export function commandCaller<Call extends string>(
  clients: Record<string, ClientClass>,
  commands: Record<Call, CommandClass>,
  settings: CallerSettings = {},
): { call: (region: string, call: Call, input: Record<string, unknown>, signal: AbortSignal) => Promise<any>; close: () => void } {
  const made = new Map<string, InstanceType<ClientClass>>();
  const client = (service: string, region: string) => {
    const key = `${service} ${region}`;
    if (!made.has(key)) made.set(key, new clients[service](clientConfig(service, region, settings)));
    return made.get(key)!;
  };
  return {
    call: (region, call, input, signal) => client(call.split(':')[0], region).send(new commands[call](input), { abortSignal: signal }),
    close: () => made.forEach((c) => c.destroy()),
  };
}

/** An AwsCaller on the SDK, and `close` to release its clients' sockets. */
export function sdkCaller(settings: CallerSettings = {}): { call: AwsCaller; close: () => void } {
  return commandCaller(CLIENTS, COMMANDS, settings);
}
