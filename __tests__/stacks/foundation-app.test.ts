import * as fs from 'fs';
import * as path from 'path';
import { App, Testing, TerraformStack } from 'cdktf';
import { buildFoundation } from '../../src/stacks/foundation-app';
import { testConfig } from '../helpers/synth';

const names = (stacks: TerraformStack[]) => stacks.map((s) => (s as TerraformStack & { stackName: string }).stackName).sort();

describe('buildFoundation', () => {
  const config = testConfig({
    primaryRegion: 'eu-west-1',
    regions: [
      { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
      { name: 'eu-west-1', vpcCidr: '10.20.0.0/16' },
      { name: 'us-west-2', vpcCidr: '10.30.0.0/16' },
    ],
  });
  const app = Testing.app();
  const stacks = buildFoundation(app as App, config);
  const all: TerraformStack[] = [stacks.bootstrap, stacks.global, ...stacks.regions, stacks.globalNetwork, stacks.globalReplication, stacks.globalCompute, stacks.globalEdge];
  afterAll(() => fs.rmSync(app.outdir, { recursive: true, force: true }));

  test('builds bootstrap, global, one region-<name> per Region in config order, global-network, global-replication and global-compute', () => {
    expect(stacks.bootstrap.stackName).toBe('bootstrap');
    expect(stacks.global.stackName).toBe('global');
    expect(stacks.regions.map((s) => s.stackName)).toEqual(['region-us-east-1', 'region-eu-west-1', 'region-us-west-2']);
    expect(stacks.regions.map((s) => s.region.name)).toEqual(config.regions.map((r) => r.name));
    expect(stacks.globalNetwork.stackName).toBe('global-network');
    expect(stacks.globalReplication.stackName).toBe('global-replication');
    expect(stacks.globalCompute.stackName).toBe('global-compute');
    expect(stacks.globalEdge.stackName).toBe('global-edge');
  });

  test('the app holds exactly these stacks', () => {
    const inApp = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
    expect(names(inApp)).toEqual(names(all));
  });

  test('bootstrap depends on nothing', () => {
    expect(stacks.bootstrap.dependencies).toEqual([]);
  });

  test('global depends on bootstrap only', () => {
    expect(names(stacks.global.dependencies)).toEqual(['bootstrap']);
  });

  test('every region stack depends on global only (never on another region stack)', () => {
    for (const region of stacks.regions) expect(names(region.dependencies)).toEqual(['global']);
  });

  test('global-network depends on every region stack', () => {
    expect(names(stacks.globalNetwork.dependencies)).toEqual(names(stacks.regions));
  });

  test('global-replication and global-compute depend on every region stack (never on another stack of their layer)', () => {
    expect(names(stacks.globalReplication.dependencies)).toEqual(names(stacks.regions));
    expect(names(stacks.globalCompute.dependencies)).toEqual(names(stacks.regions));
    expect(names(stacks.globalEdge.dependencies)).toEqual(names(stacks.regions));
  });

  test('depth is bootstrap -> global -> region-* -> global-network / global-replication / global-compute whatever the Region count', () => {
    const depth = (stack: TerraformStack): number => (stack.dependencies.length === 0 ? 0 : 1 + Math.max(...stack.dependencies.map(depth)));
    expect(depth(stacks.globalNetwork)).toBe(3);
    expect(depth(stacks.globalReplication)).toBe(3);
    expect(depth(stacks.globalCompute)).toBe(3);
    expect(depth(stacks.globalEdge)).toBe(3);
    expect(new Set(stacks.regions.map(depth))).toEqual(new Set([2]));
  });

  test('the cdktf manifest records the same dependencies for `cdktf deploy \'*\'`', () => {
    app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
    const deps = (name: string) => [...manifest.stacks[name].dependencies].sort();
    expect(deps('bootstrap')).toEqual([]);
    expect(deps('global')).toEqual(['bootstrap']);
    for (const region of stacks.regions) expect(deps(region.stackName)).toEqual(['global']);
    expect(deps('global-network')).toEqual(names(stacks.regions));
    expect(deps('global-replication')).toEqual(names(stacks.regions));
    expect(deps('global-compute')).toEqual(names(stacks.regions));
    expect(deps('global-edge')).toEqual(names(stacks.regions));
  });
});
