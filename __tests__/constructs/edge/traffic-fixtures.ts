import { RegionalEntryPoint } from '../../../src/constructs/edge/regional-entry-points';

/** Entry points as the global-edge stack gets them from remote state (literal values here). */
export const ENTRY_POINTS: RegionalEntryPoint[] = [
  {
    region: 'us-east-1',
    loadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/acme-entry/1111111111111111',
    loadBalancerDnsName: 'acme-entry-1.us-east-1.elb.amazonaws.com',
    loadBalancerZoneId: 'Z35SXDOTRQ7X7K',
  },
  {
    region: 'eu-west-1',
    loadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/acme-entry/2222222222222222',
    loadBalancerDnsName: 'acme-entry-2.eu-west-1.elb.amazonaws.com',
    loadBalancerZoneId: 'Z32O12XQLNTSW2',
  },
];

export const HEALTH_CHECK_IDS = { 'us-east-1': 'hc-use1', 'eu-west-1': 'hc-euw1' };
