import { validateConfig, FoundationConfig } from '../../src/config/validate';
import { cidrsOverlap } from '../../src/config/subnet-plan';
import { providerAlias } from '../../src/stacks/providers';
import { synthAppGraph, StackJson, resources } from '../helpers/synth';
import { contractOf, stackKind } from '../../src/stacks/contracts/catalog';
import { globMatches } from '../../src/compliance/rule';
import { SCENARIOS } from './scenarios';
import { bootstrapRoleNames, deployableRoleNames } from '../../src/aws/resource-names';
import { allBlocks, providerRegions, referencesIn, regionOfRemoteRead, remoteOutputReads } from './terraform-json';
import { computeInvariants } from './compute-invariants';
import { edgeInvariants } from './edge-invariants';
import { operationsInvariants } from './operations-invariants';

/** Stacks that span Regions: every resource in them names an aliased provider. */
const LINK_STACKS = ['global-network', 'global-replication', 'global-compute', 'global-edge'];

const ref = (value: unknown, pattern: RegExp): string | undefined => referencesIn(value).map((r) => pattern.exec(r)?.[1]).find(Boolean);

describe.each(SCENARIOS)('%s', (_title, input) => {
  // Synthesized when the scenario runs, not when jest collects the tests: a filtered run (-t) or a
  // failing config costs only what it selects.
  let config: FoundationConfig;
  let stacks: Record<string, StackJson>;
  let dependencies: Record<string, string[]>;
  let net: StackJson;
  beforeAll(() => {
    config = validateConfig(input);
    // Validated as `cdktf synth` does: a stack that breaks a compliance rule fails the scenario, listing each violation.
    ({ stacks, dependencies } = synthAppGraph(config, { validate: true }));
    net = stacks['global-network'];
  });
  const regionStack = (region: string) => stacks[`region-${region}`];

  test('one stack per Region plus bootstrap, global and the four link stacks', () => {
    expect(Object.keys(stacks).sort()).toEqual(
      ['bootstrap', 'global', 'global-network', 'global-replication', 'global-compute', 'global-edge', ...config.regions.map((r) => `region-${r.name}`)].sort(),
    );
  });

  computeInvariants(() => ({ config, stacks }));
  edgeInvariants(() => ({ config, stacks }));
  operationsInvariants(() => ({ config, stacks }));

  test('backends: S3 with encryption, lock file, no DynamoDB, documented key; bootstrap local and relative', () => {
    for (const [name, stack] of Object.entries(stacks)) {
      if (name === 'bootstrap') {
        expect(stack.terraform.backend).toEqual({ local: { path: 'terraform.bootstrap.tfstate' } });
        continue;
      }
      const s3 = stack.terraform.backend.s3;
      expect(s3).toEqual({
        bucket: config.state.bucket,
        region: config.state.region,
        key: `${config.state.keyPrefix}/${name}.tfstate`,
        encrypt: true,
        use_lockfile: true,
        kms_key_id: config.state.kmsKeyAlias,
      });
    }
  });

  // These invariants hold for thousands of blocks: each test compares one list of what every block
  // has with what it must have, so a failure names every offender (and costs one expectation).
  test('every remote-state read names an existing stack, its documented key, and an output its contract declares for this reader and the stack writes', () => {
    const states = Object.values(stacks).flatMap((stack) => Object.entries(stack.data?.terraform_remote_state ?? {}));
    expect(states.map(([stateName, remote]) => ({ stateName, exists: stateName in stacks, backend: remote.backend, key: remote.config.key }))).toEqual(
      states.map(([stateName]) => ({ stateName, exists: true, backend: 's3', key: `${config.state.keyPrefix}/${stateName}.tfstate` })),
    );
    const reads = Object.entries(stacks).flatMap(([name, stack]) => remoteOutputReads(stack).map(([stateName, key]) => ({ reader: name, stack: stateName, output: key })));
    expect(
      reads.map((read) => {
        const spec = contractOf(read.stack)[read.output];
        return { ...read, declared: Boolean(spec), written: read.output in (stacks[read.stack]?.output ?? {}), readBy: spec?.readBy.includes(stackKind(read.reader)) };
      }),
    ).toEqual(reads.map((read) => ({ ...read, declared: true, written: true, readBy: true })));
  });

  test('every stack writes exactly its contract: declared names and descriptions, every always-written output', () => {
    for (const [name, stack] of Object.entries(stacks)) {
      const contract = contractOf(name);
      const written = stack.output ?? {};
      const outputs = Object.entries(written).map(([key, output]) => {
        const spec = contract[key];
        return { stack: name, output: key, declared: Boolean(spec), described: Boolean(spec) && (output.description === spec.description || output.description!.startsWith(`${spec.description} (`)) };
      });
      expect(outputs).toEqual(outputs.map(({ stack, output }) => ({ stack, output, declared: true, described: true })));
      const always = Object.entries(contract).filter(([, spec]) => !spec.when).map(([key]) => key);
      expect({ stack: name, missing: always.filter((key) => !(key in written)) }).toEqual({ stack: name, missing: [] });
    }
  });

  test('stack graph has depth 3 after bootstrap and no stack depends on its own layer', () => {
    // The dependencies of the stacks the synth built (synthAppGraph), by stack name.
    const depth = new Map<string, number>();
    const layer = (name: string): number => {
      const deps = dependencies[name];
      if (!depth.has(name)) depth.set(name, deps.length === 0 ? 0 : 1 + Math.max(...deps.map(layer)));
      return depth.get(name)!;
    };
    expect(Object.keys(dependencies).sort()).toEqual(Object.keys(stacks).sort());
    expect(layer('bootstrap')).toBe(0);
    expect(layer('global')).toBe(1);
    config.regions.forEach((r) => expect(layer(`region-${r.name}`)).toBe(2));
    expect(layer('global-network')).toBe(3);
    expect(layer('global-replication')).toBe(3);
    expect(dependencies['global-network']).toHaveLength(config.regions.length);
    expect(dependencies['global-replication']).toHaveLength(config.regions.length);
  });

  // cdktf 0.21's HCL renderer emits `precondition = [...]` / `postcondition = [...]` as attributes,
  // which is invalid HCL, and the `--hcl` output is what operations teams take over: no resource or
  // data source may carry a lifecycle precondition or postcondition.
  test('no resource or data source has a lifecycle precondition or postcondition', () => {
    // One expectation over the list of offenders: thousands of blocks, each named when it fails.
    const withConditions = Object.entries(stacks).flatMap(([name, stack]) =>
      allBlocks(stack)
        .map(([type, id, args]) => ({ stack: name, type, id, precondition: args.lifecycle?.precondition, postcondition: args.lifecycle?.postcondition }))
        .filter((block) => block.precondition !== undefined || block.postcondition !== undefined),
    );
    expect(withConditions).toEqual([]);
  });

  test('every provider alias resolves to the Region it is named for', () => {
    for (const stack of Object.values(stacks)) {
      for (const provider of stack.provider?.aws ?? []) {
        if (provider.alias) expect(provider.alias).toBe(providerAlias(provider.region));
      }
    }
    expect(stacks.global.provider!.aws).toEqual([expect.objectContaining({ region: config.primaryRegion })]);
    // Bootstrap's one other Region is the state replica's.
    expect(stacks.bootstrap.provider!.aws).toEqual([
      expect.objectContaining({ region: config.state.region }),
      expect.objectContaining({ region: config.state.replicaRegion, alias: providerAlias(config.state.replicaRegion) }),
    ]);
    for (const region of config.regions) {
      expect(regionStack(region.name).provider!.aws).toEqual([expect.objectContaining({ region: region.name })]);
      expect(regionStack(region.name).provider!.aws[0].alias).toBeUndefined();
    }
  });

  test('single-Region stacks use only their home provider; bootstrap the replica Region\'s for the state replica only', () => {
    const blocks = Object.entries(stacks)
      .filter(([name]) => !LINK_STACKS.includes(name))
      .flatMap(([name, stack]) => allBlocks(stack).map(([type, id, args]) => ({ name, type, id, provider: args.provider })));
    expect(blocks).toEqual(
      blocks.map(({ name, type, id }) => ({
        name,
        type,
        id,
        provider: name === 'bootstrap' && id.startsWith('state_replication_replica_') ? `aws.${providerAlias(config.state.replicaRegion)}` : undefined,
      })),
    );
  });

  test('global-network: every resource names the aliased provider of the Region it lives in', () => {
    const regions = providerRegions(net);
    const byType = (type: string) => resources(net, type);
    const regionOf = (type: string, args: Record<string, any>): string | undefined => {
      switch (type) {
        case 'aws_ec2_transit_gateway_peering_attachment':
          return regionOfRemoteRead(args.transit_gateway_id);
        case 'aws_vpc_peering_connection':
          return regionOfRemoteRead(args.vpc_id);
        case 'aws_ec2_transit_gateway_route_table_association':
        case 'aws_ec2_transit_gateway_route':
          return regionOfRemoteRead(args.transit_gateway_route_table_id);
        case 'aws_route':
          return regionOfRemoteRead(args.route_table_id);
        case 'aws_ec2_transit_gateway_peering_attachment_accepter':
          return byType('aws_ec2_transit_gateway_peering_attachment')[ref(args, /aws_ec2_transit_gateway_peering_attachment\.([\w-]+)\.id/)!].peer_region;
        case 'aws_vpc_peering_connection_accepter':
          return byType('aws_vpc_peering_connection')[ref(args, /aws_vpc_peering_connection\.([\w-]+)\.id/)!].peer_region;
        case 'aws_caller_identity':
          return config.primaryRegion;
        default:
          throw new Error(`No Region rule for ${type}: add one so the invariant covers it`);
      }
    };
    const blocks = allBlocks(net).filter(([type]) => type !== 'terraform_remote_state');
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.map(([, id, args]) => ({ id, provider: typeof args.provider, region: regions.get(args.provider) }))).toEqual(
      blocks.map(([type, id, args]) => ({ id, provider: 'string', region: regionOf(type, args) })),
    );
  });

  test('global-replication: every resource names the aliased provider of the Region it lives in', () => {
    const replication = stacks['global-replication'];
    const regions = providerRegions(replication);
    const regionOf = (type: string): string | undefined => {
      switch (type) {
        case 'aws_secretsmanager_secret':
        case 'aws_secretsmanager_secret_policy':
        case 'aws_directory_service_directory':
        case 'aws_directory_service_region':
        case 'aws_partition':
        case 'aws_caller_identity':
          return config.primaryRegion;
        case 'aws_securityhub_finding_aggregator':
          return config.security.securityHub.aggregationRegion;
        default:
          throw new Error(`No Region rule for ${type}: add one so the invariant covers it`);
      }
    };
    for (const [type, id, args] of allBlocks(replication).filter(([type]) => type !== 'terraform_remote_state')) {
      expect({ id, region: regions.get(args.provider) }).toEqual({ id, region: regionOf(type) });
    }
  });

  test('every non-primary Region has a replica of the multi-Region primary key, with the same alias', () => {
    const primaries = Object.values(resources(stacks.global, 'aws_kms_key'));
    expect(primaries.filter((k) => k.multi_region === true && k.enable_key_rotation === true)).toHaveLength(1);
    expect(stacks.global.output!.kms_primary_key_arn).toBeDefined();
    for (const region of config.regions) {
      const stack = regionStack(region.name);
      const replicas = Object.values(resources(stack, 'aws_kms_replica_key'));
      const aliases = Object.values(resources(stack, 'aws_kms_alias')).map((a) => a.name);
      if (region.isPrimary) {
        expect(replicas).toHaveLength(0);
        expect(stack.output!.kms_key_arn.value).toBe('${data.terraform_remote_state.global.outputs.kms_primary_key_arn}');
      } else {
        expect(replicas.map((r) => r.primary_key_arn)).toEqual(['${data.terraform_remote_state.global.outputs.kms_primary_key_arn}']);
        expect(aliases).toContain(config.security.kms.alias);
        expect(stack.output!.kms_key_arn.value).toMatch(/^\$\{aws_kms_replica_key\./);
      }
    }
  });

  test('every KMS key and replica carries FoundationProject = project (the deploy role\'s KMS scope) through its provider\'s default tags', () => {
    let keys = 0;
    for (const stack of Object.values(stacks)) {
      const providers = new Map((stack.provider?.aws ?? []).map((p) => [p.alias ? `aws.${p.alias}` : 'aws', p]));
      for (const type of ['aws_kms_key', 'aws_kms_replica_key']) {
        for (const [id, key] of Object.entries(resources(stack, type))) {
          const provider = providers.get(key.provider?.replace(/^\$\{(.*)\}$/, '$1') ?? 'aws');
          expect({ id, tag: provider?.default_tags?.[0]?.tags?.FoundationProject }).toEqual({ id, tag: config.project });
          expect({ id, own: key.tags?.FoundationProject ?? config.project }).toEqual({ id, own: config.project });
          keys++;
        }
      }
    }
    // At least the state key, and the multi-Region key in every Region (primary or replica).
    expect(keys).toBeGreaterThanOrEqual(1 + config.regions.length);
  });

  test('the deploy role, which creates every key and replica after bootstrap, may update each one\'s key policy: named in it, or the account root administers it (KMS lockout check)', () => {
    const deployRole = new RegExp(`:role/${config.project}-deploy$`);
    const accountRoot = /^arn:[^:]+:iam::[^:]+:root$/;
    const allows = (policy: string, action: string) =>
      (JSON.parse(policy).Statement as Array<Record<string, any>>).some(
        (s) =>
          s.Effect === 'Allow' &&
          s.Condition === undefined &&
          [s.Action].flat().some((a: string) => globMatches(a, action, true)) &&
          [s.Principal?.AWS].flat().some((p: string | undefined) => p !== undefined && (deployRole.test(p) || accountRoot.test(p))),
      );
    const keys = Object.entries(stacks)
      .filter(([name]) => name !== 'bootstrap') // bootstrap's state key is created by an administrator
      .flatMap(([name, stack]) =>
        ['aws_kms_key', 'aws_kms_replica_key'].flatMap((type) => Object.entries(resources(stack, type)).map(([id, key]) => ({ key: `${name}: ${type}.${id}`, args: key }))),
      );
    // The multi-Region key in every Region (primary or replica), and each Region's flow-log key.
    expect(keys.length).toBeGreaterThanOrEqual(2 * config.regions.length);
    for (const { key, args } of keys) {
      expect({ key, putKeyPolicy: allows(args.policy, 'kms:PutKeyPolicy'), describeKey: allows(args.policy, 'kms:DescribeKey') }).toEqual({ key, putKeyPolicy: true, describeKey: true });
      // Every region stack replicates the multi-Region primary as the deploy role.
      if (args.multi_region === true) expect({ key, replicateKey: allows(args.policy, 'kms:ReplicateKey') }).toEqual({ key, replicateKey: true });
    }
  });

  test('no bucket that receives AWS Config deliveries has Object Lock (AWS Config does not deliver to one): each channel names the global stack\'s Config bucket', () => {
    /** Bucket names with the account id of whichever stack built them. */
    const withAccount = (name: string) => name.replace(/\$\{data\.aws_caller_identity\.\w+\.account_id\}/g, '<account>');
    const buckets = new Map(Object.entries(resources(stacks.global, 'aws_s3_bucket')).map(([id, bucket]) => [withAccount(bucket.bucket), { id, bucket }]));
    const locks = Object.values(resources(stacks.global, 'aws_s3_bucket_object_lock_configuration')).map((lock) => lock.bucket);
    const channels = config.regions.flatMap((region) => Object.values(resources(regionStack(region.name), 'aws_config_delivery_channel')).map((c) => [region.name, withAccount(c.s3_bucket_name)]));
    expect(channels).toHaveLength(config.security.config.enable ? config.regions.length : 0);
    for (const [region, name] of channels) {
      const target = buckets.get(name);
      expect({ region, name, createdByGlobal: Boolean(target) }).toEqual({ region, name, createdByGlobal: true });
      const { id, bucket } = target!;
      expect({ region, name, objectLockEnabled: bucket.object_lock_enabled ?? false }).toEqual({ region, name, objectLockEnabled: false });
      expect({ region, name, lockConfiguration: locks.includes(`\${aws_s3_bucket.${id}.id}`) }).toEqual({ region, name, lockConfiguration: false });
    }
  });

  test('every role a stack synthesizes is in its list (bootstrap: bootstrapRoleNames, any other: deployableRoleNames)', () => {
    const unlisted: string[] = [];
    for (const [name, stack] of Object.entries(stacks)) {
      const listed = name === 'bootstrap' ? bootstrapRoleNames(config.project) : deployableRoleNames(config.project);
      for (const role of Object.values(resources(stack, 'aws_iam_role'))) if (!listed.includes(String(role.name))) unlisted.push(`${name}: ${String(role.name)}`);
    }
    expect(unlisted).toEqual([]);
  });

  test('every alias the deploy role manages is under alias/<project> (its alias permission); bootstrap\'s is an administrator\'s', () => {
    const outside = Object.entries(stacks)
      .filter(([name]) => name !== 'bootstrap')
      .flatMap(([name, stack]) => Object.values(resources(stack, 'aws_kms_alias')).map((a) => `${name}: ${a.name}`))
      .filter((entry) => !entry.split(': ')[1].startsWith(`alias/${config.project}`));
    expect(outside).toEqual([]);
  });

  test('the deploy role\'s state access matches the state bucket and key policies', () => {
    const inline = Object.values(stacks).flatMap((stack) => Object.values(resources(stack, 'aws_iam_role_policy'))).find((p) => p.name === 'terraform-state');
    const roleStatements = JSON.parse(inline!.policy).Statement as Array<Record<string, any>>;
    const bootstrap = stacks.bootstrap.resource!;
    const bucketDeny = JSON.parse(bootstrap.aws_s3_bucket_policy.state_policy.policy).Statement.find((s: any) => s.Sid === 'DenyStateAccessToOthers');
    const keyUse = JSON.parse(bootstrap.aws_kms_key.state_key.policy).Statement.find((s: any) => s.Sid === 'StatePrincipalsThroughS3');
    const deployRole = new RegExp(`:role/${config.project}-deploy$`);
    expect(bucketDeny.Condition.ArnNotLike['aws:PrincipalArn'].filter((arn: string) => deployRole.test(arn))).toHaveLength(1);
    expect(keyUse.Condition.ArnLike['aws:PrincipalArn'].filter((arn: string) => deployRole.test(arn))).toHaveLength(1);
    // What the role uses on objects is what the bucket keeps for it; what the key allows through S3, the role holds.
    const objectActions = roleStatements.filter((s) => String(s.Resource).endsWith(`/${config.state.keyPrefix}/*`)).flatMap((s) => [].concat(s.Action));
    expect(objectActions.length).toBeGreaterThan(0);
    for (const action of objectActions) expect(bucketDeny.Action).toContain(action);
    const kms = roleStatements.find((s) => [].concat(s.Action).some((a: string) => a === 'kms:Decrypt'))!;
    expect(kms.Condition.StringLike['kms:ViaService']).toContain('s3.*.amazonaws.com');
    for (const action of keyUse.Action) expect([].concat(kms.Action)).toContain(action);
  });

  test('every secret has a replica in every other Region, encrypted with that Region\'s key', () => {
    const secrets = Object.values(resources(stacks['global-replication'], 'aws_secretsmanager_secret'));
    expect(secrets.map((s) => s.name).sort()).toEqual(config.security.secrets.map((s) => s.name).sort());
    for (const secret of secrets) {
      expect(secret.kms_key_id).toBe('${data.terraform_remote_state.global.outputs.kms_primary_key_arn}');
      const others = config.regions.filter((r) => !r.isPrimary);
      expect(secret.replica.map((r: any) => r.region).sort()).toEqual(others.map((r) => r.name).sort());
      for (const replica of secret.replica) {
        expect(replica.kms_key_id).toBe(`\${data.terraform_remote_state.region-${replica.region}.outputs.kms_key_arn}`);
      }
    }
    expect(JSON.stringify(stacks)).not.toMatch(/aws_secretsmanager_secret_version"?:\s*\{[^}]*secret_string/);
  });

  // The Directory's admin password once came through a data source, which put it in state.
  test('no stack reads or writes a secret value: no aws_secretsmanager_secret_version, data source or resource', () => {
    const versions = Object.entries(stacks).flatMap(([name, stack]) =>
      [...Object.keys(stack.data?.aws_secretsmanager_secret_version ?? {}), ...Object.keys(resources(stack, 'aws_secretsmanager_secret_version'))].map((id) => `${name}: ${id}`),
    );
    expect(versions).toEqual([]);
  });

  // Replicas take the primary's policy and Secrets Manager refuses PutResourcePolicy on a replica:
  // a policy anywhere else would fail to apply, or manage a secret that is not ours.
  test('secret resource policies: exactly one per secret, on the primary secret through the primary Region\'s provider, nowhere else', () => {
    const replication = stacks['global-replication'];
    const regions = providerRegions(replication);
    const secrets = resources(replication, 'aws_secretsmanager_secret');
    const policies = Object.entries(resources(replication, 'aws_secretsmanager_secret_policy'));
    const attachedTo = (args: Record<string, any>) => /^\$\{aws_secretsmanager_secret\.([^.]+)\.arn\}$/.exec(args.secret_arn)?.[1];
    expect(policies.map(([, args]) => attachedTo(args)).sort()).toEqual(Object.keys(secrets).sort());
    for (const [id, args] of policies) expect({ id, region: regions.get(args.provider) }).toEqual({ id, region: config.primaryRegion });
    for (const [name, stack] of Object.entries(stacks).filter(([name]) => name !== 'global-replication')) {
      expect({ name, policies: Object.keys(resources(stack, 'aws_secretsmanager_secret_policy')) }).toEqual({ name, policies: [] });
    }
    // The secret's own (deprecated) policy argument and its replica blocks would call PutResourcePolicy too.
    for (const [id, secret] of Object.entries(secrets)) {
      expect({ id, policy: secret.policy }).toEqual({ id, policy: undefined });
      for (const replica of secret.replica) expect(Object.keys(replica).sort()).toEqual(['kms_key_id', 'region']);
    }
  });

  test('each secret\'s policy denies GetSecretValue to every principal but its configured readers; the deploy role is never one', () => {
    const replication = stacks['global-replication'];
    const secrets = resources(replication, 'aws_secretsmanager_secret');
    const byName = new Map(Object.entries(resources(replication, 'aws_secretsmanager_secret_policy')).map(([, args]) => {
      const secretId = /aws_secretsmanager_secret\.([^.]+)\.arn/.exec(args.secret_arn)![1];
      return [secrets[secretId].name as string, args];
    }));
    for (const secret of config.security.secrets) {
      const policy = byName.get(secret.name)!;
      expect({ secret: secret.name, block_public_policy: policy?.block_public_policy }).toEqual({ secret: secret.name, block_public_policy: true });
      const statements = JSON.parse(policy.policy).Statement;
      expect(statements.map((s: any) => [s.Effect, s.Principal, s.Action, s.Resource])).toEqual([['Deny', '*', 'secretsmanager:GetSecretValue', '*']]);
      const readers: string[] = statements[0].Condition?.ArnNotEquals['aws:PrincipalArn'] ?? [];
      expect(readers).toEqual(secret.readerArns);
      expect(readers.filter((arn) => arn.endsWith(`:role/${config.project}-deploy`))).toEqual([]);
    }
  });

  test('Security Hub is on in every Region and one aggregator links every other Region', () => {
    const aggregators = Object.values(resources(stacks['global-replication'], 'aws_securityhub_finding_aggregator'));
    if (!config.security.securityHub.enable) {
      expect(aggregators).toHaveLength(0);
      return;
    }
    for (const region of config.regions) {
      const stack = regionStack(region.name);
      expect(Object.values(resources(stack, 'aws_securityhub_account'))).toHaveLength(1);
      const standards = Object.values(resources(stack, 'aws_securityhub_standards_subscription')).map((s) => s.standards_arn);
      expect(standards).toHaveLength(config.security.securityHub.standards.length);
      expect(stack.output!.security_hub_arn).toBeDefined();
    }
    const aggregation = config.security.securityHub.aggregationRegion;
    const others = config.regions.map((r) => r.name).filter((name) => name !== aggregation);
    if (others.length === 0) {
      expect(aggregators).toHaveLength(0);
      return;
    }
    expect(aggregators).toHaveLength(1);
    expect(aggregators[0].linking_mode).toBe('SPECIFIED_REGIONS');
    expect([...aggregators[0].specified_regions].sort()).toEqual([...others].sort());
    expect(providerRegions(stacks['global-replication']).get(aggregators[0].provider)).toBe(aggregation);
  });

  test('every policy document parses and has no wildcard principal or wildcard admin action', () => {
    const documents = Object.values(stacks).flatMap((stack) =>
      allBlocks(stack).flatMap(([, id, args]) =>
        Object.entries(args)
          .filter(([key, value]) => /(^|_)policy$/.test(key) && typeof value === 'string' && value.trim().startsWith('{'))
          .map(([key, value]) => ({ where: `${id}.${key}`, document: JSON.parse(value as string) }))
          // ECR lifecycle policies are rules, not IAM documents.
          .filter(({ document }) => document.Statement !== undefined),
      ),
    );
    expect(documents.length).toBeGreaterThan(3);
    const wildcardPrincipals: Array<{ where: string; sid: unknown }> = [];
    const adminGrants: Array<{ where: string; sid: unknown; admin: string[] }> = [];
    for (const { where, document } of documents) {
      for (const statement of [document.Statement].flat()) {
        if (statement.Effect !== 'Allow') continue;
        const principals = statement.Principal === '*' ? ['*'] : [statement.Principal?.AWS ?? []].flat();
        const actions = [statement.Action].flat();
        const resources = [statement.Resource ?? []].flat();
        if (principals.includes('*')) wildcardPrincipals.push({ where, sid: statement.Sid });
        const admin = actions.filter((a: string) => a === '*' || a === 'iam:*' || (/^[a-z0-9-]+:\*$/.test(a) && resources.includes('*')));
        if (admin.length > 0) adminGrants.push({ where, sid: statement.Sid, admin });
      }
    }
    expect(wildcardPrincipals).toEqual([]);
    expect(adminGrants).toEqual([]);
  });

  test('no subnet overlaps any other, and every subnet sits inside its VPC', () => {
    const all: Array<[string, string]> = [];
    for (const region of config.regions) {
      const subnets = Object.values(resources(regionStack(region.name), 'aws_subnet'));
      expect(subnets).toHaveLength(region.azCount * 2);
      for (const subnet of subnets) {
        expect(cidrsOverlap(subnet.cidr_block, region.vpcCidr)).toBe(true);
        expect(Number(subnet.cidr_block.split('/')[1])).toBeGreaterThan(Number(region.vpcCidr.split('/')[1]));
        all.push([region.name, subnet.cidr_block]);
      }
    }
    const overlapping = all.flatMap(([, a], i) => all.slice(i + 1).flatMap(([, b]) => (cidrsOverlap(a, b) ? [`${a} vs ${b}`] : [])));
    expect(overlapping).toEqual([]);
  });

  test('Transit Gateway ASNs are distinct', () => {
    const asns = config.regions.flatMap((r) => Object.values(resources(regionStack(r.name), 'aws_ec2_transit_gateway')).map((t) => t.amazon_side_asn));
    expect(new Set(asns).size).toBe(asns.length);
  });

  // Follows a packet hop by hop through the synthesized routes, so it fails when any link, route,
  // association or propagation that reachability relies on is missing.
  test('every pair of Regions reaches each other, with routes both ways for every remote CIDR', () => {
    const pairs = config.regions.flatMap((a) => config.regions.filter((b) => b !== a).map((b) => [a, b] as const));
    expect(pairs.length).toBe(config.regions.length * (config.regions.length - 1));
    for (const [from, to] of pairs) {
      expect(`${from.name} -> ${to.name}: ${tracePath(from.name, to.name)}`).toBe(`${from.name} -> ${to.name}: delivered`);
    }
  });

  function vpcRoutes(region: string, cidr: string) {
    return Object.entries(resources(net, 'aws_route')).filter(
      ([, r]) => regionOfRemoteRead(r.route_table_id) === region && r.destination_cidr_block === cidr,
    );
  }

  function privateTableIndexes(routes: Array<[string, Record<string, any>]>): number[] {
    return routes.map(([, r]) => Number(/private_route_table_ids, (\d+)\)/.exec(r.route_table_id)?.[1])).sort();
  }

  function tracePath(fromName: string, toName: string): string {
    const from = config.regions.find((r) => r.name === fromName)!;
    const to = config.regions.find((r) => r.name === toName)!;
    const routes = vpcRoutes(from.name, to.vpcCidr);
    const tables = Array.from({ length: from.azCount }, (_, i) => i);
    if (JSON.stringify(privateTableIndexes(routes)) !== JSON.stringify(tables)) {
      return `private route tables with a route to ${to.vpcCidr}: ${privateTableIndexes(routes)}; expected ${tables}`;
    }
    if (config.network.interRegion === 'vpc-peering') return tracePeering(from.name, to.name, routes);
    if (!routes.every(([, r]) => regionOfRemoteRead(r.transit_gateway_id) === from.name && /outputs\.transit_gateway_id/.test(r.transit_gateway_id))) {
      return 'VPC route does not point at the local Transit Gateway';
    }
    return traceTransitGateways(from.name, to);
  }

  function tracePeering(from: string, to: string, routes: Array<[string, Record<string, any>]>): string {
    for (const [, route] of routes) {
      const accepterName = ref(route.vpc_peering_connection_id, /aws_vpc_peering_connection_accepter\.([\w-]+)\./);
      const accepter = accepterName && resources(net, 'aws_vpc_peering_connection_accepter')[accepterName];
      if (!accepter || accepter.auto_accept !== true) return 'route does not use an accepted peering connection';
      const connection = resources(net, 'aws_vpc_peering_connection')[ref(accepter, /aws_vpc_peering_connection\.([\w-]+)\.id/)!];
      const ends = [regionOfRemoteRead(connection.vpc_id), regionOfRemoteRead(connection.peer_vpc_id)].sort();
      if (JSON.stringify(ends) !== JSON.stringify([from, to].sort())) return `peering connects ${ends}, not ${from} and ${to}`;
    }
    return 'delivered';
  }

  function traceTransitGateways(start: string, to: { name: string; vpcCidr: string }): string {
    const attachments = resources(net, 'aws_ec2_transit_gateway_peering_attachment');
    const accepters = resources(net, 'aws_ec2_transit_gateway_peering_attachment_accepter');
    const associations = Object.values(resources(net, 'aws_ec2_transit_gateway_route_table_association'));
    const tgwRoutes = Object.values(resources(net, 'aws_ec2_transit_gateway_route'));
    let at = start;
    for (let hop = 0; hop <= config.regions.length; hop++) {
      if (at === to.name) {
        const hub = regionStack(at);
        const assoc = Object.values(resources(hub, 'aws_ec2_transit_gateway_route_table_association'));
        const prop = Object.values(resources(hub, 'aws_ec2_transit_gateway_route_table_propagation'));
        const vpcAttached = (list: Record<string, any>[]) => list.some((a) => /aws_ec2_transit_gateway_vpc_attachment\./.test(a.transit_gateway_attachment_id));
        return vpcAttached(assoc) && vpcAttached(prop) ? 'delivered' : `VPC attachment in ${at} is not associated and propagated`;
      }
      const route = tgwRoutes.find((r) => regionOfRemoteRead(r.transit_gateway_route_table_id) === at && r.destination_cidr_block === to.vpcCidr);
      if (!route) return `no TGW route in ${at} for ${to.vpcCidr}`;
      const accepterName = ref(route.transit_gateway_attachment_id, /aws_ec2_transit_gateway_peering_attachment_accepter\.([\w-]+)\./)!;
      const attachment = attachments[ref(accepters[accepterName], /aws_ec2_transit_gateway_peering_attachment\.([\w-]+)\.id/)!];
      const ends = [regionOfRemoteRead(attachment.transit_gateway_id)!, attachment.peer_region as string];
      if (regionOfRemoteRead(attachment.peer_transit_gateway_id) !== attachment.peer_region) return 'peer TGW is not in peer_region';
      if (!ends.includes(at)) return `route in ${at} uses a link that does not touch ${at}`;
      for (const end of ends) {
        const associated = associations.some(
          (a) => referencesIn(a.transit_gateway_attachment_id).some((r) => r.includes(accepterName)) && regionOfRemoteRead(a.transit_gateway_route_table_id) === end,
        );
        if (!associated) return `peering ${accepterName} not associated in ${end}`;
      }
      at = ends.find((e) => e !== at)!;
    }
    return `routing loop from ${start} towards ${to.name}`;
  }
});
