import { Construct } from 'constructs';
import { Fn, TerraformIterator, Token } from 'cdktf';
import { FoundationConfig } from '../config/validate';
import { failoverRegionOf, staticOriginRegions } from '../config/edge/failover-region-cross-checks';
import { recordFqdn } from '../aws/dns-names';
import { resourceNames } from '../aws/resource-names';
import { StaticContentBucket } from '../constructs/edge/static-content-bucket';
import { StaticContentBucketPolicy } from '../constructs/edge/static-content-bucket-policy';
import { StaticContentReplication } from '../constructs/edge/static-content-replication';
import { StaticSiteDistribution } from '../constructs/edge/static-site-distribution';
import { staticBucketName } from '../constructs/edge/static-content-names';
import { RegionalEntryPoint } from '../constructs/edge/regional-entry-points';
import { RegionHealthChecks } from '../constructs/edge/region-health-checks';
import { LatencyRecords } from '../constructs/edge/latency-records';
import { GeolocationRecords } from '../constructs/edge/geolocation-records';
import { StaticContentAlias } from '../constructs/edge/static-content-alias';
import { GLOBAL_ACCELERATOR_API_REGION, GlobalAccelerator } from '../constructs/edge/global-accelerator';
import { RECOVERY_CONTROL_API_REGION, RecoveryControl } from '../constructs/edge/recovery-control';
import { LinkStack } from './link-stack';
import { writeOutputs } from './outputs';
import { OutputValues } from './contracts/contract';
import { GLOBAL_EDGE_OUTPUTS } from './contracts/global-edge-outputs';
import { GLOBAL_EDGE_STACK } from './stack-names';

type Outputs = OutputValues<typeof GLOBAL_EDGE_OUTPUTS>;

/**
 * Traffic toward users once every Region's entry point exists: the static content (a bucket in the
 * primary and the failover Region, replicated one way) behind one CloudFront distribution whose
 * origin group fails over from the primary to the failover bucket; a Route 53 health check per
 * Region; with a domain, latency (and optional geolocation) records aliasing each Region's load
 * balancer and an alias of the distribution; optionally Global Accelerator and ARC. Global services
 * use their fixed-Region providers, everything else the provider of its Region.
 */
export class GlobalEdgeStack extends LinkStack {
  constructor(scope: Construct, config: FoundationConfig) {
    super(scope, GLOBAL_EDGE_STACK, config, { readsGlobal: true });
    if (!config.edge.enable) {
      writeOutputs(this, GLOBAL_EDGE_OUTPUTS, {});
      return;
    }
    const { distributionDomainName, ...content } = this.staticContent();
    writeOutputs(this, GLOBAL_EDGE_OUTPUTS, { ...content, ...this.traffic(distributionDomainName) });
  }

  private get domain(): string | undefined {
    return this.config.edge.domainName;
  }

  /** The buckets are here, not in the region stacks: their one policy names the distribution, created here. */
  private staticContent(): Pick<Outputs, 'static_bucket_names' | 'cloudfront_distribution_id' | 'cloudfront_domain_name'> & { distributionDomainName: string } {
    const { config, facts } = this;
    const { cloudfront } = config.edge;
    const bucket = (region: string) =>
      new StaticContentBucket(this, `static_${region}`, {
        provider: this.provider(region),
        region,
        bucketName: staticBucketName(config.project, region, facts.account),
        kmsKeyArn: this.regionState(region).get('kms_key_arn'),
        noncurrentVersionExpirationDays: cloudfront.noncurrentVersionExpirationDays,
      });
    const primary = bucket(config.primaryRegion);
    const failoverRegion = failoverRegionOf(config);
    const failover = failoverRegion !== undefined ? bucket(failoverRegion) : undefined;
    const buckets = failover ? [primary, failover] : [primary];
    const [first, second] = staticOriginRegions(config).map((region) => buckets.find((b) => b.region === region)!);

    const distribution = new StaticSiteDistribution(this, 'cdn', {
      provider: this.globalServiceProvider('cloudfront'),
      project: config.project,
      primary: first,
      failover: second,
      failoverStatusCodes: cloudfront.failoverStatusCodes,
      priceClass: cloudfront.priceClass,
      customDomain:
        cloudfront.certificateArn !== undefined && this.domain !== undefined
          ? { certificateArn: cloudfront.certificateArn, aliases: [recordFqdn(this.domain, config.edge.staticRecordName)] }
          : undefined,
    });
    for (const b of buckets) {
      new StaticContentBucketPolicy(this, `static_${b.region}_policy`, {
        provider: this.provider(b.region),
        bucket: b,
        account: facts.account,
        distributionArn: distribution.distributionArn,
      });
    }
    if (failover) {
      new StaticContentReplication(this, 'static_replication', {
        provider: this.provider(config.primaryRegion),
        source: primary,
        destination: failover,
        roleName: resourceNames(config).staticReplicationRole,
        account: facts.account,
      });
    }
    return {
      static_bucket_names: Object.fromEntries(buckets.map((b) => [b.region, b.bucketName])),
      cloudfront_distribution_id: distribution.distributionId,
      cloudfront_domain_name: distribution.domainName,
      distributionDomainName: distribution.domainName,
    };
  }

  private traffic(distributionDomainName: string): Omit<Outputs, 'static_bucket_names' | 'cloudfront_distribution_id' | 'cloudfront_domain_name'> {
    const { config } = this;
    const { edge } = config;
    const primary = this.provider(config.primaryRegion);
    const entryPoints: RegionalEntryPoint[] = config.regions.map((r) => {
      const state = this.regionState(r.name);
      return {
        region: r.name,
        loadBalancerArn: state.get('load_balancer_arn'),
        loadBalancerDnsName: state.get('load_balancer_dns_name'),
        loadBalancerZoneId: state.get('load_balancer_zone_id'),
      };
    });
    const https = this.domain !== undefined;
    const checks = new RegionHealthChecks(this, 'health', {
      provider: primary,
      project: config.project,
      entryPoints,
      https,
      failureThreshold: edge.healthCheck.failureThreshold,
      requestIntervalSeconds: edge.healthCheck.requestIntervalSeconds,
    });
    const outputs: Omit<Outputs, 'static_bucket_names' | 'cloudfront_distribution_id' | 'cloudfront_domain_name'> = { health_check_ids: checks.healthCheckIds };

    let recordChecks = checks.healthCheckIds;
    if (edge.recoveryControl.enable) {
      const arc = new RecoveryControl(this, 'arc', {
        provider: this.globalServiceProvider('route53-recovery-control'),
        providerRegion: RECOVERY_CONTROL_API_REGION,
        route53Provider: primary,
        project: config.project,
        endpointHealthCheckIds: checks.healthCheckIds,
        safetyRuleWaitPeriodMs: edge.recoveryControl.safetyRuleWaitPeriodMs,
      });
      recordChecks = arc.recordHealthCheckIds;
      // The cluster's Regions and endpoints are AWS's choice, known after apply: Region => endpoint.
      const endpoints = TerraformIterator.fromList(arc.cluster.clusterEndpoints);
      outputs.arc_cluster_endpoints = Token.asStringMap(endpoints.forExpressionForMap('val.region', 'val.endpoint'));
      outputs.arc_routing_control_arns = Object.fromEntries(Object.entries(arc.routingControls).map(([region, control]) => [region, control.arn]));
    }

    if (edge.globalAccelerator.enable) {
      const accelerator = new GlobalAccelerator(this, 'accelerator', {
        provider: this.globalServiceProvider('global-accelerator'),
        providerRegion: GLOBAL_ACCELERATOR_API_REGION,
        project: config.project,
        entryPoints,
        https,
        trafficDial: edge.globalAccelerator.trafficDial,
        flowLogs: edge.globalAccelerator.flowLogs,
      });
      outputs.global_accelerator_dns_name = accelerator.accelerator.dnsName;
      const ipSets = TerraformIterator.fromList(accelerator.accelerator.ipSets);
      outputs.global_accelerator_ips = Token.asList(Fn.flatten(ipSets.forExpressionForList('val.ip_addresses')));
    }

    if (this.domain !== undefined) {
      const zoneId = this.globalState.get('hosted_zone_id');
      const latency = new LatencyRecords(this, 'latency', { provider: primary, zoneId, domainName: this.domain, recordName: edge.recordName, entryPoints, healthCheckIds: recordChecks });
      if (edge.geolocation.enable) {
        new GeolocationRecords(this, 'geolocation', {
          provider: primary,
          zoneId,
          domainName: this.domain,
          recordName: edge.geolocation.recordName,
          entryPoints,
          healthCheckIds: recordChecks,
          continents: edge.geolocation.continents,
          countries: edge.geolocation.countries,
          defaultRegion: edge.geolocation.defaultRegion ?? config.primaryRegion,
        });
      }
      outputs.application_fqdn = latency.fqdn;
      // Only with a certificate: without it the distribution does not answer to the name (CloudFront
      // serves an alternate domain name only with a certificate for it), and the alias would lead nowhere.
      if (edge.cloudfront.certificateArn !== undefined) {
        new StaticContentAlias(this, 'static_alias', { provider: primary, zoneId, domainName: this.domain, recordName: edge.staticRecordName, distributionDomainName });
        outputs.static_fqdn = recordFqdn(this.domain, edge.staticRecordName);
      }
    }
    return outputs;
  }
}
