import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { CLOUDFRONT_HOSTED_ZONE_ID, recordFqdn } from '../../aws/dns-names';
import { checkRecordName } from './latency-records';

export interface StaticContentAliasProps {
  /** Any provider: Route 53 is global. */
  readonly provider?: TerraformProvider;
  readonly zoneId: string;
  readonly domainName: string;
  /** `edge.staticRecordName`; the distribution must list `<name>.<domain>` among its aliases. */
  readonly recordName: string;
  /** The distribution's domain name (dxxxx.cloudfront.net). */
  readonly distributionDomainName: string;
  /** The distribution has is_ipv6_enabled: an AAAA alias too. @default true */
  readonly ipv6?: boolean;
}

/**
 * Alias records for the CloudFront distribution. CloudFront aliases always use the fixed zone
 * Z2FDTNDATAQYW2, and Route 53 refuses evaluate_target_health = true on them (CloudFront's own
 * origin failover is the health mechanism here).
 */
export class StaticContentAlias extends Construct {
  readonly records: Route53Record[];
  readonly fqdn: string;

  constructor(scope: Construct, id: string, props: StaticContentAliasProps) {
    super(scope, id);
    checkRecordName(`StaticContentAlias ${id}`, 'recordName', props.recordName);
    this.fqdn = recordFqdn(props.domainName, props.recordName);
    const types = props.ipv6 === false ? ['A'] : ['A', 'AAAA'];
    this.records = types.map(
      (type) =>
        new Route53Record(this, type.toLowerCase(), {
          provider: props.provider,
          zoneId: props.zoneId,
          name: this.fqdn,
          type,
          alias: { name: props.distributionDomainName, zoneId: CLOUDFRONT_HOSTED_ZONE_ID, evaluateTargetHealth: false },
        }),
    );
  }
}
