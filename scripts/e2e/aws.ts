import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { IAMClient } from '@aws-sdk/client-iam';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { DLMClient } from '@aws-sdk/client-dlm';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { Route53Client } from '@aws-sdk/client-route-53';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { GlobalAcceleratorClient } from '@aws-sdk/client-global-accelerator';

export const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

// The machines run Node 20 on purpose; the SDK's notice about future Node 22 releases is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** SDK clients bound to the emulator; they refuse any endpoint that is not loopback. */
export class EmulatorAws {
  private readonly ec2ByRegion = new Map<string, EC2Client>();

  constructor(readonly endpoint: string) {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(endpoint)) throw new Error(`refusing a non-loopback endpoint: ${endpoint}`);
  }

  private options(region: string) {
    return { region, endpoint: this.endpoint, credentials: CREDENTIALS, maxAttempts: 2 };
  }

  ec2(region: string): EC2Client {
    if (!this.ec2ByRegion.has(region)) this.ec2ByRegion.set(region, new EC2Client(this.options(region)));
    return this.ec2ByRegion.get(region)!;
  }

  s3(region: string): S3Client {
    return new S3Client({ ...this.options(region), forcePathStyle: true });
  }

  iam(): IAMClient {
    return new IAMClient(this.options('us-east-1'));
  }

  logs(region: string): CloudWatchLogsClient {
    return new CloudWatchLogsClient(this.options(region));
  }

  kms(region: string): KMSClient {
    return new KMSClient(this.options(region));
  }

  secrets(region: string): SecretsManagerClient {
    return new SecretsManagerClient(this.options(region));
  }

  cloudtrail(region: string): CloudTrailClient {
    return new CloudTrailClient(this.options(region));
  }

  securityhub(region: string): SecurityHubClient {
    return new SecurityHubClient(this.options(region));
  }

  sns(region: string): SNSClient {
    return new SNSClient(this.options(region));
  }

  eventbridge(region: string): EventBridgeClient {
    return new EventBridgeClient(this.options(region));
  }

  config(region: string): ConfigServiceClient {
    return new ConfigServiceClient(this.options(region));
  }

  ecr(region: string): ECRClient {
    return new ECRClient(this.options(region));
  }

  imagebuilder(region: string): ImagebuilderClient {
    return new ImagebuilderClient(this.options(region));
  }

  dlm(region: string): DLMClient {
    return new DLMClient(this.options(region));
  }

  elbv2(region: string): ElasticLoadBalancingV2Client {
    return new ElasticLoadBalancingV2Client(this.options(region));
  }

  /** Route 53 is global; its API is in us-east-1. */
  route53(): Route53Client {
    return new Route53Client(this.options('us-east-1'));
  }

  /** CloudFront is global; its API is in us-east-1. */
  cloudfront(): CloudFrontClient {
    return new CloudFrontClient(this.options('us-east-1'));
  }

  /** Global Accelerator's control plane is in us-west-2 only. */
  globalAccelerator(): GlobalAcceleratorClient {
    return new GlobalAcceleratorClient(this.options('us-west-2'));
  }
}

/** The environment every terraform and cdktf process of the run gets. */
export function emulatorEnv(endpoint: string): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: '',
    AWS_PROFILE: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    CI: 'true',
  };
}
