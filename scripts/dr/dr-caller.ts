/**
 * The SDK side of `npm run dr`: the calls it makes, reads and writes, each `<service>:<operation>`
 * as in IAM (the operator's policy lists exactly these: docs/dr-playbook.md). Client settings are
 * readiness's (`clientConfig`); unlike readiness's caller this one writes, so it is its own.
 */
import { CloudFrontClient, GetDistributionConfigCommand, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { DescribeRegistryCommand, ECRClient, PutReplicationConfigurationCommand } from '@aws-sdk/client-ecr';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  ReplicateSecretToRegionsCommand,
  SecretsManagerClient,
  StopReplicationToReplicaCommand,
} from '@aws-sdk/client-secrets-manager';
import { CallerSettings, ClientClass, CommandClass, commandCaller } from '../readiness/aws-caller';

export const DR_READS = [
  'secretsmanager:DescribeSecret',
  'secretsmanager:GetResourcePolicy',
  'secretsmanager:GetSecretValue',
  'kms:DescribeKey',
  'ecr:DescribeRegistry',
  'cloudfront:ListDistributions',
  'cloudfront:GetDistributionConfig',
] as const;

export const DR_WRITES = [
  'secretsmanager:StopReplicationToReplica',
  'secretsmanager:PutResourcePolicy',
  'secretsmanager:PutSecretValue',
  'secretsmanager:ReplicateSecretToRegions',
  'ecr:PutReplicationConfiguration',
] as const;

export type DrCall = (typeof DR_READS)[number] | (typeof DR_WRITES)[number];

/** Makes one call in one Region (the SDK's clients, or a fake in tests) and gives up at `signal`. */
export type DrCaller = (region: string, call: DrCall, input: Record<string, unknown>, signal: AbortSignal) => Promise<any>;

const CLIENTS: Record<string, ClientClass> = {
  secretsmanager: SecretsManagerClient,
  kms: KMSClient,
  ecr: ECRClient,
  cloudfront: CloudFrontClient,
};

const COMMANDS: Record<DrCall, CommandClass> = {
  'secretsmanager:DescribeSecret': DescribeSecretCommand,
  'secretsmanager:GetResourcePolicy': GetResourcePolicyCommand,
  'secretsmanager:GetSecretValue': GetSecretValueCommand,
  'secretsmanager:StopReplicationToReplica': StopReplicationToReplicaCommand,
  'secretsmanager:PutResourcePolicy': PutResourcePolicyCommand,
  'secretsmanager:PutSecretValue': PutSecretValueCommand,
  'secretsmanager:ReplicateSecretToRegions': ReplicateSecretToRegionsCommand,
  'kms:DescribeKey': DescribeKeyCommand,
  'ecr:DescribeRegistry': DescribeRegistryCommand,
  'ecr:PutReplicationConfiguration': PutReplicationConfigurationCommand,
  'cloudfront:ListDistributions': ListDistributionsCommand,
  'cloudfront:GetDistributionConfig': GetDistributionConfigCommand,
};

/**
 * A DrCaller on the SDK, and `close` to release its clients' sockets. The e2e drill passes the
 * emulator's endpoint and test credentials; the CLI passes nothing (the SDK's chain).
 */
export function drCaller(settings: CallerSettings = {}): { call: DrCaller; close: () => void } {
  return commandCaller(CLIENTS, COMMANDS, settings);
}
