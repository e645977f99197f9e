import { Testing } from 'cdktf';
import { RegionStack } from '../../src/stacks/region-stack';
import { FoundationConfig } from '../../src/config/validate';
import { defaultTransitGatewayAsn } from '../../src/aws/regions';
import { resourceList, resources, testConfig, StackJson } from '../helpers/synth';
import { KEY_ADMIN_ACTIONS } from '../../src/aws/kms-key-policy';
import { SECURITY_HUB_STANDARD_PATHS } from '../../src/constructs/security/security-hub';
import {
  asList,
  cidrInside,
  cidrOverlaps,
  dataRefById,
  only,
  overlyBroadAllows,
  PolicyDocument,
  policyDocuments,
  ref,
  statementBySid,
  synthStack,
  wildcardPrincipalAllows,
} from '../helpers/inspect';

function synthRegion(config: FoundationConfig, name: string): { stack: RegionStack; json: StackJson } {
  const region = config.regions.find((r) => r.name === name)!;
  const stack = new RegionStack(Testing.app(), config, region);
  return { stack, json: synthStack(stack) };
}

const CONTRACT = [
  'region',
  'vpc_id',
  'vpc_cidr',
  'availability_zones',
  'private_subnet_ids',
  'public_subnet_ids',
  'private_route_table_ids',
  'public_route_table_id',
  'flow_log_group_name',
  'kms_key_arn',
  'security_hub_arn',
  // The entry point (edge.enable, on by default); https_listener_arn only with a domain.
  'load_balancer_arn',
  'load_balancer_dns_name',
  'load_balancer_zone_id',
  'http_listener_arn',
  'entry_security_group_id',
  // Resource Explorer (operations.resourceExplorer.enable, on by default); the view only in the primary.
  'resource_explorer_index_arn',
];
const TGW_CONTRACT = ['transit_gateway_id', 'transit_gateway_route_table_id', 'transit_gateway_vpc_attachment_id'];

describe('RegionStack, default config (transit-gateway, 2 AZs, no NAT)', () => {
  const config = testConfig();
  const { stack, json } = synthRegion(config, 'eu-west-1');

  test('is named region-<name>, with one unaliased provider in its own Region', () => {
    expect(stack.stackName).toBe('region-eu-west-1');
    expect(json.provider!.aws).toEqual([expect.objectContaining({ region: 'eu-west-1' })]);
    expect(json.provider!.aws[0].alias).toBeUndefined();
    for (const block of resourceList(json, 'aws_vpc')) expect(block.provider).toBeUndefined();
  });

  test('keeps its state under <keyPrefix>/region-<name>.tfstate', () => {
    expect(json.terraform.backend.s3.key).toBe('example/prod/region-eu-west-1.tfstate');
  });

  test('exports the whole remote-state contract, every output with a description', () => {
    expect(Object.keys(json.output!).sort()).toEqual([...CONTRACT, ...TGW_CONTRACT].sort());
    for (const output of Object.values(json.output!)) expect(output.description).toEqual(expect.stringMatching(/\w{3,}/));
  });

  test('outputs point at the resources they name', () => {
    const out = (name: string) => json.output![name].value;
    expect(out('region')).toBe('eu-west-1');
    expect(out('vpc_id')).toBe(ref('aws_vpc', 'network_vpc', 'id'));
    expect(out('vpc_cidr')).toBe(ref('aws_vpc', 'network_vpc', 'cidr_block'));
    expect(out('private_route_table_ids')).toEqual([1, 2].map((i) => ref('aws_route_table', `network_private_route_table_az${i}`, 'id')));
    expect(out('private_subnet_ids')).toEqual([1, 2].map((i) => ref('aws_subnet', `network_private_subnet_az${i}`, 'id')));
    expect(out('public_subnet_ids')).toEqual([1, 2].map((i) => ref('aws_subnet', `network_public_subnet_az${i}`, 'id')));
    expect(out('public_route_table_id')).toBe(ref('aws_route_table', 'network_public_route_table', 'id'));
    expect(out('transit_gateway_id')).toBe(ref('aws_ec2_transit_gateway', 'tgw_transit_gateway', 'id'));
    expect(out('transit_gateway_route_table_id')).toBe(ref('aws_ec2_transit_gateway_route_table', 'tgw_route_table', 'id'));
    expect(out('flow_log_group_name')).toBe(ref('aws_cloudwatch_log_group', 'flow_logs_log_group', 'name'));
  });

  test('VPC has the configured CIDR with DNS support and hostnames', () => {
    expect(only(json, 'aws_vpc')[1]).toMatchObject({ cidr_block: '10.20.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
  });

  test('/16 VPC: /20 subnets, inside the VPC, not overlapping', () => {
    const cidrs = resourceList(json, 'aws_subnet').map((s) => s.cidr_block as string);
    expect(cidrs).toHaveLength(4);
    cidrs.forEach((c, i) => {
      expect(c).toMatch(/\/20$/);
      expect(cidrInside(c, '10.20.0.0/16')).toBe(true);
      cidrs.slice(i + 1).forEach((d) => expect(cidrOverlaps(c, d)).toBe(false));
    });
  });

  test('no NAT gateway by default', () => {
    expect(resources(json, 'aws_nat_gateway')).toEqual({});
    expect(resources(json, 'aws_eip')).toEqual({});
  });

  test('Transit Gateway with the Region\'s distinct default ASN and default tables off', () => {
    const [, tgw] = only(json, 'aws_ec2_transit_gateway');
    expect(tgw.amazon_side_asn).toBe(defaultTransitGatewayAsn('eu-west-1'));
    expect(tgw.default_route_table_association).toBe('disable');
    expect(tgw.default_route_table_propagation).toBe('disable');
  });

  test('TGW VPC attachment sits on the private subnets', () => {
    expect(only(json, 'aws_ec2_transit_gateway_vpc_attachment')[1].subnet_ids).toEqual(
      [1, 2].map((i) => ref('aws_subnet', `network_private_subnet_az${i}`, 'id')),
    );
  });

  test('flow logs go to an encrypted log group through the role from the global stack', () => {
    const [, flowLog] = only(json, 'aws_flow_log');
    expect(flowLog.vpc_id).toBe(ref('aws_vpc', 'network_vpc', 'id'));
    expect(flowLog.iam_role_arn).toBe('${data.terraform_remote_state.global.outputs.flow_logs_role_arn}');
    const [, group] = only(json, 'aws_cloudwatch_log_group');
    expect(group.kms_key_id).toBe(ref('aws_kms_key', 'flow_logs_key', 'arn'));
    expect(group.retention_in_days).toBe(365);
    expect(flowLog.traffic_type).toBe('ALL');
  });

  test('default security group has no rules', () => {
    const [, sg] = only(json, 'aws_default_security_group');
    expect(sg.ingress).toEqual([]);
    expect(sg.egress).toEqual([]);
  });

  test('every policy parses; none is a wildcard Allow or names a wildcard principal', () => {
    const documents = policyDocuments(json);
    expect(documents.map((d) => `${d.address}.${d.attribute}`).sort()).toEqual([
      'aws_kms_key.flow_logs_key.policy',
      'aws_kms_replica_key.kms_key.policy',
      'aws_s3_bucket_policy.entry_access_logs_policy.policy',
    ]);
    for (const { document } of documents) {
      expect(overlyBroadAllows(document)).toEqual([]);
      expect(wildcardPrincipalAllows(document)).toEqual([]);
    }
  });
});

const GLOBAL_KEY = '${data.terraform_remote_state.global.outputs.kms_primary_key_arn}';

describe('RegionStack security layer in a non-primary Region (defaults)', () => {
  const config = testConfig({ project: 'acme-net' });
  const { json } = synthRegion(config, 'eu-west-1');
  const [replicaId, replica] = only(json, 'aws_kms_replica_key');
  const policy: PolicyDocument = JSON.parse(replica.policy);

  test('a replica of the global primary key, read from the global stack\'s remote state', () => {
    expect(replicaId).toBe('kms_key');
    expect(replica.primary_key_arn).toBe(GLOBAL_KEY);
    expect(replica.provider).toBeUndefined();
  });

  test('the replica waits 30 days before deletion and terraform destroy cannot remove it', () => {
    expect(replica.deletion_window_in_days).toBe(30);
    expect(replica.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('the only multi-Region key resource here is the replica: no second primary', () => {
    expect(Object.keys(resources(json, 'aws_kms_key'))).toEqual(['flow_logs_key']);
    expect(resources(json, 'aws_kms_key').flow_logs_key.multi_region).toBeUndefined();
  });

  test('carries the same alias as the primary, on the replica', () => {
    expect(resources(json, 'aws_kms_alias').kms_alias).toEqual({ name: 'alias/acme-net', target_key_id: ref('aws_kms_replica_key', 'kms_key', 'key_id') });
  });

  test('its policy separates administrators (the account root by default) from users (none by default)', () => {
    const admin = statementBySid(policy, 'KeyAdministrators');
    expect(admin.Principal).toEqual({ AWS: [`arn:${dataRefById('aws_partition', 'partition', 'partition')}:iam::${dataRefById('aws_caller_identity', 'account', 'account_id')}:root`] });
    expect(admin.Action).toEqual(KEY_ADMIN_ACTIONS);
    expect(policy.Statement.filter((s) => s.Sid === 'KeyUsers')).toEqual([]);
  });

  test('its policy lets the security-audit role of the global stack decrypt logs through S3 in this Region', () => {
    const readers = statementBySid(policy, 'LogReadersDecryptThroughS3');
    const partition = dataRefById('aws_partition', 'partition', 'partition');
    const account = dataRefById('aws_caller_identity', 'account', 'account_id');
    expect(readers.Principal).toEqual({ AWS: [`arn:${partition}:iam::${account}:role/acme-net-security-audit`] });
    expect(readers.Condition).toEqual({ StringEquals: { 'kms:ViaService': `s3.${dataRefById('aws_region', 'kms_region', 'name')}.amazonaws.com` } });
  });

  test('exports kms_key_arn as this Region\'s replica', () => {
    expect(json.output!.kms_key_arn).toEqual({ value: ref('aws_kms_replica_key', 'kms_key', 'arn'), description: expect.stringContaining('replica') });
  });

  test('Security Hub is enabled here, AWS default standards off, FSBP subscribed after enablement', () => {
    expect(only(json, 'aws_securityhub_account')).toEqual([
      'security_hub_account',
      { enable_default_standards: false, auto_enable_controls: true, control_finding_generator: 'SECURITY_CONTROL' },
    ]);
    const subscriptions = resources(json, 'aws_securityhub_standards_subscription');
    expect(Object.values(subscriptions)).toEqual([
      {
        standards_arn: `arn:${dataRefById('aws_partition', 'partition', 'partition')}:securityhub:eu-west-1::${SECURITY_HUB_STANDARD_PATHS['aws-foundational-security-best-practices']}`,
        depends_on: ['aws_securityhub_account.security_hub_account'],
      },
    ]);
  });

  test('exports security_hub_arn as the hub of this Region', () => {
    expect(json.output!.security_hub_arn).toEqual({ value: ref('aws_securityhub_account', 'security_hub_account', 'arn'), description: expect.stringMatching(/\w{3,}/) });
  });
});

describe('RegionStack security layer in the primary Region', () => {
  const config = testConfig({ project: 'acme-net' });
  const { json } = synthRegion(config, 'us-east-1');

  test('creates no key of its own: the primary lives in the global stack', () => {
    expect(resources(json, 'aws_kms_replica_key')).toEqual({});
    expect(Object.keys(resources(json, 'aws_kms_key'))).toEqual(['flow_logs_key']);
    expect(resourceList(json, 'aws_kms_alias').map((a) => a.name)).toEqual(['alias/acme-net/vpc-flow-logs/us-east-1']);
  });

  test('still exports kms_key_arn, passing on the global stack\'s primary key', () => {
    expect(json.output!.kms_key_arn).toEqual({ value: GLOBAL_KEY, description: expect.stringContaining('primary') });
  });

  test('Security Hub is on here too', () => {
    expect(only(json, 'aws_securityhub_account')[0]).toBe('security_hub_account');
    expect(json.output!.security_hub_arn.value).toBe(ref('aws_securityhub_account', 'security_hub_account', 'arn'));
  });
});

describe('RegionStack with configured key principals and both Security Hub standards', () => {
  const ADMIN = 'arn:aws:iam::123456789012:role/key-admins';
  const USER = 'arn:aws:iam::123456789012:role/app';
  const READER = 'arn:aws:iam::123456789012:role/siem';
  const config = testConfig({
    security: {
      kms: { alias: 'alias/multi-region/foundation', administratorArns: [ADMIN], userArns: [USER] },
      cloudTrail: { logReaderArns: [READER] },
      securityHub: { standards: ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark'] },
    },
  });
  const { json } = synthRegion(config, 'eu-west-1');
  const policy: PolicyDocument = JSON.parse(only(json, 'aws_kms_replica_key')[1].policy);

  test('the replica policy names the configured administrators and users, each in their own statement', () => {
    expect(statementBySid(policy, 'KeyAdministrators')).toMatchObject({ Principal: { AWS: [ADMIN] }, Action: KEY_ADMIN_ACTIONS });
    const users = statementBySid(policy, 'KeyUsers');
    expect(users.Principal).toEqual({ AWS: [USER] });
    expect(asList(users.Action).filter((a) => KEY_ADMIN_ACTIONS.includes(a))).toEqual([]);
  });

  test('configured log readers may decrypt through S3, beside the security-audit role', () => {
    const principals = asList(statementBySid(policy, 'LogReadersDecryptThroughS3').Principal.AWS);
    expect(principals).toHaveLength(2);
    expect(principals[0]).toMatch(/:role\/multi-region-security-audit$/);
    expect(principals[1]).toBe(READER);
  });

  test('the configured alias', () => {
    expect(resources(json, 'aws_kms_alias').kms_alias.name).toBe('alias/multi-region/foundation');
  });

  test('one subscription per configured standard, each with this Region in its ARN', () => {
    const arns = resourceList(json, 'aws_securityhub_standards_subscription').map((s) => s.standards_arn);
    expect(arns).toEqual(
      (['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark'] as const).map(
        (s) => `arn:${dataRefById('aws_partition', 'partition', 'partition')}:securityhub:eu-west-1::${SECURITY_HUB_STANDARD_PATHS[s]}`,
      ),
    );
  });
});

describe('RegionStack Resource Explorer (on by default)', () => {
  const config = testConfig({ project: 'acme-net' });
  const primary = synthRegion(config, 'us-east-1').json;
  const other = synthRegion(config, 'eu-west-1').json;

  test('the primary holds the account\'s aggregator index and the project\'s view, created after it', () => {
    const [indexId, index] = only(primary, 'aws_resourceexplorer2_index');
    expect(index).toEqual({ type: 'AGGREGATOR' });
    const [viewId, view] = only(primary, 'aws_resourceexplorer2_view');
    expect(view).toMatchObject({ name: 'acme-net-resources', default_view: false, filters: [{ filter_string: 'tag:FoundationProject=acme-net' }], included_property: [{ name: 'tags' }] });
    expect(view.depends_on).toEqual([`aws_resourceexplorer2_index.${indexId}`]);
    expect(primary.output!.resource_explorer_index_arn).toEqual({ value: ref('aws_resourceexplorer2_index', indexId, 'arn'), description: expect.stringContaining('AGGREGATOR') });
    expect(primary.output!.resource_explorer_view_arn).toEqual({ value: ref('aws_resourceexplorer2_view', viewId, 'arn'), description: expect.stringContaining('tag:FoundationProject') });
  });

  test('every other Region has a local index and no view', () => {
    const [indexId, index] = only(other, 'aws_resourceexplorer2_index');
    expect(index).toEqual({ type: 'LOCAL' });
    expect(resources(other, 'aws_resourceexplorer2_view')).toEqual({});
    expect(other.output!.resource_explorer_index_arn).toEqual({ value: ref('aws_resourceexplorer2_index', indexId, 'arn'), description: expect.stringContaining('LOCAL') });
    expect(other.output!.resource_explorer_view_arn).toBeUndefined();
  });

  test('the index and the view carry the project tag through the provider\'s default tags (the deploy role\'s scope)', () => {
    expect(primary.provider!.aws[0].default_tags).toEqual([{ tags: expect.objectContaining({ FoundationProject: 'acme-net' }) }]);
  });

  test('off: no index, no view, no output', () => {
    const off = synthRegion(testConfig({ operations: { resourceExplorer: { enable: false } } }), 'us-east-1').json;
    expect(Object.keys(off.resource!).filter((type) => type.startsWith('aws_resourceexplorer2'))).toEqual([]);
    expect(Object.keys(off.output!).filter((name) => name.startsWith('resource_explorer'))).toEqual([]);
  });
});

describe('RegionStack with Security Hub disabled', () => {
  const config = testConfig({ security: { securityHub: { enable: false } } });
  const { json } = synthRegion(config, 'eu-west-1');

  test('has no Security Hub resource at all', () => {
    expect(Object.keys(json.resource!).filter((type) => type.startsWith('aws_securityhub'))).toEqual([]);
  });

  test('exports the contract without security_hub_arn, and keeps the replica key', () => {
    expect(Object.keys(json.output!).sort()).toEqual([...CONTRACT, ...TGW_CONTRACT].filter((o) => o !== 'security_hub_arn').sort());
    expect(only(json, 'aws_kms_replica_key')[0]).toBe('kms_key');
  });
});

describe('RegionStack AWS Config (on by default)', () => {
  const config = testConfig({ project: 'acme-net' });
  const account = dataRefById('aws_caller_identity', 'account', 'account_id');
  const stacks = Object.fromEntries(config.regions.map((r) => [r.name, synthRegion(config, r.name).json]));

  test.each(['us-east-1', 'eu-west-1'])('%s: records every supported type with the global stack\'s service-linked role; global types only in the primary Region', (name) => {
    const [, recorder] = only(stacks[name], 'aws_config_configuration_recorder');
    expect(recorder).toMatchObject({
      name: 'acme-net',
      role_arn: '${data.terraform_remote_state.global.outputs.config_service_linked_role_arn}',
      recording_group: { all_supported: true, include_global_resource_types: name === config.primaryRegion },
    });
  });

  test.each(['us-east-1', 'eu-west-1'])('%s: delivers to the Config bucket (not the Object Lock audit bucket) under config/, encrypted with the primary key (not a replica)', (name) => {
    const [, channel] = only(stacks[name], 'aws_config_delivery_channel');
    expect(channel).toMatchObject({ s3_bucket_name: `acme-net-config-${account}`, s3_key_prefix: 'config', s3_kms_key_arn: GLOBAL_KEY });
    expect(only(stacks[name], 'aws_config_configuration_recorder_status')[1].is_enabled).toBe(true);
  });

  test('exactly one Region records global resource types', () => {
    const recording = Object.entries(stacks).filter(([, json]) => only(json, 'aws_config_configuration_recorder')[1].recording_group.include_global_resource_types);
    expect(recording.map(([name]) => name)).toEqual([config.primaryRegion]);
  });

  test('off when security.config.enable is false', () => {
    const off = synthRegion(testConfig({ security: { config: { enable: false } } }), 'eu-west-1').json;
    for (const type of ['aws_config_configuration_recorder', 'aws_config_delivery_channel', 'aws_config_configuration_recorder_status']) expect(resources(off, type)).toEqual({});
    expect(JSON.stringify(off)).not.toContain('config_service_linked_role_arn');
  });
});

describe('RegionStack ASNs', () => {
  const config = testConfig({
    regions: [
      { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
      { name: 'eu-west-1', vpcCidr: '10.20.0.0/16', transitGatewayAsn: 4200000001 },
      { name: 'us-west-2', vpcCidr: '10.30.0.0/16' },
    ],
  });

  test('every Region\'s Transit Gateway has a distinct ASN, explicit ones honoured', () => {
    const asns = config.regions.map((r) => only(synthRegion(config, r.name).json, 'aws_ec2_transit_gateway')[1].amazon_side_asn);
    expect(asns[1]).toBe(4200000001);
    expect(new Set(asns).size).toBe(3);
  });
});

describe('RegionStack in vpc-peering mode', () => {
  const config = testConfig({ network: { interRegion: 'vpc-peering' } });
  const { json } = synthRegion(config, 'us-east-1');

  test('has no Transit Gateway resources at all', () => {
    expect(Object.keys(json.resource!).filter((type) => type.startsWith('aws_ec2_transit_gateway'))).toEqual([]);
  });

  test('exports the VPC part of the contract and no transit_gateway_* outputs (the primary: with the Resource Explorer view)', () => {
    expect(Object.keys(json.output!).sort()).toEqual([...CONTRACT, 'resource_explorer_view_arn'].sort());
  });
});

describe('RegionStack with NAT over 3 AZs and custom flow logs', () => {
  const config = testConfig({
    network: { enableNatGateway: true, azCount: 3, flowLogs: { retentionDays: 30, trafficType: 'REJECT' } },
  });
  const { json } = synthRegion(config, 'us-east-1');

  test('one NAT gateway per AZ, each in a different public subnet', () => {
    const nats = resourceList(json, 'aws_nat_gateway');
    expect(nats).toHaveLength(3);
    expect(new Set(nats.map((n) => n.subnet_id)).size).toBe(3);
    for (const nat of nats) expect(nat.subnet_id).toMatch(/aws_subnet\.network_public_subnet_az\d\.id/);
    expect(resourceList(json, 'aws_eip')).toHaveLength(3);
  });

  test('each private route table defaults to the NAT in its own AZ', () => {
    for (const az of [1, 2, 3]) {
      expect(resources(json, 'aws_route')[`network_private_default_route_az${az}`]).toEqual({
        route_table_id: ref('aws_route_table', `network_private_route_table_az${az}`, 'id'),
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: ref('aws_nat_gateway', `network_nat_gateway_az${az}`, 'id'),
      });
    }
  });

  test('outputs list three AZs worth of subnets and route tables', () => {
    expect(json.output!.private_route_table_ids.value).toHaveLength(3);
    expect(json.output!.private_subnet_ids.value).toHaveLength(3);
    expect(json.output!.availability_zones.value).toHaveLength(3);
  });

  test('flow-log retention and traffic type come from config', () => {
    expect(only(json, 'aws_cloudwatch_log_group')[1].retention_in_days).toBe(30);
    expect(only(json, 'aws_flow_log')[1].traffic_type).toBe('REJECT');
  });
});

describe('RegionStack with a /20 VPC and a per-Region AZ count', () => {
  const config = testConfig({
    regions: [
      { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
      { name: 'eu-west-1', vpcCidr: '10.20.16.0/20', azCount: 3 },
    ],
  });
  const { json } = synthRegion(config, 'eu-west-1');

  test('subnets are /24, inside the /20, one per tier per AZ', () => {
    const subnets = resourceList(json, 'aws_subnet');
    expect(subnets).toHaveLength(6);
    for (const s of subnets) {
      expect(s.cidr_block).toMatch(/\/24$/);
      expect(cidrInside(s.cidr_block, '10.20.16.0/20')).toBe(true);
    }
    expect(resources(json, 'aws_subnet').network_private_subnet_az1.cidr_block).toBe('10.20.16.0/24');
    expect(resources(json, 'aws_subnet').network_public_subnet_az1.cidr_block).toBe('10.20.24.0/24');
  });

  test('the other Region keeps the network default of 2 AZs', () => {
    expect(resourceList(synthRegion(config, 'us-east-1').json, 'aws_subnet')).toHaveLength(4);
  });
});
