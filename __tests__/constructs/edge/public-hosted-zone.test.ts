import { TerraformOutput } from 'cdktf';
import { PublicHostedZone } from '../../../src/constructs/edge/public-hosted-zone';
import { resourceList, synthConstruct } from '../../helpers/synth';
import { dataSources } from '../../helpers/inspect';

describe('PublicHostedZone', () => {
  test('created: the domain\'s public zone, never force-destroyed, protected from destroy', () => {
    const stack = synthConstruct((scope) => new PublicHostedZone(scope, 'zone', { domainName: 'example.com' }));
    const zones = resourceList(stack, 'aws_route53_zone');
    expect(zones).toHaveLength(1);
    expect(zones[0]).toMatchObject({ name: 'example.com', force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(zones[0].vpc).toBeUndefined();
    expect(dataSources(stack, 'aws_route53_zone')).toEqual({});
  });

  test('existing by id: read, not created, and refused at plan unless it is the public zone of the domain', () => {
    const stack = synthConstruct((scope) => {
      const zone = new PublicHostedZone(scope, 'zone', { domainName: 'example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' });
      new TerraformOutput(scope, 'zone_id', { value: zone.zoneId });
    });
    expect(resourceList(stack, 'aws_route53_zone')).toEqual([]);
    const [data] = Object.values(dataSources(stack, 'aws_route53_zone'));
    expect(data.zone_id).toBe('Z0123456789ABCDEFGHIJ');
    expect(data.lifecycle.postcondition).toEqual([
      {
        condition: '${trimsuffix(lower(self.name), ".") == "example.com" && !self.private_zone}',
        error_message: expect.stringContaining('must be a public hosted zone named example.com'),
      },
    ]);
    expect((stack as any).output.zone_id.value).toMatch(/^\$\{data\.aws_route53_zone\.zone_existing_[0-9A-F]+\.zone_id\}$/);
  });

  test('bad input names the prop, the value and what is allowed', () => {
    expect(() => synthConstruct((scope) => new PublicHostedZone(scope, 'zone', { domainName: 'Example.com' }))).toThrow(
      'PublicHostedZone zone domainName: received "Example.com"; upper case is not kept by DNS; expected a lower-case domain name',
    );
    expect(() => synthConstruct((scope) => new PublicHostedZone(scope, 'zone', { domainName: 'example.com.' }))).toThrow('a trailing dot is not needed');
    expect(() => synthConstruct((scope) => new PublicHostedZone(scope, 'zone', { domainName: 'example.com', hostedZoneId: '/hostedzone/Z123' }))).toThrow(
      'PublicHostedZone zone hostedZoneId: received "/hostedzone/Z123"; expected a Route 53 hosted zone id',
    );
  });
});
