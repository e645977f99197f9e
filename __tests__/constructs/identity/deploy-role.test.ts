import { Testing, TerraformStack } from 'cdktf';
import { DeployRole, DeployRoleProps, DEPLOY_ROLE_PASS_ROLE_SERVICES } from '../../../src/constructs/identity/deploy-role';
import { globMatches } from '../../../src/compliance/rule';
import { testConfig, synthConstruct, resourceList } from '../../helpers/synth';
import { PolicyStatement, appStacks, asList, dataRef, isWildcardAction, only, overlyBroadAllows, policyDocuments, policyFixture, ref, wildcardPrincipalAllows } from '../../helpers/inspect';

const PROPS: DeployRoleProps = {
  roleName: 'acme-deploy',
  trustedPrincipalArns: ['arn:aws:iam::123456789012:role/ci-runner', 'arn:aws:iam::210987654321:role/github-actions'],
  project: 'acme',
  stateBucketName: 'acme-tfstate',
  stateKeyPrefix: 'acme/prod',
};

type Inline = { name: string; statements: PolicyStatement[] };

describe('DeployRole', () => {
  const stack = synthConstruct((scope) => new DeployRole(scope, 'deploy', PROPS));
  const [roleId, role] = only(stack, 'aws_iam_role');
  const partition = dataRef(stack, 'aws_partition', 'partition');
  const account = dataRef(stack, 'aws_caller_identity', 'account_id');
  const inline: Inline[] = resourceList(stack, 'aws_iam_role_policy').map((p) => ({ name: p.name, statements: JSON.parse(p.policy).Statement }));
  const allStatements = inline.flatMap((p) => p.statements);
  const allows = allStatements.filter((s) => s.Effect === 'Allow');
  const actionsOf = (s: PolicyStatement) => asList(s.Action).map(String);
  const policy = (name: string) => {
    const found = inline.find((p) => p.name === name);
    if (!found) throw new Error(`no inline policy ${name}`);
    return found.statements;
  };
  /** True when some Allow statement grants `action` (IAM wildcard matching, case-insensitive). */
  const grants = (action: string) => allows.some((s) => actionsOf(s).some((a) => globMatches(a, action, true)));

  test('role has the given name, a one-hour session and no boundary unless given', () => {
    expect(role.name).toBe('acme-deploy');
    expect(role.max_session_duration).toBe(3600);
    expect(role.permissions_boundary).toBeUndefined();
  });

  test('only the trusted principals may assume the role', () => {
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Version).toBe('2012-10-17');
    expect(trust.Statement).toEqual([
      { Sid: 'TrustedDeployers', Effect: 'Allow', Principal: { AWS: PROPS.trustedPrincipalArns }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('one named inline policy per concern, each attached to the role', () => {
    expect(inline.map((p) => p.name).sort()).toEqual(
      ['cloudtrail', 'directory-service', 'iam-roles', 'identity', 'kms', 'logs', 'network', 's3-buckets', 'secrets', 'security-hub', 'terraform-state'].sort(),
    );
    for (const p of resourceList(stack, 'aws_iam_role_policy')) expect(p.role).toBe(ref('aws_iam_role', roleId, 'id'));
  });

  test('every policy document parses, has Sids, and neither trusts nor grants a wildcard', () => {
    const documents = policyDocuments(stack);
    expect(documents).toHaveLength(inline.length + 1);
    for (const { document } of documents) {
      expect(document.Version).toBe('2012-10-17');
      expect(overlyBroadAllows(document)).toEqual([]);
      expect(wildcardPrincipalAllows(document)).toEqual([]);
      for (const s of document.Statement) expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
    }
  });

  test('no "*" action, no "<service>:*" even on scoped resources, nothing of iam:* at all', () => {
    for (const s of allStatements) {
      expect(s.NotAction).toBeUndefined();
      expect(s.NotResource).toBeUndefined();
      for (const action of actionsOf(s)) {
        expect(isWildcardAction(action)).toBe(false);
        expect(action.toLowerCase().startsWith('iam:') && action.includes('*')).toBe(false);
      }
    }
  });

  test('passes the foundation policy rules', () => {
    expect(policyFixture((scope) => new DeployRole(scope, 'deploy', PROPS)).synthError()).toBeUndefined();
  });

  describe('IAM', () => {
    const projectRoles = `arn:${partition}:iam::${account}:role/acme-*`;

    test('role and inline-policy actions only on the project\'s roles', () => {
      for (const s of allows.filter((s) => actionsOf(s).some((a) => a.startsWith('iam:')))) {
        if (actionsOf(s).includes('iam:CreateServiceLinkedRole')) continue;
        expect(s.Resource).toBe(projectRoles);
      }
      expect(grants('iam:CreateRole')).toBe(true);
      expect(grants('iam:PutRolePolicy')).toBe(true);
      expect(grants('iam:AttachRolePolicy')).toBe(false);
      expect(grants('iam:CreateUser')).toBe(false);
      expect(grants('iam:CreatePolicy')).toBe(false);
    });

    test('iam:PassRole only for project roles and only to VPC Flow Logs and CloudTrail', () => {
      const pass = allows.filter((s) => actionsOf(s).some((a) => globMatches(a, 'iam:PassRole', true)));
      expect(pass).toEqual([
        {
          Sid: 'PassProjectRolesToLogDelivery',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: projectRoles,
          Condition: { StringEquals: { 'iam:PassedToService': ['vpc-flow-logs.amazonaws.com', 'cloudtrail.amazonaws.com'] } },
        },
      ]);
      expect(DEPLOY_ROLE_PASS_ROLE_SERVICES).toEqual(['vpc-flow-logs.amazonaws.com', 'cloudtrail.amazonaws.com']);
    });

    test('service-linked roles only for the services that need one, under aws-service-role/', () => {
      const [slr] = allows.filter((s) => actionsOf(s).includes('iam:CreateServiceLinkedRole'));
      expect(slr.Resource).toBe(`arn:${partition}:iam::${account}:role/aws-service-role/*`);
      expect(slr.Condition).toEqual({ StringEquals: { 'iam:AWSServiceName': ['securityhub.amazonaws.com', 'transitgateway.amazonaws.com'] } });
    });
  });

  describe('S3', () => {
    const bucket = `arn:${partition}:s3:::acme-tfstate`;

    test('only the state bucket, state objects under the key prefix, and the project\'s buckets', () => {
      const allowed = [bucket, `${bucket}/acme/prod/*`, `arn:${partition}:s3:::acme-*`];
      for (const s of allows.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')))) {
        for (const r of asList(s.Resource)) expect(allowed).toContain(r);
      }
    });

    test('state and lock files: read, write and delete objects under <prefix>/ only', () => {
      const [objects] = policy('terraform-state').filter((s) => s.Sid === 'ReadWriteStateAndLockFiles');
      expect(objects.Action).toEqual(['s3:GetObject', 's3:PutObject', 's3:DeleteObject']);
      expect(objects.Resource).toBe(`${bucket}/acme/prod/*`);
    });

    test('no object access to the project\'s buckets (the audit logs stay unreadable)', () => {
      const project = policy('s3-buckets');
      for (const s of project) for (const a of actionsOf(s)) expect(globMatches(a, 's3:GetObject', true) || globMatches(a, 's3:PutObject', true)).toBe(false);
    });

    test('keys only through S3 and Secrets Manager', () => {
      const data = allows.filter((s) => actionsOf(s).some((a) => ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'].includes(a)));
      expect(data).toHaveLength(1);
      expect(data[0].Condition).toEqual({ StringLike: { 'kms:ViaService': ['s3.*.amazonaws.com', 'secretsmanager.*.amazonaws.com'] } });
    });
  });

  describe('Secrets Manager', () => {
    test('explicit actions on the account\'s secrets and never a secret value', () => {
      const statements = allows.filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
      expect(statements).toHaveLength(1);
      expect(statements[0].Resource).toBe(`arn:${partition}:secretsmanager:*:${account}:secret:*`);
      expect(grants('secretsmanager:GetSecretValue')).toBe(false);
      expect(grants('secretsmanager:CreateSecret')).toBe(true);
      expect(grants('secretsmanager:ReplicateSecretToRegions')).toBe(true);
    });

    test('readableSecretArns grants the value of exactly those secrets', () => {
      const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:directory/admin-password-??????';
      const json = synthConstruct((scope) => new DeployRole(scope, 'deploy', { ...PROPS, readableSecretArns: [arn] }));
      const secrets = resourceList(json, 'aws_iam_role_policy').find((p) => p.name === 'secrets')!;
      const reads = JSON.parse(secrets.policy).Statement.filter((s: PolicyStatement) => asList(s.Action).includes('secretsmanager:GetSecretValue'));
      expect(reads).toEqual([{ Sid: 'ReadValuesTerraformNeeds', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [arn] }]);
    });
  });

  test('log groups only under /<project>/ and /aws/cloudtrail/', () => {
    const [manage] = policy('logs').filter((s) => s.Sid === 'ManageProjectLogGroups');
    expect(manage.Resource).toEqual([`arn:${partition}:logs:*:${account}:log-group:/acme/*`, `arn:${partition}:logs:*:${account}:log-group:/aws/cloudtrail/*`]);
  });

  test('trails only named <project>-*; DescribeTrails (no resource-level permissions) alone on "*"', () => {
    const [manage, find] = policy('cloudtrail');
    expect(manage.Resource).toBe(`arn:${partition}:cloudtrail:*:${account}:trail/acme-*`);
    expect(find).toMatchObject({ Action: 'cloudtrail:DescribeTrails', Resource: '*' });
  });

  test('statements on "*" hold only services without resource-level scoping, with explicit actions', () => {
    const onEverything = allows.filter((s) => asList(s.Resource).includes('*'));
    const services = new Set(onEverything.flatMap((s) => actionsOf(s).map((a) => a.split(':')[0])));
    expect([...services].sort()).toEqual(['cloudtrail', 'ds', 'ec2', 'kms', 'securityhub', 'sts']);
    for (const s of onEverything) for (const a of actionsOf(s)) if (a.includes('*')) expect(a).toMatch(/^ec2:Describe\*$/);
  });

  test('the key-policy lockout safety check can never be bypassed', () => {
    const [deny] = allStatements.filter((s) => s.Effect === 'Deny');
    expect(deny).toMatchObject({ Effect: 'Deny', Resource: '*', Condition: { Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' } } });
    expect(deny.Action).toEqual(expect.arrayContaining(['kms:CreateKey', 'kms:PutKeyPolicy']));
  });

  test('inline policies fit the 10,240-character IAM quota (whitespace excluded) with the longest partition', () => {
    const size = resourceList(stack, 'aws_iam_role_policy')
      .map((p) => p.policy.replaceAll(partition, 'aws-iso-b').replaceAll(account, '123456789012').replace(/\s/g, '').length)
      .reduce((a: number, b: number) => a + b, 0);
    expect(size).toBeLessThan(10240);
  });

  test('permissions boundary when given', () => {
    const boundary = 'arn:aws:iam::123456789012:policy/boundary';
    const json = synthConstruct((scope) => new DeployRole(scope, 'deploy', { ...PROPS, permissionsBoundaryArn: boundary }));
    expect(only(json, 'aws_iam_role')[1].permissions_boundary).toBe(boundary);
  });

  describe('grants what Terraform needs for every resource the foundation creates', () => {
    const REQUIRED: Record<string, string[]> = {
      aws_vpc: ['ec2:CreateVpc', 'ec2:DeleteVpc', 'ec2:ModifyVpcAttribute', 'ec2:DescribeVpcAttribute'],
      aws_default_security_group: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress', 'ec2:DescribeSecurityGroups'],
      aws_subnet: ['ec2:CreateSubnet', 'ec2:DeleteSubnet', 'ec2:ModifySubnetAttribute'],
      aws_route_table: ['ec2:CreateRouteTable', 'ec2:DeleteRouteTable'],
      aws_route_table_association: ['ec2:AssociateRouteTable', 'ec2:DisassociateRouteTable'],
      aws_route: ['ec2:CreateRoute', 'ec2:DeleteRoute', 'ec2:ReplaceRoute'],
      aws_internet_gateway: ['ec2:CreateInternetGateway', 'ec2:AttachInternetGateway', 'ec2:DetachInternetGateway', 'ec2:DeleteInternetGateway'],
      aws_nat_gateway: ['ec2:CreateNatGateway', 'ec2:DeleteNatGateway'],
      aws_eip: ['ec2:AllocateAddress', 'ec2:ReleaseAddress'],
      aws_flow_log: ['ec2:CreateFlowLogs', 'ec2:DeleteFlowLogs', 'iam:PassRole'],
      aws_ec2_transit_gateway: ['ec2:CreateTransitGateway', 'ec2:DeleteTransitGateway'],
      aws_ec2_transit_gateway_route_table: ['ec2:CreateTransitGatewayRouteTable', 'ec2:DeleteTransitGatewayRouteTable'],
      aws_ec2_transit_gateway_vpc_attachment: ['ec2:CreateTransitGatewayVpcAttachment', 'ec2:DeleteTransitGatewayVpcAttachment', 'iam:CreateServiceLinkedRole'],
      aws_ec2_transit_gateway_route_table_association: ['ec2:AssociateTransitGatewayRouteTable', 'ec2:DisassociateTransitGatewayRouteTable'],
      aws_ec2_transit_gateway_route_table_propagation: ['ec2:EnableTransitGatewayRouteTablePropagation', 'ec2:DisableTransitGatewayRouteTablePropagation'],
      aws_ec2_transit_gateway_peering_attachment: ['ec2:CreateTransitGatewayPeeringAttachment', 'ec2:DeleteTransitGatewayPeeringAttachment'],
      aws_ec2_transit_gateway_peering_attachment_accepter: ['ec2:AcceptTransitGatewayPeeringAttachment'],
      aws_ec2_transit_gateway_route: ['ec2:CreateTransitGatewayRoute', 'ec2:DeleteTransitGatewayRoute'],
      aws_vpc_peering_connection: ['ec2:CreateVpcPeeringConnection', 'ec2:DeleteVpcPeeringConnection'],
      aws_vpc_peering_connection_accepter: ['ec2:AcceptVpcPeeringConnection'],
      aws_vpc_peering_connection_options: ['ec2:ModifyVpcPeeringConnectionOptions'],
      aws_kms_key: ['kms:CreateKey', 'kms:PutKeyPolicy', 'kms:EnableKeyRotation', 'kms:ScheduleKeyDeletion', 'kms:TagResource'],
      aws_kms_replica_key: ['kms:ReplicateKey', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'],
      aws_kms_alias: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
      aws_s3_bucket: ['s3:CreateBucket', 's3:DeleteBucket', 's3:GetBucketPolicy', 's3:GetBucketTagging', 's3:PutBucketTagging'],
      aws_s3_bucket_policy: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
      aws_s3_bucket_public_access_block: ['s3:PutBucketPublicAccessBlock', 's3:DeleteBucketPublicAccessBlock'],
      aws_s3_bucket_ownership_controls: ['s3:PutBucketOwnershipControls', 's3:DeleteBucketOwnershipControls'],
      aws_s3_bucket_versioning: ['s3:PutBucketVersioning'],
      aws_s3_bucket_server_side_encryption_configuration: ['s3:PutEncryptionConfiguration'],
      aws_s3_bucket_lifecycle_configuration: ['s3:PutLifecycleConfiguration'],
      aws_s3_bucket_object_lock_configuration: ['s3:PutBucketObjectLockConfiguration'],
      aws_s3_bucket_logging: ['s3:PutBucketLogging'],
      aws_iam_role: ['iam:CreateRole', 'iam:DeleteRole', 'iam:UpdateAssumeRolePolicy', 'iam:TagRole'],
      aws_iam_role_policy: ['iam:PutRolePolicy', 'iam:DeleteRolePolicy'],
      aws_cloudwatch_log_group: ['logs:CreateLogGroup', 'logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:AssociateKmsKey'],
      aws_cloudtrail: ['cloudtrail:CreateTrail', 'cloudtrail:StartLogging', 'cloudtrail:PutEventSelectors', 'cloudtrail:DeleteTrail'],
      aws_securityhub_account: ['securityhub:EnableSecurityHub', 'securityhub:DisableSecurityHub', 'iam:CreateServiceLinkedRole'],
      aws_securityhub_standards_subscription: ['securityhub:BatchEnableStandards', 'securityhub:BatchDisableStandards'],
      aws_securityhub_finding_aggregator: ['securityhub:CreateFindingAggregator', 'securityhub:DeleteFindingAggregator'],
      aws_secretsmanager_secret: ['secretsmanager:CreateSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:ReplicateSecretToRegions'],
      aws_secretsmanager_secret_policy: ['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy'],
      aws_directory_service_directory: ['ds:CreateMicrosoftAD', 'ds:DeleteDirectory', 'ec2:CreateSecurityGroup', 'ec2:CreateNetworkInterface'],
      aws_directory_service_region: ['ds:AddRegion', 'ds:RemoveRegion'],
    };
    const DATA: Record<string, string[]> = {
      aws_caller_identity: ['sts:GetCallerIdentity'],
      aws_availability_zones: ['ec2:DescribeAvailabilityZones'],
      aws_subnet: ['ec2:DescribeSubnets'],
      aws_partition: [],
      aws_region: [],
      // The Directory Service admin password: granted through readableSecretArns.
      aws_secretsmanager_secret_version: [],
    };

    const configs = {
      'default security layer': testConfig({ regions: [...testConfig().regions.map((r) => ({ name: r.name, vpcCidr: r.vpcCidr })), { name: 'us-west-2', vpcCidr: '10.30.0.0/16' }] }),
      'VPC peering, NAT': testConfig({ network: { interRegion: 'vpc-peering', enableNatGateway: true } }),
      'Directory Service on': testConfig({ security: { directoryService: { enable: true }, secrets: [{ name: 'directory/admin-password' }] } }),
    };

    test.each(Object.entries(configs))('%s: every resource and data source type is covered', (_name, config) => {
      const types = new Set<string>();
      const dataTypes = new Set<string>();
      for (const stack of appStacks(config)) {
        if (stack.node.id === 'bootstrap') continue; // run once by an administrator, with local state
        const json = JSON.parse(Testing.synth(stack));
        Object.keys(json.resource ?? {}).forEach((t) => types.add(t));
        Object.keys(json.data ?? {}).filter((t) => t !== 'terraform_remote_state').forEach((t) => dataTypes.add(t));
      }
      const unknown = [...[...types].filter((t) => !REQUIRED[t]), ...[...dataTypes].filter((t) => !DATA[t]).map((t) => `data.${t}`)];
      expect({ typesWithoutAnEntryInThisTest: unknown }).toEqual({ typesWithoutAnEntryInThisTest: [] });
      const missing = [...types, ...dataTypes]
        .flatMap((t) => [...(REQUIRED[t] ?? []), ...(DATA[t] ?? [])].map((a) => [t, a]))
        .filter(([, a]) => !grants(a))
        .map(([t, a]) => `${t}: ${a}`);
      expect(missing).toEqual([]);
    });
  });

  describe('input checks', () => {
    const scope = () => new TerraformStack(Testing.app(), 'bad');

    test.each([[[]], [undefined]])('trustedPrincipalArns %p is rejected with a clear error', (value) => {
      expect(() => new DeployRole(scope(), 'd', { ...PROPS, trustedPrincipalArns: value as unknown as string[] })).toThrow(
        `DeployRole trustedPrincipalArns: received ${JSON.stringify(value)}; expected at least one IAM principal ARN`,
      );
    });

    test.each(['*', '', 'arn:aws:iam::*:root'])('trusted principal %p is rejected', (arn) => {
      expect(() => new DeployRole(scope(), 'd', { ...PROPS, trustedPrincipalArns: [arn] })).toThrow(
        `DeployRole trustedPrincipalArns: received ${JSON.stringify(arn)}; expected an IAM principal ARN without wildcards`,
      );
    });

    test.each(['Acme', 'a', 'acme_', '-acme'])('project %p is rejected', (project) => {
      expect(() => new DeployRole(scope(), 'd', { ...PROPS, project })).toThrow(`DeployRole project: received "${project}"; expected 3-32 lowercase letters`);
    });

    test.each(['/acme', 'acme/', '', 'a//b', 'a/*'])('stateKeyPrefix %p is rejected', (prefix) => {
      expect(() => new DeployRole(scope(), 'd', { ...PROPS, stateKeyPrefix: prefix })).toThrow(`DeployRole stateKeyPrefix: received "${prefix}"; expected path segments`);
    });

    test.each(['', 'acme-*'])('stateBucketName %p is rejected', (name) => {
      expect(() => new DeployRole(scope(), 'd', { ...PROPS, stateBucketName: name })).toThrow(`DeployRole stateBucketName: received "${name}"; expected an S3 bucket name`);
    });

    test.each(['*', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:*'])('readableSecretArns %p is rejected', (arn) => {
      expect(() => new DeployRole(scope(), 'd', { ...PROPS, readableSecretArns: [arn] })).toThrow(`DeployRole readableSecretArns: received "${arn.replace(/"/g, '\\"')}"; expected the ARN of one secret`);
    });
  });
});
