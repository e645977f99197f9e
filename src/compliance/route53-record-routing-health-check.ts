import { PolicyRule, PolicyViolation, asList, violation } from './rule';

const ROUTING_POLICIES = ['latency_routing_policy', 'geolocation_routing_policy', 'failover_routing_policy', 'weighted_routing_policy', 'geoproximity_routing_policy', 'cidr_routing_policy'];

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/**
 * Every aws_route53_record with a routing policy (latency, geolocation, failover, weighted,
 * geoproximity, CIDR) carries a health_check_id, and when it is an alias, evaluate_target_health =
 * true. A routed record without them stays in DNS while its Region is down or switched off (ARC),
 * so Route 53 keeps sending users there: the failover the records exist for never happens.
 */
export const Route53RecordRoutingHealthCheck: PolicyRule = {
  name: 'Route53RecordRoutingHealthCheck',
  description: 'Every routed aws_route53_record (latency, geolocation, failover, weighted, ...) has a health_check_id and, as an alias, evaluate_target_health = true',
  evaluate(resources) {
    const out: PolicyViolation[] = [];
    for (const record of resources.filter((r) => r.type === 'aws_route53_record')) {
      const policy = ROUTING_POLICIES.find((p) => isSet(record.attributes[p]));
      if (policy === undefined) continue;
      const missing: string[] = [];
      if (!isSet(record.attributes.health_check_id)) missing.push('health_check_id (unset)');
      const alias = asList<Record<string, unknown>>(record.attributes.alias as Record<string, unknown> | undefined)[0];
      if (alias !== undefined && alias.evaluate_target_health !== true && alias.evaluate_target_health !== 'true') {
        missing.push(`alias.evaluate_target_health = ${JSON.stringify(alias.evaluate_target_health ?? false)}`);
      }
      if (missing.length > 0) {
        out.push(violation(this, record, `record with ${policy.replace(/_/g, ' ')} has ${missing.join(' and ')}; expected a health check and, for an alias, evaluate_target_health = true, so that an unhealthy Region leaves DNS`));
      }
    }
    return out;
  },
};
