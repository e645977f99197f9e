import { crossChecks } from '../../src/config/cross-checks';
import { formatProblem } from '../../src/config/errors';
import { configWith } from '../helpers/config-cases';

const lines = (input: unknown) => crossChecks(input).map(formatProblem);

describe('crossChecks', () => {
  test('finds nothing wrong with a valid config', () => {
    expect(crossChecks(configWith())).toEqual([]);
  });

  test.each([null, undefined, 42, 'text', [], {}, { regions: 'x', network: 3 }, { regions: [null, 1, 'x', []] }])(
    'reads malformed input %p without throwing (the schema reports it)',
    (input) => {
      expect(crossChecks(input)).toEqual([]);
    },
  );

  describe('duplicate Regions', () => {
    test('reports every repeat at its own index, pointing at the first listing', () => {
      const input = configWith((c) => {
        c.regions.push({ name: 'us-east-1', vpcCidr: '10.30.0.0/16' }, { name: 'us-east-1', vpcCidr: '10.40.0.0/16' });
      });
      expect(lines(input)).toEqual([
        'regions[2].name: received "us-east-1"; duplicate of regions[0].name; each Region may be listed once',
        'regions[3].name: received "us-east-1"; duplicate of regions[0].name; each Region may be listed once',
      ]);
    });

    test('leaves unknown names to the schema', () => {
      expect(crossChecks(configWith((c) => c.regions.push({ name: 'xx-nowhere-1', vpcCidr: '10.30.0.0/16' }, { name: 'xx-nowhere-1', vpcCidr: '10.40.0.0/16' })))).toEqual([]);
    });
  });

  describe('primary Region', () => {
    test('must be listed', () => {
      expect(lines(configWith((c) => (c.primaryRegion = 'ap-south-1')))).toEqual([
        'primaryRegion: received "ap-south-1"; not one of the listed Regions; allowed: us-east-1, eu-west-1',
      ]);
    });

    test('an invalid listed name is pointed at as a possible cause', () => {
      expect(lines(configWith((c) => (c.regions[0].name = 'us-east1')))).toEqual([
        'primaryRegion: received "us-east-1"; not one of the listed Regions; allowed: eu-west-1 (or correct regions[0].name)',
      ]);
    });

    test('is not checked when regions is empty or not a list (the schema reports that)', () => {
      expect(crossChecks(configWith((c) => (c.regions = [])))).toEqual([]);
      expect(crossChecks(configWith((c) => (c.regions = { name: 'us-east-1' })))).toEqual([]);
    });

    test('unknown or missing primary names are left to the schema', () => {
      expect(crossChecks(configWith((c) => (c.primaryRegion = 'us-east-9')))).toEqual([]);
      expect(crossChecks(configWith((c) => delete c.primaryRegion))).toEqual([]);
    });
  });

  describe('overlapping VPC CIDRs', () => {
    test('every overlapping pair is reported once, on the later Region', () => {
      const input = configWith((c) => {
        c.regions.push(
          { name: 'us-west-2', vpcCidr: '10.20.16.0/20' },
          { name: 'ap-south-1', vpcCidr: '10.0.0.0/12' },
          { name: 'sa-east-1', vpcCidr: '10.30.0.0/16' },
        );
      });
      expect(lines(input)).toEqual([
        'regions[2].vpcCidr: received "10.20.16.0/20"; overlaps regions[1].vpcCidr (10.20.0.0/16); VPC CIDRs must not overlap',
        'regions[3].vpcCidr: received "10.0.0.0/12"; overlaps regions[0].vpcCidr (10.10.0.0/16); VPC CIDRs must not overlap',
      ]);
    });

    test('adjacent blocks do not overlap', () => {
      expect(crossChecks(configWith((c) => (c.regions[1].vpcCidr = '10.11.0.0/16')))).toEqual([]);
      expect(crossChecks(configWith((c) => (c.regions[1].vpcCidr = '10.9.255.0/24')))).toEqual([]);
    });

    test('malformed CIDRs are left to the schema', () => {
      expect(crossChecks(configWith((c) => (c.regions[1].vpcCidr = '10.10.0.1/16')))).toEqual([]);
      expect(crossChecks(configWith((c) => (c.regions[1].vpcCidr = 'ten')))).toEqual([]);
    });
  });

  describe('Availability Zones per Region', () => {
    test('an explicit count above what the Region has', () => {
      expect(lines(configWith((c) => (c.regions[1].azCount = 4)))).toEqual([
        'regions[1].azCount: received 4; eu-west-1 has 3 Availability Zones; expected at most 3',
      ]);
    });

    test('an inherited count names network.azCount and the override that would fix it', () => {
      expect(lines(configWith((c) => (c.network.azCount = 4)))).toEqual([
        'network.azCount: received 4; eu-west-1 has 3 Availability Zones; expected at most 3 (or set regions[1].azCount)',
      ]);
    });

    test('counts the schema already rejects are not reported twice', () => {
      expect(crossChecks(configWith((c) => (c.network.azCount = 7)))).toEqual([]);
      expect(crossChecks(configWith((c) => (c.regions[0].azCount = 2.5)))).toEqual([]);
    });
  });

  describe('Transit Gateway ASNs', () => {
    test('an explicit ASN equal to another Region default clashes', () => {
      expect(lines(configWith((c) => (c.regions[0].transitGatewayAsn = 64512 + 21)))).toEqual([
        'regions[0].transitGatewayAsn: received 64533; same ASN as the Transit Gateway of regions[1] (eu-west-1); every Transit Gateway needs a distinct ASN',
      ]);
    });

    test('two explicit equal ASNs are both reported', () => {
      const input = configWith((c) => {
        c.regions[0].transitGatewayAsn = 65000;
        c.regions[1].transitGatewayAsn = 65000;
      });
      expect(crossChecks(input).map((p) => p.path)).toEqual([
        ['regions', 0, 'transitGatewayAsn'],
        ['regions', 1, 'transitGatewayAsn'],
      ]);
    });

    test('an explicit ASN equal to its own Region default is fine', () => {
      expect(crossChecks(configWith((c) => (c.regions[0].transitGatewayAsn = 64512)))).toEqual([]);
    });
  });

  describe('secret readers', () => {
    const withReaders = (project: string | undefined, readerArns: string[]) =>
      configWith((c) => {
        if (project) c.project = project;
        c.security = { secrets: [{ name: 'a' }, { name: 'b', readerArns }] };
      });

    test('the deploy role (<project>-deploy) is never a reader: it never reads a value', () => {
      expect(lines(withReaders('acme', ['arn:aws:iam::123456789012:role/app', 'arn:aws:iam::123456789012:role/acme-deploy']))).toEqual([
        'security.secrets[1].readerArns[1]: received "arn:aws:iam::123456789012:role/acme-deploy"; is the deploy role acme-deploy, which never reads a secret value; expected the roles or users of the applications that use the secret',
      ]);
    });

    test('with the default project the deploy role is multi-region-deploy', () => {
      expect(crossChecks(withReaders(undefined, ['arn:aws:iam::123456789012:role/multi-region-deploy'])).map((p) => p.path)).toEqual([
        ['security', 'secrets', 1, 'readerArns', 0],
      ]);
    });

    test('roles that merely resemble it are readers like any other', () => {
      expect(crossChecks(withReaders('acme', ['arn:aws:iam::123456789012:role/acme-deployer', 'arn:aws:iam::123456789012:role/ci/acme-deploy-app']))).toEqual([]);
    });
  });

  describe('organization trail', () => {
    test('needs the organization id, whose prefix the audit bucket opens to member accounts', () => {
      expect(lines(configWith((c) => (c.security = { cloudTrail: { organizationTrail: true } })))).toEqual([
        'security.cloudTrail.organizationId: received nothing (the key is required); expected the AWS Organizations id (o-…) when security.cloudTrail.organizationTrail is true: the audit bucket lets the trail write member accounts\' logs only under AWSLogs/<organization id>/ (`aws organizations describe-organization` shows it)',
      ]);
    });

    test('with the id it is fine; with CloudTrail off neither key matters', () => {
      expect(crossChecks(configWith((c) => (c.security = { cloudTrail: { organizationTrail: true, organizationId: 'o-a1b2c3d4e5' } })))).toEqual([]);
      expect(crossChecks(configWith((c) => (c.security = { cloudTrail: { enable: false, organizationTrail: true } })))).toEqual([]);
    });

    test('an id without an organization trail is reported rather than silently unused', () => {
      expect(lines(configWith((c) => (c.security = { cloudTrail: { organizationId: 'o-a1b2c3d4e5' } })))).toEqual([
        'security.cloudTrail.organizationId: received "o-a1b2c3d4e5"; only used by an organization trail; set security.cloudTrail.organizationTrail to true or remove organizationId',
      ]);
    });
  });

  test('alert e-mails listed twice, or that would share one Terraform name, are reported on the later one', () => {
    expect(lines(configWith((c) => (c.security = { cloudTrail: { alertEmails: ['a.b@example.com', 'a_b@example.com', 'a.b@example.com'] } })))).toEqual([
      'security.cloudTrail.alertEmails[1]: received "a_b@example.com"; differs from security.cloudTrail.alertEmails[0] (a.b@example.com) only in punctuation, and both would get the Terraform name "email_a_b_example_com"; subscribe one of them outside Terraform',
      'security.cloudTrail.alertEmails[2]: received "a.b@example.com"; duplicate of security.cloudTrail.alertEmails[0]; list each address once',
    ]);
  });

  test('VPC peering cannot be hub-and-spoke', () => {
    expect(lines(configWith((c) => (c.network = { interRegion: 'vpc-peering', topology: 'hub-and-spoke' })))).toEqual([
      'network.topology: received "hub-and-spoke"; VPC peering is not transitive, so it supports only "full-mesh"; use interRegion "transit-gateway" for hub-and-spoke',
    ]);
  });
});
