import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Route53RecoverycontrolconfigCluster } from '@cdktf/provider-aws/lib/route53recoverycontrolconfig-cluster';
import { Route53RecoverycontrolconfigControlPanel } from '@cdktf/provider-aws/lib/route53recoverycontrolconfig-control-panel';
import { Route53RecoverycontrolconfigRoutingControl } from '@cdktf/provider-aws/lib/route53recoverycontrolconfig-routing-control';
import { Route53RecoverycontrolconfigSafetyRule } from '@cdktf/provider-aws/lib/route53recoverycontrolconfig-safety-rule';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { isKnownRegion } from '../../aws/regions';
import { regionId } from './regional-entry-points';
import { routingControlName } from './recovery-control-names';

/** The Route 53 ARC recovery-control configuration API lives in us-west-2 only. */
export const RECOVERY_CONTROL_API_REGION = 'us-west-2';

export interface RecoveryControlProps {
  /** The us-west-2 provider (ARC's control-plane API Region). */
  readonly provider: TerraformProvider;
  /** The provider's Region, checked to be us-west-2. */
  readonly providerRegion: string;
  /** Any provider for the Route 53 health checks (Route 53 is global). @default provider */
  readonly route53Provider?: TerraformProvider;
  /** Names: `<project>-recovery`, `<project>-<region>`. */
  readonly project: string;
  /**
   * Each Region's endpoint health check (RegionHealthChecks.healthCheckIds). The record of a Region
   * then carries a CALCULATED check that is healthy only when both its endpoint check and its
   * routing control are.
   */
  readonly endpointHealthCheckIds: Readonly<Record<string, string>>;
  /** Wait period of the "at least one Region on" safety rule, in milliseconds. @default 5000 */
  readonly safetyRuleWaitPeriodMs?: number;
}

/**
 * Route 53 Application Recovery Controller: a cluster (COST: about $2.50 an hour while it exists),
 * a control panel, one routing control per Region and an assertion safety rule that refuses any
 * change leaving fewer than one control On.
 *
 * A DNS record takes one health check, and a Region must leave DNS when either its load balancer
 * fails or an operator turns its control off. So per Region: a RECOVERY_CONTROL health check on the
 * routing control, and a CALCULATED check with the endpoint check and the routing-control check as
 * children and a threshold of 2 (AND). The latency and geolocation records carry the CALCULATED
 * check (`recordHealthCheckIds`).
 *
 * Routing controls are created Off, and Terraform cannot set their state: after the first deploy
 * an operator turns them On through the cluster endpoints (`scripts/arc/routing-control.ts`).
 * While every Region's check is unhealthy Route 53 answers with all records (it fails open), so DNS
 * still works in that window, without ARC's say.
 */
export class RecoveryControl extends Construct {
  readonly cluster: Route53RecoverycontrolconfigCluster;
  readonly controlPanel: Route53RecoverycontrolconfigControlPanel;
  readonly routingControls: Record<string, Route53RecoverycontrolconfigRoutingControl>;
  readonly safetyRule: Route53RecoverycontrolconfigSafetyRule;
  /** RECOVERY_CONTROL health check by Region. */
  readonly routingControlHealthChecks: Record<string, Route53HealthCheck>;
  /** CALCULATED (endpoint AND routing control) health check by Region. */
  readonly combinedHealthChecks: Record<string, Route53HealthCheck>;
  /** The health check id each Region's DNS records carry. */
  readonly recordHealthCheckIds: Record<string, string>;

  constructor(scope: Construct, id: string, props: RecoveryControlProps) {
    super(scope, id);
    const owner = `RecoveryControl ${id}`;
    if (props.providerRegion !== RECOVERY_CONTROL_API_REGION) {
      throw new Error(`${owner} providerRegion: received ${JSON.stringify(props.providerRegion)}; expected "${RECOVERY_CONTROL_API_REGION}", the only Region of the ARC recovery-control configuration API`);
    }
    const regions = Object.keys(props.endpointHealthCheckIds);
    if (regions.length === 0) throw new Error(`${owner} endpointHealthCheckIds: received {}; expected the endpoint health check of every configured Region`);
    for (const region of regions) {
      if (!isKnownRegion(region)) throw new Error(`${owner} endpointHealthCheckIds: received Region ${JSON.stringify(region)}; expected AWS Region names such as "eu-west-1"`);
    }
    const wait = props.safetyRuleWaitPeriodMs ?? 5000;
    if (!Number.isInteger(wait) || wait < 0) throw new Error(`${owner} safetyRuleWaitPeriodMs: received ${wait}; expected an integer of 0 or more`);
    const route53Provider = props.route53Provider ?? props.provider;

    this.cluster = new Route53RecoverycontrolconfigCluster(this, 'cluster', { provider: props.provider, name: `${props.project}-recovery` });
    this.controlPanel = new Route53RecoverycontrolconfigControlPanel(this, 'control_panel', {
      provider: props.provider,
      name: `${props.project}-regions`,
      clusterArn: this.cluster.arn,
    });
    this.routingControls = {};
    this.routingControlHealthChecks = {};
    this.combinedHealthChecks = {};
    this.recordHealthCheckIds = {};
    for (const region of regions) {
      const rid = regionId(region);
      const control = new Route53RecoverycontrolconfigRoutingControl(this, `routing_control_${rid}`, {
        provider: props.provider,
        name: routingControlName(props.project, region),
        clusterArn: this.cluster.arn,
        controlPanelArn: this.controlPanel.arn,
      });
      const controlCheck = new Route53HealthCheck(this, `routing_control_check_${rid}`, {
        provider: route53Provider,
        type: 'RECOVERY_CONTROL',
        routingControlArn: control.arn,
        tags: { Name: `${props.project}-${region}-routing-control` },
      });
      const combined = new Route53HealthCheck(this, `combined_check_${rid}`, {
        provider: route53Provider,
        type: 'CALCULATED',
        childHealthchecks: [props.endpointHealthCheckIds[region], controlCheck.id],
        // Both children must be healthy: AND of the endpoint and the routing control.
        childHealthThreshold: 2,
        tags: { Name: `${props.project}-${region}-in-service` },
      });
      this.routingControls[region] = control;
      this.routingControlHealthChecks[region] = controlCheck;
      this.combinedHealthChecks[region] = combined;
      this.recordHealthCheckIds[region] = combined.id;
    }
    // hashicorp/aws 5.100.0 reads a safety rule back after UpdateSafetyRule through
    // DescribeControlPanel, finds nothing under the rule's ARN and fails that apply although the
    // update was made (README, Edge). A replace_triggered_by would avoid it, but cdktf 0.21 writes
    // one that either the JSON (a resource object) or the HCL output (a quoted address) refuses.
    this.safetyRule = new Route53RecoverycontrolconfigSafetyRule(this, 'at_least_one_region', {
      provider: props.provider,
      name: `${props.project}-at-least-one-region`,
      controlPanelArn: this.controlPanel.arn,
      assertedControls: regions.map((r) => this.routingControls[r].arn),
      waitPeriodMs: wait,
      ruleConfig: { type: 'ATLEAST', threshold: 1, inverted: false },
    });
  }
}
