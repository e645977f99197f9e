import { FoundationConfig } from '../../src/config/validate';
import { snapshotCopyTargets } from '../../src/config/compute/snapshot-copy-targets';
import { StackJson, resources } from '../helpers/synth';
import { allBlocks, providerRegions, regionOfRemoteRead, remoteOutputReads } from './terraform-json';

/** The Region whose copy of the multi-Region key a value references (a region stack's kms_key_arn). */
function keyRegion(value: unknown): string | undefined {
  const reads = remoteOutputReads(value);
  return reads.length === 1 && reads[0][1] === 'kms_key_arn' ? regionOfRemoteRead(value) : undefined;
}

/**
 * The compute supply chain's invariants (issue 9 item 7), for one synthesized scenario: registered
 * inside the scenario's describe block, so the app is synthesized once for every invariant.
 */
export function computeInvariants(scenario: () => { config: FoundationConfig; stacks: Record<string, StackJson> }): void {
  const compute = () => scenario().stacks['global-compute'];
  const names = () => scenario().config.regions.map((r) => r.name);
  const others = () => scenario().config.regions.filter((r) => !r.isPrimary).map((r) => r.name);
  const regionOf = (stack: StackJson, args: Record<string, any>) => providerRegions(stack).get(args.provider);

  test('global-compute: every resource names the aliased provider of a configured Region', () => {
    const stack = compute();
    const blocks = allBlocks(stack).filter(([type]) => type !== 'terraform_remote_state');
    expect(blocks.map(([type, id, args]) => ({ type, id, region: names().includes(regionOf(stack, args) ?? '') }))).toEqual(blocks.map(([type, id]) => ({ type, id, region: true })));
  });

  test('ECR: repositories in the primary Region on its key; every other Region a replication destination with a REPLICATION template on its own key', () => {
    const { config } = scenario();
    if (!config.compute.ecr.enable) return expect(resources(compute(), 'aws_ecr_repository')).toEqual({});
    const stack = compute();
    const repositories = Object.values(resources(stack, 'aws_ecr_repository'));
    expect(repositories).toHaveLength(config.compute.ecr.repositories.length);
    for (const repository of repositories) {
      expect(regionOf(stack, repository)).toBe(config.primaryRegion);
      expect(keyRegion(repository.encryption_configuration)).toBe(config.primaryRegion);
      expect(repository).toMatchObject({ image_tag_mutability: 'IMMUTABLE', lifecycle: { prevent_destroy: true } });
    }
    const templates = Object.values(resources(stack, 'aws_ecr_repository_creation_template'));
    expect(templates.map((t) => regionOf(stack, t)).sort()).toEqual([...others()].sort());
    for (const template of templates) {
      expect(keyRegion(template.encryption_configuration)).toBe(regionOf(stack, template));
      expect(template).toMatchObject({ applied_for: ['REPLICATION'], image_tag_mutability: 'IMMUTABLE', prefix: config.project });
    }
    const replications = Object.values(resources(stack, 'aws_ecr_replication_configuration'));
    if (others().length === 0) return expect(replications).toEqual([]);
    expect(replications).toHaveLength(1);
    const [replication] = replications;
    expect(regionOf(stack, replication)).toBe(config.primaryRegion);
    const destinations = replication.replication_configuration.rule.flatMap((rule: any) => rule.destination.map((d: any) => d.region));
    expect(destinations.sort()).toEqual([...others()].sort());
    // Switched on only after every template exists.
    const templateIds = Object.keys(resources(stack, 'aws_ecr_repository_creation_template')).map((id) => `aws_ecr_repository_creation_template.${id}`);
    expect(replication.depends_on).toEqual(expect.arrayContaining(templateIds));
  });

  test('golden AMI: the distribution covers every Region, each AMI on that Region\'s key', () => {
    const { config } = scenario();
    const distributions = Object.values(resources(compute(), 'aws_imagebuilder_distribution_configuration'));
    if (!config.compute.imageBuilder.enable) return expect(distributions).toEqual([]);
    expect(distributions).toHaveLength(1);
    const entries = distributions[0].distribution as Array<{ region: string; ami_distribution_configuration: { kms_key_id: string } }>;
    expect(entries.map((d) => d.region).sort()).toEqual([...names()].sort());
    for (const entry of entries) expect({ region: entry.region, key: keyRegion(entry.ami_distribution_configuration.kms_key_id) }).toEqual({ region: entry.region, key: entry.region });
  });

  test('snapshots: a DLM policy in every Region; copies go to listed Regions on the target\'s key, kept retainDays there', () => {
    const { config } = scenario();
    const stack = compute();
    const policies = Object.values(resources(stack, 'aws_dlm_lifecycle_policy'));
    if (!config.compute.snapshots.enable) return expect(policies).toEqual([]);
    const { retainDays, copyTargets } = config.compute.snapshots;
    const expected = snapshotCopyTargets(config.primaryRegion, names(), copyTargets);
    expect(policies.map((p) => regionOf(stack, p)).sort()).toEqual([...names()].sort());
    for (const policy of policies) {
      const region = regionOf(stack, policy)!;
      const [schedule] = policy.policy_details.schedule;
      expect(schedule.retain_rule).toEqual({ interval: retainDays, interval_unit: 'DAYS' });
      const copies = (schedule.cross_region_copy_rule ?? []) as Array<Record<string, any>>;
      expect(copies.map((c) => c.target)).toEqual(expected[region]);
      for (const copy of copies) {
        expect(names()).toContain(copy.target);
        expect(copy.target).not.toBe(region);
        expect({ target: copy.target, encrypted: copy.encrypted, key: keyRegion(copy.cmk_arn), retain: copy.retain_rule }).toEqual({
          target: copy.target,
          encrypted: true,
          key: copy.target,
          retain: { interval: retainDays, interval_unit: 'DAYS' },
        });
      }
    }
  });

  test('EBS: encryption by default in every Region, on that Region\'s copy of the key; snapshots and AMIs not shared publicly', () => {
    const { config, stacks } = scenario();
    for (const region of config.regions) {
      const stack = stacks[`region-${region.name}`];
      const [defaultKey] = Object.values(resources(stack, 'aws_ebs_default_kms_key'));
      const expectedKey = region.isPrimary ? '${data.terraform_remote_state.global.outputs.kms_primary_key_arn}' : '${aws_kms_replica_key.kms_key.arn}';
      expect({ region: region.name, key: defaultKey?.key_arn }).toEqual({ region: region.name, key: expectedKey });
      expect(Object.values(resources(stack, 'aws_ebs_encryption_by_default'))).toEqual([expect.objectContaining({ enabled: true })]);
      expect(Object.values(resources(stack, 'aws_ebs_snapshot_block_public_access'))).toEqual([expect.objectContaining({ state: 'block-all-sharing' })]);
      expect(Object.values(resources(stack, 'aws_ec2_image_block_public_access'))).toEqual([expect.objectContaining({ state: 'block-new-sharing' })]);
    }
  });

  test('keys: every Region\'s key policy lets the compute services use it only through their service in a configured Region', () => {
    const { config, stacks } = scenario();
    for (const region of config.regions) {
      const stack = region.isPrimary ? stacks.global : stacks[`region-${region.name}`];
      const key = [...Object.values(resources(stack, 'aws_kms_key')), ...Object.values(resources(stack, 'aws_kms_replica_key'))].find((k) => k.multi_region === true || k.primary_key_arn);
      const statements = JSON.parse(key!.policy).Statement as Array<Record<string, any>>;
      const compute = statements.filter((s) => /^(Ecr|Ebs|ImageBuilder|Dlm)/.test(s.Sid));
      expect(compute.length).toBeGreaterThan(0);
      const vias = compute.map((s) => ({ sid: s.Sid, via: [s.Condition?.StringEquals?.['kms:ViaService'] ?? []].flat() as string[] }));
      expect(vias.map(({ sid, via }) => ({ sid, via: via.length > 0 }))).toEqual(vias.map(({ sid }) => ({ sid, via: true })));
      const viaRegions = vias.flatMap(({ via }) => via.map((endpoint) => /^[a-z0-9]+\.([a-z0-9-]+)\.amazonaws\.com$/.exec(endpoint)?.[1]));
      expect(viaRegions.filter((r) => !names().includes(r!))).toEqual([]);
    }
  });
}
