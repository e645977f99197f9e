import { MFA_PRESENT, isAccountRoot, principalTrust } from '../../src/aws/trusted-role';

const ROOT = 'arn:aws:iam::123456789012:root';
const TOKEN_ROOT = 'arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.a.account_id}:root';
const CI = 'arn:aws:iam::123456789012:role/ci';

describe('principalTrust', () => {
  test('account roots (literal or built from references) need MFA; named roles are trusted as given', () => {
    expect(principalTrust('Deployers', [CI, ROOT, TOKEN_ROOT], 'account-roots')).toEqual([
      { Sid: 'Deployers', Effect: 'Allow', Principal: { AWS: [CI] }, Action: 'sts:AssumeRole' },
      { Sid: 'DeployersWithMfa', Effect: 'Allow', Principal: { AWS: [ROOT, TOKEN_ROOT] }, Action: 'sts:AssumeRole', Condition: MFA_PRESENT },
    ]);
  });

  test('"always": every principal needs MFA, in one statement', () => {
    expect(principalTrust('Auditors', [CI, ROOT], 'always')).toEqual([
      { Sid: 'AuditorsWithMfa', Effect: 'Allow', Principal: { AWS: [CI, ROOT] }, Action: 'sts:AssumeRole', Condition: MFA_PRESENT },
    ]);
  });

  test('no statement without principals', () => {
    expect(principalTrust('Deployers', [CI], 'account-roots')).toHaveLength(1);
    expect(principalTrust('Deployers', [ROOT], 'account-roots').map((s) => s.Sid)).toEqual(['DeployersWithMfa']);
  });

  test('MFA is Bool (a session without the key is refused), not BoolIfExists', () => {
    expect(MFA_PRESENT).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  });

  test.each([
    [ROOT, true],
    [TOKEN_ROOT, true],
    [CI, false],
    ['arn:aws:iam::123456789012:user/root', false],
  ])('isAccountRoot(%p) is %p', (arn, expected) => {
    expect(isAccountRoot(arn)).toBe(expected);
  });
});
