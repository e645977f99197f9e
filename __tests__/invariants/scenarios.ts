import * as fs from 'fs';
import * as path from 'path';
import { BASE_CONFIG } from '../helpers/synth';

const ROOT = path.resolve(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const EXAMPLES = fs.readdirSync(path.join(ROOT, 'config', 'examples')).map((f) => `config/examples/${f}`);

const SIX_REGIONS = [
  { name: 'us-east-1', vpcCidr: '10.10.0.0/16' },
  { name: 'us-west-2', vpcCidr: '10.20.0.0/16' },
  { name: 'eu-west-1', vpcCidr: '10.30.0.0/16' },
  { name: 'eu-central-1', vpcCidr: '10.40.0.0/16' },
  { name: 'ap-southeast-1', vpcCidr: '10.50.0.0/16' },
  { name: 'sa-east-1', vpcCidr: '10.60.0.0/16' },
];

const THREE_REGIONS = SIX_REGIONS.slice(0, 3);

/** Whole-app configurations the invariants must hold for. */
export const SCENARIOS: Array<[string, Record<string, unknown>]> = [
  ['config/default.json', readJson('config/default.json')],
  ...EXAMPLES.map((file): [string, Record<string, unknown>] => [file, readJson(file)]),
  [
    '1 Region: nothing to link, replicate or copy (but the state, to a Region named explicitly)',
    { ...BASE_CONFIG, regions: SIX_REGIONS.slice(0, 1), state: { ...BASE_CONFIG.state, replicaRegion: 'us-west-2' } },
  ],
  ['2 Regions, TGW full mesh', BASE_CONFIG],
  ['3 Regions, TGW full mesh', { ...BASE_CONFIG, regions: THREE_REGIONS }],
  ['6 Regions, TGW full mesh', { ...BASE_CONFIG, regions: SIX_REGIONS }],
  [
    '6 Regions, TGW hub-and-spoke, primary eu-west-1',
    { ...BASE_CONFIG, primaryRegion: 'eu-west-1', regions: SIX_REGIONS, network: { topology: 'hub-and-spoke' } },
  ],
  ['3 Regions, VPC peering', { ...BASE_CONFIG, regions: THREE_REGIONS, network: { interRegion: 'vpc-peering' } }],
  [
    '3 Regions, VPC peering, primary us-west-2, 3 AZs',
    { ...BASE_CONFIG, primaryRegion: 'us-west-2', regions: THREE_REGIONS, network: { interRegion: 'vpc-peering', azCount: 3 } },
  ],
  [
    '/20 VPCs, per-Region AZs, NAT, explicit ASNs',
    {
      ...BASE_CONFIG,
      regions: [
        { name: 'us-east-1', vpcCidr: '10.10.0.0/20', azCount: 3, transitGatewayAsn: 65010 },
        { name: 'eu-west-1', vpcCidr: '172.16.0.0/20', transitGatewayAsn: 4200000001 },
        { name: 'ap-northeast-1', vpcCidr: '192.168.0.0/20' },
      ],
      network: { enableNatGateway: true },
    },
  ],
];
