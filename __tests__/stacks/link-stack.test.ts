import { Construct } from 'constructs';
import { App, Testing, TerraformOutput } from 'cdktf';
import { FoundationConfig } from '../../src/config/validate';
import { LinkStack, LinkStackOptions } from '../../src/stacks/link-stack';
import { testConfig } from '../helpers/synth';
import { synthStack } from '../helpers/inspect';

const REGIONS = [
  { name: 'eu-west-1', vpcCidr: '10.20.0.0/16' },
  { name: 'us-west-2', vpcCidr: '10.30.0.0/16' },
];
const config = testConfig({ primaryRegion: 'eu-west-1', regions: REGIONS });

/** A link stack that builds whatever the test asks of it. */
class ProbeStack extends LinkStack {
  constructor(scope: Construct, cfg: FoundationConfig, build: (stack: ProbeStack) => void = () => {}, options?: LinkStackOptions) {
    super(scope, 'probe', cfg, options);
    build(this);
  }
}

const probe = (build?: (stack: ProbeStack) => void, options?: LinkStackOptions, cfg = config) => new ProbeStack(Testing.app() as App, cfg, build, options);
const aliases = (stack: ProbeStack) => synthStack(stack).provider!.aws.map((p) => `${p.alias ?? '(home)'}=${p.region}`);

describe('LinkStack', () => {
  test('home provider in the primary Region plus one aliased provider per configured Region, nothing else', () => {
    expect(aliases(probe())).toEqual(['(home)=eu-west-1', 'eu_west_1=eu-west-1', 'us_west_2=us-west-2']);
  });

  test('S3 backend under the stack name; the state of every Region, and the global stack only when asked', () => {
    const plain = synthStack(probe());
    expect(plain.terraform.backend.s3.key).toBe('example/prod/probe.tfstate');
    expect(Object.keys(plain.data!.terraform_remote_state)).toEqual(['region-eu-west-1', 'region-us-west-2']);
    const withGlobal = synthStack(probe(undefined, { readsGlobal: true }));
    expect(Object.keys(withGlobal.data!.terraform_remote_state).sort()).toEqual(['global', 'region-eu-west-1', 'region-us-west-2']);
  });

  test('provider(region) returns that Region\'s aliased provider', () => {
    const stack = probe();
    expect(stack.provider('us-west-2').alias).toBe('us_west_2');
  });

  test('provider(region) of a Region that is not configured names the Region and the configured ones', () => {
    expect(() => probe().provider('ap-south-1')).toThrow(
      'Stack probe: no provider for Region "ap-south-1"; it has one per configured Region: eu-west-1, us-west-2',
    );
  });

  test('regionState reads typed outputs of a configured Region and refuses any other', () => {
    const stack = probe((s) => new TerraformOutput(s, 'vpc', { value: s.regionState('us-west-2').get('vpc_id') }));
    expect(synthStack(stack).output!.vpc.value).toBe('${data.terraform_remote_state.region-us-west-2.outputs.vpc_id}');
    expect(() => stack.regionState('ap-south-1')).toThrow('Stack probe: no remote state for Region "ap-south-1"; configured Regions: eu-west-1, us-west-2');
  });

  test('globalState without readsGlobal says how to get it', () => {
    expect(() => probe().globalState).toThrow('Stack probe does not read the global stack\'s state; pass { readsGlobal: true } to LinkStack');
  });

  test('account facts come from the primary Region\'s aliased provider, and only the facts that are read', () => {
    const stack = probe((s) => new TerraformOutput(s, 'account_id', { value: s.facts.account }));
    const json = synthStack(stack);
    expect(json.data!.aws_caller_identity.account.provider).toBe('aws.eu_west_1');
    expect(json.data!.aws_partition).toBeUndefined();
  });
});

describe('LinkStack.globalServiceProvider', () => {
  test('a service whose Region is configured reuses that Region\'s provider', () => {
    const stack = probe();
    expect(stack.globalServiceProvider('global-accelerator')).toBe(stack.provider('us-west-2'));
    expect(stack.globalServiceProvider('route53-recovery-control')).toBe(stack.provider('us-west-2'));
    expect(aliases(stack)).toEqual(['(home)=eu-west-1', 'eu_west_1=eu-west-1', 'us_west_2=us-west-2']);
  });

  test('a service in a Region that is not configured gets one aliased provider there, created on first use and shared', () => {
    const stack = probe();
    const cloudfront = stack.globalServiceProvider('cloudfront');
    expect(stack.globalServiceProvider('cloudfront-certificates')).toBe(cloudfront);
    expect(cloudfront.alias).toBe('us_east_1');
    expect(aliases(stack)).toEqual(['(home)=eu-west-1', 'eu_west_1=eu-west-1', 'us_west_2=us-west-2', 'us_east_1=us-east-1']);
    const tags = synthStack(stack).provider!.aws.find((p) => p.alias === 'us_east_1')!.default_tags;
    expect(tags[0].tags.FoundationStack).toBe('probe');
  });

  test('it does not make provider(region) accept an unconfigured Region', () => {
    const stack = probe();
    stack.globalServiceProvider('cloudfront');
    expect(() => stack.provider('us-east-1')).toThrow('no provider for Region "us-east-1"');
  });

  test('an unknown service names the known ones', () => {
    // @ts-expect-error: not a known global service
    expect(() => probe().globalServiceProvider('cloudfrnt')).toThrow(
      'Stack probe: unknown global service "cloudfrnt"; known: cloudfront, cloudfront-certificates, global-accelerator, route53-recovery-control',
    );
  });
});
