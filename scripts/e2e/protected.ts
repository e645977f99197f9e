import * as path from 'path';
import { run } from '../lib/run';
import { protectedAddresses } from '../plan/prevent-destroy';

/**
 * `terraform destroy` refuses a plan that touches a prevent_destroy resource. Teardown does what
 * an operator decommissioning the stack would do: it lets go of those resources (state rm), so the
 * rest is destroyed and the protected ones stay in the account, where the run then checks them.
 */
export async function releaseProtected(stackDir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const addresses = protectedAddresses(stackDir);
  if (addresses.length === 0) return [];
  const result = await run('terraform', ['state', 'rm', '-lock-timeout=60s', ...addresses], { cwd: stackDir, env, timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`terraform state rm in ${path.basename(stackDir)} failed: ${result.stderr}`);
  return addresses;
}
