import {
  ClusterApi,
  ClusterEndpoint,
  UsageError,
  describeError,
  endpointsFromJson,
  isEndpointFailure,
  parseArgs,
  planChanges,
  run,
  withEndpoints,
} from '../../../scripts/arc/routing-control-lib';

const ENDPOINTS: ClusterEndpoint[] = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1', 'ap-southeast-2'].map((region) => ({
  region,
  endpoint: `https://host-${region}.example.aws/v1`,
}));
const PANEL = 'arn:aws:route53-recovery-control::123456789012:controlpanel/abc123';
const control = (region: string, state: 'On' | 'Off') => ({
  RoutingControlArn: `${PANEL}/routingcontrol/${region.replace(/-/g, '')}`,
  RoutingControlName: `acme-${region}`,
  RoutingControlState: state,
  ControlPanelArn: PANEL,
});

const failure = (name: string, status?: number) => Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });

/** A cluster whose endpoints fail as told; records which endpoint each call reached. */
function fakeCluster(failing: Record<string, Error> = {}, controls = [control('us-east-1', 'On'), control('eu-west-1', 'Off')]) {
  const calls: string[] = [];
  const updates: unknown[] = [];
  const factory = (endpoint: ClusterEndpoint): ClusterApi => ({
    listRoutingControls: async (input) => {
      calls.push(`list@${endpoint.region}`);
      if (failing[endpoint.region]) throw failing[endpoint.region];
      // Two pages, to prove NextToken is followed.
      return input.NextToken ? { RoutingControls: controls.slice(1) } : { RoutingControls: controls.slice(0, 1), NextToken: 'page2' };
    },
    updateRoutingControlStates: async (input) => {
      calls.push(`update@${endpoint.region}`);
      if (failing[endpoint.region]) throw failing[endpoint.region];
      updates.push(input);
      return {};
    },
  });
  return { calls, updates, factory };
}

const quietIo = (random = 0) => {
  const lines: string[] = [];
  return { lines, io: { log: (line: string) => lines.push(line), random: () => random } };
};

describe('parseArgs', () => {
  test('list and set with every option', () => {
    expect(parseArgs(['list', '--endpoints-file', 'out.json', '--control-panel', PANEL])).toEqual({
      kind: 'list', endpoints: [], endpointsFile: 'out.json', controlPanelArn: PANEL, changes: [], overrideSafetyRules: [], dryRun: false,
    });
    const rule = `${PANEL}/safetyrule/def456`;
    expect(parseArgs(['set', 'acme-eu-west-1=off', 'acme-us-east-1=On', '--endpoint', 'us-west-2=https://host.example.aws/v1', '--dry-run', '--override-safety-rule', rule])).toEqual({
      kind: 'set',
      endpoints: [{ region: 'us-west-2', endpoint: 'https://host.example.aws/v1' }],
      endpointsFile: undefined,
      controlPanelArn: undefined,
      changes: [{ target: 'acme-eu-west-1', state: 'Off' }, { target: 'acme-us-east-1', state: 'On' }],
      overrideSafetyRules: [rule],
      dryRun: true,
    });
    expect(parseArgs([])).toEqual({ kind: 'help' });
    expect(parseArgs(['set', '--help'])).toEqual({ kind: 'help' });
  });

  test('every mistake is a UsageError that says what is expected', () => {
    const usage = (argv: string[]) => {
      try {
        parseArgs(argv);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error('expected a UsageError');
    };
    expect(usage(['flip'])).toBe('unknown command "flip"; expected "list" or "set"');
    expect(usage(['list'])).toBe('the cluster endpoints are needed: --endpoints-file <file> or --endpoint <region>=<url>');
    expect(usage(['set', '--endpoints-file', 'x.json'])).toBe('"set" needs at least one <control>=On|Off');
    expect(usage(['set', 'acme-eu-west-1=maybe', '--endpoints-file', 'x.json'])).toBe('received "acme-eu-west-1=maybe"; expected <control>=On or <control>=Off');
    expect(usage(['set', 'a=On', 'a=Off', '--endpoints-file', 'x.json'])).toBe('a is given twice; expected each routing control once');
    expect(usage(['list', '--endpoints-file'])).toBe('--endpoints-file needs a value');
    expect(usage(['list', '--endpoint', 'https://host.example.aws'])).toMatch(/^--endpoint: received "https:\/\/host.example.aws"; expected <region>=<https url>/);
    expect(usage(['list', '--endpoint', 'us-west-2=http://plain.example.aws'])).toMatch(/expected <region>=<https url>/);
    expect(usage(['list', '--endpoints-file', 'x', '--endpoint', 'us-west-2=https://h/v1'])).toBe('give either --endpoints-file or --endpoint, not both');
    expect(usage(['list', '--control-panel', 'abc', '--endpoints-file', 'x'])).toMatch(/^--control-panel: received "abc"; expected the ARN of a control panel/);
    expect(usage(['list', 'extra', '--endpoints-file', 'x'])).toBe('"list" takes no argument "extra"; expected options only');
    expect(usage(['list', '--force', '--endpoints-file', 'x'])).toBe('unknown option --force');
  });
});

describe('endpointsFromJson', () => {
  test('the list itself, a Terraform output, or the cdktf outputs file nested by stack', () => {
    expect(endpointsFromJson(ENDPOINTS, 'f')).toBe(ENDPOINTS);
    expect(endpointsFromJson({ arc_cluster_endpoints: { value: ENDPOINTS, type: ['list'] } }, 'f')).toBe(ENDPOINTS);
    expect(endpointsFromJson({ 'global-edge': { other: 1, arc_cluster_endpoints: ENDPOINTS } }, 'f')).toBe(ENDPOINTS);
    // cdktf suffixes the names of outputs declared inside a construct.
    expect(endpointsFromJson({ 'global-edge': { edge_arc_cluster_endpoints_1A2B3C4D: ENDPOINTS } }, 'f')).toBe(ENDPOINTS);
  });

  test('the global-edge output arc_cluster_endpoints: a map of Region to endpoint', () => {
    const map = Object.fromEntries(ENDPOINTS.map((e) => [e.region, e.endpoint]));
    expect(endpointsFromJson({ 'global-edge': { arc_cluster_endpoints: map } }, 'f')).toEqual(ENDPOINTS);
  });

  test('none or several: a clear error', () => {
    expect(() => endpointsFromJson({ 'global-edge': {} }, 'out.json')).toThrow('out.json: no cluster endpoints found; expected a list of {"endpoint", "region"} or an output named like "arc_cluster_endpoints"');
    expect(() => endpointsFromJson({ a: { cluster_endpoints: ENDPOINTS }, b: { cluster_endpoints: ENDPOINTS } }, 'out.json')).toThrow('out.json: 2 lists of cluster endpoints found');
  });
});

describe('withEndpoints', () => {
  test('starts at a random endpoint and moves on after endpoint failures only, wrapping around', async () => {
    const { calls, factory } = fakeCluster({ 'ap-northeast-1': failure('EndpointTemporarilyUnavailableException'), 'ap-southeast-2': failure('InternalServerException', 500) });
    const { io, lines } = quietIo(0.6); // 0.6 * 5 = 3: ap-northeast-1 first
    await withEndpoints(ENDPOINTS, factory, io, (api) => api.listRoutingControls({}));
    expect(calls).toEqual(['list@ap-northeast-1', 'list@ap-southeast-2', 'list@us-east-1']);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^endpoint failed, trying the next one: ap-northeast-1 \(https:\/\/host-ap-northeast-1.example.aws\/v1\): EndpointTemporarilyUnavailableException/);
  });

  test('a request error (safety rule conflict, validation, access) is thrown at once, on the first endpoint', async () => {
    const { calls, factory } = fakeCluster({ 'us-east-1': failure('ConflictException', 409) });
    await expect(withEndpoints(ENDPOINTS, factory, quietIo(0).io, (api) => api.listRoutingControls({}))).rejects.toMatchObject({ name: 'ConflictException' });
    expect(calls).toEqual(['list@us-east-1']);
  });

  test('every endpoint failing: one error naming each', async () => {
    const failing = Object.fromEntries(ENDPOINTS.map((e) => [e.region, Object.assign(new Error('connect ECONNREFUSED'), { name: 'Error', code: 'ECONNREFUSED' })]));
    const { calls, factory } = fakeCluster(failing);
    await expect(withEndpoints(ENDPOINTS, factory, quietIo(0.99).io, (api) => api.listRoutingControls({}))).rejects.toThrow(/^every cluster endpoint failed:\n {2}ap-southeast-2 .*\n {2}us-east-1 /);
    expect(calls).toHaveLength(5);
  });

  test('which errors count as endpoint failures', () => {
    expect(isEndpointFailure(failure('ThrottlingException', 429))).toBe(true);
    expect(isEndpointFailure(failure('Whatever', 503))).toBe(true);
    expect(isEndpointFailure(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }))).toBe(true);
    for (const name of ['ValidationException', 'ConflictException', 'AccessDeniedException', 'ResourceNotFoundException']) expect(isEndpointFailure(failure(name, 400))).toBe(false);
  });
});

describe('run', () => {
  const setCommand = (changes: Array<[string, 'On' | 'Off']>, dryRun = false) => ({
    kind: 'set' as const,
    endpoints: ENDPOINTS,
    changes: changes.map(([target, state]) => ({ target, state })),
    overrideSafetyRules: [],
    dryRun,
  });

  test('list prints every control with its state, across pages', async () => {
    const { factory } = fakeCluster();
    const { io, lines } = quietIo();
    expect(await run({ ...setCommand([]), kind: 'list' }, ENDPOINTS, factory, io)).toBe(0);
    expect(lines).toEqual([`On   acme-us-east-1  ${PANEL}/routingcontrol/useast1`, `Off  acme-eu-west-1  ${PANEL}/routingcontrol/euwest1`]);
  });

  test('set changes all given controls in one call (safety rules see the result), by name or ARN, skipping no-ops', async () => {
    const { factory, updates } = fakeCluster();
    const { io, lines } = quietIo();
    await run(setCommand([['acme-eu-west-1', 'On'], [`${PANEL}/routingcontrol/useast1`, 'Off']]), ENDPOINTS, factory, io);
    expect(updates).toEqual([
      {
        UpdateRoutingControlStateEntries: [
          { RoutingControlArn: `${PANEL}/routingcontrol/euwest1`, RoutingControlState: 'On' },
          { RoutingControlArn: `${PANEL}/routingcontrol/useast1`, RoutingControlState: 'Off' },
        ],
        SafetyRulesToOverride: undefined,
      },
    ]);
    expect(lines).toEqual(['acme-eu-west-1: Off -> On', 'acme-us-east-1: On -> Off', 'changed 2 routing control(s)']);
    const again = fakeCluster();
    const quiet = quietIo();
    await run(setCommand([['acme-us-east-1', 'On']]), ENDPOINTS, again.factory, quiet.io);
    expect(again.updates).toEqual([]);
    expect(quiet.lines).toEqual(['acme-us-east-1: On -> On (no change)', 'nothing to change']);
  });

  test('--dry-run reads the states and changes nothing', async () => {
    const { factory, updates, calls } = fakeCluster();
    const { io, lines } = quietIo();
    expect(await run(setCommand([['acme-eu-west-1', 'On']], true), ENDPOINTS, factory, io)).toBe(0);
    expect(updates).toEqual([]);
    expect(calls.every((c) => c.startsWith('list@'))).toBe(true);
    expect(lines).toEqual(['acme-eu-west-1: Off -> On', 'dry run: 1 routing control(s) would change; nothing was changed']);
  });

  test('an unknown or ambiguous name fails before any change', () => {
    expect(() => planChanges([control('us-east-1', 'On')], [{ target: 'acme-us-east-2', state: 'Off' }])).toThrow('no routing control named "acme-us-east-2"; expected one of: acme-us-east-1');
    const twin = { ...control('us-east-1', 'On'), RoutingControlArn: 'arn:other', ControlPanelName: 'other-panel' };
    expect(() => planChanges([control('us-east-1', 'On'), twin], [{ target: 'acme-us-east-1', state: 'Off' }])).toThrow('"acme-us-east-1" names 2 routing controls');
  });

  test('errors read as what the operator does next', () => {
    expect(describeError(failure('ConflictException'))).toMatch(/^refused by ARC \(a safety rule or a concurrent change\).*--override-safety-rule/);
    expect(describeError(failure('AccessDeniedException'))).toMatch(/route53-recovery-cluster:ListRoutingControls and UpdateRoutingControlStates/);
  });
});
