import { Token } from 'cdktf';

const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/\S+$/;

/** A value Terraform resolves at apply time: a cdktf token or a literal "${...}" expression. */
export const isReference = (value: string): boolean => Token.isUnresolved(value) || value.includes('${');

/**
 * Why `keyArn` is not the ARN of a KMS key in `region`, or undefined. A key is used in the Region it
 * lives in, and a key of the wrong Region is the likeliest wiring mistake, which EC2 and DLM would
 * report only when they first use it. Parts that are Terraform references (an account id from a data
 * source, a key id from remote state) are not checked; the literal ones are. A whole-ARN reference
 * has nothing literal to check.
 */
export function regionalKeyArnProblem(keyArn: string, region: string): string | undefined {
  const expected = `expected the ARN of a KMS key in ${region} (arn:<partition>:kms:${region}:<account>:key/<id>), not an alias or key id`;
  const parts = keyArn.split(':');
  const literal = (i: number) => parts[i] !== undefined && !isReference(parts[i]);
  if (!isReference(keyArn)) {
    if (!KEY_ARN.test(keyArn)) return expected;
  } else if (parts.length > 1) {
    const wrong = (i: number, ok: (part: string) => boolean) => literal(i) && !ok(parts[i]);
    // The key id is usually a reference after a literal "key/": compare what comes before it.
    const prefix = (parts[5] ?? '').split('${')[0];
    const keyPart = 'key/'.startsWith(prefix) || prefix.startsWith('key/');
    if (parts.length < 6 || wrong(0, (p) => p === 'arn') || wrong(2, (p) => p === 'kms') || !keyPart) return expected;
  }
  if (literal(3) && !isReference(region) && parts[3] !== region) {
    return `a key of ${parts[3]}; expected a key in ${region}: AWS services encrypt only with a key of the Region the resource is in`;
  }
  return undefined;
}
