import { roleNames } from '../../aws/resource-names';
/**
 * Names of the golden AMI's resources, fixed by the project name: the permissions builder scopes the
 * deploy role to them before they exist, and the stacks pass them to the constructs.
 */
export function imageBuilderNames(project: string) {
  return {
    /** Component ("<golden>-hardening"), recipe, infrastructure and distribution configurations, pipeline, lifecycle policy, AMI name prefix. */
    goldenAmi: `${project}-golden-ami`,
    /** Role (and instance profile) of the build and test instances. */
    buildRole: roleNames(project).imageBuildRole,
    /** Role Image Builder assumes to run the lifecycle policy. */
    lifecycleRole: roleNames(project).imageLifecycleRole,
  };
}

export const IMAGE_BUILDER_SERVICE = 'imagebuilder.amazonaws.com';

/** Image Builder's service-linked role: it launches build and test instances and copies AMIs with it. */
export function imageBuilderServiceLinkedRoleArn(partition: string, account: string): string {
  return `arn:${partition}:iam::${account}:role/aws-service-role/${IMAGE_BUILDER_SERVICE}/AWSServiceRoleForImageBuilder`;
}
