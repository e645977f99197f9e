/**
 * Names of the golden AMI's resources, fixed by the project name: the permissions builder scopes the
 * deploy role to them before they exist, and the stacks pass them to the constructs.
 */
export function imageBuilderNames(project: string) {
  return {
    /** Component ("<golden>-hardening"), recipe, infrastructure and distribution configurations, pipeline, lifecycle policy, AMI name prefix. */
    goldenAmi: `${project}-golden-ami`,
    /** Role (and instance profile) of the build and test instances. */
    buildRole: `${project}-imagebuilder-build`,
    /** Role Image Builder assumes to run the lifecycle policy. */
    lifecycleRole: `${project}-imagebuilder-lifecycle`,
  };
}

/** The roles the golden AMI adds: for deployableRoleNames (src/aws/resource-names.ts). */
export function imageBuilderRoleNames(project: string): string[] {
  const names = imageBuilderNames(project);
  return [names.buildRole, names.lifecycleRole];
}

export const IMAGE_BUILDER_SERVICE = 'imagebuilder.amazonaws.com';

/** Image Builder's service-linked role: it launches build and test instances and copies AMIs with it. */
export function imageBuilderServiceLinkedRoleArn(partition: string, account: string): string {
  return `arn:${partition}:iam::${account}:role/aws-service-role/${IMAGE_BUILDER_SERVICE}/AWSServiceRoleForImageBuilder`;
}
