import { StackJson } from '../helpers/synth';

/** Every `${...}` reference inside a value, as plain strings. */
export function referencesIn(value: unknown): string[] {
  const text = JSON.stringify(value) ?? '';
  return [...text.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]);
}

/** `data.terraform_remote_state.<name>.outputs.<key>` references: [name, key]. */
export function remoteOutputReads(value: unknown): Array<[string, string]> {
  return referencesIn(value).flatMap((ref) => {
    const m = /data\.terraform_remote_state\.([\w-]+)\.outputs\.(\w+)/.exec(ref);
    return m ? [[m[1], m[2]] as [string, string]] : [];
  });
}

/** Every resource and data source of a stack as [type, name, arguments]. */
export function allBlocks(stack: StackJson): Array<[string, string, Record<string, any>]> {
  return [stack.resource ?? {}, stack.data ?? {}].flatMap((group) =>
    Object.entries(group).flatMap(([type, byName]) => Object.entries(byName).map(([name, args]) => [type, name, args] as [string, string, Record<string, any>])),
  );
}

/** Region of each provider reference of a stack: "aws" or "aws.<alias>" -> Region. */
export function providerRegions(stack: StackJson): Map<string, string> {
  return new Map((stack.provider?.aws ?? []).map((p) => [p.alias ? `aws.${p.alias}` : 'aws', p.region as string]));
}

/** Region the remote-state reference in a value points at ("region-eu-west-1" -> eu-west-1). */
export function regionOfRemoteRead(value: unknown): string | undefined {
  const reads = remoteOutputReads(value).map(([name]) => name.replace(/^region-/, ''));
  return reads[0];
}
