import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { IMAGE_BUILD_INTERFACE_SERVICES, ImageBuildEndpoints, ImageBuildEndpointsProps } from '../../../src/constructs/compute/image-build-endpoints';
import { resourceList, synthConstruct } from '../../helpers/synth';
import { only, policyFixture, ref } from '../../helpers/inspect';

const PROPS: ImageBuildEndpointsProps = {
  name: 'acme-us-east-1',
  region: 'us-east-1',
  vpcId: 'vpc-0123456789abcdef0',
  vpcCidr: '10.10.0.0/16',
  privateSubnetIds: ['subnet-0000000000000000a', 'subnet-0000000000000000b'],
  privateRouteTableIds: ['rtb-0000000000000000a', 'rtb-0000000000000000b'],
};

describe('ImageBuildEndpoints', () => {
  const stack = synthConstruct((scope) => new ImageBuildEndpoints(scope, 'endpoints', PROPS));
  const endpoints = resourceList(stack, 'aws_vpc_endpoint');
  const interfaces = endpoints.filter((e) => e.vpc_endpoint_type === 'Interface');
  const [groupId, group] = only(stack, 'aws_security_group');

  test('one interface endpoint per service a build calls, in the VPC\'s Region', () => {
    expect(interfaces.map((e) => e.service_name).sort()).toEqual(
      ['com.amazonaws.us-east-1.ec2messages', 'com.amazonaws.us-east-1.imagebuilder', 'com.amazonaws.us-east-1.logs', 'com.amazonaws.us-east-1.ssm', 'com.amazonaws.us-east-1.ssmmessages'],
    );
    expect(IMAGE_BUILD_INTERFACE_SERVICES).toHaveLength(5);
  });

  test('interface endpoints sit in every private subnet with private DNS, behind the endpoint group', () => {
    for (const endpoint of interfaces) {
      expect(endpoint).toMatchObject({
        vpc_id: PROPS.vpcId,
        private_dns_enabled: true,
        subnet_ids: PROPS.privateSubnetIds,
        security_group_ids: [ref('aws_security_group', groupId, 'id')],
      });
      expect(endpoint.route_table_ids).toBeUndefined();
    }
  });

  test('an S3 gateway endpoint on every private route table', () => {
    const gateways = endpoints.filter((e) => e.vpc_endpoint_type === 'Gateway');
    expect(gateways).toEqual([
      expect.objectContaining({ service_name: 'com.amazonaws.us-east-1.s3', vpc_id: PROPS.vpcId, route_table_ids: PROPS.privateRouteTableIds }),
    ]);
    expect(gateways[0].subnet_ids).toBeUndefined();
    expect(endpoints).toHaveLength(6);
  });

  test('the endpoint group accepts HTTPS from the VPC only and opens nothing outbound', () => {
    expect(group.vpc_id).toBe(PROPS.vpcId);
    expect(group.ingress).toEqual([
      expect.objectContaining({ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.10.0.0/16'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false }),
    ]);
    expect(group.egress).toEqual([]);
  });

  test('follows a given provider', () => {
    const aliased = synthConstruct((scope) => {
      const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
      const provider = new AwsProvider(scope, 'primary', { region: 'us-east-1', alias: 'us_east_1' });
      new ImageBuildEndpoints(scope, 'endpoints', { ...PROPS, provider });
    });
    for (const endpoint of resourceList(aliased, 'aws_vpc_endpoint')) expect(endpoint.provider).toBe('aws.us_east_1');
    expect(only(aliased, 'aws_security_group')[1].provider).toBe('aws.us_east_1');
  });

  test('passes the compliance rules', () => {
    expect(policyFixture((scope) => new ImageBuildEndpoints(scope, 'endpoints', PROPS)).violations()).toEqual([]);
  });

  describe('input checks', () => {
    const build = (props: Partial<ImageBuildEndpointsProps>) => () => new ImageBuildEndpoints(new TerraformStack(Testing.app(), 'bad'), 'endpoints', { ...PROPS, ...props });

    test.each([
      [{ name: '' }, 'ImageBuildEndpoints endpoints name: received ""; expected 1-201 letters'],
      [{ region: 'useast1' }, 'ImageBuildEndpoints endpoints region: received "useast1"; expected a Region name such as us-east-1'],
      [{ vpcCidr: '10.10.0.0' }, 'ImageBuildEndpoints endpoints vpcCidr: received "10.10.0.0"; expected an IPv4 CIDR'],
      [{ privateSubnetIds: [] }, 'ImageBuildEndpoints endpoints privateSubnetIds: received []; expected at least one id (one per AZ)'],
      [{ privateRouteTableIds: [] }, 'ImageBuildEndpoints endpoints privateRouteTableIds: received []'],
    ])('%p is rejected with the value and what is allowed', (props, message) => {
      expect(build(props as Partial<ImageBuildEndpointsProps>)).toThrow(message);
    });

    test('lists and CIDR read from remote state are accepted', () => {
      const stack = new TerraformStack(Testing.app(), 'tokens');
      const list = (name: string) => new TerraformVariable(stack, name, { type: 'list(string)' }).listValue;
      const text = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
      expect(
        () => new ImageBuildEndpoints(stack, 'endpoints', { ...PROPS, vpcId: text('vpc'), vpcCidr: text('cidr'), privateSubnetIds: list('subnets'), privateRouteTableIds: list('tables') }),
      ).not.toThrow();
    });
  });
});
