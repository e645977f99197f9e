import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { HOSTED_ZONE_ID_PATTERN, domainNameProblem } from '../../aws/dns-names';

export interface PublicHostedZoneProps {
  /** Any provider: Route 53 is global. */
  readonly provider?: TerraformProvider;
  /** `edge.domainName`: the zone's name. */
  readonly domainName: string;
  /** `edge.hostedZoneId`: an existing public zone for `domainName`, used instead of creating one. @default a zone is created */
  readonly hostedZoneId?: string;
}

/**
 * The public hosted zone of the domain: created, or an existing one read by id.
 *
 * A created zone keeps `force_destroy = false` and `prevent_destroy`: its name servers are what
 * the registrar delegates to, a new zone gets new ones (the domain goes dark until someone updates
 * the delegation), and other teams' records live in it (ACM validation, application names), which
 * force_destroy would delete without a word. Destroying the stack therefore leaves the zone; an
 * operator who means to delete it removes it from state first.
 *
 * An existing zone is read through a data source whose postcondition checks, at plan, that the id
 * names a public zone of exactly `domainName`: records never land in another domain's zone.
 */
export class PublicHostedZone extends Construct {
  readonly zoneId: string;
  readonly domainName: string;
  /** The name servers to delegate to at the registrar (the zone_name_servers output). */
  readonly nameServers: string[];
  /** Set when the zone is created here. */
  readonly zone?: Route53Zone;
  /** Set when an existing zone is used. */
  readonly existing?: DataAwsRoute53Zone;

  constructor(scope: Construct, id: string, props: PublicHostedZoneProps) {
    super(scope, id);
    const owner = `PublicHostedZone ${id}`;
    const problem = domainNameProblem(props.domainName);
    if (problem) throw new Error(`${owner} domainName: received ${JSON.stringify(props.domainName)}; ${problem}`);
    this.domainName = props.domainName;
    if (props.hostedZoneId !== undefined) {
      if (!HOSTED_ZONE_ID_PATTERN.test(props.hostedZoneId)) {
        throw new Error(`${owner} hostedZoneId: received ${JSON.stringify(props.hostedZoneId)}; expected a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ"`);
      }
      this.existing = new DataAwsRoute53Zone(this, 'existing', {
        provider: props.provider,
        zoneId: props.hostedZoneId,
        lifecycle: {
          postcondition: [
            {
              condition: `\${trimsuffix(lower(self.name), ".") == "${props.domainName}" && !self.private_zone}`,
              errorMessage: `edge.hostedZoneId ${props.hostedZoneId} must be a public hosted zone named ${props.domainName} (edge.domainName); records would otherwise be written to another domain's zone.`,
            },
          ],
        },
      });
      this.zoneId = this.existing.zoneId;
      this.nameServers = this.existing.nameServers;
      return;
    }
    this.zone = new Route53Zone(this, 'zone', {
      provider: props.provider,
      name: props.domainName,
      comment: `Public zone of ${props.domainName} (multi-Region foundation edge layer)`,
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
    });
    this.zoneId = this.zone.zoneId;
    this.nameServers = this.zone.nameServers;
  }
}
