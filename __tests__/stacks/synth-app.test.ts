import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { runByCdktfCli, synthFoundation } from '../../src/stacks/synth-app';
import { GlobalNetworkStack } from '../../src/stacks/global-network-stack';
import { providerLockFile } from '../../src/stacks/hand-off/provider-lock';
import { FoundationConfig } from '../../src/config/validate';
import { testConfig } from '../helpers/synth';

/** Every file under dir, relative path -> contents. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else out[rel] = fs.readFileSync(path.join(dir, rel), 'base64');
    }
  };
  walk('');
  return out;
}

const STACKS = ['bootstrap', 'global', 'global-compute', 'global-edge', 'global-network', 'global-replication', 'region-eu-west-1', 'region-us-east-1'];

describe('synthFoundation', () => {
  const config = testConfig();
  let root: string;
  let outdir: string;
  let returned: string[];

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-app-test-'));
    outdir = path.join(root, 'cdktf.out');
    returned = synthFoundation(config, outdir);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const leftovers = () => fs.readdirSync(root).filter((name) => name !== 'cdktf.out');

  test('writes manifest.json listing every stack with its dependencies', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual(STACKS);
    expect(manifest.stacks['global-network'].dependencies.sort()).toEqual(['region-eu-west-1', 'region-us-east-1']);
    expect(manifest.stacks['global-replication'].dependencies.sort()).toEqual(['region-eu-west-1', 'region-us-east-1']);
    expect(manifest.stacks['global-compute'].dependencies.sort()).toEqual(['region-eu-west-1', 'region-us-east-1']);
    expect(manifest.stacks['global-edge'].dependencies.sort()).toEqual(['region-eu-west-1', 'region-us-east-1']);
    expect(manifest.stacks['global'].dependencies).toEqual(['bootstrap']);
    for (const name of STACKS) expect(manifest.stacks[name].synthesizedStackPath).toBe(`stacks/${name}/cdk.tf.json`);
  });

  test('returns the stack names of the manifest', () => {
    expect([...returned].sort()).toEqual(STACKS);
  });

  test('writes stacks/<name>/cdk.tf.json for every stack', () => {
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(STACKS);
    for (const name of STACKS) {
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
      expect(json.terraform.backend).toBeDefined();
    }
  });

  test('every stack names the provider by its registry address and requires Terraform >= 1.11 (S3 native locking)', () => {
    for (const name of STACKS) {
      const { terraform } = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
      expect(terraform.required_providers.aws).toEqual({ source: 'hashicorp/aws', version: '5.100.0' });
      expect(terraform.required_version).toBe('>= 1.11');
    }
  });

  test('synthesized files carry no path of the machine that wrote them', () => {
    for (const name of STACKS) expect(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')).not.toContain(root);
  });

  test('a new outdir gets the usual directory mode, not the staging folder\'s private 0700', () => {
    const expected = 0o777 & ~process.umask();
    expect(fs.statSync(outdir).mode & 0o777).toBe(expected);
    expect(fs.statSync(path.join(outdir, 'stacks')).mode & 0o777).toBe(expected);
  });

  test('leaves no staging folder behind after success', () => {
    expect(leftovers()).toEqual([]);
  });

  describe('when the build fails', () => {
    let before: Record<string, string>;
    beforeAll(() => {
      fs.mkdirSync(path.join(outdir, 'stacks', 'bootstrap', '.terraform'), { recursive: true });
      fs.writeFileSync(path.join(outdir, 'stacks', 'bootstrap', 'terraform.bootstrap.tfstate'), '{"serial": 7}');
      before = snapshot(outdir);
    });

    test('a construct that rejects its input leaves the outdir byte-for-byte unchanged and no staging folder', () => {
      const broken: FoundationConfig = { ...config, regions: config.regions.map((r) => ({ ...r, transitGatewayAsn: 1 })) };
      expect(() => synthFoundation(broken, outdir)).toThrow(/amazonSideAsn: received 1/);
      expect(snapshot(outdir)).toEqual(before);
      expect(leftovers()).toEqual([]);
    });

    test('a failure after some stacks were already written leaves the outdir unchanged too', () => {
      const spy = jest.spyOn(GlobalNetworkStack.prototype, 'toTerraform').mockImplementation(() => {
        throw new Error('boom while synthesizing global-network');
      });
      try {
        expect(() => synthFoundation(testConfig({ project: 'changed-name' }), outdir)).toThrow('boom while synthesizing global-network');
      } finally {
        spy.mockRestore();
      }
      expect(snapshot(outdir)).toEqual(before);
      expect(leftovers()).toEqual([]);
    });

    test('a failure into a fresh outdir creates nothing', () => {
      const fresh = path.join(root, 'never-written');
      const broken: FoundationConfig = { ...config, regions: config.regions.map((r) => ({ ...r, azCount: 1 })) };
      expect(() => synthFoundation(broken, fresh)).toThrow(/azCount: received 1/);
      expect(fs.existsSync(fresh)).toBe(false);
      expect(leftovers()).toEqual([]);
    });
  });

  describe('re-synth over an outdir Terraform has used', () => {
    const project = 'resynth-check';
    beforeAll(() => {
      fs.mkdirSync(path.join(outdir, 'stacks', 'global', '.terraform', 'providers'), { recursive: true });
      fs.writeFileSync(path.join(outdir, 'stacks', 'global', '.terraform', 'providers', 'marker'), 'provider');
      fs.writeFileSync(path.join(outdir, 'stacks', 'global', '.terraform.lock.hcl'), '# lock');
      fs.writeFileSync(path.join(outdir, 'stacks', 'bootstrap', 'terraform.bootstrap.tfstate'), '{"serial": 8}');
      fs.writeFileSync(path.join(outdir, 'stacks', 'bootstrap', 'terraform.bootstrap.tfstate.backup'), '{"serial": 7}');
      fs.writeFileSync(path.join(outdir, 'stacks', 'global', 'cdk.tf'), '# stale HCL from an earlier --hcl synth');
      fs.writeFileSync(path.join(outdir, 'stacks', 'global', 'metadata.json'), '{}');
      fs.writeFileSync(path.join(outdir, 'stacks', 'global', 'e2e.tfplan'), 'plan');
      fs.writeFileSync(path.join(outdir, 'stacks', 'global', 'zz_e2e_override.tf.json'), '{}');
      fs.mkdirSync(path.join(outdir, 'stacks', 'region-ap-south-1', '.terraform'), { recursive: true });
      fs.writeFileSync(path.join(outdir, 'stacks', 'region-ap-south-1', 'cdk.tf.json'), '{}');
      synthFoundation(testConfig({ project }), outdir);
    });

    test("keeps .terraform/, override files and the bootstrap stack's local state with its backup", () => {
      expect(fs.readFileSync(path.join(outdir, 'stacks', 'global', '.terraform', 'providers', 'marker'), 'utf8')).toBe('provider');
      expect(fs.readFileSync(path.join(outdir, 'stacks', 'global', 'zz_e2e_override.tf.json'), 'utf8')).toBe('{}');
      expect(fs.readFileSync(path.join(outdir, 'stacks', 'bootstrap', 'terraform.bootstrap.tfstate'), 'utf8')).toBe('{"serial": 8}');
      expect(fs.readFileSync(path.join(outdir, 'stacks', 'bootstrap', 'terraform.bootstrap.tfstate.backup'), 'utf8')).toBe('{"serial": 7}');
      expect(fs.existsSync(path.join(outdir, 'stacks', 'bootstrap', '.terraform'))).toBe(true);
    });

    test('replaces the generated stack files with the new synth', () => {
      const global = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'global', 'cdk.tf.json'), 'utf8'));
      expect(global.resource.aws_iam_role.flow_logs_delivery_role.name).toBe(`${project}-vpc-flow-logs`);
    });

    test('removes the folder of a stack the app no longer has, as cdktf synth does', () => {
      expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(STACKS);
    });

    test('removes files of an earlier synth: the other format (Terraform would read both), HCL metadata, old plans', () => {
      expect(fs.readdirSync(path.join(outdir, 'stacks', 'global')).sort()).toEqual(['.terraform', '.terraform.lock.hcl', 'cdk.tf.json', 'zz_e2e_override.tf.json']);
    });

    test('writes the provider lock file afresh in every stack folder', () => {
      for (const name of STACKS) {
        expect(fs.readFileSync(path.join(outdir, 'stacks', name, '.terraform.lock.hcl'), 'utf8')).toBe(providerLockFile('5.100.0'));
      }
    });

    test('leaves no staging folder behind', () => {
      expect(leftovers()).toEqual([]);
    });
  });
});

describe('synthFoundation with HCL output (cdktf synth --hcl)', () => {
  let root: string;
  let texts: Record<string, string>;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-hcl-test-'));
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      synthFoundation(testConfig(), path.join(root, 'out'));
    } finally {
      delete process.env.SYNTH_HCL_OUTPUT;
    }
    texts = Object.fromEntries(STACKS.map((name) => [name, fs.readFileSync(path.join(root, 'out', 'stacks', name, 'cdk.tf'), 'utf8')]));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('every stack: required_version once, registry source, provider lock file beside it', () => {
    for (const name of STACKS) {
      expect(texts[name].match(/required_version\s*=\s*">= 1.11"/g)).toHaveLength(1);
      expect(texts[name]).not.toContain('"required_version"');
      expect(texts[name]).toMatch(/source\s*=\s*"hashicorp\/aws"/);
      expect(fs.readFileSync(path.join(root, 'out', 'stacks', name, '.terraform.lock.hcl'), 'utf8')).toBe(providerLockFile('5.100.0'));
    }
  });

  test('no quoted references and no wrapped sole interpolations outside heredocs', () => {
    for (const name of STACKS) {
      const outsideHeredocs = texts[name].replace(/<<-?(\w+)\n[\s\S]*?\n\s*\1\n/g, '');
      expect(outsideHeredocs).not.toMatch(/provider\s*=\s*"/);
      expect(outsideHeredocs).not.toMatch(/depends_on = \[\n\s*"/);
      expect(outsideHeredocs).not.toMatch(/= "\$\{[\w.\-[\]]+\}"\n/);
      expect(outsideHeredocs).toMatch(/^ {2}\S/m);
    }
  });
});

describe('runByCdktfCli', () => {
  test('true for the context the cdktf CLI passes to the app command', () => {
    expect(runByCdktfCli({ CDKTF_CONTEXT_JSON: '{"cdktfRelativeModules":[]}' })).toBe(true);
  });

  test('false for a plain run, a context from cdktf.json alone, or an unreadable context', () => {
    expect(runByCdktfCli({})).toBe(false);
    expect(runByCdktfCli({ CDKTF_CONTEXT_JSON: '{}' })).toBe(false);
    expect(runByCdktfCli({ CDKTF_CONTEXT_JSON: 'not json' })).toBe(false);
  });
});

describe('synthFoundation resolves each stack once', () => {
  test('the compliance validation and the synthesizer share one toTerraform per stack, and nothing stays patched', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-once-test-'));
    const spy = jest.spyOn(TerraformStack.prototype, 'toTerraform');
    try {
      const stacks = synthFoundation(testConfig(), path.join(root, 'cdktf.out'));
      const callsPerStack = new Map<string, number>();
      for (const stack of spy.mock.contexts as TerraformStack[]) callsPerStack.set(stack.node.id, (callsPerStack.get(stack.node.id) ?? 0) + 1);
      expect(Object.fromEntries(callsPerStack)).toEqual(Object.fromEntries(stacks.map((name) => [name, 1])));
      const someStack = (spy.mock.contexts as TerraformStack[])[0];
      expect(Object.prototype.hasOwnProperty.call(someStack, 'toTerraform')).toBe(false);
    } finally {
      spy.mockRestore();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
