import { createHash, createHmac } from 'crypto';

/**
 * The few AWS Config calls the e2e read-back makes (JSON 1.1 protocol, Signature Version 4), so
 * that the run needs no SDK package beyond those it already installs. The answers are the API's
 * JSON, typed only as far as the checks read them.
 */
export interface ConfigurationRecorder {
  readonly name?: string;
  readonly roleARN?: string;
  readonly recordingGroup?: { readonly allSupported?: boolean; readonly includeGlobalResourceTypes?: boolean };
}

export interface ConfigurationRecorderStatus {
  readonly name?: string;
  readonly recording?: boolean;
}

export interface DeliveryChannel {
  readonly name?: string;
  readonly s3BucketName?: string;
  readonly s3KeyPrefix?: string;
  readonly s3KmsKeyArn?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

/** One request to sign: lower-case header names, `host` among them; path "/" and no query string. */
export interface SignedRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly region: string;
  readonly service: string;
  /** YYYYMMDD'T'HHMMSS'Z', the same value as the x-amz-date header. */
  readonly amzDate: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** The Authorization header of Signature Version 4 for a request to the path "/". */
export function signatureV4Authorization(request: SignedRequest): string {
  const { headers, amzDate, region, service, credentials } = request;
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${region}/${service}/aws4_request`;
  const signed = Object.keys(headers).sort();
  const canonical = [request.method, '/', '', ...signed.map((h) => `${h}:${headers[h].trim()}`), '', signed.join(';'), sha256(request.body)].join('\n');
  const key = [region, service, 'aws4_request'].reduce<Buffer>((k, part) => hmac(k, part), hmac(`AWS4${credentials.secretAccessKey}`, day));
  const signature = createHmac('sha256', key).update(['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signed.join(';')}, Signature=${signature}`;
}

export class ConfigServiceClient {
  constructor(
    private readonly endpoint: string,
    private readonly region: string,
    private readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string },
  ) {}

  async describeConfigurationRecorders(): Promise<ConfigurationRecorder[]> {
    return (await this.call<{ ConfigurationRecorders?: ConfigurationRecorder[] }>('DescribeConfigurationRecorders')).ConfigurationRecorders ?? [];
  }

  async describeConfigurationRecorderStatus(): Promise<ConfigurationRecorderStatus[]> {
    return (await this.call<{ ConfigurationRecordersStatus?: ConfigurationRecorderStatus[] }>('DescribeConfigurationRecorderStatus')).ConfigurationRecordersStatus ?? [];
  }

  async describeDeliveryChannels(): Promise<DeliveryChannel[]> {
    return (await this.call<{ DeliveryChannels?: DeliveryChannel[] }>('DescribeDeliveryChannels')).DeliveryChannels ?? [];
  }

  private async call<T>(operation: string, input: Record<string, unknown> = {}): Promise<T> {
    const url = new URL(this.endpoint);
    const body = JSON.stringify(input);
    const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    const headers = {
      'content-type': 'application/x-amz-json-1.1',
      host: url.host,
      'x-amz-date': amzDate,
      'x-amz-target': `StarlingDoveService.${operation}`,
    };
    const authorization = signatureV4Authorization({ method: 'POST', headers, body, region: this.region, service: 'config', amzDate, credentials: this.credentials });
    // fetch sets Host itself, to the same value.
    const { host: _host, ...sent } = headers;
    const response = await fetch(url, { method: 'POST', headers: { ...sent, authorization }, body });
    const text = await response.text();
    if (!response.ok) throw new Error(`config:${operation} in ${this.region}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text || '{}') as T;
  }
}
