import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { policyDocument } from '../../src/aws/policy-documents';
import { FOUNDATION_RULES, ComplianceAspect, applyComplianceRules } from '../../src/compliance/foundation-rules';
import { testConfig } from '../helpers/synth';
import { appStacks, policyFixture } from '../helpers/inspect';

const THREE_REGIONS = [
  { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
  { name: 'us-west-2', vpcCidr: '10.20.0.0/16' },
  { name: 'eu-west-1', vpcCidr: '10.30.0.0/16' },
];

const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

describe('foundation policy rules', () => {
  test('one rule per file, named <Service><Resource><Property> after the file', () => {
    const dir = path.resolve(__dirname, '../../src/compliance');
    for (const rule of FOUNDATION_RULES) {
      expect(rule.name).toMatch(/^[A-Z][a-z0-9]+([A-Z][a-z0-9]*)+$/);
      const file = path.join(dir, `${kebab(rule.name)}.ts`);
      expect(fs.existsSync(file)).toBe(true);
      expect(fs.readFileSync(file, 'utf8')).toContain(`export const ${rule.name}: PolicyRule`);
      expect(rule.description.length).toBeGreaterThan(20);
    }
    expect(new Set(FOUNDATION_RULES.map((r) => r.name)).size).toBe(FOUNDATION_RULES.length);
  });

  test('each rule has a test file', () => {
    for (const rule of FOUNDATION_RULES) {
      expect(fs.existsSync(path.join(__dirname, `${kebab(rule.name)}.test.ts`))).toBe(true);
    }
  });
});

describe('applyComplianceRules', () => {
  test('adds one aspect and one validation, however often it is called', () => {
    const stack = new TerraformStack(Testing.app(), 'once');
    const first = applyComplianceRules(stack);
    expect(applyComplianceRules(stack)).toBe(first);
    expect(Aspects.of(stack).all.filter((a) => a instanceof ComplianceAspect)).toEqual([first]);
  });

  test('synth fails listing every violation of every rule, one line each with rule, path, address and expectation', () => {
    const fixture = policyFixture((scope) => {
      new KmsKey(scope, 'key', {});
      new S3Bucket(scope, 'bucket', { bucket: 'acme-open' });
      new IamRole(scope, 'role', {
        name: 'acme-open',
        assumeRolePolicy: policyDocument([{ Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }]),
        inlinePolicy: [{ name: 'admin', policy: policyDocument([{ Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' }]) }],
      });
    });
    const lines = (fixture.synthError() ?? '').split('\n').filter((l) => l.trim().startsWith('[fixture]')).map((l) => l.trim());
    expect(lines).toEqual([
      expect.stringMatching(/^\[fixture\] IamPolicyNoWildcardAdmin: fixture\/role \(aws_iam_role\.role\): inline_policy\[0\]\.policy statement "Admin" grants Action "\*" .*; expected /),
      expect.stringMatching(/^\[fixture\] IamPolicyNoWildcardPrincipal: fixture\/role \(aws_iam_role\.role\): assume_role_policy statement "Anyone" allows Principal "\*"; expected /),
      expect.stringMatching(/^\[fixture\] IamPolicyNoWildcardSecretPolicy: fixture\/role \(aws_iam_role\.role\): inline_policy\[0\]\.policy statement "Admin" allows secretsmanager:PutResourcePolicy .*; expected /),
      expect.stringMatching(/^\[fixture\] IamPolicyNoRoleEscalation: fixture\/role \(aws_iam_role\.role\): inline_policy\[0\]\.policy statement "Admin" allows iam:CreateRole, .* on role acme-open .*; expected /),
      expect.stringMatching(/^\[fixture\] IamPolicyNoBoundaryRemoval: fixture\/role \(aws_iam_role\.role\): inline_policy\[0\]\.policy statement "Admin" allows iam:DeleteRolePermissionsBoundary .*; expected /),
      expect.stringMatching(/^\[fixture\] KmsKeyExplicitPolicy: fixture\/key \(aws_kms_key\.key\): has no key policy.*; expected an explicit policy /),
      expect.stringMatching(/^\[fixture\] KmsKeyRotation: fixture\/key \(aws_kms_key\.key\): .*; expected true$/),
      expect.stringMatching(/^\[fixture\] S3BucketPublicAccessBlock: fixture\/bucket \(aws_s3_bucket\.bucket\): .*; expected /),
      expect.stringMatching(/^\[fixture\] S3BucketTlsOnly: fixture\/bucket \(aws_s3_bucket\.bucket\): .*; expected /),
    ]);
  });

  test('a real App.synth fails the same way (the path `cdktf synth` takes)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policies-'));
    try {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'real');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      new KmsKey(stack, 'key', { enableKeyRotation: false });
      applyComplianceRules(stack);
      expect(() => app.synth()).toThrow(/\[real\] KmsKeyRotation: real\/key \(aws_kms_key\.key\): key has enable_key_rotation = false; expected true/);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('a compliant stack synthesizes unchanged', () => {
    const policy = policyDocument([{ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/key-admins' }, Action: 'kms:Describe*', Resource: '*' }]);
    const fixture = policyFixture((scope) => new KmsKey(scope, 'key', { enableKeyRotation: true, policy }));
    const json = fixture.synth();
    expect(json.resource?.aws_kms_key?.key).toEqual({ enable_key_rotation: true, policy });
  });
});

// Every scenario of the invariants suite (__tests__/invariants) is synthesized with the rules too.
describe.each<[string, Record<string, unknown>]>([
  ['3 Regions, VPC peering, primary eu-west-1, NAT', { regions: THREE_REGIONS, primaryRegion: 'eu-west-1', network: { interRegion: 'vpc-peering', enableNatGateway: true } }],
])('every stack of the app passes every rule: %s', (_name, overrides) => {
  const stacks = appStacks(testConfig(overrides));
  const aspects = new Map(stacks.map((stack) => [stack, applyComplianceRules(stack)]));

  test('the app has a stack per layer', () => {
    const names = stacks.map((s) => s.node.id);
    expect(names).toEqual(expect.arrayContaining(['bootstrap', 'global', 'global-network']));
    expect(names.filter((n) => n.startsWith('region-')).length).toBeGreaterThanOrEqual(2);
  });

  test.each(stacks.map((s) => [s.node.id, s] as const))('%s synthesizes with validations and has no violations', (_id, stack) => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(aspects.get(stack)!.violations()).toEqual([]);
  });

  test('the rules saw the resources they check', () => {
    const types = new Set(stacks.flatMap((s) => aspects.get(s)!.resources().map((r) => r.type)));
    for (const type of ['aws_s3_bucket', 'aws_kms_key', 'aws_iam_role', 'aws_iam_role_policy']) expect(types).toContain(type);
  });
});
