import { ListRoutingControlsCommand, Route53RecoveryClusterClient, UpdateRoutingControlStatesCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { ClientFactory } from './routing-control-lib';

/**
 * One SDK client per cluster endpoint: the data plane is called in the endpoint's own Region. No
 * SDK retries: a failing endpoint hands over to the next one at once. Credentials from the
 * environment unless given (the e2e run passes the emulator's).
 */
export function clusterClientFactory(credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string }): ClientFactory {
  return ({ endpoint, region }) => {
    const client = new Route53RecoveryClusterClient({ region, endpoint, maxAttempts: 1, ...(credentials ? { credentials } : {}) });
    return {
      listRoutingControls: (input) => client.send(new ListRoutingControlsCommand(input)),
      updateRoutingControlStates: (input) => client.send(new UpdateRoutingControlStatesCommand(input)),
    };
  };
}
