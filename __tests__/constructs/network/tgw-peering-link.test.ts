import { Construct } from 'constructs';
import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TgwPeeringLink } from '../../../src/constructs/network/tgw-peering-link';
import { resourceList, synthConstruct } from '../../helpers/synth';
import { only, ref } from '../../helpers/inspect';

function build(scope: Construct) {
  const east = new AwsProvider(scope, 'east', { region: 'us-east-1', alias: 'us_east_1' });
  const west = new AwsProvider(scope, 'west', { region: 'eu-west-1', alias: 'eu_west_1' });
  new TgwPeeringLink(scope, 'link', {
    requester: { region: 'us-east-1', provider: east, transitGatewayId: 'tgw-east', routeTableId: 'tgw-rtb-east' },
    accepter: { region: 'eu-west-1', provider: west, transitGatewayId: 'tgw-west', routeTableId: 'tgw-rtb-west' },
    peerAccountId: '123456789012',
  });
}

describe('TgwPeeringLink', () => {
  const stack = synthConstruct(build);
  const [attachmentId, attachment] = only(stack, 'aws_ec2_transit_gateway_peering_attachment');
  const [accepterId, accepter] = only(stack, 'aws_ec2_transit_gateway_peering_attachment_accepter');
  const associations = resourceList(stack, 'aws_ec2_transit_gateway_route_table_association');

  test('requester side creates the attachment towards the far Region\'s TGW in the given account', () => {
    expect(attachment).toMatchObject({
      provider: 'aws.us_east_1',
      transit_gateway_id: 'tgw-east',
      peer_transit_gateway_id: 'tgw-west',
      peer_region: 'eu-west-1',
      peer_account_id: '123456789012',
    });
    expect(attachment.tags).toEqual({ Name: 'us-east-1 <-> eu-west-1' });
  });

  test('accepter lives in the far Region and accepts that attachment', () => {
    expect(accepter.provider).toBe('aws.eu_west_1');
    expect(accepter.transit_gateway_attachment_id).toBe(ref('aws_ec2_transit_gateway_peering_attachment', attachmentId, 'id'));
    expect(accepter.tags).toEqual(attachment.tags);
  });

  test('the peering is associated with the explicit TGW route table on both sides, after acceptance', () => {
    expect(associations).toHaveLength(2);
    const bySide = Object.fromEntries(associations.map((a) => [a.provider, a]));
    expect(Object.keys(bySide).sort()).toEqual(['aws.eu_west_1', 'aws.us_east_1']);
    expect(bySide['aws.us_east_1'].transit_gateway_route_table_id).toBe('tgw-rtb-east');
    expect(bySide['aws.eu_west_1'].transit_gateway_route_table_id).toBe('tgw-rtb-west');
    for (const association of associations) {
      expect(association.transit_gateway_attachment_id).toBe(
        ref('aws_ec2_transit_gateway_peering_attachment_accepter', accepterId, 'transit_gateway_attachment_id'),
      );
      expect(association.depends_on).toEqual([`aws_ec2_transit_gateway_peering_attachment_accepter.${accepterId}`]);
    }
  });

  test('creates no routes or propagations (peering carries none; routes are added per CIDR elsewhere)', () => {
    expect(stack.resource?.aws_ec2_transit_gateway_route).toBeUndefined();
    expect(stack.resource?.aws_ec2_transit_gateway_route_table_propagation).toBeUndefined();
  });

  test('rejects a link whose two sides are in the same Region, naming the Region', () => {
    const scope = new TerraformStack(Testing.app(), 'bad');
    const p = new AwsProvider(scope, 'aws', { region: 'us-east-1' });
    const side = { region: 'us-east-1', provider: p, transitGatewayId: 't', routeTableId: 'r' };
    expect(() => new TgwPeeringLink(scope, 'loop', { requester: side, accepter: side, peerAccountId: '1' })).toThrow(
      'TgwPeeringLink loop: requester and accepter are both in us-east-1; expected two different Regions',
    );
  });
});
