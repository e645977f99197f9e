import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
import { ImagebuilderComponent } from '@cdktf/provider-aws/lib/imagebuilder-component';
import { ImagebuilderImageRecipe } from '@cdktf/provider-aws/lib/imagebuilder-image-recipe';
import { ImagebuilderDistributionConfiguration } from '@cdktf/provider-aws/lib/imagebuilder-distribution-configuration';
import { ImagebuilderImagePipeline } from '@cdktf/provider-aws/lib/imagebuilder-image-pipeline';
import { REGION_NAME_PATTERN } from '../../aws/regions';
import { cronDayFieldsValid } from '../../config/compute/image-builder-schema';
import { contentVersion, goldenAmiComponentDocument } from './golden-ami/component-document';

export interface GoldenAmiPipelineProps {
  /**
   * Name of the recipe, distribution configuration and pipeline, and prefix of the component's and
   * the AMIs' names; starts with the project name so the deploy role's Image Builder ARNs match it,
   * e.g. "multi-region-golden-ami".
   */
  readonly name: string;
  /** Region that builds (the stack's provider Region): its key encrypts the build's root volume. */
  readonly buildRegion: string;
  /**
   * The multi-Region key's ARN in every Region that receives the AMI, the build Region included:
   * one distribution per entry, its AMI (and snapshots) encrypted with that Region's key.
   */
  readonly kmsKeyArns: Readonly<Record<string, string>>;
  /** AWS public SSM parameter of the parent AMI, resolved by Image Builder at each build (never by Terraform). */
  readonly parentImageSsmParameter: string;
  /** Root volume of the build, GiB (gp3, encrypted). */
  readonly rootVolumeSizeGb: number;
  /** Device name of the parent image's root volume; another name would add a second volume. @default "/dev/xvda" (Amazon Linux) */
  readonly rootDeviceName?: string;
  /** ARN of the infrastructure configuration (ImageBuildInfrastructure). */
  readonly infrastructureConfigurationArn: string;
  /** Image Builder cron expression, UTC. */
  readonly schedule: string;
  /** Tags of the distributed AMIs in every Region (provider default_tags do not reach them). @default none */
  readonly amiTags?: Record<string, string>;
  /** Provider of the build Region when it is not the stack's default. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * The golden AMI: a component (OS updates and hardening, golden-ami/component.yaml), a recipe on the
 * newest parent AMI of the SSM parameter with an encrypted gp3 root volume, a distribution to every
 * given Region on that Region's key, and a scheduled pipeline whose image tests run the component's
 * test phase on an instance of the new AMI before it is distributed.
 *
 * Components and recipes cannot change in place: their versions are derived from their content, so
 * an edit creates the new version first (create_before_destroy), the pipeline moves to it, and the
 * old one is removed. One instance per deployment, in the build Region: Image Builder copies the AMI
 * to the other Regions itself, so no aliased provider is needed.
 */
export class GoldenAmiPipeline extends Construct {
  readonly component: ImagebuilderComponent;
  readonly recipe: ImagebuilderImageRecipe;
  readonly distributionConfiguration: ImagebuilderDistributionConfiguration;
  readonly pipeline: ImagebuilderImagePipeline;

  constructor(scope: Construct, id: string, props: GoldenAmiPipelineProps) {
    super(scope, id);
    const rootDeviceName = props.rootDeviceName ?? '/dev/xvda';
    validate(id, props, rootDeviceName);
    const { provider } = props;
    const document = goldenAmiComponentDocument();
    // Literal values only: a resource attribute read back (this.component.version) is a token whose
    // text differs between synths, which would make every plan replace the recipe.
    const componentVersion = contentVersion(document);

    this.component = new ImagebuilderComponent(this, 'component', {
      provider,
      name: `${props.name}-hardening`,
      version: componentVersion,
      platform: 'Linux',
      description: 'OS updates, no SSH password or root login, auditd',
      // No customer-managed key: the document is this repository's component.yaml, public to whoever
      // reads the code, and a key would make every build instance's role a user of it.
      data: document,
      lifecycle: { createBeforeDestroy: true },
    });

    const blockDevice = { deviceName: rootDeviceName, volumeSize: props.rootVolumeSizeGb, volumeType: 'gp3' };
    this.recipe = new ImagebuilderImageRecipe(this, 'recipe', {
      provider,
      name: props.name,
      // Everything literal the recipe is made of; the key ARN is a reference, fixed for the key's life.
      version: contentVersion(JSON.stringify({ parent: props.parentImageSsmParameter, component: componentVersion, blockDevice })),
      description: 'Golden AMI: the newest parent image, updated and hardened',
      parentImage: `ssm:${props.parentImageSsmParameter}`,
      component: [{ componentArn: this.component.arn }],
      blockDeviceMapping: [
        {
          deviceName: rootDeviceName,
          ebs: {
            deleteOnTermination: 'true',
            encrypted: 'true',
            kmsKeyId: props.kmsKeyArns[props.buildRegion],
            volumeSize: props.rootVolumeSizeGb,
            volumeType: 'gp3',
          },
        },
      ],
      lifecycle: { createBeforeDestroy: true },
    });

    // The build Region first, then the others as given: a stable order reads well in the plan.
    const regions = [props.buildRegion, ...Object.keys(props.kmsKeyArns).filter((r) => r !== props.buildRegion)];
    this.distributionConfiguration = new ImagebuilderDistributionConfiguration(this, 'distribution_configuration', {
      provider,
      name: props.name,
      description: `Golden AMI in ${regions.length} Region(s), each encrypted with its own key`,
      distribution: regions.map((region) => ({
        region,
        amiDistributionConfiguration: {
          name: `${props.name}-{{ imagebuilder:buildDate }}`,
          description: 'Golden AMI of the foundation',
          kmsKeyId: props.kmsKeyArns[region],
          ...(props.amiTags !== undefined ? { amiTags: props.amiTags } : {}),
        },
      })),
    });

    this.pipeline = new ImagebuilderImagePipeline(this, 'pipeline', {
      provider,
      name: props.name,
      description: 'Builds, tests and distributes the golden AMI on schedule',
      imageRecipeArn: this.recipe.arn,
      infrastructureConfigurationArn: props.infrastructureConfigurationArn,
      distributionConfigurationArn: this.distributionConfiguration.arn,
      status: 'ENABLED',
      enhancedImageMetadataEnabled: true,
      // A build on every date of the schedule, not only when the recipe changed: the OS updates of
      // the week are what each build is for.
      schedule: { scheduleExpression: props.schedule, pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' },
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 60 },
    });
  }
}

const NAME = /^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,115}[-_A-Za-z0-9]$/;
const KEY_ARN = /^arn:[a-z-]+:kms:([a-z0-9-]+):\d{12}:key\/\S+$/;

function validate(id: string, props: GoldenAmiPipelineProps, rootDeviceName: string): void {
  const where = `GoldenAmiPipeline ${id}`;
  if (!NAME.test(props.name)) {
    throw new Error(`${where} name: received ${JSON.stringify(props.name)}; expected 3-117 letters, digits, "-", "_" or inner spaces (the component adds "-hardening" within Image Builder's 128)`);
  }
  const regions = Object.keys(props.kmsKeyArns);
  if (!regions.includes(props.buildRegion)) {
    throw new Error(`${where} kmsKeyArns: received keys for ${JSON.stringify(regions)}; expected the build Region ${props.buildRegion} among them (its key encrypts the build volume and its own copy)`);
  }
  for (const [region, arn] of Object.entries(props.kmsKeyArns)) {
    if (!REGION_NAME_PATTERN.test(region)) {
      throw new Error(`${where} kmsKeyArns: received the Region ${JSON.stringify(region)}; expected Region names such as eu-west-1`);
    }
    if (Token.isUnresolved(arn)) continue;
    const match = KEY_ARN.exec(arn);
    if (!match) {
      throw new Error(`${where} kmsKeyArns.${region}: received ${JSON.stringify(arn)}; expected a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias or key id`);
    }
    if (match[1] !== region) {
      throw new Error(`${where} kmsKeyArns.${region}: received a key of ${match[1]} (${arn}); expected that Region's own key: EC2 encrypts a copy only with a key of the copy's Region`);
    }
  }
  if (!/^\/aws\/service\/[A-Za-z0-9_.\-/]+$/.test(props.parentImageSsmParameter)) {
    throw new Error(`${where} parentImageSsmParameter: received ${JSON.stringify(props.parentImageSsmParameter)}; expected an AWS public SSM parameter name under /aws/service/`);
  }
  if (!Number.isInteger(props.rootVolumeSizeGb) || props.rootVolumeSizeGb < 8 || props.rootVolumeSizeGb > 16384) {
    throw new Error(`${where} rootVolumeSizeGb: received ${props.rootVolumeSizeGb}; expected an integer from 8 to 16384`);
  }
  if (!/^\/dev\/[a-z0-9]+$/.test(rootDeviceName)) {
    throw new Error(`${where} rootDeviceName: received ${JSON.stringify(rootDeviceName)}; expected a device name such as /dev/xvda`);
  }
  if (!cronDayFieldsValid(props.schedule)) {
    throw new Error(`${where} schedule: received ${JSON.stringify(props.schedule)}; expected "cron(minutes hours day-of-month month day-of-week year)" with "?" in exactly one of the day fields`);
  }
}
