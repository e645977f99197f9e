/**
 * IAM policy documents as plain JSON strings (tokens resolve inside them), so synth tests can
 * JSON.parse every policy and reviewers see the whole document in the plan. Multi-line on
 * purpose: cdktf's HCL renderer emits a multi-line string as a heredoc, but leaves the quotes of a
 * one-line string with `${...}` unescaped, which is invalid HCL.
 */
export interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Record<string, string | string[]> | '*';
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export function policyDocument(statements: readonly Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

/** Denies every request to the bucket that does not use TLS 1.2 or later: the first statements of every bucket policy here. */
export function tlsOnlyStatements(bucketArn: string): Statement[] {
  const resources = [bucketArn, `${bucketArn}/*`];
  return [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: resources,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      Sid: 'DenyOutdatedTls',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: resources,
      Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
    },
  ];
}

/** A bucket policy of the TLS-only statements alone. */
export function tlsOnlyBucketPolicy(bucketArn: string): string {
  return policyDocument(tlsOnlyStatements(bucketArn));
}
