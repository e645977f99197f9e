import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AccountFacts } from '../../aws/account-facts';
import { policyDocument } from '../../aws/policy-documents';
import { checkEcrProject, ecrRepositoryPrefix } from './ecr-names';
import { checkKeyArnInRegion } from './ecr-key-check';

/** A Region whose creation template the role serves, and the key its replicated repositories use. */
export interface EcrTemplateRegion {
  readonly region: string;
  /** That Region's replica of the multi-Region key. */
  readonly kmsKeyArn: string;
}

export interface EcrTemplateRoleProps {
  /** Any provider of the stack (IAM is global). @default the stack's default provider */
  readonly provider?: TerraformProvider;
  /** Role name (`ecrTemplateRoleName(project)`). */
  readonly roleName: string;
  /** The project: the role creates repositories under `<project>/` only. */
  readonly project: string;
  /** Account id and partition of the stack. */
  readonly facts: AccountFacts;
  /** Every Region with a REPLICATION creation template (every Region but the primary), each once. */
  readonly regions: readonly EcrTemplateRegion[];
}

/** What ECR does with the role (AWS's documented policy for creation-template roles), on the project's repositories. */
export const ECR_TEMPLATE_ROLE_ACTIONS = ['ecr:CreateRepository', 'ecr:ReplicateImage', 'ecr:TagResource'];

/**
 * The role ECR assumes to create a replicated repository from a REPLICATION creation template.
 * A template that encrypts with a customer managed key (or sets resource tags) needs one: without
 * `custom_role_arn` ECR uses its service-linked role AWSServiceRoleForECRTemplate, which may only
 * CreateRepository and so cannot make the KMS grants the repository's encryption needs (ECR user
 * guide, "Creating a repository creation template": KMS keys or resource tags need a custom role).
 *
 * Least privilege: the ECR actions on `repository/<project>/*` of the template Regions only, the
 * grant on exactly those Regions' replica keys, only through ECR (`kms:ViaService`) and only for
 * an AWS resource (`kms:GrantIsForAWSResource`).
 */
export class EcrTemplateRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: EcrTemplateRoleProps) {
    super(scope, id);
    const owner = `EcrTemplateRole ${id}`;
    checkEcrProject(owner, props.project);
    if (props.regions.length === 0) {
      throw new Error(`${owner} regions: received []; expected every Region with a creation template (every configured Region but the primary)`);
    }
    const seen = new Set<string>();
    for (const { region, kmsKeyArn } of props.regions) {
      if (seen.has(region)) throw new Error(`${owner} regions: received ${JSON.stringify(region)} twice; expected each Region once`);
      seen.add(region);
      checkKeyArnInRegion(owner, `regions[${region}].kmsKeyArn`, kmsKeyArn, region, `the replica key of ${region}`);
    }
    const { account, partition } = props.facts;
    const regions = [...props.regions].sort((a, b) => a.region.localeCompare(b.region));
    const viaEcr = regions.map(({ region }) => `ecr.${region}.amazonaws.com`);
    const keys = regions.map(({ kmsKeyArn }) => kmsKeyArn);

    this.role = new IamRole(this, 'role', {
      provider: props.provider,
      name: props.roleName,
      description: `ECR assumes it to create the replicated ${ecrRepositoryPrefix(props.project)}/* repositories from the REPLICATION creation templates`,
      maxSessionDuration: 3600,
      assumeRolePolicy: policyDocument([
        {
          Sid: 'EcrOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'ecr.amazonaws.com' },
          Action: 'sts:AssumeRole',
          // ECR refuses a template role of another account, and AWS documents no source keys for
          // this assumption: IfExists narrows to this account whenever ECR sends the key, without
          // breaking replication if it does not.
          Condition: { StringEqualsIfExists: { 'aws:SourceAccount': account } },
        },
      ]),
    });
    this.policy = new IamRolePolicy(this, 'policy', {
      provider: props.provider,
      name: 'create-replicated-repositories',
      role: this.role.id,
      policy: policyDocument([
        {
          Sid: 'CreateReplicatedProjectRepositories',
          Effect: 'Allow',
          Action: ECR_TEMPLATE_ROLE_ACTIONS,
          Resource: regions.map(({ region }) => `arn:${partition}:ecr:${region}:${account}:repository/${ecrRepositoryPrefix(props.project)}/*`),
        },
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
      ]),
    });
  }
}
