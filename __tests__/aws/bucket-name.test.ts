import { bucketNameProblem } from '../../src/aws/bucket-name';

const SHAPE = 'expected 3-63 lowercase letters, digits, "." or "-", starting and ending with a letter or digit';

describe('bucketNameProblem', () => {
  test.each(['abc', 'example-tfstate', 'my.bucket.name', '123', 'a1-b2.c3', 'a'.repeat(63), 'xn-single-dash', 'bucket-s3alias-not-at-end'])(
    'accepts %p',
    (name) => expect(bucketNameProblem(name)).toBeUndefined(),
  );

  test.each([
    ['', SHAPE],
    ['ab', SHAPE],
    ['a'.repeat(64), SHAPE],
    ['Example', SHAPE],
    ['under_score', SHAPE],
    ['space name', SHAPE],
    ['-leading-dash', SHAPE],
    ['trailing-dash-', SHAPE],
    ['.leading-dot', SHAPE],
    ['trailing-dot.', SHAPE],
    ['two..dots', `must not contain ".."; ${SHAPE}`],
    ['192.168.5.4', 'must not look like an IP address'],
    ['xn--punycode', 'must not start with "xn--", "sthree-" or "amzn-s3-demo-"'],
    ['sthree-bucket', 'must not start with "xn--", "sthree-" or "amzn-s3-demo-"'],
    ['amzn-s3-demo-bucket', 'must not start with "xn--", "sthree-" or "amzn-s3-demo-"'],
    ['bucket-s3alias', 'must not end with "-s3alias", "--ol-s3", "--x-s3", "--table-s3" or ".mrap"'],
    ['bucket--ol-s3', 'must not end with "-s3alias", "--ol-s3", "--x-s3", "--table-s3" or ".mrap"'],
    ['bucket--x-s3', 'must not end with "-s3alias", "--ol-s3", "--x-s3", "--table-s3" or ".mrap"'],
    ['bucket--table-s3', 'must not end with "-s3alias", "--ol-s3", "--x-s3", "--table-s3" or ".mrap"'],
    ['bucket.mrap', 'must not end with "-s3alias", "--ol-s3", "--x-s3", "--table-s3" or ".mrap"'],
  ])('rejects %p', (name, problem) => {
    expect(bucketNameProblem(name)).toBe(problem);
  });
});
