import { Construct } from 'constructs';
import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener, LbListenerDefaultAction } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbListenerCertificate } from '@cdktf/provider-aws/lib/lb-listener-certificate';
import { LoadBalancerListenerHttps, TLS12_POLICY } from '../../src/compliance/load-balancer-listener-https';
import { applyComplianceRules } from '../../src/compliance/foundation-rules';
import { RegionalEntryPoint } from '../../src/constructs/edge/regional-entry-point';

const RULE = LoadBalancerListenerHttps.name;
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/c459eb47-11c7-4c41-8f87-2ca750a7a716';
const redirect: LbListenerDefaultAction = { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } };
const notFound: LbListenerDefaultAction = { type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '404' } };
const forward: LbListenerDefaultAction = { type: 'forward', targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/0123456789abcdef' };

/** A stack checked by this rule alone (the lead registers it in FOUNDATION_RULES). */
function fixture(build: (scope: Construct, lb: Lb) => void) {
  const stack = new TerraformStack(Testing.app(), 'fixture');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const lb = new Lb(stack, 'lb', { name: 'acme-entry', subnets: ['subnet-a', 'subnet-b'] });
  build(stack, lb);
  const aspect = applyComplianceRules(stack, [LoadBalancerListenerHttps]);
  return {
    violations: () => {
      Testing.synth(stack);
      return aspect.violations();
    },
    synthError: () => {
      try {
        Testing.synth(stack, true);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  };
}

/** An HTTPS listener with the given policy (null: none). */
const https = (scope: Construct, lb: Lb, sslPolicy: string | null = 'ELBSecurityPolicy-TLS13-1-2-2021-06') =>
  new LbListener(scope, 'https', { loadBalancerArn: lb.arn, port: 443, protocol: 'HTTPS', sslPolicy: sslPolicy ?? undefined, certificateArn: CERT, defaultAction: [notFound] });

describe('LoadBalancerListenerHttps', () => {
  test('is named after its file', () => {
    expect(RULE).toBe('LoadBalancerListenerHttps');
  });

  test('compliant: HTTPS with a TLS 1.2+ policy and HTTP redirecting to it', () => {
    const f = fixture((scope, lb) => {
      https(scope, lb);
      new LbListener(scope, 'http', { loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', defaultAction: [redirect] });
    });
    expect(f.synthError()).toBeUndefined();
  });

  test('compliant: HTTP only when the stack has no certificate at all (nothing to redirect to)', () => {
    const f = fixture((scope, lb) => {
      const http = new LbListener(scope, 'http', { loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', defaultAction: [notFound] });
      new LbListenerRule(scope, 'rule', { listenerArn: http.arn, priority: 10, condition: [{ pathPattern: { values: ['/app/*'] } }], action: [forward] });
    });
    expect(f.violations()).toEqual([]);
  });

  test('compliant: the entry point in both its forms', () => {
    const props = {
      namePrefix: 'acme',
      region: 'us-east-1',
      facts: { account: '123456789012', partition: 'aws' },
      vpcId: 'vpc-0123456789abcdef0',
      vpcCidr: '10.10.0.0/16',
      publicSubnetIds: ['subnet-a', 'subnet-b'],
    };
    for (const domain of [undefined, { domainName: 'app.example.com', zoneId: 'Z0123456789ABCDEFGHIJ' }]) {
      const stack = new TerraformStack(Testing.app(), 'fixture');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      new RegionalEntryPoint(stack, 'entry', { ...props, https: domain });
      const aspect = applyComplianceRules(stack, [LoadBalancerListenerHttps]);
      Testing.synth(stack);
      expect(aspect.violations()).toEqual([]);
    }
  });

  test('non-compliant: an HTTP listener that answers beside an HTTPS one fails synth, naming the rule, the listener and what is expected', () => {
    const f = fixture((scope, lb) => {
      https(scope, lb);
      new LbListener(scope, 'http', { loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', defaultAction: [forward] });
    });
    expect(f.synthError()).toContain(
      `${RULE}: fixture/http (aws_lb_listener.http): HTTP listener's default action is "forward" although the stack has an HTTPS listener (aws_lb_listener.https); expected a single redirect action with protocol "HTTPS" (HTTP_301 or HTTP_302)`,
    );
  });

  test('non-compliant: a redirect to HTTP, and a listener without protocol (HTTP by default), are not redirects to HTTPS', () => {
    const f = fixture((scope, lb) => {
      https(scope, lb);
      new LbListener(scope, 'to_http', { loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTP', port: '8080', statusCode: 'HTTP_301' } }] });
      new LbListener(scope, 'no_protocol', { loadBalancerArn: lb.arn, port: 8080, defaultAction: [notFound] });
    });
    expect(f.violations().map((v) => v.address)).toEqual(['aws_lb_listener.to_http', 'aws_lb_listener.no_protocol']);
  });

  test('non-compliant: a rule that forwards plain HTTP on a redirecting listener', () => {
    const f = fixture((scope, lb) => {
      https(scope, lb);
      const http = new LbListener(scope, 'http', { loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', defaultAction: [redirect] });
      new LbListenerRule(scope, 'plain', { listenerArn: http.arn, priority: 10, condition: [{ pathPattern: { values: ['/api/*'] } }], action: [forward] });
    });
    expect(f.violations()).toEqual([
      {
        rule: RULE,
        path: 'fixture/plain',
        address: 'aws_lb_listener_rule.plain',
        message:
          'rule on HTTP listener aws_lb_listener.http answers with "forward" although the stack has an HTTPS listener (aws_lb_listener.https); expected a single redirect action with protocol "HTTPS" (HTTP_301 or HTTP_302)',
      },
    ]);
  });

  test('non-compliant: a listener certificate in the stack requires the redirect too', () => {
    const f = fixture((scope, lb) => {
      const http = new LbListener(scope, 'http', { loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', defaultAction: [notFound] });
      new LbListenerCertificate(scope, 'extra', { listenerArn: http.arn, certificateArn: CERT });
    });
    expect(f.violations().map((v) => v.message)).toEqual([
      'HTTP listener\'s default action is "fixed-response" although the stack has a listener certificate (aws_lb_listener_certificate.extra); expected a single redirect action with protocol "HTTPS" (HTTP_301 or HTTP_302)',
    ]);
  });

  test('non-compliant: HTTPS without a policy (ELB default allows TLS 1.0) or with an old one', () => {
    const unset = fixture((scope, lb) => https(scope, lb, null));
    expect(unset.violations().map((v) => v.message)).toEqual([
      'HTTPS listener has ssl_policy = (unset, ELB default ELBSecurityPolicy-2016-08, which allows TLS 1.0); expected a TLS 1.2+ policy such as "ELBSecurityPolicy-TLS13-1-2-2021-06"',
    ]);
    const old = fixture((scope, lb) => https(scope, lb, 'ELBSecurityPolicy-TLS-1-1-2017-01'));
    expect(old.violations().map((v) => v.message)).toEqual([
      'HTTPS listener has ssl_policy = "ELBSecurityPolicy-TLS-1-1-2017-01"; expected a TLS 1.2+ policy such as "ELBSecurityPolicy-TLS13-1-2-2021-06"',
    ]);
  });

  test('an override that turns the redirect off is seen', () => {
    const f = fixture((scope, lb) => {
      https(scope, lb);
      new LbListener(scope, 'http', { loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', defaultAction: [redirect] }).addOverride('default_action', [{ type: 'fixed-response', fixed_response: { content_type: 'text/plain', status_code: '200' } }]);
    });
    expect(f.violations().map((v) => v.address)).toEqual(['aws_lb_listener.http']);
  });

  test('TLS 1.2+ policies are recognised by name; older ones are not', () => {
    for (const ok of ['ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-TLS13-1-3-2021-06', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04', 'ELBSecurityPolicy-TLS-1-2-Ext-2018-06', 'ELBSecurityPolicy-FS-1-2-Res-2020-10']) {
      expect(ok).toMatch(TLS12_POLICY);
    }
    for (const bad of ['ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS-1-1-2017-01', 'ELBSecurityPolicy-FS-2018-06', 'ELBSecurityPolicy-TLS13-1-1-2021-06', 'ELBSecurityPolicy-TLS13-1-0-2021-06']) {
      expect(bad).not.toMatch(TLS12_POLICY);
    }
  });
});
