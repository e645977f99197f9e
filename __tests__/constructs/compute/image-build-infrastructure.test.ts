import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { ImageBuildInfrastructure, ImageBuildInfrastructureProps } from '../../../src/constructs/compute/image-build-infrastructure';
import { resourceList, synthConstruct } from '../../helpers/synth';
import { only, policyFixture, ref } from '../../helpers/inspect';

const PROPS: ImageBuildInfrastructureProps = {
  name: 'acme-golden-ami',
  roleName: 'acme-imagebuilder-build',
  partition: 'aws',
  vpcId: 'vpc-0123456789abcdef0',
  subnetId: 'subnet-0123456789abcdef0',
  instanceTypes: ['t3.small', 't3a.small'],
};

describe('ImageBuildInfrastructure', () => {
  const stack = synthConstruct((scope) => new ImageBuildInfrastructure(scope, 'build', PROPS));
  const [roleId, role] = only(stack, 'aws_iam_role');
  const [profileId, profile] = only(stack, 'aws_iam_instance_profile');
  const [groupId, group] = only(stack, 'aws_security_group');
  const [, infrastructure] = only(stack, 'aws_imagebuilder_infrastructure_configuration');

  test('the build role is for EC2 instances only', () => {
    expect(role.name).toBe('acme-imagebuilder-build');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Sid: 'Ec2Instances', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('holds exactly the two managed policies a build needs and no policy of its own', () => {
    expect(resourceList(stack, 'aws_iam_role_policy_attachment').map((a) => [a.role, a.policy_arn]).sort()).toEqual([
      [ref('aws_iam_role', roleId, 'name'), 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'],
      [ref('aws_iam_role', roleId, 'name'), 'arn:aws:iam::aws:policy/EC2InstanceProfileForImageBuilder'],
    ]);
    expect(resourceList(stack, 'aws_iam_role_policy')).toEqual([]);
    expect(profile).toMatchObject({ name: 'acme-imagebuilder-build', role: ref('aws_iam_role', roleId, 'name') });
  });

  test('the security group opens nothing inbound and lets HTTPS out', () => {
    expect(group.vpc_id).toBe(PROPS.vpcId);
    expect(group.ingress).toEqual([]);
    expect(group.egress).toEqual([
      expect.objectContaining({ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false }),
    ]);
  });

  test('builds in the private subnet with the profile and group, IMDSv2 required, terminated on failure', () => {
    expect(infrastructure).toMatchObject({
      name: 'acme-golden-ami',
      instance_profile_name: ref('aws_iam_instance_profile', profileId, 'name'),
      instance_types: ['t3.small', 't3a.small'],
      subnet_id: PROPS.subnetId,
      security_group_ids: [ref('aws_security_group', groupId, 'id')],
      terminate_instance_on_failure: true,
      instance_metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 1 },
    });
  });

  test('no way in: no key pair, no inbound rule, and only the given (private) subnet', () => {
    // The infrastructure configuration has no public-IP switch: an instance gets one only from a
    // subnet that maps one on launch, which the private subnets of VpcNetwork never do.
    expect(infrastructure.key_pair).toBeUndefined();
    expect(group.ingress).toEqual([]);
    expect(Object.keys(infrastructure).filter((key) => /subnet|public|placement/.test(key))).toEqual(['subnet_id']);
  });

  test('build logs to S3 only when a bucket is given, and the role may write only there', () => {
    const logged = synthConstruct((scope) => new ImageBuildInfrastructure(scope, 'build', { ...PROPS, logBucketName: 'acme-build-logs', logKeyPrefix: 'golden/builds' }));
    expect(only(logged, 'aws_imagebuilder_infrastructure_configuration')[1].logging).toEqual({ s3_logs: { s3_bucket_name: 'acme-build-logs', s3_key_prefix: 'golden/builds' } });
    expect(JSON.parse(only(logged, 'aws_iam_role_policy')[1].policy).Statement).toEqual([
      { Sid: 'WriteBuildLogs', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-build-logs/golden/builds/*' },
    ]);
  });

  test('tags the build instances when asked', () => {
    const tagged = synthConstruct((scope) => new ImageBuildInfrastructure(scope, 'build', { ...PROPS, resourceTags: { FoundationProject: 'acme' } }));
    expect(only(tagged, 'aws_imagebuilder_infrastructure_configuration')[1].resource_tags).toEqual({ FoundationProject: 'acme' });
  });

  test('passes the compliance rules, with and without build logs', () => {
    expect(policyFixture((scope) => new ImageBuildInfrastructure(scope, 'build', PROPS)).violations()).toEqual([]);
    expect(policyFixture((scope) => new ImageBuildInfrastructure(scope, 'build', { ...PROPS, logBucketName: 'acme-build-logs' })).violations()).toEqual([]);
  });

  describe('input checks', () => {
    const build = (props: Partial<ImageBuildInfrastructureProps>) => () =>
      new ImageBuildInfrastructure(new TerraformStack(Testing.app(), 'bad'), 'build', { ...PROPS, ...props });

    test.each([
      [{ name: 'a' }, 'ImageBuildInfrastructure build name: received "a"; expected 3-128 letters, digits'],
      [{ roleName: 'a/b' }, 'ImageBuildInfrastructure build roleName: received "a/b"; expected an IAM role name'],
      [{ subnetId: 'vpc-0123456789abcdef0' }, 'ImageBuildInfrastructure build subnetId: received "vpc-0123456789abcdef0"; expected a subnet id'],
      [{ instanceTypes: [] }, 'ImageBuildInfrastructure build instanceTypes: received []; expected at least one EC2 instance type name'],
      [{ instanceTypes: ['large'] }, 'ImageBuildInfrastructure build instanceTypes: received ["large"]'],
      [{ logBucketName: 'Bad_Bucket' }, 'ImageBuildInfrastructure build logBucketName: received "Bad_Bucket"; expected an S3 bucket name'],
      [{ logKeyPrefix: '/logs/' }, 'ImageBuildInfrastructure build logKeyPrefix: received "/logs/"'],
    ])('%p is rejected with the value and what is allowed', (props, message) => {
      expect(build(props as Partial<ImageBuildInfrastructureProps>)).toThrow(message);
    });

    test('a subnet id from remote state is accepted', () => {
      const stack = new TerraformStack(Testing.app(), 'tokens');
      const subnetId = new TerraformVariable(stack, 'subnet', { type: 'string' }).stringValue;
      expect(() => new ImageBuildInfrastructure(stack, 'build', { ...PROPS, subnetId })).not.toThrow();
    });
  });
});
