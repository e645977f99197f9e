import * as http from 'http';
import { AddressInfo } from 'net';
import { ConfigServiceClient, signatureV4Authorization } from '../../../scripts/e2e/config-service';

describe('signatureV4Authorization', () => {
  test('matches the AWS Signature Version 4 test suite (get-vanilla)', () => {
    const authorization = signatureV4Authorization({
      method: 'GET',
      headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
      body: '',
      region: 'us-east-1',
      service: 'service',
      amzDate: '20150830T123600Z',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    });
    expect(authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });
});

describe('ConfigServiceClient', () => {
  let server: http.Server;
  let endpoint: string;
  const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const answers: Record<string, unknown> = {
    'StarlingDoveService.DescribeConfigurationRecorders': { ConfigurationRecorders: [{ name: 'acme', recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } }] },
    'StarlingDoveService.DescribeConfigurationRecorderStatus': { ConfigurationRecordersStatus: [{ name: 'acme', recording: true }] },
    'StarlingDoveService.DescribeDeliveryChannels': {},
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        const answer = answers[String(req.headers['x-amz-target'])];
        res.writeHead(answer ? 200 : 400, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(answer ?? { __type: 'UnknownOperationException' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('sends signed JSON 1.1 requests scoped to its Region and reads the answers', async () => {
    const client = new ConfigServiceClient(endpoint, 'eu-west-1', { accessKeyId: 'test', secretAccessKey: 'test' });
    expect(await client.describeConfigurationRecorders()).toEqual([{ name: 'acme', recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } }]);
    expect(await client.describeConfigurationRecorderStatus()).toEqual([{ name: 'acme', recording: true }]);
    expect(await client.describeDeliveryChannels()).toEqual([]);
    for (const { headers, body } of received) {
      expect(headers['content-type']).toBe('application/x-amz-json-1.1');
      expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/eu-west-1\/config\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/);
      expect(body).toBe('{}');
    }
  });

  test('an error answer fails with the operation, the Region and the status', async () => {
    answers['StarlingDoveService.DescribeDeliveryChannels'] = undefined;
    const client = new ConfigServiceClient(endpoint, 'us-east-1', { accessKeyId: 'test', secretAccessKey: 'test' });
    await expect(client.describeDeliveryChannels()).rejects.toThrow('config:DescribeDeliveryChannels in us-east-1: HTTP 400');
  });
});
