import { execFile } from 'child_process';

/**
 * One call of the AWS API through boto3, for services this project has no SDK v3 client for (SNS,
 * EventBridge): the e2e run needs Python with moto anyway, and moto brings boto3. The request is
 * signed as any boto3 call; the answer comes back as boto3's response dictionary (dates as text).
 */
const SCRIPT = `
import json, sys, boto3
endpoint, service, region, operation, params = sys.argv[1:6]
client = boto3.client(service, region_name=region, endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test")
response = getattr(client, operation)(**json.loads(params))
response.pop("ResponseMetadata", None)
print(json.dumps(response, default=str))
`;

/** `operation` is boto3's snake_case name, e.g. "get_topic_attributes"; an API error rejects with boto3's message. */
export function boto3Call(endpoint: string, service: string, region: string, operation: string, params: Record<string, unknown> = {}): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', SCRIPT, endpoint, service, region, operation, JSON.stringify(params)], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`boto3 ${service}.${operation} in ${region}: ${stderr.trim().split('\n').pop() || error.message}`));
      resolve(JSON.parse(stdout));
    });
  });
}
