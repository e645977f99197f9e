import { cliConfigText, PLUGIN_CACHE_DIR } from '../../../scripts/lib/terraform-cli';

describe('Terraform CLI config', () => {
  test('with a mirror: hashicorp/aws from the mirror, everything else direct, no plugin cache', () => {
    const text = cliConfigText('/opt/tf-plugins');
    expect(text).toContain('path    = "/opt/tf-plugins"');
    expect(text).toMatch(/filesystem_mirror \{[^}]*include = \["registry.terraform.io\/hashicorp\/aws"\]/);
    expect(text).toMatch(/direct \{\s*exclude = \["registry.terraform.io\/hashicorp\/aws"\]/);
    expect(text).not.toContain('plugin_cache_dir');
  });

  test('without a mirror: plain registry installs through one shared plugin cache', () => {
    const text = cliConfigText(undefined);
    expect(text).not.toContain('provider_installation');
    expect(text).toContain(`plugin_cache_dir = ${JSON.stringify(PLUGIN_CACHE_DIR)}`);
  });
});
