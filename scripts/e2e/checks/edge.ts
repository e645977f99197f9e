import { DescribeListenersCommand, DescribeLoadBalancersCommand, DescribeRulesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetHealthCheckCommand, ListHealthChecksCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { GetDistributionConfigCommand, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { GetBucketEncryptionCommand, GetBucketReplicationCommand } from '@aws-sdk/client-s3';
import { DescribeAcceleratorCommand, ListAcceleratorsCommand, ListEndpointGroupsCommand, ListListenersCommand } from '@aws-sdk/client-global-accelerator';
import { FoundationConfig } from '../../../src/config/validate';
import { failoverRegionOf } from '../../../src/config/edge/failover-region-cross-checks';
import { recordFqdn } from '../../../src/aws/dns-names';
import { CREDENTIALS, EmulatorAws } from '../aws';
import { endpointsFromJson, listRoutingControls, withEndpoints } from '../../arc/routing-control-lib';
import { clusterClientFactory } from '../../arc/cluster-client';
import { Checklist, sameMembers } from '../checklist';
import { DeployedOutputs } from '../outputs';

/**
 * The edge layer read back: every Region's load balancer with its /health answer and the health
 * check on it; the static buckets on their Regions' keys, replicated primary to failover; the
 * distribution's origin group (primary first, failover second) behind the default behaviour; with a
 * domain the latency records; Global Accelerator's endpoint group per Region when on.
 */
export async function checkEdgeDeployed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  if (!config.edge.enable) return;
  await checkEntryPoints(aws, config, outputs, c);
  await checkStaticContent(aws, config, outputs, c);
  if (config.edge.domainName !== undefined) await checkRecords(aws, config, outputs, c);
  if (config.edge.globalAccelerator.enable) await checkAccelerator(aws, config, outputs, c);
  if (config.edge.recoveryControl.enable) await checkRecoveryControl(config, outputs, c);
}

/**
 * ARC through the routing-control script's own library and clients, on the cluster endpoints the
 * stack exports (the emulator's): one control per Region, all turned On, and the safety rule refusing
 * to turn every Region Off.
 */
async function checkRecoveryControl(config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const endpoints = endpointsFromJson({ arc_cluster_endpoints: outputs.globalEdge.get('arc_cluster_endpoints') }, 'global-edge outputs');
  const arns = outputs.globalEdge.get('arc_routing_control_arns');
  c.expect(sameMembers(Object.keys(arns), config.regions.map((r) => r.name)), `a routing control per Region (got ${Object.keys(arns).join(', ')})`);
  const factory = clusterClientFactory(CREDENTIALS);
  const io = { log: () => undefined, random: Math.random };
  const states = async () => Object.fromEntries((await withEndpoints(endpoints, factory, io, (api) => listRoutingControls(api))).map((r) => [r.RoutingControlArn, r.RoutingControlState]));
  const set = (state: 'On' | 'Off') =>
    withEndpoints(endpoints, factory, io, (api) => api.updateRoutingControlStates({ UpdateRoutingControlStateEntries: Object.values(arns).map((arn) => ({ RoutingControlArn: arn, RoutingControlState: state })) }));
  const listed = await states();
  c.expect(Object.values(arns).every((arn) => arn in listed), 'the cluster lists every routing control');
  await set('On');
  const on = await states();
  c.expect(Object.values(arns).every((arn) => on[arn] === 'On'), 'every routing control turned On through the cluster endpoints');
  const refused = await set('Off').then(() => false, (error) => (error as Error).name === 'ConflictException');
  c.expect(refused, 'the safety rule refuses turning every Region Off');
}

async function checkEntryPoints(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const checkIds = outputs.globalEdge.get('health_check_ids');
  c.expect(sameMembers(Object.keys(checkIds), config.regions.map((r) => r.name)), `a health check per Region (got ${Object.keys(checkIds).join(', ')})`);
  for (const region of config.regions.map((r) => r.name)) {
    const client = aws.elbv2(region);
    const arn = outputs.region(region).get('load_balancer_arn');
    const lb = (await client.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }))).LoadBalancers?.[0];
    c.expect(lb?.Scheme === 'internet-facing' && lb.Type === 'application', `${region}: an internet-facing Application Load Balancer`);
    c.expect(lb?.DNSName === outputs.region(region).get('load_balancer_dns_name'), `${region}: load_balancer_dns_name is the load balancer's`);
    const listeners = (await client.send(new DescribeListenersCommand({ LoadBalancerArn: arn }))).Listeners ?? [];
    const http = listeners.find((l) => l.Port === 80);
    c.expect(http?.ListenerArn === outputs.region(region).get('http_listener_arn'), `${region}: the HTTP listener is http_listener_arn`);
    if (config.edge.domainName === undefined) {
      const rules = http?.ListenerArn ? (await client.send(new DescribeRulesCommand({ ListenerArn: http.ListenerArn }))).Rules ?? [] : [];
      const health = rules.find((r) => r.Conditions?.some((cond) => (cond.PathPatternConfig?.Values ?? cond.Values ?? []).includes('/health')));
      c.expect(health?.Actions?.[0]?.FixedResponseConfig?.StatusCode === '200', `${region}: /health answers 200 on the HTTP listener`);
      c.expect(http?.DefaultActions?.[0]?.FixedResponseConfig?.StatusCode === '404', `${region}: everything else answers 404 until an application attaches`);
    } else {
      c.expect(http?.DefaultActions?.[0]?.RedirectConfig?.Protocol === 'HTTPS', `${region}: HTTP redirects to HTTPS`);
      const https = listeners.find((l) => l.Port === 443);
      c.expect(https?.Protocol === 'HTTPS' && /TLS13-1-2/.test(https.SslPolicy ?? ''), `${region}: an HTTPS listener with a TLS 1.2+ policy (got ${https?.SslPolicy})`);
    }
    const check = checkIds[region] ? (await aws.route53().send(new GetHealthCheckCommand({ HealthCheckId: checkIds[region] }))).HealthCheck?.HealthCheckConfig : undefined;
    c.expect(check?.FullyQualifiedDomainName === lb?.DNSName && check?.ResourcePath === '/health', `${region}: the health check probes ${lb?.DNSName}/health (got ${check?.FullyQualifiedDomainName}${check?.ResourcePath ?? ''})`);
  }
}

async function checkStaticContent(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const buckets = outputs.globalEdge.get('static_bucket_names');
  const failover = failoverRegionOf(config);
  const expected = failover ? [config.primaryRegion, failover] : [config.primaryRegion];
  c.expect(sameMembers(Object.keys(buckets), expected), `static buckets in ${expected.join(' and ')} (got ${Object.keys(buckets).join(', ')})`);
  for (const [region, bucket] of Object.entries(buckets)) {
    const encryption = await aws.s3(region).send(new GetBucketEncryptionCommand({ Bucket: bucket })).catch(() => undefined);
    const rule = encryption?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
    c.expect(rule?.SSEAlgorithm === 'aws:kms' && rule.KMSMasterKeyID === outputs.region(region).get('kms_key_arn'), `${bucket}: SSE-KMS with ${region}'s key (got ${rule?.SSEAlgorithm} ${rule?.KMSMasterKeyID})`);
  }
  if (failover) {
    const replication = await aws.s3(config.primaryRegion).send(new GetBucketReplicationCommand({ Bucket: buckets[config.primaryRegion] })).catch(() => undefined);
    const destination = replication?.ReplicationConfiguration?.Rules?.[0]?.Destination;
    c.expect(destination?.Bucket === `arn:aws:s3:::${buckets[failover]}`, `the primary bucket replicates to ${buckets[failover]} (got ${destination?.Bucket})`);
    c.expect(destination?.EncryptionConfiguration?.ReplicaKmsKeyID === outputs.region(failover).get('kms_key_arn'), `replicas are encrypted with ${failover}'s key`);
  }

  const id = outputs.globalEdge.get('cloudfront_distribution_id');
  const distribution = (await aws.cloudfront().send(new GetDistributionConfigCommand({ Id: id }))).DistributionConfig;
  const origins = distribution?.Origins?.Items ?? [];
  const regionOfOrigin = (originId: string | undefined) => Object.entries(buckets).find(([, b]) => origins.find((o) => o.Id === originId)?.DomainName?.startsWith(`${b}.`))?.[0];
  c.expect(origins.every((o) => Boolean(o.OriginAccessControlId)), 'every origin reads through Origin Access Control');
  const behaviour = distribution?.DefaultCacheBehavior;
  c.expect(behaviour?.ViewerProtocolPolicy === 'redirect-to-https', `viewers are redirected to HTTPS (got ${behaviour?.ViewerProtocolPolicy})`);
  if (failover) {
    const group = distribution?.OriginGroups?.Items?.[0];
    const members = group?.Members?.Items?.map((m) => regionOfOrigin(m.OriginId)) ?? [];
    c.expect(members.join() === [config.primaryRegion, failover].join(), `the origin group is ${config.primaryRegion} then ${failover} (got ${members.join(', ')})`);
    c.expect(behaviour?.TargetOriginId === group?.Id, 'the default behaviour targets the origin group');
    const codes = group?.FailoverCriteria?.StatusCodes?.Items ?? [];
    c.expect(sameMembers(codes, config.edge.cloudfront.failoverStatusCodes), `fails over on ${config.edge.cloudfront.failoverStatusCodes.join(', ')} (got ${codes.join(', ')})`);
  }
  c.expect((behaviour?.FunctionAssociations?.Items ?? []).some((f) => f.EventType === 'viewer-request'), 'a CloudFront Function runs on viewer request');
}

async function checkRecords(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const zone = outputs.global.get('hosted_zone_id');
  const sets = (await aws.route53().send(new ListResourceRecordSetsCommand({ HostedZoneId: zone }))).ResourceRecordSets ?? [];
  const fqdn = `${recordFqdn(config.edge.domainName!, config.edge.recordName)}.`;
  const latency = sets.filter((r) => r.Name === fqdn && r.Type === 'A' && r.Region !== undefined);
  c.expect(sameMembers(latency.map((r) => r.SetIdentifier), config.regions.map((r) => r.name)), `${fqdn}: a latency record per Region (got ${latency.map((r) => r.SetIdentifier).join(', ')})`);
  for (const record of latency) {
    const region = record.SetIdentifier!;
    c.expect(record.Region === region && record.AliasTarget?.EvaluateTargetHealth === true && Boolean(record.HealthCheckId), `${fqdn} ${region}: latency in ${region}, alias with target health, a health check`);
    c.expect(record.AliasTarget?.DNSName?.replace(/\.$/, '').toLowerCase() === outputs.region(region).get('load_balancer_dns_name').toLowerCase(), `${fqdn} ${region}: aliases ${region}'s load balancer`);
  }
}

async function checkAccelerator(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, c: Checklist): Promise<void> {
  const client = aws.globalAccelerator();
  const dns = outputs.globalEdge.get('global_accelerator_dns_name');
  const accelerator = ((await client.send(new ListAcceleratorsCommand({}))).Accelerators ?? []).find((a) => a.DnsName === dns);
  c.expect(Boolean(accelerator), `the accelerator ${dns}`);
  if (!accelerator?.AcceleratorArn) return;
  const described = (await client.send(new DescribeAcceleratorCommand({ AcceleratorArn: accelerator.AcceleratorArn }))).Accelerator;
  c.expect(described?.Enabled === true, 'the accelerator is enabled');
  const listeners = (await client.send(new ListListenersCommand({ AcceleratorArn: accelerator.AcceleratorArn }))).Listeners ?? [];
  const groups = listeners[0]?.ListenerArn ? (await client.send(new ListEndpointGroupsCommand({ ListenerArn: listeners[0].ListenerArn }))).EndpointGroups ?? [] : [];
  c.expect(sameMembers(groups.map((g) => g.EndpointGroupRegion), config.regions.map((r) => r.name)), `an endpoint group per Region (got ${groups.map((g) => g.EndpointGroupRegion).join(', ')})`);
  for (const group of groups) {
    const region = group.EndpointGroupRegion!;
    c.expect(group.EndpointDescriptions?.[0]?.EndpointId === outputs.region(region).get('load_balancer_arn'), `${region}: the endpoint group holds ${region}'s load balancer`);
    c.expect(group.TrafficDialPercentage === (config.edge.globalAccelerator.trafficDial[region] ?? 100), `${region}: traffic dial ${config.edge.globalAccelerator.trafficDial[region] ?? 100}`);
  }
}

/**
 * After destroy: no load balancer, health check, distribution or accelerator left. The buckets
 * (static content, load balancer logs) and a created zone are prevent_destroy: released from state
 * before destroy, they stay, as an operator decommissioning the stacks would find them.
 */
export async function checkEdgeDestroyed(aws: EmulatorAws, config: FoundationConfig, c: Checklist): Promise<void> {
  for (const region of config.regions.map((r) => r.name)) {
    const lbs = (await aws.elbv2(region).send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    c.expect(lbs.length === 0, `${region}: no load balancer left (got ${lbs.map((l) => l.LoadBalancerName).join(', ')})`);
  }
  const checks = (await aws.route53().send(new ListHealthChecksCommand({}))).HealthChecks ?? [];
  c.expect(checks.length === 0, `no Route 53 health check left (got ${checks.length})`);
  const distributions = (await aws.cloudfront().send(new ListDistributionsCommand({}))).DistributionList?.Items ?? [];
  c.expect(distributions.length === 0, `no CloudFront distribution left (got ${distributions.length})`);
  if (config.edge.globalAccelerator.enable) {
    const accelerators = (await aws.globalAccelerator().send(new ListAcceleratorsCommand({}))).Accelerators ?? [];
    c.expect(accelerators.length === 0, `no accelerator left (got ${accelerators.length})`);
  }
}
