import { InspectedResource, PolicyRule, PolicyViolation, asList, violation } from './rule';

/** Listener types: aws_alb_listener is the provider's alias of aws_lb_listener. */
const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];
const RULE_TYPES = ['aws_lb_listener_rule', 'aws_alb_listener_rule'];
const CERTIFICATE_TYPES = ['aws_lb_listener_certificate', 'aws_alb_listener_certificate'];

/**
 * Elastic Load Balancing security policies that offer TLS 1.2 and later only: the TLS13-1-2 and
 * TLS13-1-3 families (FIPS, PQ, Res and Ext variants included), TLS-1-2 and FS-1-2. Every other
 * name, and an HTTPS listener without `ssl_policy` (ELB's default, ELBSecurityPolicy-2016-08),
 * accepts TLS 1.0 or 1.1.
 */
export const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-/;

const REDIRECT_EXPECTED = 'expected a single redirect action with protocol "HTTPS" (HTTP_301 or HTTP_302)';

const protocolOf = (listener: InspectedResource): string => String(listener.attributes.protocol ?? 'HTTP').toUpperCase();

type Block = Record<string, unknown>;

/** A nested block as synthesized: one object, or a list of them (cdktf writes both). */
const blocks = (value: unknown): Block[] => asList(value as Block | Block[]).filter((b): b is Block => typeof b === 'object' && b !== null);

/** True when the actions are exactly one redirect to HTTPS. */
function redirectsToHttps(actions: unknown): boolean {
  const list = blocks(actions);
  if (list.length !== 1) return false;
  const [action] = list;
  const [redirect] = blocks(action.redirect);
  return action.type === 'redirect' && redirect !== undefined && String(redirect.protocol).toUpperCase() === 'HTTPS' && ['HTTP_301', 'HTTP_302'].includes(String(redirect.status_code));
}

function describeActions(actions: unknown): string {
  const types = blocks(actions).map((a) => String(a.type));
  return types.length === 0 ? 'no action' : types.map((t) => `"${t}"`).join(', ');
}

/** The listener a rule names (`${aws_lb_listener.x.arn}`), if it is one of this stack. */
function listenerOf(rule: InspectedResource, listeners: readonly InspectedResource[]): InspectedResource | undefined {
  const match = /^\$\{((?:aws_lb_listener|aws_alb_listener)\.[^.}]+)\.(arn|id)\}$/.exec(String(rule.attributes.listener_arn ?? ''));
  return match ? listeners.find((l) => l.address === match[1]) : undefined;
}

/**
 * HTTPS everywhere once the stack can serve it: in a stack with an HTTPS listener or a listener
 * certificate, every HTTP listener redirects every request to HTTPS (its default action and every
 * rule on it), so no request is answered in plain text. Every HTTPS or TLS listener uses a
 * security policy of TLS 1.2 and later. A stack without any certificate may serve HTTP: it has
 * nothing else to offer.
 */
export const LoadBalancerListenerHttps: PolicyRule = {
  name: 'LoadBalancerListenerHttps',
  description: 'HTTPS and TLS listeners use a TLS 1.2+ security policy; where the stack has an HTTPS listener or a listener certificate, every HTTP listener and its rules redirect to HTTPS',
  evaluate(resources) {
    const out: PolicyViolation[] = [];
    const listeners = resources.filter((r) => LISTENER_TYPES.includes(r.type));
    const secure = listeners.filter((l) => ['HTTPS', 'TLS'].includes(protocolOf(l)));
    for (const listener of secure) {
      const policy = listener.attributes.ssl_policy;
      if (typeof policy !== 'string' || !TLS12_POLICY.test(policy)) {
        const received = policy === undefined ? '(unset, ELB default ELBSecurityPolicy-2016-08, which allows TLS 1.0)' : JSON.stringify(policy);
        out.push(violation(this, listener, `${protocolOf(listener)} listener has ssl_policy = ${received}; expected a TLS 1.2+ policy such as "ELBSecurityPolicy-TLS13-1-2-2021-06"`));
      }
    }
    const certificates = resources.filter((r) => CERTIFICATE_TYPES.includes(r.type));
    const https = secure.find((l) => protocolOf(l) === 'HTTPS');
    if (https !== undefined || certificates.length > 0) {
      const why = https !== undefined ? `the stack has an HTTPS listener (${https.address})` : `the stack has a listener certificate (${certificates[0].address})`;
      const plain = listeners.filter((l) => protocolOf(l) === 'HTTP');
      for (const listener of plain) {
        if (!redirectsToHttps(listener.attributes.default_action)) {
          out.push(violation(this, listener, `HTTP listener's default action is ${describeActions(listener.attributes.default_action)} although ${why}; ${REDIRECT_EXPECTED}`));
        }
      }
      for (const rule of resources.filter((r) => RULE_TYPES.includes(r.type))) {
        const listener = listenerOf(rule, plain);
        if (listener && !redirectsToHttps(rule.attributes.action)) {
          out.push(violation(this, rule, `rule on HTTP listener ${listener.address} answers with ${describeActions(rule.attributes.action)} although ${why}; ${REDIRECT_EXPECTED}`));
        }
      }
    }
    return out;
  },
};
