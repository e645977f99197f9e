import { SERVICE_LINKED_ROLE_SERVICES } from '../../../src/constructs/identity/permissions';
import { ecrDeployGrants } from '../../../src/constructs/compute/ecr-permissions';
import { ecrKeyStatements } from '../../../src/constructs/compute/ecr-key-statements';
import { MANAGED_POLICY_MAX_CHARS, policySize, worstCaseContext } from '../../../src/aws/deploy-permissions';
import { kmsKeyPolicy } from '../../../src/aws/kms-key-policy';
import { Authorization, decide } from '../../helpers/iam-evaluator';
import { CONTEXT, actionsOf, describeDomainPermissions, grantsAction } from '../../helpers/deploy-permissions';
import { COMPUTE_REGISTRY_PERMISSIONS } from '../../../src/constructs/compute/permissions';
import { isWildcardAction } from '../../helpers/inspect';
import { REGION_NAMES } from '../../../src/aws/regions';

const grants = ecrDeployGrants(CONTEXT);
const statements = grants.map((g) => g.statement);
const bySid = (sid: string) => {
  const found = statements.filter((s) => s.Sid === sid);
  if (found.length !== 1) throw new Error(`expected one ${sid}, found ${found.length}`);
  return found[0];
};

const REPO = (region: string, name = 'acme/app') => `arn:aws:ecr:${region}:123456789012:repository/${name}`;
const PROJECT_KEY = { 'aws:ResourceTag/FoundationProject': 'acme' };
const inRegion = (region: string, extra: Record<string, string> = {}) => ({ 'aws:RequestedRegion': region, ...extra });
const call = (action: string, resource: string, context: Record<string, string> = {}): Authorization => ({ action, resource, context });

/**
 * What hashicorp/aws 5.100.0 calls for each ECR resource type this layer creates (create, read,
 * update, delete), plus what ECR itself checks on the caller (the KMS grant of an encrypted
 * repository, the template's role and lifecycle policy, the service-linked roles).
 */
const REQUIRED: Record<string, readonly string[]> = {
  aws_ecr_repository: [
    'ecr:CreateRepository',
    'ecr:DescribeRepositories',
    'ecr:PutImageTagMutability',
    'ecr:PutImageScanningConfiguration',
    'ecr:ListTagsForResource',
    'ecr:TagResource',
    'ecr:UntagResource',
    'kms:CreateGrant',
  ],
  aws_ecr_lifecycle_policy: ['ecr:PutLifecyclePolicy', 'ecr:GetLifecyclePolicy', 'ecr:DeleteLifecyclePolicy'],
  aws_ecr_repository_creation_template: [
    'ecr:CreateRepositoryCreationTemplate',
    'ecr:DescribeRepositoryCreationTemplates',
    'ecr:UpdateRepositoryCreationTemplate',
    'ecr:DeleteRepositoryCreationTemplate',
    'ecr:CreateRepository',
    'ecr:PutLifecyclePolicy',
    'iam:PassRole',
  ],
  aws_ecr_replication_configuration: ['ecr:PutReplicationConfiguration', 'ecr:DescribeRegistry'],
  aws_ecr_registry_scanning_configuration: ['ecr:PutRegistryScanningConfiguration', 'ecr:GetRegistryScanningConfiguration'],
};

describeDomainPermissions(COMPUTE_REGISTRY_PERMISSIONS, REQUIRED);

describe('ECR deploy grants', () => {
  test('Sids unique and alphanumeric; no wildcard action; fits a managed policy beside the other compute features', () => {
    const sids = statements.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const s of statements) {
      expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(actionsOf(s).filter(isWildcardAction)).toEqual([]);
    }
    // The compute domain's one policy also holds Image Builder and DLM: ECR keeps to 2,700 of its
    // 6,144 characters with 32 Regions, a 32-character project and the longest partition (the Region
    // list is the part that grows; 3 Regions take ~2,200).
    const worst = worstCaseContext({ ...CONTEXT, project: 'p'.repeat(32), regions: REGION_NAMES.slice(0, 32) });
    expect(REGION_NAMES.length).toBeGreaterThanOrEqual(32);
    expect(policySize(ecrDeployGrants(worst).map((g) => g.statement))).toBeLessThanOrEqual(2700);
    expect(2700).toBeLessThan(MANAGED_POLICY_MAX_CHARS / 2);
  });

  test('repositories and lifecycle policies: only under repository/<project>/*', () => {
    expect(bySid('ManageProjectRepositories')).toMatchObject({ Resource: 'arn:aws:ecr:*:123456789012:repository/acme/*' });
    expect(bySid('ManageProjectRepositories').Condition).toBeUndefined();
    expect(decide(statements, call('ecr:CreateRepository', REPO('us-east-1'), inRegion('us-east-1')))).toBe('Allow');
    expect(decide(statements, call('ecr:PutLifecyclePolicy', REPO('eu-west-1', 'acme/team/web'), inRegion('eu-west-1')))).toBe('Allow');
    expect(decide(statements, call('ecr:CreateRepository', REPO('us-east-1', 'other/app'), inRegion('us-east-1')))).toBe('ImplicitDeny');
    expect(decide(statements, call('ecr:CreateRepository', REPO('us-east-1', 'acme-other/app'), inRegion('us-east-1')))).toBe('ImplicitDeny');
  });

  test('never deletes a project repository or image, whatever else allows it; never pushes, pulls or opens a repository policy', () => {
    expect(bySid('NeverDeleteProjectImages')).toEqual({
      Sid: 'NeverDeleteProjectImages',
      Effect: 'Deny',
      Action: ['ecr:DeleteRepository', 'ecr:BatchDeleteImage'],
      Resource: 'arn:aws:ecr:*:123456789012:repository/acme/*',
    });
    expect(decide([...statements, { Sid: 'Broad', Effect: 'Allow', Action: 'ecr:DeleteRepository', Resource: '*' }], call('ecr:DeleteRepository', REPO('us-east-1')))).toBe('ExplicitDeny');
    for (const action of ['ecr:PutImage', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:SetRepositoryPolicy', 'ecr:DeleteRepository']) {
      expect(grantsAction(statements, action)).toBe(false);
    }
  });

  test('the KMS grant of an encrypted repository: project keys only, only through ECR, only for an AWS resource', () => {
    expect(bySid('EcrGrantsOnProjectKeys')).toEqual({
      Sid: 'EcrGrantsOnProjectKeys',
      Effect: 'Allow',
      Action: 'kms:CreateGrant',
      Resource: 'arn:aws:kms:*:123456789012:key/*',
      Condition: {
        StringEquals: { 'aws:ResourceTag/FoundationProject': 'acme' },
        StringLike: { 'kms:ViaService': 'ecr.*.amazonaws.com' },
        Bool: { 'kms:GrantIsForAWSResource': 'true' },
      },
    });
    const key = 'arn:aws:kms:us-east-1:123456789012:key/mrk-1';
    const viaEcr = { ...PROJECT_KEY, 'kms:ViaService': 'ecr.us-east-1.amazonaws.com', 'kms:GrantIsForAWSResource': 'true' };
    expect(decide(statements, call('kms:CreateGrant', key, viaEcr))).toBe('Allow');
    expect(decide(statements, call('kms:CreateGrant', key, { ...viaEcr, 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' }))).toBe('ImplicitDeny');
    expect(decide(statements, call('kms:CreateGrant', key, { ...viaEcr, 'kms:GrantIsForAWSResource': 'false' }))).toBe('ImplicitDeny');
    expect(decide(statements, call('kms:CreateGrant', key, { ...viaEcr, 'aws:ResourceTag/FoundationProject': 'other' }))).toBe('ImplicitDeny');
    for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:RetireGrant', 'kms:RevokeGrant']) expect(grantsAction(statements, action)).toBe(false);
  });

  test('registry-level actions cannot be scoped to a resource: "*" narrowed to the Regions that need them', () => {
    const onStar = statements.filter((s) => s.Effect === 'Allow' && s.Resource === '*').map((s) => [s.Sid, s.Condition]);
    expect(onStar).toEqual([
      ['ManageRegistrySettings', { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1', 'ap-southeast-2'] } }],
      // Every configured Region: a promotion (activeRegion) moves the source without a bootstrap change.
      ['ManageRegistryReplication', { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1', 'ap-southeast-2'] } }],
    ]);
    expect(actionsOf(bySid('ManageRegistrySettings'))).toEqual([
      'ecr:PutRegistryScanningConfiguration',
      'ecr:GetRegistryScanningConfiguration',
      'ecr:CreateRepositoryCreationTemplate',
      'ecr:DescribeRepositoryCreationTemplates',
      'ecr:UpdateRepositoryCreationTemplate',
      'ecr:DeleteRepositoryCreationTemplate',
    ]);
    expect(decide(statements, call('ecr:PutReplicationConfiguration', '*', inRegion('eu-west-1')))).toBe('Allow');
    expect(decide(statements, call('ecr:PutReplicationConfiguration', '*', inRegion('sa-east-1')))).toBe('ImplicitDeny');
    expect(decide(statements, call('ecr:PutRegistryScanningConfiguration', '*', inRegion('sa-east-1')))).toBe('ImplicitDeny');
    expect(decide(statements, call('ecr:CreateRepositoryCreationTemplate', '*', inRegion('eu-west-1')))).toBe('Allow');
  });

  test('passes only the template role, and only to ECR', () => {
    const role = 'arn:aws:iam::123456789012:role/acme-ecr-templates';
    expect(bySid('PassTemplateRoleToEcr')).toEqual({
      Sid: 'PassTemplateRoleToEcr',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: role,
      Condition: { StringEquals: { 'iam:PassedToService': 'ecr.amazonaws.com' } },
    });
    expect(decide(statements, call('iam:PassRole', role, { 'iam:PassedToService': 'ec2.amazonaws.com' }))).toBe('ImplicitDeny');
    expect(decide(statements, call('iam:PassRole', 'arn:aws:iam::123456789012:role/acme-deploy', { 'iam:PassedToService': 'ecr.amazonaws.com' }))).toBe('ImplicitDeny');
  });

  test('creates no service-linked role itself: ECR\'s two are the identity domain\'s', () => {
    expect(grantsAction(statements, 'iam:CreateServiceLinkedRole')).toBe(false);
    expect(SERVICE_LINKED_ROLE_SERVICES).toEqual(expect.arrayContaining(['replication.ecr.amazonaws.com', 'ecr.amazonaws.com']));
  });

  test('a single-Region foundation gets no replication, template or template-role statement', () => {
    const single = ecrDeployGrants({ ...CONTEXT, regions: ['us-east-1'] });
    expect(single.map((g) => g.statement.Sid)).toEqual(['ManageProjectRepositories', 'EcrGrantsOnProjectKeys', 'ManageRegistrySettings', 'NeverDeleteProjectImages']);
    expect(single.flatMap((g) => actionsOf(g.statement)).filter((a) => /Template|Replication|PassRole|ServiceLinked/.test(a))).toEqual([]);
  });
});

describe('ecrKeyStatements', () => {
  const statementsFor = ecrKeyStatements({ region: 'eu-west-1', account: '123456789012', partition: 'aws' });

  test('lets principals of this account have ECR make grants on the key, only through ECR in this Region, only for AWS resources', () => {
    expect(statementsFor).toEqual([
      {
        Sid: 'EcrGrantsForRepositoriesOfThisAccount',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:CallerAccount': '123456789012', 'kms:ViaService': 'ecr.eu-west-1.amazonaws.com' },
          Bool: { 'kms:GrantIsForAWSResource': 'true' },
        },
      },
      {
        Sid: 'EcrDescribesKeyForRepositoriesOfThisAccount',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        Action: ['kms:DescribeKey', 'kms:RetireGrant'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': '123456789012', 'kms:ViaService': 'ecr.eu-west-1.amazonaws.com' } },
      },
    ]);
  });

  test('no cryptographic operation: pushes and pulls use the grants ECR holds, never the key policy', () => {
    expect(JSON.stringify(statementsFor)).not.toMatch(/kms:(Encrypt|Decrypt|ReEncrypt|GenerateDataKey)/);
  });

  test('sits in a key policy beside the existing statements with unique Sids', () => {
    const base = JSON.parse(
      kmsKeyPolicy({ account: '123456789012', partition: 'aws', region: 'eu-west-1', administratorArns: ['arn:aws:iam::123456789012:root'], userArns: [], s3ReaderArns: [], services: {} }),
    ).Statement;
    const sids = [...base, ...statementsFor].map((s: { Sid: string }) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
  });
});

describe('ECR deploy grants under the foundation policy rules', () => {
  test('as a managed policy, and the key statements in a key policy, they pass every rule', () => {
    const { IamPolicy } = require('@cdktf/provider-aws/lib/iam-policy') as typeof import('@cdktf/provider-aws/lib/iam-policy');
    const { KmsKey } = require('@cdktf/provider-aws/lib/kms-key') as typeof import('@cdktf/provider-aws/lib/kms-key');
    const { policyDocument } = require('../../../src/aws/policy-documents') as typeof import('../../../src/aws/policy-documents');
    const { policyFixture } = require('../../helpers/inspect') as typeof import('../../helpers/inspect');
    const fixture = policyFixture((scope) => {
      new IamPolicy(scope, 'deploy_compute', { name: 'acme-deploy-compute', policy: policyDocument(statements) });
      const base = JSON.parse(
        kmsKeyPolicy({ account: '123456789012', partition: 'aws', region: 'us-east-1', administratorArns: ['arn:aws:iam::123456789012:root'], userArns: [], s3ReaderArns: [], services: {} }),
      ).Statement;
      new KmsKey(scope, 'key', {
        enableKeyRotation: true,
        policy: policyDocument([...base, ...ecrKeyStatements({ region: 'us-east-1', account: '123456789012', partition: 'aws' })]),
      });
    });
    expect(fixture.violations()).toEqual([]);
  });
});
