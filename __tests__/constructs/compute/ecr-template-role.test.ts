import { Construct } from 'constructs';
import { Testing, TerraformStack } from 'cdktf';
import { EcrTemplateRole, EcrTemplateRoleProps } from '../../../src/constructs/compute/ecr-template-role';
import { synthConstruct } from '../../helpers/synth';
import { only, policyFixture, ref } from '../../helpers/inspect';

const KEY = (region: string) => `arn:aws:kms:${region}:123456789012:key/mrk-0123456789abcdef0123456789abcdef`;

const props = (overrides: Partial<EcrTemplateRoleProps> = {}): EcrTemplateRoleProps => ({
  roleName: 'acme-ecr-templates',
  project: 'acme',
  facts: { account: '123456789012', partition: 'aws' },
  regions: [
    { region: 'us-west-2', kmsKeyArn: KEY('us-west-2') },
    { region: 'eu-west-1', kmsKeyArn: KEY('eu-west-1') },
  ],
  ...overrides,
});
const build = (overrides: Partial<EcrTemplateRoleProps> = {}) => (scope: Construct) => new EcrTemplateRole(scope, 'role', props(overrides));

describe('EcrTemplateRole', () => {
  const stack = synthConstruct(build());
  const [roleId, role] = only(stack, 'aws_iam_role');
  const [, policy] = only(stack, 'aws_iam_role_policy');
  const document = JSON.parse(policy.policy);

  test('only ECR assumes it, and only for this account when ECR names the source', () => {
    expect(role.name).toBe('acme-ecr-templates');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      {
        Sid: 'EcrOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'ecr.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' } },
      },
    ]);
  });

  test('creates, replicates into and tags only the project\'s repositories of the template Regions', () => {
    expect(policy.role).toBe(ref('aws_iam_role', roleId, 'id'));
    expect(document.Statement[0]).toEqual({
      Sid: 'CreateReplicatedProjectRepositories',
      Effect: 'Allow',
      Action: ['ecr:CreateRepository', 'ecr:ReplicateImage', 'ecr:TagResource'],
      Resource: ['arn:aws:ecr:eu-west-1:123456789012:repository/acme/*', 'arn:aws:ecr:us-west-2:123456789012:repository/acme/*'],
    });
  });

  test('grants on exactly the replica keys, only through ECR of those Regions, only for an AWS resource', () => {
    const keys = [KEY('eu-west-1'), KEY('us-west-2')];
    const viaEcr = ['ecr.eu-west-1.amazonaws.com', 'ecr.us-west-2.amazonaws.com'];
    expect(document.Statement.slice(1)).toEqual([
      {
        Sid: 'GrantEcrUseOfReplicaKeys',
        Effect: 'Allow',
        Action: 'kms:CreateGrant',
        Resource: keys,
        Condition: { StringEquals: { 'kms:ViaService': viaEcr }, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
      {
        Sid: 'DescribeReplicaKeysAndRetireGrants',
        Effect: 'Allow',
        Action: ['kms:DescribeKey', 'kms:RetireGrant'],
        Resource: keys,
        Condition: { StringEquals: { 'kms:ViaService': viaEcr } },
      },
    ]);
  });

  test('no wildcard resource anywhere, and no cryptographic operation', () => {
    for (const s of document.Statement) expect(s.Resource).not.toContain('*');
    expect(JSON.stringify(document)).not.toMatch(/kms:(Encrypt|Decrypt|GenerateDataKey)/);
  });

  test('passes every foundation policy rule', () => {
    expect(policyFixture(build()).violations()).toEqual([]);
  });
});

describe('EcrTemplateRole rejects', () => {
  const attempt = (overrides: Partial<EcrTemplateRoleProps>) => () => build(overrides)(new TerraformStack(Testing.app(), 'bad'));

  test.each([
    [{ regions: [] }, 'EcrTemplateRole role regions: received []; expected every Region with a creation template'],
    [
      { regions: [{ region: 'eu-west-1', kmsKeyArn: KEY('eu-west-1') }, { region: 'eu-west-1', kmsKeyArn: KEY('eu-west-1') }] },
      'EcrTemplateRole role regions: received "eu-west-1" twice; expected each Region once',
    ],
    [{ regions: [{ region: 'eu-west-1', kmsKeyArn: KEY('us-west-2') }] }, 'EcrTemplateRole role regions[eu-west-1].kmsKeyArn: received \"arn:aws:kms:us-west-2:123456789012:key/mrk-0123456789abcdef0123456789abcdef\"; a key of us-west-2; expected a key in eu-west-1'],
  ])('%j', (overrides, message) => {
    expect(attempt(overrides)).toThrow(message);
  });
});
