import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { ImagebuilderLifecyclePolicy } from '@cdktf/provider-aws/lib/imagebuilder-lifecycle-policy';
import { policyDocument } from '../../aws/policy-documents';
import { managedPolicyArn } from './image-build-infrastructure';

/** AWS managed policy of lifecycle execution roles: deregisters AMIs and deletes snapshots that Image Builder created. */
export const LIFECYCLE_MANAGED_POLICY = 'service-role/EC2ImageBuilderLifecycleExecutionPolicy';

export interface GoldenAmiLifecycleProps {
  /** Name of the lifecycle policy; starts with the project name, e.g. "multi-region-golden-ami". */
  readonly name: string;
  /** Name of the role Image Builder assumes to run the policy, e.g. "multi-region-imagebuilder-lifecycle". */
  readonly roleName: string;
  /** Partition of the stack (`accountFacts`): the managed policy's ARN. */
  readonly partition: string;
  /** Name of the golden AMI's recipe (GoldenAmiPipeline.recipe.name); every version of it is covered. */
  readonly recipeName: string;
  /**
   * Version of that recipe (GoldenAmiPipeline.recipe.version). Image Builder selects recipes by exact
   * version (x.y.z, no wildcard): the policy follows the current version, and images of a recipe
   * version that a component or parent-image change replaced are no longer counted (delete them by
   * hand, or keep them as the previous generation).
   */
  readonly recipeVersion: string;
  /** Images kept, newest first; older images are deleted with their AMIs and snapshots. */
  readonly keepLatest: number;
  /** Provider of the build Region when it is not the stack's default. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * Keeps the newest `keepLatest` golden images and deletes the rest with their AMIs and snapshots.
 * Image Builder applies a lifecycle action to an image's output in every Region and account it was
 * distributed to (the API offers Regions only as exclusions, and this policy excludes none), so one
 * policy in the build Region covers every Region of the distribution. Selected by recipe name with
 * version "x.x.x": each recipe version (one per change of the component or the recipe) stays covered.
 */
export class GoldenAmiLifecycle extends Construct {
  readonly role: IamRole;
  readonly policy: ImagebuilderLifecyclePolicy;

  constructor(scope: Construct, id: string, props: GoldenAmiLifecycleProps) {
    super(scope, id);
    validate(id, props);
    const { provider } = props;

    this.role = new IamRole(this, 'role', {
      provider,
      name: props.roleName,
      description: 'EC2 Image Builder lifecycle policy of the golden AMI: deletes old images, AMIs and snapshots',
      assumeRolePolicy: policyDocument([
        { Sid: 'ImageBuilderLifecycle', Effect: 'Allow', Principal: { Service: 'imagebuilder.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]),
    });
    const attachment = new IamRolePolicyAttachment(this, 'role_lifecycle_execution', {
      provider,
      role: this.role.name,
      policyArn: managedPolicyArn(props.partition, LIFECYCLE_MANAGED_POLICY),
    });

    this.policy = new ImagebuilderLifecyclePolicy(this, 'policy', {
      provider,
      name: props.name,
      description: `Keeps the newest ${props.keepLatest} golden AMIs in every Region; deletes older ones with their snapshots`,
      executionRole: this.role.arn,
      resourceType: 'AMI_IMAGE',
      status: 'ENABLED',
      policyDetail: [
        {
          action: [{ type: 'DELETE', includeResources: [{ amis: true, snapshots: true }] }],
          filter: [{ type: 'COUNT', value: props.keepLatest }],
        },
      ],
      resourceSelection: [{ recipe: [{ name: props.recipeName, semanticVersion: props.recipeVersion }] }],
      // Image Builder checks the role's permissions when the policy is created.
      dependsOn: [attachment],
    });
  }
}

function validate(id: string, props: GoldenAmiLifecycleProps): void {
  const where = `GoldenAmiLifecycle ${id}`;
  if (!/^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$/.test(props.name)) {
    throw new Error(`${where} name: received ${JSON.stringify(props.name)}; expected 3-128 letters, digits, "-", "_" or inner spaces`);
  }
  if (!/^[\w+=,.@-]{1,64}$/.test(props.roleName)) {
    throw new Error(`${where} roleName: received ${JSON.stringify(props.roleName)}; expected an IAM role name of 1-64 letters, digits or +=,.@_-`);
  }
  if (!Number.isInteger(props.keepLatest) || props.keepLatest < 1 || props.keepLatest > 1000) {
    throw new Error(`${where} keepLatest: received ${props.keepLatest}; expected an integer from 1 to 1000`);
  }
}
