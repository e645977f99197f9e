/**
 * Writes .terraform-cli/terraformrc and prints how to use it:
 *   npm run terraform:setup && export TF_CLI_CONFIG_FILE=$PWD/.terraform-cli/terraformrc
 */
import { execFileSync } from 'child_process';
import { ensureTerraformCli, CLI_CONFIG_FILE, PROVIDER, PROVIDER_VERSION } from './lib/terraform-cli';

let version: string;
try {
  version = execFileSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).split('\n')[0];
} catch {
  console.error('terraform is not on PATH: install Terraform >= 1.11 (S3 native locking needs it).');
  process.exit(1);
}
const { mirror } = ensureTerraformCli();
console.log(`${version}`);
console.log(mirror ? `${PROVIDER} ${PROVIDER_VERSION} from the filesystem mirror ${mirror}` : `no local mirror: ${PROVIDER} comes from the registry`);
console.log(`CLI config: ${CLI_CONFIG_FILE}`);
console.log(`Use it in your shell: export TF_CLI_CONFIG_FILE=${CLI_CONFIG_FILE}`);
