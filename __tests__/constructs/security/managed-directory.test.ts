import { Construct } from 'constructs';
import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ManagedDirectory, ManagedDirectoryProps, ManagedDirectoryReplica } from '../../../src/constructs/security/managed-directory';
import { resources, synthConstruct } from '../../helpers/synth';
import { blocks, dataSources, only, ref } from '../../helpers/inspect';


function providers(scope: Construct) {
  const make = (region: string) => new AwsProvider(scope, `aws_${region}`, { region, alias: region.replace(/-/g, '_') });
  return { east: make('us-east-1'), west: make('eu-west-1'), sydney: make('ap-southeast-2') };
}

function props(scope: Construct, overrides: Partial<ManagedDirectoryProps> = {}): ManagedDirectoryProps {
  const p = providers(scope);
  return {
    provider: p.east,
    domainName: 'corp.example.com',
    vpcId: 'vpc-east',
    subnetIds: ['subnet-east-a', 'subnet-east-b'],
    replicas: [
      { region: 'eu-west-1', provider: p.west, vpcId: 'vpc-west', subnetIds: ['subnet-west-a', 'subnet-west-b'] },
      { region: 'ap-southeast-2', provider: p.sydney, vpcId: 'vpc-sydney', subnetIds: ['subnet-syd-a', 'subnet-syd-b'] },
    ],
    ...overrides,
  };
}

describe('ManagedDirectory', () => {
  const stack = synthConstruct((scope) => new ManagedDirectory(scope, 'directory', props(scope)));
  const [directoryId, directory] = only(stack, 'aws_directory_service_directory');
  const regions = Object.entries(resources(stack, 'aws_directory_service_region'));
  const byRegion: Record<string, { id: string; body: Record<string, any> }> = Object.fromEntries(
    regions.map(([id, body]) => [body.region_name, { id, body }]),
  );

  test('is AWS Managed Microsoft AD, Enterprise edition, in the home Region', () => {
    expect(directory).toMatchObject({
      provider: 'aws.us_east_1',
      name: 'corp.example.com',
      type: 'MicrosoftAD',
      edition: 'Enterprise',
      vpc_settings: { vpc_id: 'vpc-east', subnet_ids: ['subnet-east-a', 'subnet-east-b'] },
    });
  });

  test('is created with a throwaway Admin password that Terraform makes at apply time: never the real one, never a literal', () => {
    expect(directory.password).toBe('${format("Tmp-1%s", uuid())}');
    const passwords = blocks(stack).flatMap((block) =>
      Object.keys(block.body)
        .filter((attribute) => /password/i.test(attribute))
        .map((attribute) => `${block.address}.${attribute}`),
    );
    expect(passwords).toEqual([`aws_directory_service_directory.${directoryId}.password`]);
  });

  test('the throwaway meets AWS Managed Microsoft AD\'s password rule whatever the uuid', () => {
    // CreateMicrosoftAD's Password pattern: 8-64 characters, three of upper, lower, digit, symbol.
    const prefix = 'Tmp-1';
    const uuid = '00000000-0000-0000-0000-000000000000';
    const sample = prefix + uuid;
    expect(sample.length).toBeLessThanOrEqual(64);
    expect([/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9\s]/].filter((re) => re.test(prefix))).toHaveLength(4);
    expect(sample.toLowerCase()).not.toContain('admin');
  });

  test('no data source reads a secret value, and nothing refers to a secret', () => {
    expect(stack.data).toBeUndefined();
    expect(JSON.stringify(stack)).not.toMatch(/secretsmanager|secret_string/);
  });

  test('the fresh uuid() of every plan (and the reset password) never replace the directory', () => {
    expect(directory.lifecycle.ignore_changes).toEqual(['password']);
  });

  test('one aws_directory_service_region per replica, called through the home provider', () => {
    expect(Object.keys(byRegion).sort()).toEqual(['ap-southeast-2', 'eu-west-1']);
    for (const { body } of Object.values(byRegion)) {
      expect(body.provider).toBe('aws.us_east_1');
      expect(body.directory_id).toBe(ref('aws_directory_service_directory', directoryId, 'id'));
    }
  });

  test('each replica uses its own Region\'s VPC and subnets', () => {
    expect(byRegion['eu-west-1'].body.vpc_settings).toEqual({ vpc_id: 'vpc-west', subnet_ids: ['subnet-west-a', 'subnet-west-b'] });
    expect(byRegion['ap-southeast-2'].body.vpc_settings).toEqual({ vpc_id: 'vpc-sydney', subnet_ids: ['subnet-syd-a', 'subnet-syd-b'] });
  });

  test('replicas are added one after another, in the order given', () => {
    expect(byRegion['eu-west-1'].body.depends_on).toBeUndefined();
    expect(byRegion['ap-southeast-2'].body.depends_on).toEqual([`aws_directory_service_region.${byRegion['eu-west-1'].id}`]);
  });

  // cdktf 0.21 renders lifecycle preconditions as invalid HCL (`precondition = [...]`), so the
  // subnets are no longer looked up and checked at plan time; only synth-time checks remain.
  test('no lifecycle precondition: the directory ignores password changes only, the replicas have no lifecycle', () => {
    expect(directory.lifecycle).toEqual({ ignore_changes: ['password'] });
    for (const { body } of Object.values(byRegion)) expect(body.lifecycle).toBeUndefined();
    for (const block of blocks(stack)) expect({ address: block.address, precondition: block.body.lifecycle?.precondition }).toEqual({ address: block.address, precondition: undefined });
  });

  test('no aws_subnet lookups', () => {
    expect(dataSources(stack, 'aws_subnet')).toEqual({});
  });

  test('without replicas, the directory stands alone', () => {
    const single = synthConstruct((scope) => new ManagedDirectory(scope, 'directory', props(scope, { replicas: undefined })));
    expect(single.resource?.aws_directory_service_region).toBeUndefined();
    expect(Object.keys(single.resource ?? {})).toEqual(['aws_directory_service_directory']);
    expect(single.data).toBeUndefined();
    expect(only(single, 'aws_directory_service_directory')[1].lifecycle).toEqual({ ignore_changes: ['password'] });
  });

  describe('rejects bad props with the value received and what is allowed', () => {
    const attempt = (overrides: (p: ManagedDirectoryProps) => Partial<ManagedDirectoryProps>) => () => {
      const scope = new TerraformStack(Testing.app(), 'bad');
      const base = props(scope);
      new ManagedDirectory(scope, 'ad', { ...base, ...overrides(base) });
    };
    const replica = (p: ManagedDirectoryProps, i: number, change: Partial<ManagedDirectoryReplica>) =>
      p.replicas!.map((r, j) => (j === i ? { ...r, ...change } : r));

    test.each([[['subnet-a']], [['subnet-a', 'subnet-b', 'subnet-c']], [[]]])('home subnets %j (not exactly two)', (subnetIds) => {
      expect(attempt(() => ({ subnetIds }))).toThrow(
        `ManagedDirectory ad subnetIds: received ${subnetIds.length} subnet(s) ${JSON.stringify(subnetIds)}; expected exactly 2, in two different Availability Zones`,
      );
    });

    test('the same subnet twice', () => {
      expect(attempt(() => ({ subnetIds: ['subnet-a', 'subnet-a'] }))).toThrow(
        'ManagedDirectory ad subnetIds: received the same subnet twice ["subnet-a","subnet-a"]; expected 2 different subnets, in two different Availability Zones',
      );
    });

    test('a domain name that is not fully qualified', () => {
      expect(attempt(() => ({ domainName: 'corp' }))).toThrow(
        'ManagedDirectory ad domainName: received "corp"; expected a fully qualified domain name such as "corp.example.com"',
      );
    });

    test('a replica in the home Region', () => {
      expect(attempt((p) => ({ replicas: replica(p, 0, { region: 'us-east-1', provider: p.provider }) }))).toThrow(
        'ManagedDirectory ad replicas[0].region: received "us-east-1", the directory\'s home Region; expected another Region',
      );
    });

    test('the same replica Region twice', () => {
      expect(attempt((p) => ({ replicas: [p.replicas![0], p.replicas![0]] }))).toThrow(
        'ManagedDirectory ad replicas[1].region: received "eu-west-1" a second time; expected each replica Region at most once',
      );
    });

    test('a replica whose provider is for another Region', () => {
      expect(attempt((p) => ({ replicas: replica(p, 1, { provider: p.replicas![0].provider }) }))).toThrow(
        'ManagedDirectory ad replicas[1].provider: received a provider for "eu-west-1"; expected the provider of "ap-southeast-2"',
      );
    });

    test('a replica without exactly two subnets', () => {
      expect(attempt((p) => ({ replicas: replica(p, 0, { subnetIds: ['subnet-west-a'] }) }))).toThrow(
        'ManagedDirectory ad replicas[0].subnetIds: received 1 subnet(s) ["subnet-west-a"]; expected exactly 2, in two different Availability Zones',
      );
    });

    test('a malformed replica Region', () => {
      expect(attempt((p) => ({ replicas: replica(p, 0, { region: 'Ireland' }) }))).toThrow(
        'ManagedDirectory ad replicas[0].region: received "Ireland"; expected a Region name such as "eu-west-1"',
      );
    });
  });
});
