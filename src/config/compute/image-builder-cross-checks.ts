import { ConfigProblem } from '../errors';

type Raw = Record<string, unknown>;
const asObject = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});

/**
 * The build instance has no public IP: it reaches Systems Manager, Image Builder and the package
 * repositories through the VPC endpoints or through NAT. Without either, every build would time out
 * waiting for the SSM agent, so the configuration is refused. Reads the raw input defensively, as
 * src/config/cross-checks.ts does, with the schema defaults (enable true, vpcEndpoints true, NAT off).
 */
export function imageBuilderCrossChecks(input: unknown): ConfigProblem[] {
  const root = asObject(input);
  const imageBuilder = asObject(asObject(root.compute).imageBuilder);
  const enabled = imageBuilder.enable !== false;
  const endpoints = imageBuilder.vpcEndpoints !== false;
  const nat = asObject(root.network).enableNatGateway === true;
  if (!enabled || endpoints || nat) return [];
  return [
    {
      path: ['compute', 'imageBuilder', 'vpcEndpoints'],
      received: false,
      message:
        'the build instance runs in a private subnet without a public IP and network.enableNatGateway is false, so it could reach neither Systems Manager nor the package repositories and every build would fail; expected true, or set network.enableNatGateway to true, or compute.imageBuilder.enable to false',
    },
  ];
}
