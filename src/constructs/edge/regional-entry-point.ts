import { Construct } from 'constructs';
import { TerraformIterator, TerraformProvider, Token } from 'cdktf';
import { SecurityGroup, SecurityGroupIngress } from '@cdktf/provider-aws/lib/security-group';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { AccountFacts } from '../../aws/account-facts';
import { DESYNC_MITIGATION_MODES, MAX_IDLE_TIMEOUT_SECONDS } from '../../config/edge/load-balancer-schema';
import { LoadBalancerLogBucket } from './load-balancer-log-bucket';
import {
  ACCESS_LOG_PREFIX,
  HEALTH_PATH,
  TLS_POLICY,
  entryPointLoadBalancerName,
  loadBalancerLogBucketName,
  loadBalancerNameProblem,
} from './entry-point-names';

export interface EntryPointHttpsProps {
  /** The name clients use in this Region, e.g. "app.example.com"; the certificate's subject. */
  readonly domainName: string;
  /** More names on the certificate, e.g. "*.example.com". @default none */
  readonly subjectAlternativeNames?: readonly string[];
  /**
   * An existing public hosted zone (id) that holds `domainName`, where the DNS validation records go.
   * It must answer publicly (delegated) before the deploy: the certificate waits for validation.
   */
  readonly zoneId: string;
}

export interface RegionalEntryPointProps {
  /** Name prefix (the project): the load balancer, its security group and the log bucket are named after it. */
  readonly namePrefix: string;
  /** The Region of `provider` (log bucket name, ELB log delivery principal). */
  readonly region: string;
  /** Account of the stack (`accountFacts` in src/stacks). */
  readonly facts: AccountFacts;
  readonly vpcId: string;
  /** The VPC's CIDR: the only destination the load balancer may open connections to (its targets). */
  readonly vpcCidr: string;
  /** The VPC's public subnets, at least two, in different Availability Zones (an ALB needs two). */
  readonly publicSubnetIds: readonly string[];
  /** HTTPS on 443 with an ACM certificate of this Region; without it the entry point answers HTTP only. @default HTTP only */
  readonly https?: EntryPointHttpsProps;
  /** `edge.loadBalancer.deletionProtection`. @default false */
  readonly deletionProtection?: boolean;
  /** `edge.loadBalancer.idleTimeoutSeconds`. @default 60 */
  readonly idleTimeoutSeconds?: number;
  /** `edge.loadBalancer.desyncMitigationMode`. @default "defensive" */
  readonly desyncMitigationMode?: (typeof DESYNC_MITIGATION_MODES)[number];
  /** `edge.loadBalancer.accessLogs`. @default { expireAfterDays: 90 } */
  readonly accessLogs?: { readonly expireAfterDays?: number };
  /** The provider of `region` when it is not the stack's default. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/** Where a health check (Route 53, Global Accelerator) finds the entry point's answer. */
export interface EntryPointHealthCheck {
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly port: number;
  readonly path: string;
}

const HTTP_PORT = 80;
const HTTPS_PORT = 443;
/** The last priority ELB accepts: any rule an application adds for the same path wins over this one. */
const HEALTH_RULE_PRIORITY = 50000;
const DOMAIN_NAME = /^(\*\.)?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;

const notFound = { type: 'fixed-response', fixedResponse: { contentType: 'text/plain', messageBody: 'not found', statusCode: '404' } };

/**
 * One Region's entry point (issue 10 item 1): an internet-facing Application Load Balancer in the
 * public subnets that answers `GET /health` with 200 "ok" and everything else with 404 until
 * applications add listener rules and target groups; access logs to the Region's log bucket.
 *
 * With `https`: an ACM certificate for the domain, DNS-validated in the given zone, an HTTPS
 * listener on 443 (TLS 1.2+), and the HTTP listener redirects every request to HTTPS (301).
 * Without it the entry point is HTTP only on 80: an HTTPS listener needs a certificate, and ACM
 * issues one only for a domain whose DNS the account proves it controls.
 */
export class RegionalEntryPoint extends Construct {
  readonly loadBalancer: Lb;
  readonly securityGroup: SecurityGroup;
  readonly logBucket: LoadBalancerLogBucket;
  readonly httpListener: LbListener;
  readonly httpsListener?: LbListener;
  readonly certificate?: AcmCertificate;
  /** The `/health` rule, on the HTTPS listener when there is one. */
  readonly healthRule: LbListenerRule;

  readonly loadBalancerArn: string;
  readonly dnsName: string;
  /** The load balancer's canonical hosted zone, for Route 53 alias records. */
  readonly zoneId: string;
  readonly httpListenerArn: string;
  /** Present when `https` is configured. */
  readonly httpsListenerArn?: string;
  readonly securityGroupId: string;
  readonly healthCheck: EntryPointHealthCheck;

  constructor(scope: Construct, id: string, props: RegionalEntryPointProps) {
    super(scope, id);
    const settings = resolveSettings(`RegionalEntryPoint ${id}`, props);
    const { provider, https } = props;
    const name = entryPointLoadBalancerName(props.namePrefix);

    this.logBucket = new LoadBalancerLogBucket(this, 'access_logs', {
      provider,
      bucketName: loadBalancerLogBucketName(props.namePrefix, props.region, props.facts.account),
      region: props.region,
      prefix: ACCESS_LOG_PREFIX,
      facts: props.facts,
      expireAfterDays: settings.expireAfterDays,
    });

    const ports = https ? [HTTP_PORT, HTTPS_PORT] : [HTTP_PORT];
    // Rules inline, not as aws_vpc_security_group_*_rule resources: the group is then exactly what
    // this construct declares (Terraform removes any rule added beside it), it is one resource the
    // network domain's deploy grants already cover, and the project's other groups look the same.
    // Applications open their targets' groups to this group instead of adding rules to it.
    this.securityGroup = new SecurityGroup(this, 'security_group', {
      provider,
      name: `${props.namePrefix}-entry-lb`,
      // The same with and without HTTPS: a new description replaces the group, which the load
      // balancer holds, so turning HTTPS on would hang on deleting the old one.
      description: 'Internet to the entry point load balancer on its listener ports only; out to the VPC only',
      vpcId: props.vpcId,
      // Every field given: Terraform reads these blocks as attributes, which have no optional fields in JSON.
      ingress: ports.map(
        (port): SecurityGroupIngress => ({
          description: `${port === HTTPS_PORT ? 'HTTPS' : 'HTTP'} from the internet`,
          protocol: 'tcp',
          fromPort: port,
          toPort: port,
          cidrBlocks: ['0.0.0.0/0'],
          ipv6CidrBlocks: [],
          prefixListIds: [],
          securityGroups: [],
          selfAttribute: false,
        }),
      ),
      // Requests to targets and their health checks; targets live in the VPC, nothing else does.
      egress: [
        { description: 'To targets in the VPC', protocol: 'tcp', fromPort: 0, toPort: 65535, cidrBlocks: [props.vpcCidr], ipv6CidrBlocks: [], prefixListIds: [], securityGroups: [], selfAttribute: false },
      ],
      tags: { Name: `${props.namePrefix}-entry-lb` },
    });

    this.loadBalancer = new Lb(this, 'load_balancer', {
      provider,
      name,
      internal: false,
      loadBalancerType: 'application',
      ipAddressType: 'ipv4',
      securityGroups: [this.securityGroup.id],
      subnets: [...props.publicSubnetIds],
      dropInvalidHeaderFields: true,
      enableHttp2: true,
      desyncMitigationMode: settings.desyncMitigationMode,
      enableDeletionProtection: settings.deletionProtection,
      idleTimeout: settings.idleTimeoutSeconds,
      accessLogs: { bucket: this.logBucket.bucketName, prefix: ACCESS_LOG_PREFIX, enabled: true },
      // ELB checks on enabling the logs that it may write to the bucket (a test object): the
      // bucket policy must be in place first.
      dependsOn: [this.logBucket.policy],
      tags: { Name: name },
    });

    if (https) {
      this.certificate = new AcmCertificate(this, 'certificate', {
        provider,
        domainName: https.domainName,
        subjectAlternativeNames: https.subjectAlternativeNames?.length ? [...https.subjectAlternativeNames] : undefined,
        validationMethod: 'DNS',
        keyAlgorithm: 'RSA_2048',
        // The listener holds the certificate: a replacement must exist before the old one goes.
        lifecycle: { createBeforeDestroy: true },
        tags: { Name: https.domainName },
      });
      const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, 'domain_name');
      const records = new Route53Record(this, 'validation_record', {
        provider,
        forEach: options,
        zoneId: https.zoneId,
        name: options.getString('resource_record_name'),
        type: options.getString('resource_record_type'),
        records: [options.getString('resource_record_value')],
        ttl: 300,
        // ACM gives the same record for a name in every Region of an account, so each Region's
        // stack writes the same CNAME: overwriting lets the second one adopt it.
        allowOverwrite: true,
      });
      const validation = new AcmCertificateValidation(this, 'certificate_validation', {
        provider,
        certificateArn: this.certificate.arn,
        validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty('fqdn')),
      });
      this.httpsListener = new LbListener(this, 'https_listener', {
        provider,
        loadBalancerArn: this.loadBalancer.arn,
        port: HTTPS_PORT,
        protocol: 'HTTPS',
        sslPolicy: TLS_POLICY,
        // The validation's ARN, not the certificate's: ELB refuses a certificate that is not issued yet.
        certificateArn: validation.certificateArn,
        defaultAction: [notFound],
      });
    }

    this.httpListener = new LbListener(this, 'http_listener', {
      provider,
      loadBalancerArn: this.loadBalancer.arn,
      port: HTTP_PORT,
      protocol: 'HTTP',
      defaultAction: [
        https
          ? {
              type: 'redirect',
              redirect: { protocol: 'HTTPS', port: String(HTTPS_PORT), host: '#{host}', path: '/#{path}', query: '#{query}', statusCode: 'HTTP_301' },
            }
          : notFound,
      ],
    });

    // A rule rather than a 200 default action: the load balancer then answers 404 on every other
    // path (no false "ok" for an application that is not there), and an application takes /health
    // over with any rule of a lower priority number, without touching this one.
    const healthListener = this.httpsListener ?? this.httpListener;
    this.healthRule = new LbListenerRule(this, 'health_rule', {
      provider,
      listenerArn: healthListener.arn,
      priority: HEALTH_RULE_PRIORITY,
      condition: [{ pathPattern: { values: [HEALTH_PATH] } }],
      action: [{ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', messageBody: 'ok', statusCode: '200' } }],
    });

    this.loadBalancerArn = this.loadBalancer.arn;
    this.dnsName = this.loadBalancer.dnsName;
    this.zoneId = this.loadBalancer.zoneId;
    this.httpListenerArn = this.httpListener.arn;
    this.httpsListenerArn = this.httpsListener?.arn;
    this.securityGroupId = this.securityGroup.id;
    this.healthCheck = https ? { protocol: 'HTTPS', port: HTTPS_PORT, path: HEALTH_PATH } : { protocol: 'HTTP', port: HTTP_PORT, path: HEALTH_PATH };
  }
}

interface Settings {
  readonly deletionProtection: boolean;
  readonly idleTimeoutSeconds: number;
  readonly desyncMitigationMode: string;
  readonly expireAfterDays: number | undefined;
}

function resolveSettings(where: string, props: RegionalEntryPointProps): Settings {
  const name = entryPointLoadBalancerName(props.namePrefix);
  const nameProblem = loadBalancerNameProblem(name);
  if (nameProblem) throw new Error(`${where} namePrefix: received ${JSON.stringify(props.namePrefix)}, which names the load balancer ${JSON.stringify(name)}; ${nameProblem}`);
  if (!Token.isUnresolved(props.vpcCidr) && !CIDR.test(props.vpcCidr)) {
    throw new Error(`${where} vpcCidr: received ${JSON.stringify(props.vpcCidr)}; expected an IPv4 CIDR such as "10.10.0.0/16"`);
  }
  const subnets = props.publicSubnetIds;
  if (!Token.isUnresolved(subnets) && subnets.length < 2) {
    throw new Error(`${where} publicSubnetIds: received ${subnets.length} subnet(s); expected at least two, in different Availability Zones (an Application Load Balancer needs two)`);
  }
  const idleTimeoutSeconds = props.idleTimeoutSeconds ?? 60;
  if (!Number.isInteger(idleTimeoutSeconds) || idleTimeoutSeconds < 1 || idleTimeoutSeconds > MAX_IDLE_TIMEOUT_SECONDS) {
    throw new Error(`${where} idleTimeoutSeconds: received ${JSON.stringify(idleTimeoutSeconds)}; expected an integer from 1 to ${MAX_IDLE_TIMEOUT_SECONDS}`);
  }
  const desyncMitigationMode = props.desyncMitigationMode ?? 'defensive';
  if (!(DESYNC_MITIGATION_MODES as readonly string[]).includes(desyncMitigationMode)) {
    throw new Error(`${where} desyncMitigationMode: received ${JSON.stringify(desyncMitigationMode)}; expected one of ${DESYNC_MITIGATION_MODES.map((m) => `"${m}"`).join(', ')}`);
  }
  if (props.https) {
    const names = [props.https.domainName, ...(props.https.subjectAlternativeNames ?? [])];
    for (const [i, domain] of names.entries()) {
      if (!Token.isUnresolved(domain) && !DOMAIN_NAME.test(domain)) {
        const key = i === 0 ? 'https.domainName' : `https.subjectAlternativeNames[${i - 1}]`;
        throw new Error(`${where} ${key}: received ${JSON.stringify(domain)}; expected a lowercase DNS name such as "app.example.com" (a leading "*." for a wildcard)`);
      }
    }
    if (!Token.isUnresolved(props.https.zoneId) && !ZONE_ID.test(props.https.zoneId)) {
      throw new Error(`${where} https.zoneId: received ${JSON.stringify(props.https.zoneId)}; expected a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ"`);
    }
  }
  return { deletionProtection: props.deletionProtection ?? false, idleTimeoutSeconds, desyncMitigationMode, expireAfterDays: props.accessLogs?.expireAfterDays };
}
