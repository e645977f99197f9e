import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcPeeringLink } from '../../../src/constructs/network/vpc-peering-link';
import { synthConstruct } from '../../helpers/synth';
import { only, ref } from '../../helpers/inspect';

describe('VpcPeeringLink', () => {
  const stack = synthConstruct((scope) => {
    const east = new AwsProvider(scope, 'east', { region: 'us-east-1', alias: 'us_east_1' });
    const west = new AwsProvider(scope, 'west', { region: 'us-west-2', alias: 'us_west_2' });
    new VpcPeeringLink(scope, 'link', {
      requester: { region: 'us-east-1', provider: east, vpcId: 'vpc-east' },
      accepter: { region: 'us-west-2', provider: west, vpcId: 'vpc-west' },
      peerAccountId: '123456789012',
    });
  });
  const [connectionId, connection] = only(stack, 'aws_vpc_peering_connection');
  const [, accepter] = only(stack, 'aws_vpc_peering_connection_accepter');

  test('requester asks for a cross-Region peering and does not try to auto-accept it', () => {
    expect(connection).toMatchObject({
      provider: 'aws.us_east_1',
      vpc_id: 'vpc-east',
      peer_vpc_id: 'vpc-west',
      peer_region: 'us-west-2',
      peer_owner_id: '123456789012',
      auto_accept: false,
    });
    expect(connection.tags).toEqual({ Name: 'us-east-1 <-> us-west-2' });
  });

  test('accepter in the far Region accepts that connection', () => {
    expect(accepter).toMatchObject({
      provider: 'aws.us_west_2',
      vpc_peering_connection_id: ref('aws_vpc_peering_connection', connectionId, 'id'),
      auto_accept: true,
    });
    expect(accepter.tags).toEqual(connection.tags);
  });

  test('rejects a link whose two sides are in the same Region, naming the Region', () => {
    const scope = new TerraformStack(Testing.app(), 'bad');
    const p = new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
    const side = { region: 'eu-west-1', provider: p, vpcId: 'v' };
    expect(() => new VpcPeeringLink(scope, 'loop', { requester: side, accepter: side, peerAccountId: '1' })).toThrow(
      'VpcPeeringLink loop: requester and accepter are both in eu-west-1; expected two different Regions',
    );
  });
});
