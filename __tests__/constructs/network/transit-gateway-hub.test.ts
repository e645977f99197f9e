import { Testing, TerraformStack } from 'cdktf';
import { TransitGatewayHub } from '../../../src/constructs/network/transit-gateway-hub';
import { synthConstruct } from '../../helpers/synth';
import { only, ref } from '../../helpers/inspect';

describe('TransitGatewayHub', () => {
  const stack = synthConstruct(
    (scope) => new TransitGatewayHub(scope, 'tgw', { name: 'acme-eu-west-1', amazonSideAsn: 64533, vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'] }),
  );
  const [tgwId, tgw] = only(stack, 'aws_ec2_transit_gateway');
  const [tableId, table] = only(stack, 'aws_ec2_transit_gateway_route_table');
  const [attachmentId, attachment] = only(stack, 'aws_ec2_transit_gateway_vpc_attachment');

  test('Transit Gateway has the given ASN and no default route table association or propagation', () => {
    expect(tgw).toMatchObject({
      amazon_side_asn: 64533,
      default_route_table_association: 'disable',
      default_route_table_propagation: 'disable',
      auto_accept_shared_attachments: 'disable',
      dns_support: 'enable',
    });
    expect(tgw.tags.Name).toBe('acme-eu-west-1');
  });

  test('explicit route table belongs to the Transit Gateway', () => {
    expect(table.transit_gateway_id).toBe(ref('aws_ec2_transit_gateway', tgwId, 'id'));
  });

  test('VPC attachment sits on the given subnets and stays out of the default route table', () => {
    expect(attachment).toMatchObject({
      transit_gateway_id: ref('aws_ec2_transit_gateway', tgwId, 'id'),
      vpc_id: 'vpc-1',
      subnet_ids: ['subnet-a', 'subnet-b'],
      transit_gateway_default_route_table_association: false,
      transit_gateway_default_route_table_propagation: false,
    });
  });

  test('VPC attachment is associated with and propagates into the explicit route table', () => {
    const expected = {
      transit_gateway_attachment_id: ref('aws_ec2_transit_gateway_vpc_attachment', attachmentId, 'id'),
      transit_gateway_route_table_id: ref('aws_ec2_transit_gateway_route_table', tableId, 'id'),
    };
    expect(only(stack, 'aws_ec2_transit_gateway_route_table_association')[1]).toEqual(expected);
    expect(only(stack, 'aws_ec2_transit_gateway_route_table_propagation')[1]).toEqual(expected);
  });

  test.each([4200000000, 4294967294, 64512, 65534])('accepts the private ASN %p', (asn) => {
    const scope = new TerraformStack(Testing.app(), 'ok');
    expect(() => new TransitGatewayHub(scope, 'tgw', { name: 'n', amazonSideAsn: asn, vpcId: 'v', subnetIds: ['s'] })).not.toThrow();
  });

  test.each([64511, 65535, 100, 4199999999, 4294967295])('rejects the public or reserved ASN %p, naming it and the private ranges', (asn) => {
    const scope = new TerraformStack(Testing.app(), 'bad');
    expect(() => new TransitGatewayHub(scope, 'tgw', { name: 'n', amazonSideAsn: asn, vpcId: 'v', subnetIds: ['s'] })).toThrow(
      `amazonSideAsn: received ${asn}; expected a private ASN (64512-65534 or 4200000000-4294967294)`,
    );
  });
});
