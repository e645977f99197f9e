import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { EcrRepositoryCreationTemplate } from '@cdktf/provider-aws/lib/ecr-repository-creation-template';
import { EcrLifecycleSettings, checkEcrProject, ecrLifecyclePolicy, ecrRepositoryPrefix } from './ecr-names';
import { checkKeyArnInRegion, checkRegion } from './ecr-key-check';

export interface EcrReplicationTemplateProps {
  /** Provider of the Region the template serves (a replication destination). */
  readonly provider: TerraformProvider;
  /** That Region. */
  readonly region: string;
  /** The project: the template applies to repositories under `<project>/`. */
  readonly project: string;
  /** That Region's replica of the multi-Region key: encrypts every replicated repository there. */
  readonly kmsKeyArn: string;
  /** The same numbers as the primary repositories' lifecycle policy. */
  readonly lifecycle: EcrLifecycleSettings;
  /** Role ECR assumes to create the repository (`EcrTemplateRole`): KMS encryption requires one. */
  readonly customRoleArn: string;
  /**
   * Tags of every repository ECR creates from the template (templates are not tagged themselves,
   * and provider default_tags do not reach these). @default {}
   */
  readonly resourceTags?: Readonly<Record<string, string>>;
}

/**
 * The REPLICATION repository creation template of one destination Region. Without it ECR creates
 * replicated repositories with its defaults (AES256, mutable tags, no lifecycle policy:
 * containers-roadmap #140 / #1279); with it every `<project>/*` repository replication creates in
 * this Region is encrypted with this Region's replica key, has immutable tags and the primary's
 * lifecycle policy. It carries no repository policy: access stays with this account's IAM
 * policies, as for the primary repositories.
 *
 * One instance per destination Region (rather than one construct holding all of them): each
 * template lives in its own Region's provider and takes that Region's key, and the replication
 * configuration takes the instances, so it is switched on only after every template exists.
 */
export class EcrReplicationTemplate extends Construct {
  readonly template: EcrRepositoryCreationTemplate;
  readonly region: string;
  /** The namespace it applies to (`<project>`, with ECR's implied "/"). */
  readonly prefix: string;

  constructor(scope: Construct, id: string, props: EcrReplicationTemplateProps) {
    super(scope, id);
    const owner = `EcrReplicationTemplate ${id}`;
    checkEcrProject(owner, props.project);
    checkRegion(owner, props.provider, props.region);
    checkKeyArnInRegion(owner, 'kmsKeyArn', props.kmsKeyArn, props.region, `the replica key of ${props.region}`);
    this.region = props.region;
    this.prefix = ecrRepositoryPrefix(props.project);
    this.template = new EcrRepositoryCreationTemplate(this, 'template', {
      provider: props.provider,
      prefix: this.prefix,
      description: `Replicated ${ecrRepositoryPrefix(props.project)}/* repositories: replica key, immutable tags, lifecycle`,
      appliedFor: ['REPLICATION'],
      imageTagMutability: 'IMMUTABLE',
      encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: props.kmsKeyArn }],
      lifecyclePolicy: ecrLifecyclePolicy(props.lifecycle),
      customRoleArn: props.customRoleArn,
      resourceTags: { ...(props.resourceTags ?? {}) },
    });
  }
}
