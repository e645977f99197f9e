/**
 * The e2e checks, one module per domain: what the deployed foundation must have, and what must
 * be left after destroy. Each records into one Checklist, so a run reports every failure at once.
 */
import { FoundationConfig } from '../../../src/config/validate';
import { EmulatorAws } from '../aws';
import { Checklist } from '../checklist';
import { DeployedOutputs } from '../outputs';
import { checkNetworkDeployed, checkNetworkDestroyed } from './network';
import { checkStateDeployed, checkStateDestroyed } from './state';
import { checkSecurityDeployed, checkSecurityDestroyed } from './security';
import { checkAuditDeployed, checkAuditDestroyed } from './audit';
import { checkIdentityDeployed, checkIdentityDestroyed } from './identity';
import { checkConfigDeployed, checkConfigDestroyed } from './config';
import { checkComputeDeployed, checkComputeDestroyed } from './compute';
import { checkEdgeDeployed, checkEdgeDestroyed } from './edge';
import { checkOperationsDeployed, checkOperationsDestroyed } from './operations';

/** Everything the deployed foundation must have, read back Region by Region with the SDK. */
export async function checkDeployed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs, stackNames: string[]): Promise<Checklist> {
  const c = new Checklist();
  await checkNetworkDeployed(aws, config, outputs, c);
  await checkStateDeployed(aws, config, outputs, stackNames, c);
  await checkSecurityDeployed(aws, config, outputs, c);
  await checkAuditDeployed(aws, config, outputs, c);
  await checkIdentityDeployed(aws, config, outputs, c);
  await checkConfigDeployed(aws, config, outputs, c);
  await checkComputeDeployed(aws, config, outputs, c);
  await checkEdgeDeployed(aws, config, outputs, c);
  await checkOperationsDeployed(aws, config, outputs, c);
  return c;
}

/** After destroy: nothing of ours is left except the deliberately protected buckets and keys, and what bootstrap holds. */
export async function checkDestroyed(aws: EmulatorAws, config: FoundationConfig, outputs: DeployedOutputs): Promise<Checklist> {
  const c = new Checklist();
  await checkNetworkDestroyed(aws, config, c);
  await checkStateDestroyed(aws, config, outputs, c);
  await checkSecurityDestroyed(aws, config, outputs, c);
  await checkAuditDestroyed(aws, config, c);
  await checkIdentityDestroyed(aws, config, c);
  await checkConfigDestroyed(aws, config, c);
  await checkComputeDestroyed(aws, config, outputs, c);
  await checkEdgeDestroyed(aws, config, c);
  await checkOperationsDestroyed(aws, config, c);
  return c;
}
