"""API-level tests of the edge layer's emulated APIs and launcher patches (Global Accelerator, Route 53
ARC control and data planes, CloudFront functions / response headers policies / managed cache
policies, RECOVERY_CONTROL health checks, distributions on an origin group), through boto3 against
moto's threaded server with the launcher's patches and emulations installed. Discovered by
`npm run test:emulator` beside test_emulated.py. The Terraform round trip is `check.sh edge`.
"""
import unittest

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.server import ThreadedMotoServer

from emulated import launcher_server

ACCOUNT = "123456789012"
CONTROL = "us-west-2"
server: ThreadedMotoServer
endpoint = ""


def setUpModule() -> None:
    global server, endpoint
    server, endpoint = launcher_server.start()


def tearDownModule() -> None:
    server.stop()


def client(service: str, region: str = CONTROL, url: str | None = None):
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=url or endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=20),
    )


def error_code(call, *args, **kwargs) -> str:
    try:
        call(*args, **kwargs)
    except ClientError as error:
        return error.response["Error"]["Code"]
    return "no error"


ALB = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:loadbalancer/app/edge/0123456789abcdef"


class GlobalAcceleratorTest(unittest.TestCase):
    def setUp(self) -> None:
        self.ga = client("globalaccelerator")

    def deployed(self, arn: str) -> list[str]:
        return [self.ga.describe_accelerator(AcceleratorArn=arn)["Accelerator"]["Status"] for _ in range(2)]

    def test_accelerator_listener_endpoint_groups_round_trip(self) -> None:
        created = self.ga.create_accelerator(Name="edge", IpAddressType="IPV4", Enabled=True, IdempotencyToken="a", Tags=[{"Key": "Project", "Value": "foundation"}])["Accelerator"]
        arn = created["AcceleratorArn"]
        self.assertRegex(arn, rf"^arn:aws:globalaccelerator::{ACCOUNT}:accelerator/[0-9a-f-]{{36}}$")
        self.assertEqual((created["Status"], len(created["IpSets"][0]["IpAddresses"])), ("IN_PROGRESS", 2))
        self.assertTrue(created["DnsName"].endswith(".awsglobalaccelerator.com"))
        # The provider's waiter sees IN_PROGRESS, then DEPLOYED.
        self.assertEqual(self.deployed(arn), ["IN_PROGRESS", "DEPLOYED"])

        self.assertEqual(self.ga.describe_accelerator_attributes(AcceleratorArn=arn)["AcceleratorAttributes"], {"FlowLogsEnabled": False})
        self.assertEqual(error_code(self.ga.update_accelerator_attributes, AcceleratorArn=arn, FlowLogsEnabled=True), "InvalidArgumentException")
        self.ga.update_accelerator_attributes(AcceleratorArn=arn, FlowLogsEnabled=True, FlowLogsS3Bucket="flow-logs", FlowLogsS3Prefix="edge/")
        self.assertEqual(self.ga.describe_accelerator_attributes(AcceleratorArn=arn)["AcceleratorAttributes"], {"FlowLogsEnabled": True, "FlowLogsS3Bucket": "flow-logs", "FlowLogsS3Prefix": "edge/"})

        listener = self.ga.create_listener(AcceleratorArn=arn, Protocol="TCP", PortRanges=[{"FromPort": 443, "ToPort": 443}], IdempotencyToken="l")["Listener"]
        self.assertTrue(listener["ListenerArn"].startswith(arn + "/listener/"))
        self.assertEqual(listener["ClientAffinity"], "NONE")
        group = self.ga.create_endpoint_group(
            ListenerArn=listener["ListenerArn"],
            EndpointGroupRegion="us-east-1",
            EndpointConfigurations=[{"EndpointId": ALB, "Weight": 128}],
            HealthCheckProtocol="HTTPS",
            HealthCheckPath="/health",
            TrafficDialPercentage=100.0,
            IdempotencyToken="g",
        )["EndpointGroup"]
        # AWS's defaults: the listener's port, interval 30, threshold 3, client IPs kept for an ALB.
        self.assertEqual(
            {k: group[k] for k in ("HealthCheckPort", "HealthCheckPath", "HealthCheckIntervalSeconds", "ThresholdCount")},
            {"HealthCheckPort": 443, "HealthCheckPath": "/health", "HealthCheckIntervalSeconds": 30, "ThresholdCount": 3},
        )
        self.assertTrue(group["EndpointDescriptions"][0]["ClientIPPreservationEnabled"])
        self.assertEqual(
            error_code(self.ga.create_endpoint_group, ListenerArn=listener["ListenerArn"], EndpointGroupRegion="us-east-1", IdempotencyToken="h"), "EndpointGroupAlreadyExistsException"
        )
        self.ga.update_endpoint_group(EndpointGroupArn=group["EndpointGroupArn"], TrafficDialPercentage=0.0, HealthCheckProtocol="TCP")
        updated = self.ga.describe_endpoint_group(EndpointGroupArn=group["EndpointGroupArn"])["EndpointGroup"]
        self.assertEqual((updated["TrafficDialPercentage"], updated.get("HealthCheckPath")), (0.0, None))
        self.assertEqual(self.ga.list_cross_account_resources(ResourceOwnerAwsAccountId=ACCOUNT)["CrossAccountResources"], [])

        self.ga.tag_resource(ResourceArn=arn, Tags=[{"Key": "Stage", "Value": "2"}])
        self.ga.untag_resource(ResourceArn=arn, TagKeys=["Project"])
        self.assertEqual(self.ga.list_tags_for_resource(ResourceArn=arn)["Tags"], [{"Key": "Stage", "Value": "2"}])

        # AWS's order of deletion: groups, listeners, then the accelerator once disabled.
        self.assertEqual(error_code(self.ga.delete_listener, ListenerArn=listener["ListenerArn"]), "AssociatedEndpointGroupFoundException")
        self.ga.delete_endpoint_group(EndpointGroupArn=group["EndpointGroupArn"])
        self.assertEqual(error_code(self.ga.delete_accelerator, AcceleratorArn=arn), "AcceleratorNotDisabledException")
        self.ga.update_accelerator(AcceleratorArn=arn, Enabled=False)
        self.assertEqual(error_code(self.ga.delete_accelerator, AcceleratorArn=arn), "AssociatedListenerFoundException")
        self.ga.delete_listener(ListenerArn=listener["ListenerArn"])
        self.ga.delete_accelerator(AcceleratorArn=arn)
        self.assertEqual(error_code(self.ga.describe_accelerator, AcceleratorArn=arn), "AcceleratorNotFoundException")

    def test_accelerators_are_global(self) -> None:
        arn = self.ga.create_accelerator(Name="global", IdempotencyToken="b")["Accelerator"]["AcceleratorArn"]
        self.assertEqual(client("globalaccelerator", "us-east-1").describe_accelerator(AcceleratorArn=arn)["Accelerator"]["Name"], "global")


class RecoveryControlTest(unittest.TestCase):
    def test_control_plane_waiter_states_and_data_plane_through_the_cluster_endpoints(self) -> None:
        cc = client("route53-recovery-control-config")
        cluster = cc.create_cluster(ClusterName="edge", ClientToken="c")["Cluster"]
        self.assertEqual(cluster["Status"], "PENDING")
        self.assertEqual(cc.describe_cluster(ClusterArn=cluster["ClusterArn"])["Cluster"]["Status"], "DEPLOYED")
        self.assertEqual([e["Region"] for e in cluster["ClusterEndpoints"]], ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "ap-southeast-2"])
        self.assertTrue(all(e["Endpoint"].startswith(endpoint + "/") for e in cluster["ClusterEndpoints"]))
        default_panels = cc.list_control_panels(ClusterArn=cluster["ClusterArn"])["ControlPanels"]
        self.assertEqual([(p["Name"], p["DefaultControlPanel"]) for p in default_panels], [("DefaultControlPanel", True)])

        panel = cc.create_control_panel(ClusterArn=cluster["ClusterArn"], ControlPanelName="edge", ClientToken="p")["ControlPanel"]["ControlPanelArn"]
        controls = [
            cc.create_routing_control(ClusterArn=cluster["ClusterArn"], ControlPanelArn=panel, RoutingControlName=name, ClientToken=name)["RoutingControl"]["RoutingControlArn"]
            for name in ("primary", "secondary")
        ]
        self.assertTrue(controls[0].startswith(panel + "/routingcontrol/"))
        self.assertEqual(cc.describe_control_panel(ControlPanelArn=panel)["ControlPanel"]["RoutingControlCount"], 2)
        rule = cc.create_safety_rule(
            AssertionRule={"Name": "one-on", "ControlPanelArn": panel, "AssertedControls": controls, "WaitPeriodMs": 5000, "RuleConfig": {"Type": "ATLEAST", "Threshold": 1, "Inverted": False}},
            ClientToken="r",
        )["AssertionRule"]["SafetyRuleArn"]
        cc.update_safety_rule(AssertionRuleUpdate={"SafetyRuleArn": rule, "Name": "one-on-r2", "WaitPeriodMs": 10000})
        read = cc.describe_safety_rule(SafetyRuleArn=rule)["AssertionRule"]
        self.assertEqual((read["Name"], read["WaitPeriodMs"], read["Status"]), ("one-on-r2", 10000, "DEPLOYED"))

        # A failover script: read the endpoints from the cluster, then flip the controls through one.
        ep = cluster["ClusterEndpoints"][2]
        data = client("route53-recovery-cluster", ep["Region"], ep["Endpoint"])
        self.assertEqual({c["RoutingControlState"] for c in data.list_routing_controls(ControlPanelArn=panel)["RoutingControls"]}, {"Off"})
        data.update_routing_control_states(UpdateRoutingControlStateEntries=[{"RoutingControlArn": c, "RoutingControlState": "On"} for c in controls])
        data.update_routing_control_state(RoutingControlArn=controls[0], RoutingControlState="Off")
        # Turning the last one off breaks the rule, unless it is overridden.
        self.assertEqual(error_code(data.update_routing_control_state, RoutingControlArn=controls[1], RoutingControlState="Off"), "ConflictException")
        self.assertEqual(data.get_routing_control_state(RoutingControlArn=controls[1])["RoutingControlState"], "On")
        data.update_routing_control_state(RoutingControlArn=controls[1], RoutingControlState="Off", SafetyRulesToOverride=[rule])
        self.assertEqual(client("route53-recovery-cluster", "us-east-1", cluster["ClusterEndpoints"][0]["Endpoint"]).get_routing_control_state(RoutingControlArn=controls[1])["RoutingControlState"], "Off")

        # Deletion: each resource answers PENDING_DELETION once, then is gone (the provider's waiter).
        self.assertEqual(error_code(cc.delete_routing_control, RoutingControlArn=controls[0]), "ConflictException")
        cc.delete_safety_rule(SafetyRuleArn=rule)
        self.assertEqual(cc.describe_safety_rule(SafetyRuleArn=rule)["AssertionRule"]["Status"], "PENDING_DELETION")
        self.assertEqual(error_code(cc.describe_safety_rule, SafetyRuleArn=rule), "ResourceNotFoundException")
        self.assertEqual(error_code(cc.delete_cluster, ClusterArn=cluster["ClusterArn"]), "ConflictException")
        for control in controls:
            cc.delete_routing_control(RoutingControlArn=control)
        cc.delete_control_panel(ControlPanelArn=panel)
        cc.delete_cluster(ClusterArn=cluster["ClusterArn"])
        self.assertEqual(cc.describe_cluster(ClusterArn=cluster["ClusterArn"])["Cluster"]["Status"], "PENDING_DELETION")
        self.assertEqual(error_code(cc.describe_cluster, ClusterArn=cluster["ClusterArn"]), "ResourceNotFoundException")

    def test_gating_rule_blocks_its_targets_while_the_gate_is_off(self) -> None:
        cc = client("route53-recovery-control-config")
        cluster = cc.create_cluster(ClusterName="gate", ClientToken="g")["Cluster"]
        panel = cc.create_control_panel(ClusterArn=cluster["ClusterArn"], ControlPanelName="gate", ClientToken="gp")["ControlPanel"]["ControlPanelArn"]
        gate, target = (cc.create_routing_control(ClusterArn=cluster["ClusterArn"], ControlPanelArn=panel, RoutingControlName=n, ClientToken=n)["RoutingControl"]["RoutingControlArn"] for n in ("gate", "target"))
        cc.create_safety_rule(
            GatingRule={"Name": "gate", "ControlPanelArn": panel, "GatingControls": [gate], "TargetControls": [target], "WaitPeriodMs": 5000, "RuleConfig": {"Type": "AND", "Threshold": 1, "Inverted": False}},
            ClientToken="gr",
        )
        data = client("route53-recovery-cluster", "us-east-1", cluster["ClusterEndpoints"][0]["Endpoint"])
        self.assertEqual(error_code(data.update_routing_control_state, RoutingControlArn=target, RoutingControlState="On"), "ConflictException")
        data.update_routing_control_state(RoutingControlArn=gate, RoutingControlState="On")
        data.update_routing_control_state(RoutingControlArn=target, RoutingControlState="On")


class Route53HealthCheckTest(unittest.TestCase):
    def test_recovery_control_and_calculated_checks_read_back_as_aws_describes_them(self) -> None:
        r53 = client("route53", "us-east-1")
        control = f"arn:aws:route53-recovery-control::{ACCOUNT}:controlpanel/abc/routingcontrol/def"
        check = r53.create_health_check(CallerReference="rc", HealthCheckConfig={"Type": "RECOVERY_CONTROL", "RoutingControlArn": control})["HealthCheck"]
        config = r53.get_health_check(HealthCheckId=check["Id"])["HealthCheck"]["HealthCheckConfig"]
        self.assertEqual(config, {"Type": "RECOVERY_CONTROL", "RoutingControlArn": control, "Inverted": False, "Disabled": False})
        calculated = r53.create_health_check(CallerReference="calc", HealthCheckConfig={"Type": "CALCULATED", "HealthThreshold": 1, "ChildHealthChecks": [check["Id"]]})["HealthCheck"]
        # An update that sends only the threshold keeps the children (as the provider sends it).
        r53.update_health_check(HealthCheckId=calculated["Id"], HealthThreshold=2)
        config = r53.get_health_check(HealthCheckId=calculated["Id"])["HealthCheck"]["HealthCheckConfig"]
        self.assertEqual((config["HealthThreshold"], config["ChildHealthChecks"], config.get("Port")), (2, [check["Id"]], None))


CODE = b"function handler(event) { return event.request; }"


class CloudFrontTest(unittest.TestCase):
    def setUp(self) -> None:
        self.cf = client("cloudfront", "us-east-1")

    def test_function_stages_and_etags(self) -> None:
        created = self.cf.create_function(Name="viewer-request", FunctionConfig={"Comment": "c", "Runtime": "cloudfront-js-2.0"}, FunctionCode=CODE)
        self.assertEqual(created["FunctionSummary"]["FunctionMetadata"]["FunctionARN"], f"arn:aws:cloudfront::{ACCOUNT}:function/viewer-request")
        self.assertEqual(created["FunctionSummary"]["Status"], "UNPUBLISHED")
        self.assertEqual(error_code(self.cf.create_function, Name="viewer-request", FunctionConfig={"Comment": "", "Runtime": "cloudfront-js-2.0"}, FunctionCode=CODE), "FunctionAlreadyExists")
        got = self.cf.get_function(Name="viewer-request", Stage="DEVELOPMENT")
        self.assertEqual((got["FunctionCode"].read(), got["ETag"]), (CODE, created["ETag"]))
        self.assertEqual(error_code(self.cf.describe_function, Name="viewer-request", Stage="LIVE"), "NoSuchFunctionExists")

        self.assertEqual(error_code(self.cf.publish_function, Name="viewer-request", IfMatch="stale"), "PreconditionFailed")
        self.cf.publish_function(Name="viewer-request", IfMatch=created["ETag"])
        live = self.cf.describe_function(Name="viewer-request", Stage="LIVE")
        self.assertEqual(live["FunctionSummary"]["Status"], "UNASSOCIATED")

        updated = self.cf.update_function(Name="viewer-request", IfMatch=created["ETag"], FunctionConfig={"Comment": "r2", "Runtime": "cloudfront-js-2.0"}, FunctionCode=CODE + b"\n")
        self.assertNotEqual(updated["ETag"], created["ETag"])
        # LIVE keeps the published code until the next publish.
        self.assertEqual(self.cf.get_function(Name="viewer-request", Stage="LIVE")["FunctionCode"].read(), CODE)
        self.assertEqual(self.cf.describe_function(Name="viewer-request")["FunctionSummary"]["FunctionConfig"]["Comment"], "r2")
        self.assertEqual(error_code(self.cf.delete_function, Name="viewer-request", IfMatch=created["ETag"]), "PreconditionFailed")
        self.cf.delete_function(Name="viewer-request", IfMatch=updated["ETag"])
        self.assertEqual(error_code(self.cf.describe_function, Name="viewer-request"), "NoSuchFunctionExists")

    def test_response_headers_policy_round_trip(self) -> None:
        config = {
            "Name": "security-headers",
            "Comment": "c",
            "SecurityHeadersConfig": {
                "StrictTransportSecurity": {"Override": True, "IncludeSubdomains": True, "Preload": True, "AccessControlMaxAgeSec": 63072000},
                "FrameOptions": {"Override": True, "FrameOption": "DENY"},
                "ContentTypeOptions": {"Override": True},
            },
            "CustomHeadersConfig": {"Quantity": 1, "Items": [{"Header": "X-Edge", "Value": "1", "Override": True}]},
        }
        created = self.cf.create_response_headers_policy(ResponseHeadersPolicyConfig=config)
        policy_id = created["ResponseHeadersPolicy"]["Id"]
        self.assertEqual(self.cf.get_response_headers_policy(Id=policy_id)["ResponseHeadersPolicy"]["ResponseHeadersPolicyConfig"], config)
        self.assertEqual(error_code(self.cf.create_response_headers_policy, ResponseHeadersPolicyConfig=config), "ResponseHeadersPolicyAlreadyExists")
        changed = {**config, "SecurityHeadersConfig": {**config["SecurityHeadersConfig"], "FrameOptions": {"Override": True, "FrameOption": "SAMEORIGIN"}}}
        updated = self.cf.update_response_headers_policy(Id=policy_id, IfMatch=created["ETag"], ResponseHeadersPolicyConfig=changed)
        self.assertEqual(self.cf.get_response_headers_policy_config(Id=policy_id)["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]["FrameOptions"]["FrameOption"], "SAMEORIGIN")
        self.assertEqual(error_code(self.cf.delete_response_headers_policy, Id=policy_id, IfMatch=created["ETag"]), "PreconditionFailed")
        self.cf.delete_response_headers_policy(Id=policy_id, IfMatch=updated["ETag"])
        self.assertEqual(error_code(self.cf.get_response_headers_policy, Id=policy_id), "NoSuchResponseHeadersPolicy")

    def test_managed_cache_policy_by_id_and_by_name(self) -> None:
        policy = self.cf.get_cache_policy(Id="658327ea-f89d-4fab-a63d-7e88639e58f6")["CachePolicy"]["CachePolicyConfig"]
        self.assertEqual((policy["Name"], policy["MinTTL"], policy["DefaultTTL"], policy["MaxTTL"]), ("Managed-CachingOptimized", 1, 86400, 31536000))
        names = {p["CachePolicy"]["CachePolicyConfig"]["Name"]: p["CachePolicy"]["Id"] for p in self.cf.list_cache_policies(Type="managed")["CachePolicyList"]["Items"]}
        self.assertEqual(names["Managed-CachingOptimized"], "658327ea-f89d-4fab-a63d-7e88639e58f6")
        self.assertEqual(self.cf.list_cache_policies(Type="custom")["CachePolicyList"]["Quantity"], 0)
        self.assertEqual(error_code(self.cf.get_cache_policy, Id="00000000-0000-0000-0000-000000000000"), "NoSuchCachePolicy")

    def test_distribution_on_an_origin_group_reads_back_as_sent(self) -> None:
        function = self.cf.create_function(Name="dist-fn", FunctionConfig={"Comment": "", "Runtime": "cloudfront-js-2.0"}, FunctionCode=CODE)["FunctionSummary"]["FunctionMetadata"]["FunctionARN"]
        oac = self.cf.create_origin_access_control(OriginAccessControlConfig={"Name": "static", "SigningProtocol": "sigv4", "SigningBehavior": "always", "OriginAccessControlOriginType": "s3"})["OriginAccessControl"]["Id"]
        custom = {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"}
        associations = {"Quantity": 1, "Items": [{"FunctionARN": function, "EventType": "viewer-request"}]}
        config = {
            "CallerReference": "edge",
            "Comment": "edge",
            "Enabled": True,
            "Origins": {
                "Quantity": 3,
                "Items": [
                    {"Id": "primary", "DomainName": "primary.example.com", "CustomOriginConfig": custom},
                    {"Id": "secondary", "DomainName": "secondary.example.com", "CustomOriginConfig": custom},
                    {"Id": "static", "DomainName": "static.s3.us-east-1.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""}, "OriginAccessControlId": oac},
                ],
            },
            "OriginGroups": {
                "Quantity": 1,
                "Items": [{"Id": "regions", "FailoverCriteria": {"StatusCodes": {"Quantity": 2, "Items": [502, 503]}}, "Members": {"Quantity": 2, "Items": [{"OriginId": "primary"}, {"OriginId": "secondary"}]}}],
            },
            "DefaultCacheBehavior": {"TargetOriginId": "regions", "ViewerProtocolPolicy": "redirect-to-https", "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6", "FunctionAssociations": associations},
            "ViewerCertificate": {"CloudFrontDefaultCertificate": True},
        }
        distribution = self.cf.create_distribution(DistributionConfig=config)["Distribution"]
        read = self.cf.get_distribution_config(Id=distribution["Id"])["DistributionConfig"]
        self.assertEqual([o["Id"] for o in read["Origins"]["Items"]], ["primary", "secondary", "static"])
        self.assertEqual(read["Origins"]["Items"][2]["OriginAccessControlId"], oac)
        behaviour = read["DefaultCacheBehavior"]
        self.assertEqual((behaviour["TargetOriginId"], behaviour["FunctionAssociations"], "ForwardedValues" in behaviour), ("regions", associations, False))
        self.assertNotIn("SSLSupportMethod", read["ViewerCertificate"])
        # Neither an origin nor a group: still refused.
        unknown = {**config, "CallerReference": "unknown", "DefaultCacheBehavior": {**config["DefaultCacheBehavior"], "TargetOriginId": "nowhere"}}
        self.assertEqual(error_code(self.cf.create_distribution, DistributionConfig=unknown), "NoSuchOrigin")


if __name__ == "__main__":
    unittest.main()
