import { Testing } from 'cdktf';
import { GlobalComputeStack } from '../../src/stacks/global-compute-stack';
import { BASE_CONFIG, resources, testConfig } from '../helpers/synth';
import { synthStack } from '../helpers/inspect';

const synth = (overrides: Record<string, unknown>) => synthStack(new GlobalComputeStack(Testing.app(), testConfig(overrides)));

describe('GlobalComputeStack', () => {
  test('two Regions: repositories in the primary, a template and a DLM policy where each belongs, every output', () => {
    const json = synth({});
    expect(Object.values(resources(json, 'aws_ecr_repository')).map((r) => r.provider)).toEqual(['aws.us_east_1']);
    expect(Object.values(resources(json, 'aws_ecr_repository_creation_template')).map((t) => t.provider)).toEqual(['aws.eu_west_1']);
    expect(Object.values(resources(json, 'aws_dlm_lifecycle_policy')).map((p) => p.provider).sort()).toEqual(['aws.eu_west_1', 'aws.us_east_1']);
    expect(Object.keys(json.output!).sort()).toEqual(['dlm_policy_ids', 'ecr_repository_urls', 'golden_ami_distribution_regions', 'golden_ami_pipeline_arn']);
  });

  test('one Region: no template, no replication, no template role, and snapshots are not copied', () => {
    const json = synth({ regions: [{ name: 'us-east-1', vpcCidr: '10.10.0.0/16' }], state: { ...BASE_CONFIG.state, replicaRegion: 'us-west-2' } });
    expect(resources(json, 'aws_ecr_repository_creation_template')).toEqual({});
    expect(resources(json, 'aws_ecr_replication_configuration')).toEqual({});
    expect(Object.values(resources(json, 'aws_iam_role')).map((r) => r.name)).not.toContain('multi-region-ecr-templates');
    const [policy] = Object.values(resources(json, 'aws_dlm_lifecycle_policy'));
    expect(policy.policy_details.schedule[0].cross_region_copy_rule ?? []).toEqual([]);
  });

  test('every part off: no resource and no output', () => {
    const json = synth({ compute: { ecr: { enable: false }, imageBuilder: { enable: false }, snapshots: { enable: false } } });
    expect(json.resource ?? {}).toEqual({});
    expect(json.output ?? {}).toEqual({});
  });
});
