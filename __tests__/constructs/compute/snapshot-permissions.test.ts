import { deployableRoleNames } from '../../../src/aws/resource-names';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { EBS_ACCOUNT_SETTINGS, EBS_ACCOUNT_SETTINGS_SID, snapshotGrants } from '../../../src/constructs/compute/snapshot-permissions';
import { MANAGED_POLICY_MAX_CHARS, policySize, worstCaseContext } from '../../../src/aws/deploy-permissions';
import { policyDocument } from '../../../src/aws/policy-documents';
import { PROJECT_TAG_KEY } from '../../../src/aws/tags';
import { UNSCOPABLE_EC2_WRITES } from '../../../src/compliance/iam-policy-ec2-writes-scoped';
import { CONTEXT, actionsOf, describeDomainPermissions, grantsAction } from '../../helpers/deploy-permissions';
import { COMPUTE_SNAPSHOTS_PERMISSIONS } from '../../../src/constructs/compute/permissions';
import { Authorization, decide } from '../../helpers/iam-evaluator';
import { policyFixture } from '../../helpers/inspect';

const grants = snapshotGrants(CONTEXT);
const statements = grants.map((g) => g.statement);
const ACCOUNT = CONTEXT.account;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/acme-dlm`;
const POLICY = `arn:aws:dlm:eu-west-1:${ACCOUNT}:policy/policy-0123456789abcdef0`;
const MANAGED = 'arn:aws:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole';
const tagged = (project?: string) => (project === undefined ? {} : { [`aws:ResourceTag/${PROJECT_TAG_KEY}`]: project });
const request = (project: string, keys = [PROJECT_TAG_KEY, 'Project']) => ({ [`aws:RequestTag/${PROJECT_TAG_KEY}`]: project, 'aws:TagKeys': keys });
const decision = (authorization: Authorization) => decide(statements, authorization);

/** What Terraform calls for each type (create, read, update, delete, tags). */
const REQUIRED: Record<string, string[]> = {
  aws_dlm_lifecycle_policy: [
    'dlm:CreateLifecyclePolicy',
    'dlm:GetLifecyclePolicy',
    'dlm:UpdateLifecyclePolicy',
    'dlm:DeleteLifecyclePolicy',
    'dlm:TagResource',
    'dlm:UntagResource',
    'iam:PassRole',
  ],
  // The role itself and ListAttachedRolePolicies are the identity domain's (ManageProjectRoles).
  aws_iam_role_policy_attachment: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
  aws_ebs_encryption_by_default: ['ec2:EnableEbsEncryptionByDefault', 'ec2:DisableEbsEncryptionByDefault', 'ec2:GetEbsEncryptionByDefault'],
  aws_ebs_default_kms_key: ['ec2:ModifyEbsDefaultKmsKeyId', 'ec2:GetEbsDefaultKmsKeyId', 'ec2:ResetEbsDefaultKmsKeyId'],
  aws_ebs_snapshot_block_public_access: ['ec2:EnableSnapshotBlockPublicAccess', 'ec2:DisableSnapshotBlockPublicAccess', 'ec2:GetSnapshotBlockPublicAccessState'],
  aws_ec2_image_block_public_access: ['ec2:EnableImageBlockPublicAccess', 'ec2:DisableImageBlockPublicAccess', 'ec2:GetImageBlockPublicAccessState'],
};

describeDomainPermissions(COMPUTE_SNAPSHOTS_PERMISSIONS, REQUIRED);

describe('snapshot deploy permissions', () => {
  test('every action is named in full (no pattern)', () => {
    for (const s of statements) expect(actionsOf(s).filter((a) => a.includes('*'))).toEqual([]);
  });

  test('leave ECR and Image Builder at least 3,900 of the compute domain\'s policy characters, with the longest partition and a boundary', () => {
    const size = policySize(snapshotGrants(worstCaseContext(CONTEXT)).map((g) => g.statement));
    expect(MANAGED_POLICY_MAX_CHARS - size).toBeGreaterThanOrEqual(3900);
  });

  test('pass the foundation\'s compliance rules in a managed policy', () => {
    const fixture = policyFixture((scope) => new IamPolicy(scope, 'policy', { name: 'acme-deploy-compute', policy: policyDocument(statements) }));
    expect(fixture.violations()).toEqual([]);
  });

  describe('DLM policies: only the project\'s', () => {
    test('created only with the project tag', () => {
      expect(decision({ action: 'dlm:CreateLifecyclePolicy', resource: '*', context: request('acme') })).toBe('Allow');
      expect(decision({ action: 'dlm:TagResource', resource: '*', context: request('acme') })).toBe('Allow');
      expect(decision({ action: 'dlm:CreateLifecyclePolicy', resource: '*', context: request('other') })).toBe('ImplicitDeny');
      expect(decision({ action: 'dlm:CreateLifecyclePolicy', resource: '*', context: {} })).toBe('ImplicitDeny');
    });

    test('read, changed and deleted only while they carry the project tag', () => {
      for (const action of ['dlm:GetLifecyclePolicy', 'dlm:UpdateLifecyclePolicy', 'dlm:DeleteLifecyclePolicy']) {
        expect(decision({ action, resource: POLICY, context: tagged('acme') })).toBe('Allow');
        expect(decision({ action, resource: POLICY, context: tagged('other') })).toBe('ImplicitDeny');
        expect(decision({ action, resource: POLICY, context: tagged() })).toBe('ImplicitDeny');
      }
    });

    test('other tags change freely, the project tag never on an existing policy', () => {
      expect(decision({ action: 'dlm:TagResource', resource: POLICY, context: { ...tagged('acme'), 'aws:TagKeys': ['Project'] } })).toBe('Allow');
      expect(decision({ action: 'dlm:UntagResource', resource: POLICY, context: { ...tagged('acme'), 'aws:TagKeys': ['Project'] } })).toBe('Allow');
      expect(decision({ action: 'dlm:TagResource', resource: POLICY, context: { ...tagged(), ...request('acme', [PROJECT_TAG_KEY]) } })).toBe('ExplicitDeny');
      expect(decision({ action: 'dlm:UntagResource', resource: POLICY, context: { ...tagged('acme'), 'aws:TagKeys': [PROJECT_TAG_KEY] } })).toBe('ExplicitDeny');
    });
  });

  describe('the DLM role: by exact ARN', () => {
    test('passed only to Data Lifecycle Manager', () => {
      expect(decision({ action: 'iam:PassRole', resource: ROLE, context: { 'iam:PassedToService': 'dlm.amazonaws.com' } })).toBe('Allow');
      expect(decision({ action: 'iam:PassRole', resource: ROLE, context: { 'iam:PassedToService': 'ec2.amazonaws.com' } })).toBe('ImplicitDeny');
      expect(decision({ action: 'iam:PassRole', resource: `arn:aws:iam::${ACCOUNT}:role/acme-deploy`, context: { 'iam:PassedToService': 'dlm.amazonaws.com' } })).toBe('ImplicitDeny');
    });

    test('the role itself is the identity domain\'s, by exact name (deployableRoleNames)', () => {
      expect(deployableRoleNames('acme')).toContain('acme-dlm');
      for (const action of ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:PutRolePermissionsBoundary']) expect(grantsAction(statements, action)).toBe(false);
      expect(grantsAction(statements, 'iam:DeleteRolePermissionsBoundary')).toBe(false);
    });

    test('given AWS\'s DLM policy and no other', () => {
      expect(decision({ action: 'iam:AttachRolePolicy', resource: ROLE, context: { 'iam:PolicyARN': MANAGED } })).toBe('Allow');
      expect(decision({ action: 'iam:DetachRolePolicy', resource: ROLE, context: { 'iam:PolicyARN': MANAGED } })).toBe('Allow');
      expect(decision({ action: 'iam:AttachRolePolicy', resource: ROLE, context: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' } })).toBe('ImplicitDeny');
      expect(decision({ action: 'iam:AttachRolePolicy', resource: `arn:aws:iam::${ACCOUNT}:role/acme-vpc-flow-logs`, context: { 'iam:PolicyARN': MANAGED } })).toBe('ImplicitDeny');
    });
  });

  describe('EBS account settings', () => {
    test('granted on "*" (they have no ARN), and listed with the reason as unscopable EC2 writes', () => {
      expect(statements.find((s) => s.Sid === EBS_ACCOUNT_SETTINGS_SID)).toEqual({ Sid: EBS_ACCOUNT_SETTINGS_SID, Effect: 'Allow', Action: EBS_ACCOUNT_SETTINGS, Resource: '*' });
      expect(UNSCOPABLE_EC2_WRITES[EBS_ACCOUNT_SETTINGS_SID].actions).toEqual(EBS_ACCOUNT_SETTINGS);
    });

    test('nothing but the account settings: no volume, snapshot or image action', () => {
      expect(EBS_ACCOUNT_SETTINGS.filter((a) => !/^ec2:(Enable|Disable|Get|Modify|Reset)(EbsEncryptionByDefault|EbsDefaultKmsKeyId|SnapshotBlockPublicAccess|ImageBlockPublicAccess)/.test(a))).toEqual([]);
    });
  });
});
