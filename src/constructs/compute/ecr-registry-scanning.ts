import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { EcrRegistryScanningConfiguration } from '@cdktf/provider-aws/lib/ecr-registry-scanning-configuration';
import { checkEcrProject, ecrScanningFilter } from './ecr-names';
import { checkRegion } from './ecr-key-check';

export interface EcrRegistryScanningProps {
  /** Provider of the Region whose registry is configured. */
  readonly provider: TerraformProvider;
  /** That Region. */
  readonly region: string;
  /** The project: the scan-on-push rule selects `<project>/*`. */
  readonly project: string;
}

/**
 * The registry scanning configuration of one Region: BASIC scanning on push of every repository
 * under `<project>/`, the primary ones and the replicated ones alike. One instance per Region (the
 * setting is per Region and per account: it replaces whatever scanning configuration the account
 * had in that Region, and removing it restores basic scanning without rules).
 *
 * BASIC, not ENHANCED: enhanced scanning is Amazon Inspector's, which must be enabled (and is
 * billed) per account and Region and would take over the registry's scanning; basic scanning needs
 * nothing else and finds the OS package CVEs of every pushed image.
 */
export class EcrRegistryScanning extends Construct {
  readonly configuration: EcrRegistryScanningConfiguration;

  constructor(scope: Construct, id: string, props: EcrRegistryScanningProps) {
    super(scope, id);
    const owner = `EcrRegistryScanning ${id}`;
    checkEcrProject(owner, props.project);
    checkRegion(owner, props.provider, props.region);
    this.configuration = new EcrRegistryScanningConfiguration(this, 'configuration', {
      provider: props.provider,
      scanType: 'BASIC',
      rule: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilter: [{ filter: ecrScanningFilter(props.project), filterType: 'WILDCARD' }] }],
    });
  }
}
