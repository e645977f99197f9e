import { DeployedOutputs } from '../../../scripts/e2e/outputs';

const outputs = new DeployedOutputs({
  bootstrap: { state_bucket_name: 'acme-tfstate', state_kms_key_arn: 'arn:aws:kms:us-east-1:1:key/k' },
  global: { kms_primary_key_arn: 'arn:aws:kms:us-east-1:1:key/mrk-1' },
  'region-eu-west-1': { vpc_id: 'vpc-1', private_route_table_ids: ['rtb-1', 'rtb-2'] },
  'global-network': { transit_gateway_peering_attachment_ids: { 'us-east-1_eu-west-1': 'tgw-attach-1' } },
});

describe('DeployedOutputs', () => {
  test('reads each stack\'s outputs under their declared names, typed by their declared kinds', () => {
    const vpcId: string = outputs.region('eu-west-1').get('vpc_id');
    const tables: string[] = outputs.region('eu-west-1').get('private_route_table_ids');
    const links: Record<string, string> = outputs.globalNetwork.get('transit_gateway_peering_attachment_ids');
    expect([vpcId, tables, links['us-east-1_eu-west-1']]).toEqual(['vpc-1', ['rtb-1', 'rtb-2'], 'tgw-attach-1']);
    expect(outputs.global.get('kms_primary_key_arn')).toBe('arn:aws:kms:us-east-1:1:key/mrk-1');
    expect(outputs.bootstrap.get('state_bucket_name')).toBe('acme-tfstate');
  });

  test('a misspelled output name is a compile error', () => {
    // @ts-expect-error: "vpc_idd" is not declared in REGION_OUTPUTS
    expect(() => outputs.region('eu-west-1').get('vpc_idd')).toThrow('region-eu-west-1: output vpc_idd is missing');
  });

  test('an output the deploy did not write is an error naming the stack, the output and its condition', () => {
    expect(() => outputs.region('eu-west-1').get('transit_gateway_id')).toThrow(
      'region-eu-west-1: output transit_gateway_id is missing from the deploy\'s outputs file (written only when network.interRegion = "transit-gateway")',
    );
    expect(() => outputs.region('us-west-2').get('vpc_id')).toThrow('region-us-west-2: output vpc_id is missing from the deploy\'s outputs file');
  });

  test('find gives undefined for an output the deploy did not write', () => {
    expect(outputs.globalReplication.find('directory_id')).toBeUndefined();
    expect(outputs.bootstrap.find('state_kms_key_arn')).toBe('arn:aws:kms:us-east-1:1:key/k');
  });
});
