import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { GlobalacceleratorAccelerator } from '@cdktf/provider-aws/lib/globalaccelerator-accelerator';
import { GlobalacceleratorListener } from '@cdktf/provider-aws/lib/globalaccelerator-listener';
import { GlobalacceleratorEndpointGroup } from '@cdktf/provider-aws/lib/globalaccelerator-endpoint-group';
import { RegionalEntryPoint, checkEntryPoints, regionId } from './regional-entry-points';
import { HEALTH_PATH } from './region-health-checks';

/** Global Accelerator's control-plane API lives in us-west-2 only, whatever Regions it serves. */
export const GLOBAL_ACCELERATOR_API_REGION = 'us-west-2';

export interface GlobalAcceleratorProps {
  /** The us-west-2 provider (Global Accelerator's API Region). */
  readonly provider: TerraformProvider;
  /** The provider's Region, checked to be us-west-2. */
  readonly providerRegion: string;
  /** Accelerator name: `<project>-accelerator`. */
  readonly project: string;
  readonly entryPoints: readonly RegionalEntryPoint[];
  /** The load balancers listen on 443 (HTTPS, with 80 redirecting): the listener takes both ports. @default false */
  readonly https?: boolean;
  /** Region -> traffic dial percentage (0-100); a Region missing here takes 100. @default {} */
  readonly trafficDial?: Readonly<Record<string, number>>;
  /** Flow logs to an existing bucket (and prefix). @default no flow logs */
  readonly flowLogs?: { readonly bucket: string; readonly prefix: string };
}

/**
 * An IPv4 accelerator in front of every Region's load balancer: two static anycast addresses that
 * enter the AWS network at the nearest edge. One TCP listener carries the entry ports (80, and 443
 * with HTTPS), so there is exactly one endpoint group per Region; the endpoint is the Region's load
 * balancer with client IP preservation, so the application sees the user's address.
 *
 * Health: for load balancer endpoints Global Accelerator uses the load balancer's own target health
 * and ignores the endpoint group's health-check settings; they are still set to `/health` on the
 * entry port so that the group is right if an EC2 or EIP endpoint is ever added. The traffic dial
 * drains a Region (0) or shares its load (1-99) without touching DNS.
 */
export class GlobalAccelerator extends Construct {
  readonly accelerator: GlobalacceleratorAccelerator;
  readonly listener: GlobalacceleratorListener;
  /** Endpoint group by Region. */
  readonly endpointGroups: Record<string, GlobalacceleratorEndpointGroup>;

  constructor(scope: Construct, id: string, props: GlobalAcceleratorProps) {
    super(scope, id);
    const owner = `GlobalAccelerator ${id}`;
    if (props.providerRegion !== GLOBAL_ACCELERATOR_API_REGION) {
      throw new Error(`${owner} providerRegion: received ${JSON.stringify(props.providerRegion)}; expected "${GLOBAL_ACCELERATOR_API_REGION}", the only Region of Global Accelerator's API`);
    }
    checkEntryPoints(owner, props.entryPoints);
    const regions = props.entryPoints.map((e) => e.region);
    const dial = props.trafficDial ?? {};
    for (const [region, percent] of Object.entries(dial)) {
      if (!regions.includes(region)) throw new Error(`${owner} trafficDial: received Region ${JSON.stringify(region)}; expected one of the entry points' Regions (${regions.join(', ')})`);
      if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new Error(`${owner} trafficDial.${region}: received ${percent}; expected an integer from 0 to 100`);
    }
    const name = `${props.project}-accelerator`;
    if (!/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,62}[a-zA-Z0-9])?$/.test(name)) {
      throw new Error(`${owner} project: received ${JSON.stringify(props.project)}; expected a name that makes "${name}" a valid accelerator name (letters, digits and "-", at most 64 characters)`);
    }
    const https = props.https ?? false;
    this.accelerator = new GlobalacceleratorAccelerator(this, 'accelerator', {
      provider: props.provider,
      name,
      ipAddressType: 'IPV4',
      enabled: true,
      attributes: props.flowLogs
        ? { flowLogsEnabled: true, flowLogsS3Bucket: props.flowLogs.bucket, flowLogsS3Prefix: props.flowLogs.prefix }
        : { flowLogsEnabled: false },
    });
    const ports = https ? [80, 443] : [80];
    this.listener = new GlobalacceleratorListener(this, 'listener', {
      provider: props.provider,
      acceleratorArn: this.accelerator.id,
      protocol: 'TCP',
      // No affinity: each connection goes to the nearest healthy Region; the load balancers are stateless entry points.
      clientAffinity: 'NONE',
      portRange: ports.map((port) => ({ fromPort: port, toPort: port })),
    });
    this.endpointGroups = {};
    for (const entry of props.entryPoints) {
      this.endpointGroups[entry.region] = new GlobalacceleratorEndpointGroup(this, `endpoint_group_${regionId(entry.region)}`, {
        provider: props.provider,
        listenerArn: this.listener.id,
        // Without it the group would be placed in the provider's Region (us-west-2).
        endpointGroupRegion: entry.region,
        trafficDialPercentage: dial[entry.region] ?? 100,
        healthCheckProtocol: https ? 'HTTPS' : 'HTTP',
        healthCheckPort: https ? 443 : 80,
        healthCheckPath: HEALTH_PATH,
        healthCheckIntervalSeconds: 30,
        thresholdCount: 3,
        endpointConfiguration: [{ endpointId: entry.loadBalancerArn, clientIpPreservationEnabled: true, weight: 128 }],
      });
    }
  }
}
