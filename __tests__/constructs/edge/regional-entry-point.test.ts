import { TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RegionalEntryPoint, RegionalEntryPointProps } from '../../../src/constructs/edge/regional-entry-point';
import { entryPointLoadBalancerName, loadBalancerLogBucketName } from '../../../src/constructs/edge/entry-point-names';
import { REGION_NAMES } from '../../../src/aws/regions';
import { StackJson, resourceList, synthConstruct } from '../../helpers/synth';
import { only, onlyData, policyFixture, ref } from '../../helpers/inspect';

const FACTS = { account: '123456789012', partition: 'aws' };
const PROPS: RegionalEntryPointProps = {
  namePrefix: 'acme',
  region: 'us-east-1',
  facts: FACTS,
  vpcId: 'vpc-0123456789abcdef0',
  vpcCidr: '10.10.0.0/16',
  publicSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
};
const HTTPS = { domainName: 'app.example.com', zoneId: 'Z0123456789ABCDEFGHIJ' };

const build = (props: Partial<RegionalEntryPointProps> = {}) => {
  let entry: RegionalEntryPoint | undefined;
  const stack = synthConstruct((scope) => {
    entry = new RegionalEntryPoint(scope, 'entry', { ...PROPS, ...props });
  });
  return { stack, entry: entry! };
};

const listeners = (stack: StackJson) => Object.fromEntries(Object.entries(stack.resource?.aws_lb_listener ?? {}));

describe('RegionalEntryPoint without a domain (HTTP only)', () => {
  const { stack, entry } = build();
  const [lbId, lb] = only(stack, 'aws_lb');
  const [sgId, sg] = only(stack, 'aws_security_group');

  test('an internet-facing ALB in the public subnets behind its own security group', () => {
    expect(lb).toMatchObject({ name: 'acme-entry', internal: false, load_balancer_type: 'application', ip_address_type: 'ipv4', subnets: PROPS.publicSubnetIds });
    expect(lb.security_groups).toEqual([ref('aws_security_group', sgId, 'id')]);
  });

  test('drops invalid headers, HTTP/2 on, defensive desync mitigation, deletion protection off by default, 60 s idle timeout', () => {
    expect(lb).toMatchObject({ drop_invalid_header_fields: true, enable_http2: true, desync_mitigation_mode: 'defensive', enable_deletion_protection: false, idle_timeout: 60 });
  });

  test('access logs go to the Region\'s log bucket under the entry prefix, after the bucket policy exists', () => {
    const [bucketId, bucket] = only(stack, 'aws_s3_bucket');
    expect(bucket.bucket).toBe('acme-lb-us-east-1-123456789012');
    expect(lb.access_logs).toEqual({ bucket: ref('aws_s3_bucket', bucketId, 'bucket'), prefix: 'entry', enabled: true });
    const [policyId] = only(stack, 'aws_s3_bucket_policy');
    expect(lb.depends_on).toContain(`aws_s3_bucket_policy.${policyId}`);
  });

  test('the security group opens only port 80 to the internet and sends only to the VPC', () => {
    expect(sg.vpc_id).toBe(PROPS.vpcId);
    expect(sg.ingress.map((r: any) => [r.protocol, r.from_port, r.to_port, r.cidr_blocks])).toEqual([['tcp', 80, 80, ['0.0.0.0/0']]]);
    expect(sg.egress.map((r: any) => [r.protocol, r.from_port, r.to_port, r.cidr_blocks])).toEqual([['tcp', 0, 65535, ['10.10.0.0/16']]]);
  });

  test('one HTTP listener on 80 answering 404 by default, and /health answering 200 "ok" at the last priority', () => {
    const all = Object.values(listeners(stack));
    expect(all).toHaveLength(1);
    const [http] = all;
    expect(http).toMatchObject({ port: 80, protocol: 'HTTP', load_balancer_arn: ref('aws_lb', lbId, 'arn') });
    expect(http.default_action).toEqual([{ type: 'fixed-response', fixed_response: { content_type: 'text/plain', message_body: 'not found', status_code: '404' } }]);
    const [, rule] = only(stack, 'aws_lb_listener_rule');
    expect(rule.priority).toBe(50000);
    expect(rule.condition).toEqual([{ path_pattern: { values: ['/health'] } }]);
    expect(rule.action).toEqual([{ type: 'fixed-response', fixed_response: { content_type: 'text/plain', message_body: 'ok', status_code: '200' } }]);
    expect(rule.listener_arn).toBe(ref('aws_lb_listener', Object.keys(listeners(stack))[0], 'arn'));
  });

  test('no certificate, no DNS record, no HTTPS listener', () => {
    expect(resourceList(stack, 'aws_acm_certificate')).toEqual([]);
    expect(resourceList(stack, 'aws_route53_record')).toEqual([]);
    expect(entry.httpsListenerArn).toBeUndefined();
    expect(entry.certificate).toBeUndefined();
  });

  test('outputs for the stack: ARN, DNS name, zone id, listener ARN, security group id, health check', () => {
    const [httpId] = Object.keys(listeners(stack));
    const lbRef = (attribute: string) => ref('aws_lb', lbId, attribute);
    const resolved = synthConstruct((scope) => {
      const e = new RegionalEntryPoint(scope, 'entry', PROPS);
      new TerraformVariable(scope, 'outputs', { default: { arn: e.loadBalancerArn, dns: e.dnsName, zone: e.zoneId, http: e.httpListenerArn, sg: e.securityGroupId } });
    }) as unknown as { variable: Record<string, { default: unknown }> };
    expect(resolved.variable.outputs.default).toEqual({ arn: lbRef('arn'), dns: lbRef('dns_name'), zone: lbRef('zone_id'), http: ref('aws_lb_listener', httpId, 'arn'), sg: ref('aws_security_group', sgId, 'id') });
    expect(entry.healthCheck).toEqual({ protocol: 'HTTP', port: 80, path: '/health' });
  });

  test('passes every foundation compliance rule', () => {
    expect(policyFixture((scope) => new RegionalEntryPoint(scope, 'entry', PROPS)).violations()).toEqual([]);
  });
});

describe('RegionalEntryPoint with a domain (HTTPS)', () => {
  const { stack, entry } = build({ https: { ...HTTPS, subjectAlternativeNames: ['*.app.example.com'] } });
  const byPort = Object.fromEntries(Object.entries(listeners(stack)).map(([id, body]) => [body.port, { id, body }]));
  const [certId, cert] = only(stack, 'aws_acm_certificate');
  const [validationId, validation] = only(stack, 'aws_acm_certificate_validation');

  test('a DNS-validated certificate for the domain, replaced before it is destroyed', () => {
    expect(cert).toMatchObject({ domain_name: 'app.example.com', subject_alternative_names: ['*.app.example.com'], validation_method: 'DNS', key_algorithm: 'RSA_2048' });
    expect(cert.lifecycle).toEqual({ create_before_destroy: true });
  });

  test('one validation record per domain validation option in the given zone, and a validation that waits on them', () => {
    const [recordId, record] = only(stack, 'aws_route53_record');
    expect(record.for_each).toContain(`aws_acm_certificate.${certId}.domain_validation_options`);
    expect(record).toMatchObject({ zone_id: HTTPS.zoneId, name: '${each.value.resource_record_name}', type: '${each.value.resource_record_type}', records: ['${each.value.resource_record_value}'], allow_overwrite: true });
    expect(validation.certificate_arn).toBe(ref('aws_acm_certificate', certId, 'arn'));
    expect(JSON.stringify(validation.validation_record_fqdns)).toContain(`aws_route53_record.${recordId}`);
    expect(JSON.stringify(validation.validation_record_fqdns)).toContain('fqdn');
  });

  test('HTTPS on 443 with TLS 1.2+ and the validated certificate; 404 by default, /health on it', () => {
    const https = byPort[443].body;
    expect(https).toMatchObject({ protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', certificate_arn: ref('aws_acm_certificate_validation', validationId, 'certificate_arn') });
    expect(https.default_action[0].fixed_response.status_code).toBe('404');
    const [, rule] = only(stack, 'aws_lb_listener_rule');
    expect(rule.listener_arn).toBe(ref('aws_lb_listener', byPort[443].id, 'arn'));
    expect(entry.healthCheck).toEqual({ protocol: 'HTTPS', port: 443, path: '/health' });
  });

  test('HTTP on 80 redirects every request to HTTPS with a 301', () => {
    expect(byPort[80].body.default_action).toEqual([
      { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', host: '#{host}', path: '/#{path}', query: '#{query}', status_code: 'HTTP_301' } },
    ]);
  });

  test('the security group opens 80 and 443 only', () => {
    const [, sg] = only(stack, 'aws_security_group');
    expect(sg.ingress.map((r: any) => [r.from_port, r.to_port])).toEqual([[80, 80], [443, 443]]);
  });

  test('turning HTTPS on changes the security group in place (same name and description: no replacement of a group in use)', () => {
    const [, withHttps] = only(stack, 'aws_security_group');
    const [, withoutHttps] = only(build().stack, 'aws_security_group');
    expect([withHttps.name, withHttps.description, withHttps.vpc_id]).toEqual([withoutHttps.name, withoutHttps.description, withoutHttps.vpc_id]);
    expect(only(stack, 'aws_lb')[1].name).toBe(only(build().stack, 'aws_lb')[1].name);
  });

  test('the HTTPS listener ARN is an output', () => {
    expect(entry.httpsListenerArn).toBeDefined();
  });

  test('passes every foundation compliance rule', () => {
    expect(policyFixture((scope) => new RegionalEntryPoint(scope, 'entry', { ...PROPS, https: HTTPS })).violations()).toEqual([]);
  });
});

describe('RegionalEntryPoint settings and provider', () => {
  test('deletion protection, idle timeout, desync mode and log expiry follow the props', () => {
    const { stack } = build({ deletionProtection: true, idleTimeoutSeconds: 300, desyncMitigationMode: 'strictest', accessLogs: { expireAfterDays: 30 } });
    const [, lb] = only(stack, 'aws_lb');
    expect(lb).toMatchObject({ enable_deletion_protection: true, idle_timeout: 300, desync_mitigation_mode: 'strictest' });
    const [, lifecycle] = only(stack, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule[0].expiration).toEqual([{ days: 30 }]);
  });

  test('every resource and data source uses the given provider', () => {
    const stack = synthConstruct((scope) => {
      const provider = new AwsProvider(scope, 'eu', { region: 'eu-west-1', alias: 'eu_west_1' });
      new RegionalEntryPoint(scope, 'entry', { ...PROPS, region: 'eu-west-1', provider, https: HTTPS });
    });
    const blocks = [...Object.values(stack.resource ?? {}), ...Object.values(stack.data ?? {})].flatMap((byId) => Object.values(byId));
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks.filter((b) => b.provider !== 'aws.eu_west_1')).toEqual([]);
  });

  test('a long project falls back to the project alone as the load balancer name (32 characters at most)', () => {
    const project = 'a'.repeat(30);
    expect(entryPointLoadBalancerName('acme')).toBe('acme-entry');
    expect(entryPointLoadBalancerName(project)).toBe(project);
    const { stack } = build({ namePrefix: project });
    expect(only(stack, 'aws_lb')[1].name).toBe(project);
  });

  test('the log bucket name fits S3\'s 63 characters for a 32-character project in every known Region', () => {
    const longest = Math.max(...REGION_NAMES.map((r) => loadBalancerLogBucketName('p'.repeat(32), r, '123456789012').length));
    expect(longest).toBeLessThanOrEqual(63);
  });

  test.each([
    [{ namePrefix: 'internal' }, 'namePrefix: received "internal", which names the load balancer "internal-entry"'],
    [{ publicSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa'] }, 'publicSubnetIds: received 1 subnet(s); expected at least two'],
    [{ vpcCidr: '10.10.0.0' }, 'vpcCidr: received "10.10.0.0"; expected an IPv4 CIDR'],
    [{ idleTimeoutSeconds: 0 }, 'idleTimeoutSeconds: received 0; expected an integer from 1 to 4000'],
    [{ desyncMitigationMode: 'monitor' as never }, 'desyncMitigationMode: received "monitor"; expected one of "defensive", "strictest"'],
    [{ accessLogs: { expireAfterDays: 0 } }, 'expireAfterDays: received 0; expected an integer from 1 to 3650'],
    [{ https: { ...HTTPS, domainName: 'App.Example.com' } }, 'https.domainName: received "App.Example.com"; expected a lowercase DNS name'],
    [{ https: { ...HTTPS, subjectAlternativeNames: ['bad name'] } }, 'https.subjectAlternativeNames[0]: received "bad name"'],
    [{ https: { ...HTTPS, zoneId: '/hostedzone/Z123' } }, 'https.zoneId: received "/hostedzone/Z123"; expected a Route 53 hosted zone id'],
    [{ region: 'Europe' }, 'region: received "Europe"; expected a Region name'],
  ])('refuses %j with a clear error', (props, message) => {
    expect(() => build(props as Partial<RegionalEntryPointProps>)).toThrow(message);
  });
});

describe('ELB log delivery principal', () => {
  test('Regions opened before August 2022 also name the Regional ELB account (data.aws_elb_service_account)', () => {
    const { stack } = build();
    const [dataId] = onlyData(stack, 'aws_elb_service_account');
    const [, policy] = only(stack, 'aws_s3_bucket_policy');
    const delivery = JSON.parse(policy.policy).Statement.find((s: any) => s.Sid === 'ElbAccessLogDelivery');
    expect(delivery.Principal).toEqual({ Service: 'logdelivery.elasticloadbalancing.amazonaws.com', AWS: `\${data.aws_elb_service_account.${dataId}.arn}` });
    expect(delivery.Action).toBe('s3:PutObject');
    const [bucketId] = only(stack, 'aws_s3_bucket');
    expect(delivery.Resource).toBe(`${ref('aws_s3_bucket', bucketId, 'arn')}/entry/AWSLogs/123456789012/*`);
  });

  test('newer Regions use the service principal alone and read no data source (it fails there)', () => {
    const { stack } = build({ region: 'ap-southeast-4' });
    expect(stack.data?.aws_elb_service_account).toBeUndefined();
    const [, policy] = only(stack, 'aws_s3_bucket_policy');
    const delivery = JSON.parse(policy.policy).Statement.find((s: any) => s.Sid === 'ElbAccessLogDelivery');
    expect(delivery.Principal).toEqual({ Service: 'logdelivery.elasticloadbalancing.amazonaws.com' });
  });
});
