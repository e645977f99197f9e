/** Why a string is not a valid general-purpose S3 bucket name, or undefined if it is one. */
export function bucketNameProblem(name: string): string | undefined {
  const rules = '3-63 lowercase letters, digits, "." or "-", starting and ending with a letter or digit';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) return `expected ${rules}`;
  if (name.includes('..')) return `must not contain ".."; expected ${rules}`;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'must not look like an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return 'must not start with "xn--", "sthree-" or "amzn-s3-demo-"';
  if (/(-s3alias|--ol-s3|--x-s3|--table-s3|\.mrap)$/.test(name)) {
    return 'must not end with "-s3alias", "--ol-s3", "--x-s3", "--table-s3" or ".mrap"';
  }
  return undefined;
}

/** The bucket that receives the server access logs of the state bucket (bootstrap creates both). */
export function stateAccessLogBucketName(stateBucket: string): string {
  return `${stateBucket}-access-logs`;
}

/** The state bucket's replica in state.replicaRegion (bootstrap creates it; S3 replication fills it). */
export function stateReplicaBucketName(stateBucket: string): string {
  return `${stateBucket}-replica`;
}

/** The bucket that receives the server access logs of the state replica (same Region as the replica). */
export function stateReplicaAccessLogBucketName(stateBucket: string): string {
  return `${stateReplicaBucketName(stateBucket)}-logs`;
}
